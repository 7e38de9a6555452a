"""The services app's one link to the catalog (through ``catalog/interface.py``): a released
guide version is published as an information item — the guide's elements as tables — drafted
under the item's implementing organisation in the 行政许可和服务 column; the catalog's review and
approval publish it. Whether a version is public is asked of the catalog every time, so a notice
withdrawn there takes the version off the portal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from gongkai.catalog.interface import ItemRef, draft_item, import_published_item, item_refs
from gongkai.lib import noticelink
from gongkai.orgs.models import Organisation
from gongkai.services import guides
from gongkai.services.models import GuideState, ServiceGuide

# 行政许可和服务 (第二十条第五项), else 其他.
NOTICE_COLUMNS = ("xzxk", "qt")


@dataclass(frozen=True)
class Publication:
    label: str
    is_public: bool
    notice: ItemRef | None = None


def publications(district: Organisation, versions: list[ServiceGuide]) -> dict[int, Publication]:
    """Each version's publication, asking the catalog once for all their notices."""
    refs = item_refs(district, noticelink.item_ids(versions))
    return noticelink.publications(
        versions,
        refs,
        Publication,
        is_draft=lambda v: v.state == GuideState.DRAFT,
        draft=_("草稿"),
        missing=_("公告不存在"),
        in_workflow=_("公告%(state)s"),
        draft_keeps_notice=False,
    )


def public_version_ids(district: Organisation) -> set[int]:
    """The district's released versions whose notice the public sees."""
    versions = list(
        ServiceGuide.objects.filter(
            item__district=district, state=GuideState.RELEASED, notice_item_id__isnull=False
        ).only("pk", "state", "notice_item_id")
    )
    return {pk for pk, p in publications(district, versions).items() if p.is_public}


def notice_title(guide: ServiceGuide) -> str:
    return _("%(name)s办事指南") % {"name": guide.item.name}


def notice_body(guide: ServiceGuide) -> str:
    return render_to_string(
        "services/notice_body.html",
        {
            "guide": guide,
            "item": guide.item,
            "materials": guides.material_rows(guide.materials),
            "legal_limit": guides.limit_text(guide.legal_limit_days),
            "promised_limit": guides.limit_text(guide.promised_limit_days),
        },
    )


def draft_notice(guide: ServiceGuide, *, actor) -> ItemRef:
    """The version's notice as a draft item of the item's implementing organisation (the catalog
    checks that ``actor`` may write one there)."""
    organisation = guide.item.organisation
    version = draft_item(
        actor=actor,
        organisation=organisation,
        column_slugs=NOTICE_COLUMNS,
        title=notice_title(guide),
        body=notice_body(guide),
        written_date=(guide.released_at or guide.created_at).date(),
    )
    return item_refs(organisation.district, [version.item_id])[version.item_id]


def import_notice(guide: ServiceGuide, *, actor, published_at: dt.datetime) -> ItemRef:
    """The notice of a guide the old site published, as a published item (``catalog.import``)."""
    return import_published_item(
        actor=actor,
        organisation=guide.item.organisation,
        column_slugs=NOTICE_COLUMNS,
        title=notice_title(guide),
        body=notice_body(guide),
        doc_number="",
        written_date=published_at.date(),
        published_at=published_at,
        source=_("办事指南 %(code)s") % {"code": guide.item.code},
    )
