"""The registry's one link to the catalog (through ``catalog/interface.py``): a batch of decisions
is published as one information item of the organisation that made them.

Why a batch, not one item per decision: district portals publish 双公示 the way departments work —
a department collects the week's decisions and puts out "XX局行政许可信息公示（2018年第12期）" in
the 行政许可和服务 (or 行政处罚和强制) column, with the decisions as its table — and every item goes
through confidentiality review and the leader's approval: a hundred reviews a week for a hundred
licences would stall the deadline the batch exists to meet. Each decision also has its own page
in the 双公示 column (``xxgk/sgs/``), which shows the index number of the item that published it.

Whether a batch is public is asked of the catalog every time; withdrawing the item in the
catalog takes its decisions off the portal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.catalog.interface import ItemRef, draft_item, import_published_items, item_refs
from gongkai.decisions import view
from gongkai.decisions.models import Batch, BatchGroup, Decision
from gongkai.lib import noticelink
from gongkai.orgs.models import Organisation

COLUMNS = {
    BatchGroup.LICENSING: ("xzxk", "tzgg", "gzdt"),
    BatchGroup.PENALTY: ("xzcf", "tzgg", "gzdt"),
}


@dataclass(frozen=True)
class Publication:
    """Where a batch stands in the catalog: in its workflow, public, or withdrawn."""

    label: str
    is_public: bool
    notice: ItemRef | None = None

    @property
    def published_on(self) -> dt.date | None:
        if self.notice is None or self.notice.published_at is None:
            return None
        return timezone.localtime(self.notice.published_at).date()


def publications(district: Organisation, batches: list[Batch]) -> dict[int, Publication]:
    """Each batch's publication, asking the catalog once for all their items."""
    refs = item_refs(district, noticelink.item_ids(batches))
    return noticelink.publications(batches, refs, Publication, missing=_("公开信息不存在"), in_workflow="%(state)s")


def public_batches(district: Organisation) -> dict[int, Publication]:
    """The district's batches whose item the public sees, with their publication."""
    batches = list(
        Batch.objects.filter(district=district, notice_item_id__isnull=False).only("pk", "notice_item_id")
    )
    return {pk: p for pk, p in publications(district, batches).items() if p.is_public}


def title(organisation: Organisation, group: str, day: dt.date) -> str:
    serial = (
        Batch.objects.filter(organisation=organisation, group=group, released_at__year=day.year).count() + 1
    )
    return _("%(org)s%(group)s信息公示（%(year)s年第%(n)s期）") % {
        "org": organisation.name,
        "group": BatchGroup(group).label,
        "year": day.year,
        "n": serial,
    }


def body(batch: Batch, decisions: list[Decision]) -> str:
    """The item's text: the decisions as a table, as the public may read them (``view.py``)."""
    return render_to_string(
        "decisions/notice_body.html",
        {
            "batch": batch,
            "rows": [(d, view.party_name(d), view.party_code(d)) for d in decisions],
            "first": min(d.decided_on for d in decisions),
            "last": max(d.decided_on for d in decisions),
            "penalty": batch.group == BatchGroup.PENALTY,
        },
    )


def draft_notice(batch: Batch, decisions: list[Decision], *, actor) -> ItemRef:
    """The batch as a draft item of its organisation (the catalog checks ``actor`` may write it)."""
    version = draft_item(
        actor=actor,
        organisation=batch.organisation,
        column_slugs=COLUMNS[batch.group],
        title=batch.title,
        body=body(batch, decisions),
        written_date=timezone.localdate(),
    )
    return item_refs(batch.organisation.district, [version.item_id])[version.item_id]


def import_notices(
    district: Organisation, batches: list[tuple[Batch, list[Decision], dt.datetime]]
) -> list[ItemRef]:
    """Batches the old site published, each at its moment, imported as published in one call (the demo)."""
    return import_published_items(
        actor=None,
        district=district,
        records=[
            {
                "organisation": batch.organisation,
                "column_slugs": COLUMNS[batch.group],
                "title": batch.title,
                "body": body(batch, decisions),
                "written_date": timezone.localtime(published_at).date(),
                "published_at": published_at,
            }
            for batch, decisions, published_at in batches
        ],
        source="双公示",
    )
