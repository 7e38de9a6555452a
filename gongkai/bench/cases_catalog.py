"""Benchmarks of proactive disclosure: item pages and search.

* ``item_page_cached`` / ``item_page_uncached``: an item page (``/xxgk/xx/<pk>/``) under load from
  the production server, against a static file of the same bytes. Anonymous requests are served
  by the shared page cache; ``Cookie: sessionid=bench`` bypasses it (what staff get).
* ``search_page``: the search page (never cached) for 1,000 distinct queries in turn — the query
  mix below, 15 % with a column, department or year filter, 15 % asking for page 2 or 3 — against
  a static file of the pages' median size (a copy of that page), same server, same run.
* ``search_latency_district`` / ``search_latency_million``: ``search.search()`` called in-process
  for the 1,000 queries of the mix, each once, against the raw full-text query on the same index
  (FTS5 ``MATCH … ORDER BY rank LIMIT 20`` or tsvector ``@@ … ORDER BY ts_rank``) for the same
  tokens: p50/p95/p99. Beside it, recall and precision against the substring oracle (``oracle``:
  ``corpus.matches`` over the database's rows) on a sample of the queries, reading every result
  page of those with at most TRUTH_CAP true matches, and whether each sampled query's count is
  exact, labelled "以上", or wrong. On the demo district (~13,000 items) and on a million-item
  corpus (``benchdata``, i.e. ``corpus.items``), built once and cached under var/bench/cache/
  (``--quick``: 50,000 items).

The query mix is ``corpus.queries`` drawn from 2,000 of the district's own items: hot and rare
words, two or three words of one item, phrases of titles, substrings across jieba's word
boundaries, absent words.

The million-item corpus: var/bench/cache/search-1000000-v<VERSION>-<migrations>.sqlite3, 4.5 GB
on disk, built in 51 minutes niced on a 2-core machine at load 11–13 (31 s migrating, 2,383 s
generating and segmenting text, 341 s inserting, 282 s rebuilding the FTS index); 50,000 items:
229 MB, 3.6 minutes. The file name
carries benchdata.VERSION and a hash of the catalog's and orgs' latest migrations, so a change
of their schema builds anew (other apps' migrations are applied to the cached file); delete old
files by hand.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import itertools
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.bench.cases import demo_district
from gongkai.bench.http import HOST, LatencyRatio, LatencyStats, compare_with_static, timed
from gongkai.bench.registry import Ratio, benchmark
from gongkai.bench.runner import BenchRun
from gongkai.catalog import corpus

BASE_DIR = Path(__file__).resolve().parent.parent.parent
CACHE_DIR = BASE_DIR / "var" / "bench" / "cache"
MILLION = 1_000_000
QUICK_MILLION = 50_000
MINIMAL_ITEMS = 3_000
# The query mix: corpus.queries drawn from (up to) QUERY_SOURCE_ITEMS of the district's items.
QUERY_SEED = 16
QUERY_SOURCE_ITEMS = 2_000
SEARCH_PAGE_QUERIES = 1_000
LATENCY_QUERIES = 1_000
WARM_UP = 20
PAGE_SIZE = 20  # the search page's
# Recall and precision: on the first QUALITY_SAMPLE queries of the mix; every result page is read
# (QUALITY_PAGE at a time) for queries with at most TRUTH_CAP true matches.
QUALITY_SAMPLE = 300
QUALITY_SAMPLE_QUICK = 100
QUALITY_SAMPLE_MILLION = 200
QUALITY_PAGE = 500
TRUTH_CAP = 5_000
NO_CACHE = {"Cookie": "sessionid=bench"}


def _echo(message: str) -> None:
    print(message, flush=True)


# ---- the site's data ----


def small_corpus() -> None:
    """The least data the page and district benchmarks need: a few thousand items."""
    from gongkai.catalog import benchdata
    from gongkai.orgs.middleware import district_for_host, forget_hosts

    benchdata.generate(MINIMAL_ITEMS, district=district_for_host(HOST))
    forget_hosts()  # "no district here" may have been remembered before the corpus made one


def _site(run: BenchRun):
    return run.site(fill=small_corpus if run.minimal_data else demo_district)


def _district():
    from gongkai.orgs.middleware import district_for_host

    district = district_for_host(HOST)
    if district is None:
        raise RuntimeError("the site has no district")
    return district


def _item_path() -> str:
    """A typical published item of the district the site serves: the median one by id."""
    from gongkai.catalog.models import Item

    ids = list(
        Item.objects.filter(district=_district(), live__isnull=False, withdrawn_at__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not ids:
        raise RuntimeError("the site has no published item")
    return f"/xxgk/xx/{ids[len(ids) // 2]}/"


# ---- throughput ----


@benchmark("item_page_cached", "item page from the page cache vs a static file of the same size, 8 clients")
def item_page_cached(run: BenchRun) -> Ratio:
    site = _site(run)
    return compare_with_static(
        site, _item_path(), subject="item page (page cache)", budget=run.budget, concurrency=8
    )


@benchmark(
    "item_page_uncached",
    "item page rendered per request (Cookie: sessionid=bench) vs a static file of the same size, 8 clients",
)
def item_page_uncached(run: BenchRun) -> Ratio:
    site = _site(run)
    return compare_with_static(
        site,
        _item_path(),
        subject="item page (uncached)",
        budget=run.budget,
        concurrency=8,
        headers=NO_CACHE,
    )


@benchmark(
    "search_page",
    f"search page for {SEARCH_PAGE_QUERIES:,} distinct citizens' queries (corpus.queries, some filtered or "
    "on a later page) in turn vs a static file of their median size, 8 clients",
)
def search_page(run: BenchRun) -> Ratio:
    from gongkai.bench.http import compare_paths_with_static

    site = _site(run)
    district = _district()
    mix = query_mix(district, SEARCH_PAGE_QUERIES)
    paths = [
        search_path(query, mix.organisations, page)
        for query, page in zip(mix.queries, mix.pages, strict=True)
    ]
    return compare_paths_with_static(
        site,
        paths,
        subject=f"search page ({len(paths):,} queries)",
        budget=run.budget,
        concurrency=8,
    )


# ---- the query mix ----


@dataclass
class QueryMix:
    """Citizens' queries drawn from a district's own items, and how to put them to search()."""

    queries: list[corpus.Query]
    pages: list[int]  # which result page a citizen asks for (mostly 1)
    organisations: dict[str, int]  # department short name → id
    columns: dict[str, object]  # column slug → Column

    def arguments(self, query: corpus.Query) -> dict:
        """search()'s keyword arguments for ``query``'s filters."""
        return {
            "column": self.columns.get(query.column) if query.column else None,
            "organisation_id": self.organisations.get(query.organisation) if query.organisation else None,
            "year": query.year,
        }


def site_docs(district, limit: int = QUERY_SOURCE_ITEMS) -> tuple[list[corpus.Doc], dict[str, int]]:
    """Up to ``limit`` of the district's public items (evenly spread) as ``corpus.Doc``s, for
    ``corpus.queries`` to draw words and filter values from; and the departments' ids by name."""
    from gongkai.catalog.public import public_items
    from gongkai.catalog.sanitize import plain_text

    ids = list(public_items(district).order_by("pk").values_list("pk", flat=True))
    chosen = ids[:: max(1, len(ids) // limit)][:limit]
    items = public_items(district).filter(pk__in=chosen).order_by("pk")
    docs, organisations = [], {}
    for position, item in enumerate(items):
        version = item.live
        organisations.setdefault(item.organisation.short_name, item.organisation_id)
        docs.append(
            corpus.Doc(
                position=position,
                column=version.column.slug,
                organisation=item.organisation.short_name,
                published=(item.first_published_at or version.published_at).date(),
                title=version.title,
                paragraphs=(plain_text(version.body),),
                doc_number=version.doc_number,
                keywords=version.keywords,
                summary=version.summary,
            )
        )
    return docs, organisations


def query_mix(district, count: int, *, seed: int = QUERY_SEED) -> QueryMix:
    from gongkai.catalog.public import public_columns

    docs, organisations = site_docs(district)
    if not docs:
        raise RuntimeError("the district has no public item to draw queries from")
    queries = corpus.queries(count, seed=seed, docs=docs)
    rng = random.Random(seed)
    pages = [rng.choices([1, 2, 3], weights=[85, 10, 5])[0] for _ in queries]
    columns = {c.slug: c for c in public_columns(district)}
    return QueryMix(queries, pages, organisations, columns)


def search_path(query: corpus.Query, organisations: dict[str, int], page: int = 1) -> str:
    """The search page's address for ``query`` (its filters as the filter form sends them)."""
    from urllib.parse import urlencode

    params: dict[str, object] = {"q": query.text}
    if query.column:
        params["lm"] = query.column
    if query.organisation and query.organisation in organisations:
        params["org"] = organisations[query.organisation]
    if query.year:
        params["year"] = query.year
    if page > 1:
        params["page"] = page
    return "/search/?" + urlencode(params)


# ---- latency ----


def _tantivy() -> bool:
    from django.conf import settings

    return settings.SEARCH_ENGINE == "tantivy"


def index_tokens(query: str) -> list[str]:
    """What the engine looks up for ``query``: on tantivy the query's words themselves (each
    matched as a substring: its bigrams as a phrase); on the database engine the index words
    ``search.search`` looks up (the same rules)."""
    from gongkai.catalog.search import _terms
    from gongkai.lib.segment import query_tokens

    if _tantivy():
        return list(dict.fromkeys(_terms(query)))
    tokens: list[str] = []
    for term in _terms(query):
        tokens.extend(t for t in query_tokens(term) if len(t) > 1 and not (t.isascii() and len(t) < 3))
    return list(dict.fromkeys(tokens))


def raw_index_query(tokens: list[str]):
    """The bare engine query for ``tokens`` as a callable: the 20 best-ranked ids, nothing else
    (on tantivy with the exact count of matches, which the page needs and the engine gives at once)."""
    if _tantivy():
        from tantivy import Occur, Query

        from gongkai.catalog import search_tantivy

        search_tantivy.apply_changes()
        query = Query.boolean_query([(Occur.Must, search_tantivy._match(t)) for t in tokens])

        def run_engine() -> list:
            searcher = search_tantivy.get_index().searcher()
            result = searcher.search(query, 20, count=True)
            addresses = [address for _, address in result.hits]
            return searcher.fast_field_values("item_id", addresses) if addresses else []

        return run_engine

    from django.db import connection

    if connection.vendor == "postgresql":
        sql = (
            "SELECT item_id FROM catalog_searchentry, to_tsquery('simple', %s) q(query) "
            "WHERE vector @@ q.query ORDER BY ts_rank(vector, q.query) DESC LIMIT 20"
        )
        params = [" & ".join("'" + t.replace("\\", "\\\\").replace("'", "''") + "'" for t in tokens)]
    else:
        sql = "SELECT rowid FROM catalog_fts WHERE catalog_fts MATCH %s ORDER BY rank LIMIT 20"
        params = [" AND ".join('"' + t.replace('"', '""') + '"' for t in tokens)]

    def run() -> list:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return run


def raw_query_label() -> str:
    from django.db import connection

    if _tantivy():
        return "raw tantivy query (every word as a bigram phrase, BM25 top 20 with the count)"
    if connection.vendor == "postgresql":
        return "raw tsvector query (@@ … ORDER BY ts_rank LIMIT 20)"
    return "raw FTS5 query (MATCH … ORDER BY rank LIMIT 20)"


def compare_search_latency(
    district, mix: QueryMix, *, scale: str, items: int, quality_sample: int, truth_cap: int
) -> LatencyRatio:
    """search() against the raw index query, each query of ``mix`` once, the two interleaved;
    then recall and precision against the substring oracle on the first ``quality_sample``."""
    from gongkai.catalog.search import search

    searched: list[float] = []
    raw: list[float] = []
    per_kind: dict[str, list[float]] = {}
    skipped = 0
    for query in mix.queries[:WARM_UP]:
        search(query.text, district=district, **mix.arguments(query))
    for query in mix.queries:
        tokens = index_tokens(query.text)
        if not tokens:
            skipped += 1  # nothing the raw index query could look up: no baseline to compare with
            continue
        raw_query = raw_index_query(tokens)
        arguments = mix.arguments(query)
        mine = timed(lambda q=query.text, a=arguments: search(q, district=district, **a))
        raw.append(timed(raw_query))
        searched.append(mine)
        per_kind.setdefault(query.kind, []).append(mine)
    quality = search_quality(district, mix, mix.queries[:quality_sample], truth_cap=truth_cap)
    return LatencyRatio.of(
        "search() latency",
        LatencyStats.of(searched),
        raw_query_label(),
        LatencyStats.of(raw),
        subject_short="search",
        baseline_short="raw index query",
        scale=scale,
        items=items,
        queries=len(mix.queries),
        timed_queries=len(searched),
        skipped_without_index_tokens=skipped,
        search_p95_ms_by_kind={
            kind: round(LatencyStats.of(times).p95 * 1000, 2) for kind, times in sorted(per_kind.items())
        },
        quality=quality.line(),
        recall_precision=quality.as_json(),
        client="in-process",
    )


# ---- recall and precision against the substring oracle ----


@dataclass
class Quality:
    """How search()'s results compare with the oracle's on a sample of queries."""

    queries: int = 0
    checked: int = 0  # queries with at most truth_cap matches: every result page read
    truth_cap: int = 0
    true_matches: int = 0
    found: int = 0
    found_true: int = 0
    recalls: list[float] = field(default_factory=list)
    precisions: list[float] = field(default_factory=list)
    exact_counts: int = 0  # total == true matches (of all sampled queries)
    labelled_counts: int = 0  # total below the true count, flagged as "N 条以上"
    wrong_counts: int = 0
    broad_first_page: int = 0
    broad_first_page_true: int = 0
    worst: list[dict] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found_true / self.true_matches if self.true_matches else 1.0

    @property
    def precision(self) -> float:
        return self.found_true / self.found if self.found else 1.0

    def line(self) -> str:
        macro_r = statistics.fmean(self.recalls) if self.recalls else 1.0
        macro_p = statistics.fmean(self.precisions) if self.precisions else 1.0
        return (
            f"recall {self.recall:.3f} (macro {macro_r:.3f}), precision {self.precision:.3f} "
            f"(macro {macro_p:.3f}) on {self.checked} of {self.queries} queries with ≤ {self.truth_cap:,} "
            f"matches; counts exact {self.exact_counts}, labelled 以上 {self.labelled_counts}, "
            f"wrong {self.wrong_counts}"
        )

    def as_json(self) -> dict:
        return {
            "recall_micro": round(self.recall, 4),
            "recall_macro": round(statistics.fmean(self.recalls), 4) if self.recalls else None,
            "precision_micro": round(self.precision, 4),
            "precision_macro": round(statistics.fmean(self.precisions), 4) if self.precisions else None,
            "queries": self.queries,
            "checked": self.checked,
            "truth_cap": self.truth_cap,
            "true_matches": self.true_matches,
            "found": self.found,
            "exact_counts": self.exact_counts,
            "labelled_counts": self.labelled_counts,
            "wrong_counts": self.wrong_counts,
            "broad_first_page_precision": (
                round(self.broad_first_page_true / self.broad_first_page, 4)
                if self.broad_first_page
                else None
            ),
            "worst": sorted(self.worst, key=lambda w: w["recall"])[:10],
        }


def oracle(district, queries: list[corpus.Query], mix: QueryMix, chunk: int = 20_000) -> list[set[int]]:
    """For each query, the ids of the district's public items that ``corpus.matches`` would accept:
    every query word a substring of the normalised title, body, 文号, summary or keywords, and the
    filters passed (a column filter takes in its sub-columns, as search does). Reads the items in
    chunks; each word is found with ``str.find`` over a chunk's joined texts."""
    from gongkai.catalog.models import Column
    from gongkai.catalog.public import public_items
    from gongkai.catalog.sanitize import plain_text

    children: dict[int, list[int]] = {}
    for pk, parent in Column.objects.filter(district=district).values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)

    def subtree(pk: int) -> set[int]:
        out, frontier = {pk}, [pk]
        while frontier:
            frontier = [c for p in frontier for c in children.get(p, [])]
            out.update(frontier)
        return out

    filters = []
    for query in queries:
        arguments = mix.arguments(query)
        column = arguments["column"]
        filters.append(
            (
                query.terms,
                subtree(column.pk) if column is not None else None,
                arguments["organisation_id"],
                query.year,
                bool(query.column and column is None)
                or bool(query.organisation and not arguments["organisation_id"]),
            )
        )
    truths: list[set[int]] = [set() for _ in queries]
    rows = (
        public_items(district)
        .order_by()
        .values_list(
            "pk",
            "live__column_id",
            "organisation_id",
            "first_published_at",
            "live__title",
            "live__body",
            "live__doc_number",
            "live__summary",
            "live__keywords",
        )
    )
    from django.utils import timezone

    batch: list[tuple] = []

    def flush() -> None:
        if not batch:
            return
        texts = [
            corpus.searchable(title, plain_text(body), number, summary, keywords)
            for *_, title, body, number, summary, keywords in batch
        ]
        joined = "\x00".join(texts)
        starts = list(itertools.accumulate([0] + [len(t) + 1 for t in texts[:-1]]))
        found_cache: dict[str, set[int]] = {}

        def docs_with(term: str) -> set[int]:
            hit = found_cache.get(term)
            if hit is None:
                hit, pos = set(), joined.find(term)
                while pos != -1:
                    d = bisect.bisect_right(starts, pos) - 1
                    hit.add(d)
                    pos = joined.find(term, starts[d + 1]) if d + 1 < len(starts) else -1
                found_cache[term] = hit
            return hit

        for truth, (terms, columns, org_id, year, impossible) in zip(truths, filters, strict=True):
            if impossible or not terms:
                continue
            candidates = set.intersection(*(docs_with(t) for t in terms))
            for d in candidates:
                pk, column_id, organisation_id, published, *_ = batch[d]
                if columns is not None and column_id not in columns:
                    continue
                if org_id and organisation_id != org_id:
                    continue
                if year and timezone.localtime(published).year != year:
                    continue
                truth.add(pk)
        batch.clear()

    for row in rows.iterator(chunk_size=chunk):
        batch.append(row)
        if len(batch) >= chunk:
            flush()
    flush()
    return truths


def search_quality(district, mix: QueryMix, queries: list[corpus.Query], *, truth_cap: int) -> Quality:
    """Recall and precision of search() against ``oracle`` for ``queries``: for those with at most
    ``truth_cap`` true matches every result page is read; for all, the count is compared."""
    from gongkai.catalog.search import search

    quality = Quality(queries=len(queries), truth_cap=truth_cap)
    for query, truth in zip(queries, oracle(district, queries, mix), strict=True):
        arguments = mix.arguments(query)
        first = search(query.text, district=district, limit=PAGE_SIZE, **arguments)
        if first.total == len(truth) and not first.more:
            quality.exact_counts += 1
        elif first.more and first.total <= len(truth):
            quality.labelled_counts += 1
        else:
            quality.wrong_counts += 1
        if len(truth) > truth_cap:
            quality.broad_first_page += len(first.hits)
            quality.broad_first_page_true += sum(h.item.pk in truth for h in first.hits)
            continue
        found: set[int] = set()
        offset = 0
        while offset <= truth_cap * 2:
            page = search(query.text, district=district, limit=QUALITY_PAGE, offset=offset, **arguments)
            found.update(h.item.pk for h in page.hits)
            if len(page.hits) < QUALITY_PAGE:
                break
            offset += QUALITY_PAGE
        true = len(found & truth)
        quality.checked += 1
        quality.true_matches += len(truth)
        quality.found += len(found)
        quality.found_true += true
        recall = true / len(truth) if truth else 1.0
        quality.recalls.append(recall)
        quality.precisions.append(true / len(found) if found else 1.0)
        if recall < 1 or true < len(found):
            quality.worst.append(
                {
                    "query": query.text,
                    "kind": query.kind,
                    "truth": len(truth),
                    "found": len(found),
                    "recall": round(recall, 3),
                }
            )
    return quality


@benchmark(
    "search_latency_district",
    "search() p50/p95/p99 vs the raw full-text query for the query mix, with recall and precision "
    "against the substring oracle, demo district (~13,000 items), in-process",
)
def search_latency_district(run: BenchRun) -> Ratio:
    from gongkai.catalog.models import SearchEntry

    _site(run)
    district = _district()
    items = SearchEntry.objects.filter(district=district).count()
    mix = query_mix(district, LATENCY_QUERIES)
    return compare_search_latency(
        district,
        mix,
        scale=f"at {items:,} items",
        items=items,
        quality_sample=QUALITY_SAMPLE_QUICK if run.quick else QUALITY_SAMPLE,
        truth_cap=TRUTH_CAP,
    )


@benchmark(
    "search_latency_million",
    "search() p50/p95/p99 vs the raw full-text query for the query mix, with recall and precision "
    "against the substring oracle, at 1,000,000 items (--quick: 50,000), in-process",
)
def search_latency_million(run: BenchRun) -> Ratio:
    from django.db import connection

    from gongkai.catalog import benchdata
    from gongkai.catalog.models import SearchEntry

    count = QUICK_MILLION if run.quick else MILLION
    if connection.vendor != "sqlite":
        raise RuntimeError(
            "search_latency_million builds and caches its corpus as a SQLite file; on PostgreSQL "
            "load one with gongkai.catalog.benchdata.generate(1_000_000) into a throwaway database"
        )
    run.site()  # the throwaway site is set up (and Django's connection configured) first
    path, info = corpus_database(count)
    with use_database(path):
        district = benchdata.bench_district_or_none()
        if district is None:
            raise RuntimeError(f"{path} holds no benchmark district")
        items = SearchEntry.objects.filter(district=district).count()
        quick_note = " (--quick: a smaller corpus)" if count != MILLION else ""
        result = compare_search_latency(
            district,
            query_mix(district, LATENCY_QUERIES),
            scale=f"at {items:,} items{quick_note}",
            items=items,
            quality_sample=QUALITY_SAMPLE_QUICK if run.quick else QUALITY_SAMPLE_MILLION,
            truth_cap=TRUTH_CAP,
        )
    return LatencyRatio(
        result.subject,
        result.subject_rate,
        result.baseline,
        result.baseline_rate,
        result.unit,
        {**result.details, "corpus": info},
    )


# ---- the cached corpus ----


CORPUS_APPS = ("catalog", "orgs")  # the apps whose tables the corpus fills


def migrations_fingerprint() -> str:
    """Short hash of the latest migrations of the apps the corpus fills: a change there builds the
    corpus anew; other apps' new migrations are applied to the cached file when it is used."""
    from django.db.migrations.loader import MigrationLoader

    leaves = sorted(
        node
        for node in MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes()
        if node[0] in CORPUS_APPS
    )
    return hashlib.sha256(repr(leaves).encode()).hexdigest()[:10]


def corpus_path(count: int) -> Path:
    from gongkai.catalog import benchdata

    return CACHE_DIR / f"search-{count}-v{benchdata.VERSION}-{migrations_fingerprint()}.sqlite3"


@contextlib.contextmanager
def use_database(path: Path) -> Iterator[None]:
    """Point Django's default (SQLite) connection at ``path`` for a while, then back."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache
    from django.db import connection

    from gongkai.orgs.middleware import forget_hosts

    old_name = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = str(path)
    cache.clear()
    forget_hosts()  # the district-for-host answers belong to the other database
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = old_name
        cache.clear()
        forget_hosts()
        ContentType.objects.clear_cache()


def corpus_database(count: int, echo=_echo) -> tuple[Path, dict]:
    """The cached SQLite database holding ``count`` benchmark items; built when missing."""
    path = corpus_path(count)
    info_path = path.with_suffix(".json")
    if path.exists() and info_path.exists():
        from django.core.management import call_command

        with use_database(path):
            call_command("migrate", interactive=False, verbosity=0)  # other apps' new migrations
        info = json.loads(info_path.read_text())
        echo(
            f"  corpus: {path.name}, {info['size_mb']:,.0f} MB, built in {info['build_seconds']:,.0f} s (cached)"
        )
        return path, {**info, "cached": True}
    echo(f"  building the {count:,}-item corpus in {path} (once; later runs reuse it) …")
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    building = path.with_name(path.name + f".building-{os.getpid()}")
    info = build_corpus(building, count, echo=echo)
    os.replace(building, path)
    info = {**info, "size_mb": round(path.stat().st_size / 1e6, 1), "file": path.name}
    info_path.write_text(json.dumps(info, indent=2))
    echo(f"  built in {info['build_seconds']:,.0f} s, {info['size_mb']:,.0f} MB on disk")
    return path, {**info, "cached": False}


def build_corpus(path: Path, count: int, echo=_echo) -> dict:
    """Migrate a new SQLite file at ``path`` and fill it with ``count`` items, as fast as is safe
    for a file nobody else uses yet (no journal, no fsync, foreign keys checked by construction)."""
    from django.core.management import call_command
    from django.db import connection

    from gongkai.catalog import benchdata

    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    started = time.perf_counter()
    try:
        with use_database(path):
            call_command("migrate", interactive=False, verbosity=0)
            migrated = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode=OFF")
                cursor.execute("PRAGMA synchronous=OFF")
                cursor.execute("PRAGMA foreign_keys=OFF")
                cursor.execute("PRAGMA cache_size=-1000000")  # 1 GB: the indexes stay in memory
            result = benchdata.generate(count, progress=echo)
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode=WAL")
    except BaseException:
        Path(path).unlink(missing_ok=True)
        raise
    return {
        "items": count,
        "version": benchdata.VERSION,
        "build_seconds": round(time.perf_counter() - started, 1),
        "migrate_seconds": round(migrated - started, 1),
        "generate_seconds": {k: round(v, 1) for k, v in result["seconds"].items()},
        "python": sys.version.split()[0],
    }
