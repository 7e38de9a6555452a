"""Portal search over published items: every item containing every query word, ranked over all
matches, the same on SQLite and PostgreSQL.

A query is split on whitespace into terms; an item matches when its text (title, document number,
index number, keywords, summary, body) contains each term as a substring — whatever jieba made of
the surrounding words (see gongkai.catalog.search_text). Two engines behind SEARCH_ENGINE:

- ``tantivy`` (default; gongkai.catalog.search_tantivy): an embedded index, exact counts, BM25 over
  every match with the title weighted, whole-word matches a tier above substring-only ones, terms
  found in most of the district's items used as filters only, ties by date; or newest first.
- ``database`` (gongkai.catalog.search_database): the database's full-text index, for web servers
  on several machines; counts up to COUNT_CAP, coarser ranking (its docstring lists the limits).

SearchEntry is the transactional record of what is public (written with the publishing, correction
or withdrawal); the tantivy index follows it through the SearchChange outbox within a moment of the
commit (``apply_changes``), and ``manage.py search_index check`` proves it.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from gongkai.catalog import search_database, search_text
from gongkai.catalog.models import Column, Item, SearchChange, SearchEntry, SearchQuery
from gongkai.catalog.sanitize import plain_text
from gongkai.lib.segment import normalise
from gongkai.personal import masking
from gongkai.personal.deidentify import deidentify

log = logging.getLogger(__name__)

# The database engine counts up to here; the tantivy engine counts exactly.
COUNT_CAP = search_database.COUNT_CAP
SORTS = ("relevance", "date")


def _tantivy() -> bool:
    return settings.SEARCH_ENGINE == "tantivy"


# ---- the record: SearchEntry, and the outbox ----


def entry_fields(item: Item, version) -> dict:
    """The SearchEntry columns for ``item`` with ``version`` live."""
    title_line = " ".join(filter(None, [version.title, version.doc_number, item.index_no]))
    extra_line = " ".join(filter(None, [version.keywords, version.summary]))
    text = search_text.entry_text(title_line, extra_line, plain_text(version.body))
    published = item.first_published_at or version.published_at
    fields = {
        "district_id": item.district_id,
        "organisation_id": item.organisation_id,
        "column_id": version.column_id,
        "year": published.year,
        "published_at": published,
        "text": text,
        "title_tokens": "",
        "body_tokens": "",
    }
    if not _tantivy():
        title, rest = search_text.split_entry_text(text)
        fields["title_tokens"] = search_text.database_tokens(title)
        fields["body_tokens"] = search_text.database_tokens(rest)
    return fields


def index_item(item: Item) -> None:
    """Put the item's live version into the index (or take it out if it is not public)."""
    if not item.is_public:
        unindex_item(item)
        return
    SearchEntry.objects.update_or_create(item=item, defaults=entry_fields(item, item.live))
    changed([item.pk])


def unindex_item(item: Item) -> None:
    SearchEntry.objects.filter(item_id=item.pk).delete()
    changed([item.pk])


def changed(item_ids: list[int]) -> None:
    """Record that these items' entries changed; the tantivy index follows after the commit."""
    if not _tantivy() or not item_ids:
        return
    SearchChange.objects.bulk_create([SearchChange(item_id=pk) for pk in item_ids], batch_size=1000)
    transaction.on_commit(apply_soon, robust=True)


def changes_applied(change_ids: list[int]) -> None:
    """Delete the outbox rows the index writer has applied — only those it read: a change committed
    meanwhile stays for the next round."""
    SearchChange.objects.filter(pk__in=change_ids).delete()


def apply_soon() -> None:
    """Apply the outbox in this process if the writer is free, else leave it to the task queue."""
    from gongkai.catalog import search_tantivy

    if search_tantivy.apply_changes() is None:
        from gongkai.catalog.search_tasks import apply_search_changes

        apply_search_changes.enqueue()


def apply_changes(*, wait: float = 0.0) -> int | None:
    from gongkai.catalog import search_tantivy

    return search_tantivy.apply_changes(wait=wait)


