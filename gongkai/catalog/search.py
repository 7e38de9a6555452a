"""Chinese full-text search over published items, the same results on SQLite and PostgreSQL.

Neither database's own tokenizer splits Chinese words, so text is segmented with jieba (rjieba)
in search mode before it is indexed, and queries are segmented the same way. The index gives the
candidates — every item holding all the query's words — and, where the query is more than one
word, the exact text is checked too, because words can occur apart. See ``gongkai.lib.segment``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from django.db import connection

from gongkai.catalog.models import Column, Item, SearchEntry, SearchQuery
from gongkai.catalog.sanitize import plain_text
from gongkai.lib.segment import normalise, query_tokens, search_tokens
from gongkai.personal import masking
from gongkai.personal.deidentify import deidentify


def index_item(item: Item) -> None:
    """Put the item's live version into the index (or take it out if it is not public)."""
    if not item.is_public:
        unindex_item(item)
        return
    version = item.live
    title_text = " ".join(filter(None, [version.title, version.doc_number, item.index_no]))
    body = plain_text(version.body)
    extra = " ".join(filter(None, [version.keywords, version.summary]))
    SearchEntry.objects.update_or_create(
        item=item,
        defaults={
            "district_id": item.district_id,
            "organisation_id": item.organisation_id,
            "column_id": version.column_id,
            "year": (item.first_published_at or version.published_at).year,
            "published_at": item.first_published_at or version.published_at,
            "title_tokens": " ".join(search_tokens(title_text)),
            "body_tokens": " ".join(search_tokens(f"{extra} {body}")),
            "text": normalise(f"{title_text}\n{extra}\n{body}"),
        },
    )


def unindex_item(item: Item) -> None:
    SearchEntry.objects.filter(item_id=item.pk).delete()


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


# Broad queries match tens of thousands of items at city scale. Counting stops at COUNT_CAP
# ("10000+"), and without a column, organisation or year filter, ranking and the exact-text check
# consider the newest RANK_WINDOW index matches only (older ones are reached with a filter): both
# keep a query's cost bounded as the catalog grows. The page then says "N 条以上".
COUNT_CAP = 10_000
RANK_WINDOW = 2_000


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
    return [normalise(t) for t in query.split() if t.strip()][:10]


