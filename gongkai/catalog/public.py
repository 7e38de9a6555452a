"""Public reads of proactive disclosure: the one place that decides what a citizen may see.

Every portal page, feed, panel and the search page go through ``public_items``: an item is public
when it has a live version whose publication time has come, is not withdrawn, and belongs to the
district whose portal answers. A withdrawn item whose office chose to leave a notice
(``withdrawal_notice``) answers its old address with a tombstone instead of the content.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet, Window
from django.db.models.functions import Coalesce, RowNumber
from django.http import Http404
from django.utils import timezone

from gongkai.catalog.models import Column, Item
from gongkai.orgs.models import Organisation


def public_items(district: Organisation | None, *, now: dt.datetime | None = None) -> QuerySet[Item]:
    """The district's items the public may see, newest first, with what list pages show."""
    if district is None:
        return Item.objects.none()
    return (
        Item.objects.filter(
            district=district,
            live__isnull=False,
            withdrawn_at__isnull=True,
            live__published_at__lte=now or timezone.now(),
        )
        .select_related("live", "live__column", "organisation")
        .order_by("-first_published_at", "-id")
    )


@dataclass(frozen=True)
class Tombstone:
    """What the old address of an item withdrawn with a public notice may still say."""

    pk: int
    index_no: str
    withdrawn_at: dt.datetime
    reason: str


def public_item_or_404(district: Organisation | None, pk: int) -> Item | Tombstone:
    """The public item, a ``Tombstone`` if it was withdrawn with a notice, else ``Http404``.

    Drafts, scheduled items, items withdrawn without a notice and other districts' items are not
    found: the answer never tells whether such an item exists.
    """
    item = public_items(district).select_related("live__column__parent", "live__topic").filter(pk=pk).first()
    if item is not None:
        return item
    if district is not None:
        gone = (
            Item.objects.filter(
                district=district,
                pk=pk,
                live__isnull=False,
                first_published_at__isnull=False,
                withdrawn_at__isnull=False,
                withdrawal_notice=True,
            )
            .values("pk", "index_no", "withdrawn_at", "withdrawn_reason")
            .first()
        )
        if gone is not None:
            return Tombstone(gone["pk"], gone["index_no"], gone["withdrawn_at"], gone["withdrawn_reason"])
    raise Http404


def public_columns(district: Organisation | None) -> list[Column]:
    """The district's active columns in their configured order (one query)."""
    if district is None:
        return []
    return list(Column.objects.filter(district=district, is_active=True).order_by("sort_order", "id"))


def column_or_404(district: Organisation | None, slug: str) -> Column:
    column = (
        Column.objects.filter(district=district, slug=slug, is_active=True)
        .select_related("parent", "district")
        .first()
        if district is not None
        else None
    )
    if column is None or (column.parent_id and not column.parent.is_active):
        raise Http404
    return column


def subtree_ids(column: Column, columns: list[Column]) -> list[int]:
    """``column`` and every active column below it, from an already loaded column list."""
    children: dict[int | None, list[int]] = {}
    for c in columns:
        children.setdefault(c.parent_id, []).append(c.pk)
    ids, frontier = [column.pk], [column.pk]
    while frontier:
        frontier = [child for pk in frontier for child in children.get(pk, [])]
        ids.extend(frontier)
    return ids


def items_in_column(district: Organisation | None, column: Column, columns: list[Column]) -> QuerySet[Item]:
    return public_items(district).filter(live__column_id__in=subtree_ids(column, columns))


def interpretations_of(district: Organisation | None, item: Item) -> QuerySet[Item]:
    """Public policy interpretations (政策解读) whose live version explains ``item``."""
    return public_items(district).filter(live__interprets_id=item.pk)


def _top_home_column(level: int) -> Q:
    """The item's column ``level`` steps up is a top-level, active column shown on the home page."""
    path = "live__column" + "__parent" * level
    return Q(**{f"{path}__parent__isnull": True, f"{path}__show_on_home": True, f"{path}__is_active": True})


def latest_on_home(district: Organisation | None, per_column: int = 6) -> list[tuple[Column, list[Item]]]:
    """The newest public items of each home-page column (top-level, ``show_on_home``) and its
    sub-columns, in one query whatever the number of columns or items.

    A window function numbers the items within each top-level column (columns are at most three
    levels deep) and only the ids of the first ``per_column`` are kept: ranking bare ids is cheap,
    ranking whole rows (bodies included) is not. Works on SQLite and PostgreSQL alike. Columns
    without public items are left out.
    """
    top = Coalesce("live__column__parent__parent_id", "live__column__parent_id", "live__column_id")
    ranked = (
        public_items(district)
        .filter(_top_home_column(0) | _top_home_column(1) | _top_home_column(2))
        .annotate(
            rank=Window(
                RowNumber(), partition_by=[top], order_by=[F("first_published_at").desc(), F("id").desc()]
            )
        )
        .filter(rank__lte=per_column)
        .values("pk")
    )
    items = public_items(district).select_related("live__column__parent__parent").filter(pk__in=ranked)
    by_column: dict[int, tuple[Column, list[Item]]] = {}
    for item in items:  # newest first
        column = item.live.column
        while column.parent_id is not None:
            column = column.parent
        by_column.setdefault(column.pk, (column, []))[1].append(item)
    return sorted(by_column.values(), key=lambda entry: (entry[0].sort_order, entry[0].pk))