def rebuild_index(district=None, progress=None, *, batch: int = 1000) -> int:
    """Recompute every search entry (of ``district``, or of all) from the catalog and rebuild the
    engine's index from them; the number of public items indexed. ``progress`` (a callable, or
    anything with ``update``) is told how many items each batch held."""
    tick = getattr(progress, "update", progress)
    items = Item.objects.all() if district is None else Item.objects.filter(district=district)
    ids = list(items.order_by("pk").values_list("pk", flat=True))

    def batches():
        for start in range(0, len(ids), batch):
            chunk = ids[start : start + batch]
            found = Item.objects.filter(pk__in=chunk).select_related("live").order_by("pk")
            entries = [
                SearchEntry(item_id=item.pk, **entry_fields(item, item.live)) for item in found if item.is_public
            ]
            with transaction.atomic():
                SearchEntry.objects.filter(item_id__in=chunk).delete()
                SearchEntry.objects.bulk_create(entries)
            if tick:
                tick(len(chunk))
            yield entries

    if not _tantivy():
        return sum(len(entries) for entries in batches())
    from gongkai.catalog import search_tantivy

    return search_tantivy.rebuild(batches(), district_id=getattr(district, "pk", None))


def check_index(district=None) -> dict[str, list[int]]:
    """What the index misses or holds wrongly: public items without an entry, entries of items that
    are not public, and (tantivy) entries missing from the index, index documents without an
    entry, and items indexed twice."""
    items = Item.objects.all() if district is None else Item.objects.filter(district=district)
    public = set(items.filter(live__isnull=False, withdrawn_at__isnull=True).values_list("pk", flat=True))
    entries_qs = SearchEntry.objects.all() if district is None else SearchEntry.objects.filter(district=district)
    entries = set(entries_qs.values_list("item_id", flat=True))
    report = {
        "no_entry": sorted(public - entries),
        "entry_not_public": sorted(entries - public),
        "not_in_index": [],
        "not_entry": [],
        "twice": [],
    }
    if _tantivy():
        from collections import Counter

        from gongkai.catalog import search_tantivy

        apply_changes(wait=5.0)
        counts = Counter(search_tantivy.indexed_ids(getattr(district, "pk", None)))
        report["not_in_index"] = sorted(entries - counts.keys())
        report["not_entry"] = sorted(counts.keys() - entries)
        report["twice"] = sorted(pk for pk, n in counts.items() if n > 1)
    return report


def fix_index(report: dict[str, list[int]]) -> None:
    """Repair what ``check_index`` found."""
    stale = set(report["no_entry"]) | set(report["entry_not_public"])
    for item in Item.objects.filter(pk__in=stale).select_related("live"):
        index_item(item)
    gone = set(report["entry_not_public"]) - set(Item.objects.filter(pk__in=stale).values_list("pk", flat=True))
    SearchEntry.objects.filter(item_id__in=gone).delete()
    changed(sorted(gone | set(report["not_in_index"]) | set(report["not_entry"]) | set(report["twice"])))
    if _tantivy():
        apply_changes(wait=30.0)


# ---- searching ----


@dataclass
class Hit:
    item: Item
    score: float
    snippet: str
    title_html: str


@dataclass
class Results:
    query: str
    total: int
    hits: list[Hit]
    more: bool = False  # True when ``total`` is the cap (COUNT_CAP) and there are more matches


# A run of six or more digits (an ID number may end in X) is personal-looking: an ID number, a
# mobile phone, a bank account or some other number a citizen may have typed about themself.
_PERSONAL = re.compile(r"(?<![\dXx])\d{6,}(?:[Xx](?![\dXx]))?")
_MOBILE = re.compile(r"1[3-9]\d{9}")


def _mask_number(run: str) -> str:
    if len(run) in (15, 18) and (run[:-1].isdigit()):
        return masking.mask_id_number(run)
    if _MOBILE.fullmatch(run):
        return masking.mask_phone(run)
    if 16 <= len(run) <= 19:
        return masking.mask_bank_account(run)
    return masking.mask_middle(run, 2, 2)


