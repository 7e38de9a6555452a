"""What other domain apps may ask of the catalog, and nothing more: the small interface that the
layer contract names (pyproject.toml, ``[tool.importlinter]``). Domain apps never import each other
otherwise.

- ``draft_item``: put a document (a hotline bulletin, say) on the publication workflow as a draft
  information item; review, approval and publication then follow the catalog's own rules.
- ``draft_document``: the same for an official document with its 文号 (a power-list notice).
- ``import_published_item``: an item the old site already published, brought in with its date
  (legacy records, the demo); the catalog's import permission.
- ``item_refs`` and ``find_item``: what another app may show of items it drafted or links to —
  index number, title, whether the public sees it now, and where.
- ``published_items_of``: an organisation's items the public sees now (supervision's work plan:
  the evidence a unit cites, chosen from its own published items).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.urls import reverse

from gongkai.catalog import actions
from gongkai.catalog.models import Column, DocKind, Item, State, Version
from gongkai.catalog.public import public_items
from gongkai.orgs.models import Organisation


def draft_item(
    *,
    actor,
    organisation: Organisation,
    column_slugs: Sequence[str],
    title: str,
    body: str,
    written_date: dt.date | None = None,
) -> Version:
    """A draft item of ``organisation`` in the first of ``column_slugs`` the district has.

    ``actor`` needs ``item.edit`` for ``organisation`` (checked by the catalog's action)."""
    columns = {c.slug: c for c in Column.objects.filter(district_id=organisation.district_id, slug__in=column_slugs)}
    column = next((columns[slug] for slug in column_slugs if slug in columns), None)
    if column is None:
        names = "、".join(column_slugs)
        raise ValidationError(f"本区没有可用的栏目（{names}）。")
    return actions.create_item(
        actor=actor, organisation=organisation, column=column, title=title, body=body, written_date=written_date
    )


def _column_of(organisation: Organisation, column_slugs: Sequence[str]) -> Column:
    """The first of ``column_slugs`` the organisation's district has."""
    columns = {
        c.slug: c for c in Column.objects.filter(district_id=organisation.district_id, slug__in=column_slugs)
    }
    column = next((columns[slug] for slug in column_slugs if slug in columns), None)
    if column is None:
        names = "、".join(column_slugs)
        raise ValidationError(f"本区没有可用的栏目（{names}）。")
    return column


@dataclass(frozen=True)
class ItemRef:
    """What another app may show of an item: its index number and title, whether the public sees
    it now (``public.public_items``), its state in words (草稿, 待保密审查 …, 已发布, 已撤回), and
    its addresses on the portal and in the workbench."""

    id: int
    index_no: str
    title: str
    is_public: bool
    state_label: str
    published_at: dt.datetime | None
    public_url: str
    staff_url: str


def item_refs(district: Organisation, item_ids: Iterable[int]) -> dict[int, ItemRef]:
    """The district's items among ``item_ids`` (unknown ones left out), in two queries."""
    ids = {int(pk) for pk in item_ids if pk}
    if not ids:
        return {}
    newest = Version.objects.filter(item=OuterRef("pk")).order_by("-number")
    items = Item.objects.filter(district=district, pk__in=ids).annotate(
        newest_pk=Subquery(newest.values("pk")[:1]),
        newest_state=Subquery(newest.values("state")[:1]),
        newest_title=Subquery(newest.values("title")[:1]),
    )
    public = set(public_items(district).filter(pk__in=ids).values_list("pk", flat=True))
    states = dict(State.choices)
    refs = {}
    for item in items:
        if item.withdrawn_at is not None:
            label = "已撤回"
        else:
            label = str(states.get(item.newest_state, item.newest_state or ""))
        refs[item.pk] = ItemRef(
            id=item.pk,
            index_no=item.index_no,
            title=item.newest_title or "",
            is_public=item.pk in public,
            state_label=label,
            published_at=item.first_published_at,
            public_url=reverse("catalog:item", args=[item.pk]),
            staff_url=reverse("catalog_staff:version", args=[item.newest_pk]) if item.newest_pk else "",
        )
    return refs


def find_item(district: Organisation, index_no: str) -> ItemRef | None:
    """The district's item with this index number, if there is one."""
    pk = (
        Item.objects.filter(district=district, index_no=index_no.strip()).values_list("pk", flat=True).first()
    )
    return item_refs(district, [pk]).get(pk) if pk else None


def draft_document(
    *,
    actor,
    organisation: Organisation,
    column_slugs: Sequence[str],
    title: str,
    body: str,
    doc_number: str,
    written_date: dt.date | None = None,
) -> ItemRef:
    """As ``draft_item``, for an official document with its 文号 (其他文件)."""
    version = actions.create_item(
        actor=actor,
        organisation=organisation,
        column=_column_of(organisation, column_slugs),
        title=title,
        body=body,
        doc_number=doc_number,
        doc_kind=DocKind.OTHER_DOCUMENT,
        written_date=written_date,
    )
    return item_refs(organisation.district, [version.item_id])[version.item_id]


def import_published_item(
    *,
    actor,
    organisation: Organisation,
    column_slugs: Sequence[str],
    title: str,
    body: str,
    doc_number: str,
    written_date: dt.date,
    published_at: dt.datetime,
    source: str = "",
) -> ItemRef:
    """An official document the old site published at ``published_at``, imported as published
    (the catalog's bulk import, one row). ``actor`` needs ``catalog.import`` for the district;
    None is a command or the demo, run at the server."""
    district = organisation.district
    record = {
        "organisation": organisation,
        "column": _column_of(organisation, column_slugs),
        "title": title,
        "body": body,
        "doc_number": doc_number,
        "doc_kind": DocKind.OTHER_DOCUMENT,
        "written_date": written_date,
        "published_at": published_at,
    }
    (item,) = actions.import_items([record], district, actor=actor, source=source or doc_number)
    return item_refs(district, [item.pk])[item.pk]


def import_published_items(
    *, actor, district: Organisation, records: Sequence[dict], source: str = ""
) -> list[ItemRef]:
    """Many items the old site published, imported as published in one transaction (as
    ``import_published_item``, one per record: ``organisation``, ``column_slugs``, ``title``,
    ``body``, ``written_date``, ``published_at``, optional ``doc_number``): a registry's history
    of hundreds of notices in one call. ``actor`` needs ``catalog.import``; None is the server."""
    rows = [
        {
            "organisation": rec["organisation"],
            "column": _column_of(rec["organisation"], rec["column_slugs"]),
            "title": rec["title"],
            "body": rec["body"],
            "doc_number": rec.get("doc_number", ""),
            "doc_kind": DocKind.OTHER_DOCUMENT,
            "written_date": rec["written_date"],
            "published_at": rec["published_at"],
        }
        for rec in records
    ]
    items = actions.import_items(rows, district, actor=actor, source=source)
    refs = item_refs(district, [item.pk for item in items])
    return [refs[item.pk] for item in items]


def published_items_of(
    organisation: Organisation, *, ids: Iterable[int] | None = None, query: str = "", limit: int = 50
) -> list[ItemRef]:
    """The items the public sees now that ``organisation`` (or a unit under it) published, newest
    first: what a unit may cite as the evidence of its own work (the work plan's progress reports).
    ``ids`` narrows to those items (to check a choice); ``query`` to titles containing it."""
    from gongkai.orgs.models import with_descendants

    district = organisation.district
    items = public_items(district).filter(organisation_id__in=with_descendants({organisation.pk}))
    if ids is not None:
        items = items.filter(pk__in={int(pk) for pk in ids})
    if query.strip():
        items = items.filter(live__title__icontains=query.strip())
    found = list(items.values_list("pk", flat=True)[:limit])
    refs = item_refs(district, found)
    return [refs[pk] for pk in found if pk in refs]
