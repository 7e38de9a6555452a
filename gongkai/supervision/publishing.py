"""Supervision's one link to the catalog (through ``catalog/interface.py``, as the layer contract in
pyproject.toml allows this module alone):

- the evidence of a work-plan report: a unit's own published items, to choose from and to check
  a choice against, and what the report pages show of them (title, index number, still public?);
- a released bulletin: an information item of the portal's notices column under the district's
  disclosure office, with the bulletin as its body; the catalog's review, approval and
  publication follow, and whether the bulletin is public is asked of the catalog each time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from gongkai.catalog.interface import (
    ItemRef,
    draft_item,
    import_published_item,
    item_refs,
    published_items_of,
)
from gongkai.orgs.models import LeadingGroup, Organisation

BULLETIN_COLUMNS = ("tzgg", "gzdt")  # 通知公告, else 工作动态


def unit_items(unit: Organisation, *, query: str = "", limit: int = 50) -> list[ItemRef]:
    return published_items_of(unit, query=query, limit=limit)


def own_published(unit: Organisation, ids: Iterable[int]) -> dict[int, ItemRef]:
    """Those of ``ids`` that ``unit`` (or a unit under it) published and the public sees now."""
    ids = list(ids)
    return {ref.id: ref for ref in published_items_of(unit, ids=ids, limit=len(ids) or 1)}


def refs(district: Organisation, ids: Iterable[int]) -> dict[int, ItemRef]:
    return item_refs(district, ids)


def publisher(district: Organisation) -> Organisation:
    """The district's disclosure office (the leading group's office), which issues bulletins."""
    group = LeadingGroup.objects.filter(district=district).select_related("office").first()
    return group.office if group is not None and group.office_id else district


@dataclass(frozen=True)
class Publication:
    label: str
    is_public: bool
    item: ItemRef | None = None


def publication(bulletin) -> Publication:
    if not bulletin.item_id:
        return Publication(str(bulletin.get_state_display()), False, None)
    ref = item_refs(bulletin.district, [bulletin.item_id]).get(bulletin.item_id)
    if ref is None:
        return Publication(_("公开信息不存在"), False, None)
    if ref.is_public:
        return Publication(_("已公开"), True, ref)
    return Publication(_("发布审核中：%(state)s") % {"state": ref.state_label}, False, ref)


def draft_bulletin_item(bulletin, *, actor, body: str) -> ItemRef:
    version = draft_item(
        actor=actor,
        organisation=publisher(bulletin.district),
        column_slugs=BULLETIN_COLUMNS,
        title=bulletin.title,
        body=body,
        written_date=(bulletin.approved_at.date() if bulletin.approved_at else None),
    )
    return item_refs(bulletin.district, [version.item_id])[version.item_id]


def import_bulletin_item(bulletin, *, actor, body: str, published_at: dt.datetime) -> ItemRef:
    """A bulletin already issued (the demo's), as a published item."""
    return import_published_item(
        actor=actor,
        organisation=publisher(bulletin.district),
        column_slugs=BULLETIN_COLUMNS,
        title=bulletin.title,
        body=body,
        doc_number="",
        written_date=published_at.date(),
        published_at=published_at,
        source=f"督查通报 {bulletin.period}",
    )
