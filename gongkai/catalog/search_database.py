"""The database search engine (SEARCH_ENGINE=database): for deployments whose web servers run on
several machines and share only the database.

SQLite indexes an entry's tokens (jieba words and character bigrams, gongkai.catalog.search_text)
in FTS5, PostgreSQL in a tsvector with a GIN index (migration 0002). A query term's bigrams give
the candidates, and the entry's text is checked for the exact term (LIKE), so precision is exact
and recall complete: an item containing the term contains all its bigrams.

Limits, measured and honest: counting stops at COUNT_CAP (the page then says "N 条以上" and its
pager ends at the cap's last page, every page of which holds results); every match is ranked, by
bm25 (SQLite) or ts_rank (PostgreSQL) over the bigrams with the title weighted — coarser than the
tantivy engine, with no whole-word tier, and a broad query reads all its candidates, so it slows
down with the catalog (tens to hundreds of milliseconds at the demo's 13,000 items). A one-character
term has no bigram and is found by scanning the district's entries.
"""

from __future__ import annotations

from django.db import connection

from gongkai.catalog import search_text

COUNT_CAP = 10_000


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def query(
    terms: list[str],
    *,
    district_id: int,
    column_ids: list[int] | None,
    organisation_id: int | None,
    year: int | None,
    limit: int,
    offset: int,
    sort: str,
) -> tuple[int, bool, list[tuple[int, float]]]:
    """(number of matches up to COUNT_CAP, whether there are more, [(item id, score)] of the page)."""
    # Bigrams of punctuation alone are no token for either database's parser: the LIKE check has them.
    tokens = list(
        dict.fromkeys(g for term in terms for g in search_text.bigrams(term) if any(c.isalnum() for c in g))
    )
    where = ["e.district_id = %s"]
    params: list = [district_id]
    if column_ids:
        where.append(f"e.column_id IN ({', '.join(['%s'] * len(column_ids))})")
        params.extend(column_ids)
    if organisation_id:
        where.append("e.organisation_id = %s")
        params.append(organisation_id)
    if year:
        where.append("e.year = %s")
        params.append(year)
    for term in terms:
        where.append("e.text LIKE %s ESCAPE '\\'")
        params.append(_like(term))

    if not tokens:
        source, score, match_params = "catalog_searchentry e", "0", []
        conditions = " AND ".join(where)
    elif connection.vendor == "postgresql":
        source = "catalog_searchentry e, to_tsquery('simple', %s) q(query)"
        # Rounded: for tokens in most items the rank's last digits are noise, and the date decides.
        score = "ROUND(ts_rank(e.vector, q.query)::numeric, 4)"
        match_params = [" & ".join("'" + t.replace("\\", "\\\\").replace("'", "''") + "'" for t in tokens)]
        conditions = " AND ".join(["e.vector @@ q.query", *where])
    else:
        # CROSS JOIN keeps SQLite from starting at the district index and testing the match row by row.
        source = "catalog_fts CROSS JOIN catalog_searchentry e ON e.item_id = catalog_fts.rowid"
        score = "-ROUND(bm25(catalog_fts, 5.0, 1.0), 4)"
        match_params = [" AND ".join('"' + t.replace('"', '""') + '"' for t in tokens)]
        conditions = " AND ".join(["catalog_fts MATCH %s", *where])
    order = "e.published_at DESC, e.item_id DESC" if sort == "date" else "score DESC, e.published_at DESC, e.item_id DESC"
    all_params = [*match_params, *params]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM (SELECT 1 FROM {source} WHERE {conditions} LIMIT %s) hits",  # noqa: S608
            [*all_params, COUNT_CAP + 1],
        )
        count = cursor.fetchone()[0]
        if offset >= min(count, COUNT_CAP):
            return min(count, COUNT_CAP), count > COUNT_CAP, []
        limit = min(limit, COUNT_CAP - offset)
        cursor.execute(
            f"SELECT e.item_id, {score} AS score FROM {source} WHERE {conditions} "  # noqa: S608
            f"ORDER BY {order} LIMIT %s OFFSET %s",
            [*all_params, limit, offset],
        )
        rows = [(pk, float(s)) for pk, s in cursor.fetchall()]
    return min(count, COUNT_CAP), count > COUNT_CAP, rows
