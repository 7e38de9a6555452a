"""Publicity's one link to the catalog (through ``catalog/interface.py``, the layer contract's one
interface between domain apps): each list or notice is published as an information item.

Releasing a list drafts its notice (公示公告) in the catalog under the publishing organisation:
the statement, the period, the summary table (households, people, amount per town and in all) and
the address of the list's own page, where the masked names are shown as a paged table while the
period runs. The names are not copied into the item: the item stays as the record that the list
was published, and the names leave the portal with the period. A notice's item carries its facts
as a table. Review, approval and publication are the catalog's; whether a release is public is
asked of the catalog every time, so withdrawing the item takes the list off the portal too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.catalog.interface import (
    ItemRef,
    draft_document,
    draft_item,
    find_item,
    import_published_item,
    item_refs,
)
from gongkai.lib import noticelink
from gongkai.orgs.models import Organisation
from gongkai.publicity.kinds import spec
from gongkai.publicity.models import Publicity, PublicRow, State

__all__ = ["ItemRef", "Publication", "draft_notice", "find_notice", "import_notice", "item_refs", "publications"]


@dataclass(frozen=True)
class Publication:
    """Where a release stands: 草稿, in the catalog's workflow, public, or withdrawn."""

    label: str
    is_public: bool
    notice: ItemRef | None = None


def publications(district: Organisation, publicities: list[Publicity]) -> dict[int, Publication]:
    """Each publicity's publication, asking the catalog once for all their items."""
    refs = item_refs(district, noticelink.item_ids(publicities))
    return noticelink.publications(
        publicities,
        refs,
        Publication,
        is_draft=lambda p: p.state == State.DRAFT,
        draft=_("草稿"),
        missing=_("公告不存在"),
        in_workflow=_("公告%(state)s"),
    )


def summary(publicity: Publicity) -> dict:
    """Households, people and amount of the projection, in all and per town (the notice's table)."""
    rows = PublicRow.objects.filter(publicity=publicity)
    total = rows.aggregate(households=Count("pk"), people=Sum("people"), amount=Sum("amount"))
    towns = list(
        rows.order_by()
        .values("town")
        .annotate(households=Count("pk"), people=Sum("people"), amount=Sum("amount"))
        .order_by("town")
    )
    for row in [total, *towns]:
        row["amount"] = cents(row["amount"])
    return {"total": total, "towns": towns}


def cents(value) -> Decimal | None:
    """A summed amount to the cent (SQLite sums decimals as floats)."""
    return None if value is None else Decimal(value).quantize(Decimal("0.01"))


def notice_body(publicity: Publicity) -> str:
    """The item's text, made from the masked projection only."""
    return render_to_string(
        "publicity/notice_body.html",
        {
            "publicity": publicity,
            "spec": spec(publicity.kind),
            "summary": summary(publicity) if publicity.is_list else None,
            "facts": publicity.public_facts,
            "list_url": reverse("publicity:detail", args=[publicity.pk]),
        },
    )


def draft_notice(publicity: Publicity, *, actor) -> ItemRef:
    """The notice as a draft item of the publishing organisation (the catalog checks that
    ``actor`` may write one there)."""
    organisation = publicity.organisation
    columns = spec(publicity.kind).columns
    written = dt.date(publicity.year, publicity.month or 1, 1) if publicity.year else None
    if publicity.doc_number:
        return draft_document(
            actor=actor,
            organisation=organisation,
            column_slugs=columns,
            title=publicity.title,
            body=notice_body(publicity),
            doc_number=publicity.doc_number,
            written_date=written,
        )
    version = draft_item(
        actor=actor,
        organisation=organisation,
        column_slugs=columns,
        title=publicity.title,
        body=notice_body(publicity),
        written_date=written,
    )
    return item_refs(organisation.district, [version.item_id])[version.item_id]


def import_notice(publicity: Publicity, *, actor, published_at: dt.datetime) -> ItemRef:
    """The notice of a list the old site published, as a published item (``catalog.import``)."""
    return import_published_item(
        actor=actor,
        organisation=publicity.organisation,
        column_slugs=spec(publicity.kind).columns,
        title=publicity.title,
        body=notice_body(publicity),
        doc_number=publicity.doc_number,
        written_date=timezone.localdate(published_at),
        published_at=published_at,
        source=f"公示公告 {publicity.title}",
    )


def find_notice(district: Organisation, index_no: str) -> ItemRef | None:
    return find_item(district, index_no)
