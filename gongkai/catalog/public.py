"""Public reads of proactive disclosure: the one place that decides what a citizen may see.

Every portal page, feed, panel and the search page go through ``public_items``: an item is public
when it has a live version whose publication time has come, is not withdrawn, and belongs to the
district whose portal answers. A withdrawn item whose office chose to leave a notice
(``withdrawal_notice``) answers its old address with a tombstone instead of the content.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connections, router
from django.db.models import F, Q, QuerySet, Window
from django.db.models.functions import Coalesce, RowNumber
from django.http import Http404
from django.utils import timezone

from gongkai.catalog.models import Attachment, Column, Item, Topic, Version
from gongkai.lib.rows import Selected, split
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


# ``public_item_or_404`` reads an item page's rows with one precompiled statement (lib/rows.py).
_ITEM, _VERSION, _COLUMN, _ORG, _TOPIC = (
    Selected(Item, "i"),
    Selected(Version, "v"),
    Selected(Column, "c"),
    Selected(Organisation, "o"),
    Selected(Topic, "t"),
)
_PAGE_PARTS = (_ITEM, _VERSION, _COLUMN, _ORG, _TOPIC)
_PAGE_SQL: dict[str, str] = {}
_ATTACHMENT = Selected(Attachment, "a")
_EXPLAINER = Selected(Version, "x")
_ATTACHMENTS_SQL: dict[str, str] = {}
_EXPLAINING_SQL: dict[str, str] = {}


def _page_sql(using: str) -> str:
    """``public_items(district).filter(pk=…)`` with the item's version, column, organisation and
    topic, as the ORM would write it (a test holds the two to the same answers), and whether
    the version has attachments and the item interpretations."""
    sql = _PAGE_SQL.get(using)
    if sql is None:
        quote = connections[using].ops.quote_name

        def col(part: Selected, name: str) -> str:
            return part.column(name, using)

        sql = _PAGE_SQL[using] = (
            # Identifiers come from model metadata; values are parameters.
            f"SELECT {', '.join(part.columns(using) for part in _PAGE_PARTS)}"  # noqa: S608
            # Whether the live version has attachments and whether any version explains the item:
            # most items have neither, and their pages then need no further query.
            f", EXISTS (SELECT 1 FROM {quote(_ATTACHMENT.table)} a"
            f" WHERE {_ATTACHMENT.column('version', using)} = {col(_VERSION, 'id')})"
            f", EXISTS (SELECT 1 FROM {quote(_VERSION.table)} x"
            f" WHERE {_EXPLAINER.column('interprets', using)} = {col(_ITEM, 'id')})"
            f" FROM {quote(_ITEM.table)} i"
            f" INNER JOIN {quote(_VERSION.table)} v ON {col(_VERSION, 'id')} = {col(_ITEM, 'live')}"
            f" INNER JOIN {quote(_COLUMN.table)} c ON {col(_COLUMN, 'id')} = {col(_VERSION, 'column')}"
            f" INNER JOIN {quote(_ORG.table)} o ON {col(_ORG, 'id')} = {col(_ITEM, 'organisation')}"
            f" LEFT OUTER JOIN {quote(_TOPIC.table)} t ON {col(_TOPIC, 'id')} = {col(_VERSION, 'topic')}"
            f" WHERE {col(_ITEM, 'id')} = %s AND {col(_ITEM, 'district')} = %s"
            f" AND {col(_ITEM, 'withdrawn_at')} IS NULL AND {col(_VERSION, 'published_at')} <= %s"
        )
    return sql


def _public_item(district: Organisation, pk: int) -> Item | None:
    """The public item ``pk`` with its live version, column, organisation and topic, or None."""
    using = router.db_for_read(Item)
    connection = connections[using]
    low, high = connection.ops.integer_field_range(Item._meta.pk.get_internal_type())
    if not low <= pk <= high:
        return None  # as the ORM answers a lookup out of the column's range
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(_page_sql(using), [pk, district.pk, now])
        row = cursor.fetchone()
    if row is None:
        return None
    item_row, version_row, column_row, org_row, topic_row = split(row, _PAGE_PARTS)
    has_attachments, is_explained = row[-2:]
    item = _ITEM.build(item_row, using)
    version = _VERSION.build(version_row, using)
    version.column = _COLUMN.build(column_row, using)
    version.topic = _TOPIC.build(topic_row, using) if version.topic_id is not None else None
    version.item = item
    item.live = version
    item.organisation = _ORG.build(org_row, using)
    item.district = district
    item.has_attachments = bool(has_attachments)
    item.is_explained = bool(is_explained)
    return item


def public_item_or_404(district: Organisation | None, pk: int) -> Item | Tombstone:
    """The public item, a ``Tombstone`` if it was withdrawn with a notice, else ``Http404``.

    Drafts, scheduled items, items withdrawn without a notice and other districts' items are not
    found: the answer never tells whether such an item exists. The item comes with its live
    version, column, organisation and topic (every item page reads them), and two flags read in
    the same query: ``has_attachments`` (its live version has some) and ``is_explained`` (some
    version of another item names it as the policy it interprets; ``interpretations_of`` then
    says which of those are public).
    """
    if district is not None:
        item = _public_item(district, pk)
        if item is not None:
            return item
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


def public_attachments(version: Version) -> list[Attachment]:
    """The attachments of a public item's live version, in their order (one precompiled query)."""
    using = router.db_for_read(Attachment)
    sql = _ATTACHMENTS_SQL.get(using)
    if sql is None:
        quote = connections[using].ops.quote_name
        sql = _ATTACHMENTS_SQL[using] = (
            f"SELECT {_ATTACHMENT.columns(using)} FROM {quote(_ATTACHMENT.table)} a"  # noqa: S608
            f" WHERE {_ATTACHMENT.column('version', using)} = %s"
            f" ORDER BY {_ATTACHMENT.column('sort_order', using)}, {_ATTACHMENT.column('id', using)}"
        )
    with connections[using].cursor() as cursor:
        cursor.execute(sql, [version.pk])
        rows = cursor.fetchall()
    return [_ATTACHMENT.build(row, using) for row in rows]


def _explaining_sql(using: str) -> str:
    """The items whose versions (any, live or not) point at an item as the policy they explain."""
    sql = _EXPLAINING_SQL.get(using)
    if sql is None:
        quote = connections[using].ops.quote_name
        explaining = Selected(Version, "v")
        sql = _EXPLAINING_SQL[using] = (
            f"SELECT DISTINCT {explaining.column('item', using)} FROM {quote(explaining.table)} v"  # noqa: S608
            f" WHERE {explaining.column('interprets', using)} = %s"
        )
    return sql


def interpretations_of(district: Organisation | None, item: Item, limit: int = 20) -> list[Item]:
    """Public policy interpretations (政策解读) whose live version explains ``item``, newest first.

    The versions pointing at ``item`` come first, through their indexed foreign key; most items
    have none and cost that one query. (Asked in one query, a planner may walk the district's
    items newest first and check each, milliseconds on a district's catalog.)
    """
    using = router.db_for_read(Version)
    with connections[using].cursor() as cursor:
        cursor.execute(_explaining_sql(using), [item.pk])
        explaining = [row[0] for row in cursor.fetchall()]
    if not explaining:
        return []
    return list(public_items(district).filter(pk__in=explaining, live__interprets_id=item.pk)[:limit])


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