def mask_numbers(text: str) -> str:
    """``text`` as the public may read it: gongkai.personal's de-identifier (ID numbers, phones
    however written, accounts, QQ and WeChat IDs, plates, names after a word that introduces a
    person), then any other run of six or more digits at least half masked — a query is short and
    a bare number in it is most likely the citizen's own. Masked text is left as it is."""
    return _PERSONAL.sub(lambda m: _mask_number(m.group()), deidentify(text))


def log_query(district, query: str, total: int, *, filtered: bool) -> None:
    """Record what citizens look for; personal-looking numbers (ID, phone numbers) are masked."""
    masked = mask_numbers(query.strip())[:200]
    if masked:
        SearchQuery.objects.create(district=district, query=masked, results=total, filtered=filtered)


def _terms(query: str) -> list[str]:
    """The query's terms, normalised as the index is, each once, at most ten."""
    return list(dict.fromkeys(normalise(query).split()))[:10]


def _column_ids(column: Column) -> list[int]:
    ids, frontier = [column.pk], [column.pk]
    while frontier:
        frontier = list(Column.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids.extend(frontier)
    return ids


def ranked_ids(
    query: str,
    *,
    district,
    column: Column | None = None,
    organisation_id: int | None = None,
    year: int | None = None,
    limit: int = 20,
    offset: int = 0,
    sort: str = "relevance",
) -> tuple[int, bool, list[tuple[int, float]]]:
    """(total, whether total is a cap, [(item id, score)] of the page): ``search`` without the hits."""
    terms = _terms(query)
    if not terms:
        return 0, False, []
    filters = {
        "district_id": district.pk,
        "column_ids": _column_ids(column) if column is not None else None,
        "organisation_id": organisation_id,
        "year": year,
        "limit": limit,
        "offset": offset,
        "sort": sort if sort in SORTS else "relevance",
    }
    if not _tantivy():
        return search_database.query(terms, **filters)
    from gongkai.catalog import search_tantivy

    if SearchChange.objects.exists():
        search_tantivy.apply_changes()  # read your own writes, if the writer is free
    total, rows = search_tantivy.query(terms, **filters)
    return total, False, rows


def search(
    query: str,
    *,
    district,
    column: Column | None = None,
    organisation_id: int | None = None,
    year: int | None = None,
    limit: int = 20,
    offset: int = 0,
    sort: str = "relevance",
) -> Results:
    """The page ``offset``..``offset + limit`` of the district's public items containing every term
    of ``query``, by relevance or (``sort="date"``) newest first."""
    total, more, rows = ranked_ids(
        query,
        district=district,
        column=column,
        organisation_id=organisation_id,
        year=year,
        limit=limit,
        offset=offset,
        sort=sort,
    )
    terms = _terms(query)
    ids = [row[0] for row in rows]
    items = Item.objects.select_related("live__column", "organisation").in_bulk(ids)
    texts = dict(SearchEntry.objects.filter(item_id__in=ids).values_list("item_id", "text"))
    marks = sorted(terms, key=len, reverse=True)
    hits = [
        Hit(
            item=items[pk],
            score=float(s),
            snippet=highlight(snippet(texts.get(pk, ""), marks), marks),
            title_html=highlight(items[pk].live.title, marks),
        )
        for pk, s in rows
        if pk in items and items[pk].live_id
    ]
    return Results(query, total, hits, more)


def snippet(text: str, marks: list[str], width: int = 120) -> str:
    body = text.split("\n", 2)[-1] if text.count("\n") >= 2 else text
    positions = [body.find(m) for m in marks if m and body.find(m) >= 0]
    start = max(0, min(positions) - width // 3) if positions else 0
    cut = body[start : start + width]
    return ("…" if start else "") + cut + ("…" if start + width < len(body) else "")


def highlight(text: str, marks: list[str]) -> str:
    """Escape ``text`` and wrap each occurrence of the marks in <mark>."""
    marks = [m for m in marks if m]
    if not marks:
        return html.escape(text)
    pattern = re.compile("|".join(re.escape(m) for m in marks), re.IGNORECASE)
    out, last = [], 0
    for m in pattern.finditer(text):
        out.append(html.escape(text[last : m.start()]))
        out.append(f"<mark>{html.escape(m.group())}</mark>")
        last = m.end()
    out.append(html.escape(text[last:]))
    return "".join(out)
