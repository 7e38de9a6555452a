"""Benchmarks of proactive disclosure: item pages and search.

* ``item_page_cached`` / ``item_page_uncached``: an item page (``/xxgk/xx/<pk>/``) under load from
  the production server, against a static file of the same bytes. Anonymous requests are served
  by the shared page cache; ``Cookie: sessionid=bench`` bypasses it (what staff get).
* ``search_page``: the search page ``/search/?q=低保`` (never cached) the same way.
* ``search_latency_district`` / ``search_latency_million``: ``search.search()`` called in-process
  for realistic queries, against the raw full-text query on the same index (FTS5 ``MATCH … ORDER
  BY rank LIMIT 20`` or tsvector ``@@ … ORDER BY ts_rank``) for the same tokens, on the demo
  district (~13,000 items) and on a million-item corpus (``benchdata``), built once and cached
  under var/bench/cache/ (``--quick``: 50,000 items).

The million-item corpus: var/bench/cache/search-1000000-v<VERSION>-<migrations>.sqlite3, 2.7 GB
on disk, built in about 10 minutes on a busy 2-core machine (25 s migrating, 350 s generating
text, 190 s inserting, 30 s rebuilding the FTS index); 50,000 items: 136 MB, 30 s. The file name
carries benchdata.VERSION and a hash of the catalog's and orgs' latest migrations, so a change
of their schema builds anew (other apps' migrations are applied to the cached file); delete old
files by hand.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from gongkai.bench.cases import demo_district
from gongkai.bench.http import HOST, LatencyRatio, LatencyStats, compare_with_static, timed
from gongkai.bench.registry import Ratio, benchmark
from gongkai.bench.runner import BenchRun

BASE_DIR = Path(__file__).resolve().parent.parent.parent
CACHE_DIR = BASE_DIR / "var" / "bench" / "cache"
MILLION = 1_000_000
QUICK_MILLION = 50_000
MINIMAL_ITEMS = 3_000
# What citizens type: one to four words, broad and narrow.
QUERIES = [
    "低保",
    "教育",
    "行政许可",
    "安全生产",
    "征收补偿",
    "政府信息公开",
    "城乡低保资金",
    "房屋征收补偿方案",
    "食品安全 抽检",
    "防汛 应急预案",
    "公租房 资格审核",
    "部门预算",
    "扶贫 资金 公示",
    "环境影响评价",
    "招聘 事业单位 工作人员",
    "义务教育 招生 入学 通知",
]
SEARCH_PAGE_QUERY = "低保"
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
    "search_page", f"search page /search/?q={SEARCH_PAGE_QUERY} vs a static file of the same size, 8 clients"
)
def search_page(run: BenchRun) -> Ratio:
    from urllib.parse import quote

    site = _site(run)
    return compare_with_static(
        site,
        f"/search/?q={quote(SEARCH_PAGE_QUERY)}",
        subject=f"search page ({SEARCH_PAGE_QUERY})",
        budget=run.budget,
        concurrency=8,
    )


# ---- latency ----


def index_tokens(query: str) -> list[str]:
    """The words ``search.search`` looks up in the index for ``query`` (the same rules)."""
    from gongkai.catalog.search import _terms
    from gongkai.lib.segment import query_tokens

    tokens: list[str] = []
    for term in _terms(query):
        tokens.extend(t for t in query_tokens(term) if len(t) > 1 and not (t.isascii() and len(t) < 3))
    return list(dict.fromkeys(tokens))


def raw_index_query(tokens: list[str]):
    """The bare full-text query for ``tokens`` as a callable: the 20 best-ranked ids, nothing else."""
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

    if connection.vendor == "postgresql":
        return "raw tsvector query (@@ … ORDER BY ts_rank LIMIT 20)"
    return "raw FTS5 query (MATCH … ORDER BY rank LIMIT 20)"


def compare_search_latency(district, *, repeat: int, scale: str, items: int) -> LatencyRatio:
    """search() against the raw index query, each query ``repeat`` times, calls interleaved."""
    from gongkai.catalog.search import search

    searched: list[float] = []
    raw: list[float] = []
    per_query = {}
    for query in QUERIES:
        tokens = index_tokens(query)
        if not tokens:
            continue
        raw_query = raw_index_query(tokens)
        total = search(query, district=district).total  # warm-up
        raw_query()
        mine: list[float] = []
        theirs: list[float] = []
        for _ in range(repeat):
            mine.append(timed(lambda q=query: search(q, district=district)))
            theirs.append(timed(raw_query))
        searched += mine
        raw += theirs
        per_query[query] = {
            "results": total,
            "tokens": tokens,
            "search_median_ms": round(LatencyStats.of(mine).median * 1000, 2),
            "raw_median_ms": round(LatencyStats.of(theirs).median * 1000, 2),
        }
    return LatencyRatio.of(
        "search() latency",
        LatencyStats.of(searched),
        raw_query_label(),
        LatencyStats.of(raw),
        subject_short="search",
        baseline_short="raw index query",
        scale=scale,
        items=items,
        repeat=repeat,
        queries=per_query,
        client="in-process",
    )


def _repeat(run: BenchRun) -> int:
    return 2 if run.quick else 7


@benchmark(
    "search_latency_district",
    "search() median/p95 vs the raw full-text query, demo district (~13,000 items), in-process",
)
def search_latency_district(run: BenchRun) -> Ratio:
    from gongkai.catalog.models import SearchEntry

    _site(run)
    district = _district()
    items = SearchEntry.objects.filter(district=district).count()
    return compare_search_latency(district, repeat=_repeat(run), scale=f"at {items:,} items", items=items)


@benchmark(
    "search_latency_million",
    "search() median/p95 vs the raw full-text query at 1,000,000 items (--quick: 50,000), in-process",
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
            district, repeat=_repeat(run), scale=f"at {items:,} items{quick_note}", items=items
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