def _column_ids(column: Column) -> list[int]:
    ids, frontier = [column.pk], [column.pk]
    while frontier:
        frontier = list(Column.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids.extend(frontier)
    return ids


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search(
    query: str,
    *,
    district,
    column: Column | None = None,
    organisation_id: int | None = None,
    year: int | None = None,
    limit: int = 20,
    offset: int = 0,
) -> Results:
    terms = _terms(query)
    tokens: list[str] = []
    exact_check: list[str] = []
    for term in terms:
        term_tokens = query_tokens(term)
        # A single character (or a short run of digits or letters) can sit inside a longer word
        # of the document, where no index finds it: such terms are matched on the text alone.
        indexable = [t for t in term_tokens if len(t) > 1 and not (t.isascii() and len(t) < 3)]
        tokens.extend(indexable)
        if indexable != [term]:
            exact_check.append(term)
    tokens = list(dict.fromkeys(tokens))
    if not terms:
        return Results(query, 0, [])

    where = ["e.district_id = %s"]
    params: list = [district.pk]
    if column is not None:
        ids = _column_ids(column)
        where.append(f"e.column_id IN ({', '.join(['%s'] * len(ids))})")
        params.extend(ids)
    if organisation_id:
        where.append("e.organisation_id = %s")
        params.append(organisation_id)
    if year:
        where.append("e.year = %s")
        params.append(year)
    for term in exact_check:
        where.append("e.text LIKE %s ESCAPE '\\'")
        params.append(_like(term))

    if not tokens:
        match_sql, source, score, order, match_params = "1 = 1", "catalog_searchentry e", "0", "score", []
    elif connection.vendor == "postgresql":
        match_sql = "e.vector @@ q.query"
        source = "catalog_searchentry e, to_tsquery('simple', %s) q(query)"
        score = "ts_rank(e.vector, q.query)"
        order = "score DESC"
        match_params = [" & ".join("'" + t.replace("\\", "\\\\").replace("'", "''") + "'" for t in tokens)]
    else:
        match_sql = "catalog_fts MATCH %s"
        # CROSS JOIN keeps SQLite from starting at the district index and testing the match row by row.
        source = "catalog_fts CROSS JOIN catalog_searchentry e ON e.item_id = catalog_fts.rowid"
        score = "bm25(catalog_fts, 5.0, 1.0)"
        order = "score"
        match_params = [" AND ".join('"' + t.replace('"', '""') + '"' for t in tokens)]

    conditions = " AND ".join([match_sql, *where])
    narrowed = bool(column is not None or organisation_id or year)
    with connection.cursor() as cursor:
        all_params = [*match_params, *params]
        if tokens and not narrowed:
            rows, total, more = _broad_or_small(
                cursor,
                source,
                conditions,
                score,
                order,
                all_params,
                match_params,
                exact=bool(exact_check),
                single=_only_district(district),
            )
            rows = rows[offset : offset + limit]
        else:
            cursor.execute(
                f"SELECT COUNT(*) FROM (SELECT 1 FROM {source} WHERE {conditions} LIMIT %s) hits",  # noqa: S608
                [*all_params, COUNT_CAP + 1],
            )
            total = cursor.fetchone()[0]
            more = total > COUNT_CAP
            cursor.execute(
                f"SELECT e.item_id, {score} AS score FROM {source} WHERE {conditions} "  # noqa: S608
                f"ORDER BY {order}, e.published_at DESC LIMIT %s OFFSET %s",
                [*all_params, limit, offset],
            )
            rows = cursor.fetchall()
        total = min(total, COUNT_CAP)

    ids = [row[0] for row in rows]
    items = Item.objects.select_related("live__column", "organisation").in_bulk(ids)
    texts = dict(SearchEntry.objects.filter(item_id__in=ids).values_list("item_id", "text"))
    marks = sorted({*terms, *tokens}, key=len, reverse=True)
    hits = [
        Hit(
            item=items[pk],
            score=float(s),
            snippet=highlight(snippet(texts.get(pk, ""), marks), marks),
            title_html=highlight(items[pk].live.title, marks),
        )
        for pk, s in rows
        if pk in items
    ]
    return Results(query, total, hits, more)


def _only_district(district) -> bool:
    """Is this the deployment's only district? (Cached briefly: districts are rarely added.)"""
    from django.core.cache import cache

    from gongkai.orgs.models import Organisation, OrgKind

    key = "catalog:search:districts"
    count = cache.get(key)
    if count is None:
        count = Organisation.objects.filter(kind=OrgKind.DISTRICT).count()
        cache.set(key, count, 60)
    return count == 1


def _index_rowids(cursor, match_params: list, limit: int) -> list[int]:
    """Item ids matching in the index, newest first, at most ``limit`` (ids grow with time)."""
    if connection.vendor == "postgresql":
        cursor.execute(
            "SELECT e.item_id FROM catalog_searchentry e, to_tsquery('simple', %s) q(query) "
            "WHERE e.vector @@ q.query ORDER BY e.item_id DESC LIMIT %s",
            [*match_params, limit],
        )
    else:
        cursor.execute(
            "SELECT rowid FROM catalog_fts WHERE catalog_fts MATCH %s ORDER BY rowid DESC LIMIT %s",
            [*match_params, limit],
        )
    return [row[0] for row in cursor.fetchall()]


def _broad_or_small(
    cursor, source, conditions, score, order, all_params, match_params, *, exact: bool, single: bool
):
    """Rank every candidate in one query, within the newest RANK_WINDOW index matches when the
    query is broad; returns (ranked rows, total, whether there are more than counted)."""
    # The index can count exactly only without a text check in a one-district deployment; otherwise
    # the window's edge is all that is needed.
    matched = _index_rowids(cursor, match_params, COUNT_CAP + 1 if single and not exact else RANK_WINDOW + 1)
    window_sql, window_params = "", []
    if len(matched) > RANK_WINDOW:
        # On SQLite the bound is on the FTS5 rowid, which FTS5 applies inside the index scan.
        bound = "e.item_id" if connection.vendor == "postgresql" else "catalog_fts.rowid"
        window_sql, window_params = f" AND {bound} >= %s", [matched[RANK_WINDOW - 1]]
    cursor.execute(
        f"SELECT e.item_id, {score} AS score FROM {source} WHERE {conditions}{window_sql} "  # noqa: S608
        f"ORDER BY {order}, e.published_at DESC",
        [*all_params, *window_params],
    )
    rows = cursor.fetchall()
    if not window_sql:
        return rows, len(rows), False
    if single and not exact:
        # Every indexed item is this district's and no text check applies: the index counts exactly.
        return rows, len(matched), len(matched) > COUNT_CAP
    return rows, len(rows), True  # a count within the window is a lower bound


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
