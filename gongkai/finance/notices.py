"""The finance registry's one link to the catalog (through ``catalog/interface.py``): a disclosure
is published as an information item of its publishing organisation, in the district's 预算, 决算
or 三公经费 column, its tables and explanation as the item's body.

Whether a released disclosure is public, and since when, is asked here of the catalog every time:
the catalog is the one record of what the portal shows, so withdrawing the item takes the
disclosure off the portal and out of the figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.catalog.interface import ItemRef, draft_item, find_item, import_published_items, item_refs
from gongkai.finance.models import Disclosure, Kind, State
from gongkai.lib import noticelink
from gongkai.orgs.models import Organisation

# Where each kind goes: the district's own sub-column if it has one, else the parent column …
COLUMNS: dict[str, tuple[str, ...]] = {
    Kind.BUDGET: ("ys", "czyjs", "tzgg", "qt"),
    Kind.FINAL: ("js", "czyjs", "tzgg", "qt"),
    Kind.THREE_PUBLIC_BUDGET: ("sgjf", "czyjs", "tzgg", "qt"),
    Kind.THREE_PUBLIC_FINAL: ("sgjf", "czyjs", "tzgg", "qt"),
}


@dataclass(frozen=True)
class Publication:
    """Where a disclosure stands: 草稿, in the catalog's workflow, public (since when), withdrawn."""

    label: str
    is_public: bool
    item: ItemRef | None = None

    @property
    def published_on(self) -> dt.date | None:
        if not self.is_public or self.item is None or self.item.published_at is None:
            return None
        return timezone.localdate(self.item.published_at)


def publications(district: Organisation, disclosures: list[Disclosure]) -> dict[int, Publication]:
    """Each disclosure's publication, asking the catalog once for all their items."""
    refs = item_refs(district, noticelink.item_ids(disclosures, item_id=lambda d: d.item_id))
    return noticelink.publications(
        disclosures,
        refs,
        Publication,
        is_draft=lambda d: d.state == State.DRAFT,
        item_id=lambda d: d.item_id,
        draft=_("未提交发布"),
        missing=_("信息不存在"),
        in_workflow=_("信息%(state)s"),
    )


def body(disclosure: Disclosure, records=None) -> str:
    """The item's body: the key figures, the explanation and every table (``rendering.py``);
    ``records``: the disclosure's tables when the caller holds them already."""
    from gongkai.finance.figures import key_figures, sections_of, tables_of
    from gongkai.finance.rendering import body_html

    entries = tables_of(disclosure, records)
    return body_html(disclosure, entries, key_figures(disclosure, entries), sections_of(disclosure))


def draft(disclosure: Disclosure, *, actor) -> ItemRef:
    """The disclosure as a draft item of its publishing organisation (the catalog checks that
    ``actor`` may write one there)."""
    version = draft_item(
        actor=actor,
        organisation=disclosure.organisation,
        column_slugs=COLUMNS[disclosure.kind],
        title=disclosure.title,
        body=body(disclosure),
        written_date=disclosure.approved_on,
    )
    return item_refs(disclosure.district, [version.item_id])[version.item_id]


def import_published(
    district: Organisation, published: list[tuple[Disclosure, dt.datetime, list]], *, actor
) -> list[ItemRef]:
    """Disclosures the old site published, each ``(disclosure, published_at, its tables)``, brought
    in as published items in one import (``catalog.import``; None: the demo, at the server)."""
    records = [
        {
            "organisation": d.organisation,
            "column_slugs": COLUMNS[d.kind],
            "title": d.title,
            "body": body(d, records),
            "written_date": d.approved_on or at.date(),
            "published_at": at,
        }
        for d, at, records in published
    ]
    return import_published_items(actor=actor, district=district, records=records, source="预决算公开")


def find(district: Organisation, index_no: str) -> ItemRef | None:
    return find_item(district, index_no)
