"""A large synthetic corpus of published items, written fast with raw bulk inserts (for benchmarks).

``generate(count)`` writes ``count`` published items — ``catalog_item``, ``catalog_version`` and
``catalog_searchentry`` rows, exactly as the actions and ``search.index_item`` would leave them —
in batches of ``executemany`` inside one transaction. It works on SQLite and PostgreSQL:

* SQLite: the FTS5 index is kept by triggers. For a big load the insert trigger is dropped, the
  index rebuilt in one pass at the end (``INSERT INTO catalog_fts(catalog_fts) VALUES('rebuild')``)
  and the trigger put back. Measured on this 2-core machine, 20,000 items: inserts 7.1 s with the
  trigger, against 2.1 s of inserts + 0.6 s of rebuild without it (2.7 times faster); at a million
  items the rebuild takes 30 s.
* PostgreSQL: the tsvector column is generated, so the rows are indexed as they are inserted; the
  id sequences are moved past the ids written here.

The items are ``gongkai.catalog.corpus.items(count, seed=seed)``, item for item (title, body,
文号, keywords, summary, column, department, date): a realistic Zipf-like word distribution, and
``corpus.matches`` is the ground truth for searching them. Bodies are about 230 characters.
After the load, if the search module has ``rebuild_index`` (an engine outside the database), the
index is rebuilt from the rows. Segmentation is the index's own (``search_tokens``) applied per run of word characters and
memoised: jieba segments each run between punctuation marks on its own, so the result is the same
as segmenting the whole text (``tokens_match`` checks it; the tests too), at a fraction of the cost.
"""

from __future__ import annotations

import datetime as dt
import importlib
import random
import re
import time
import zoneinfo
from collections import defaultdict
from collections.abc import Callable

from django.db import connection, transaction

from gongkai.catalog import corpus
from gongkai.catalog.demo_steps import TOPIC_BY_COLUMN
from gongkai.catalog.models import Column, DocKind, IndexCounter, Item, SearchEntry, State, Topic, Version
from gongkai.lib.segment import normalise, search_tokens

# Bump when the generated rows change: cached benchmark databases are keyed by it.
VERSION = "2"
# At this many items (and more) the SQLite FTS insert trigger is dropped during the load and the
# index rebuilt once at the end (the rebuild reads the whole table, so small loads keep the trigger).
FTS_REBUILD_FROM = 20_000
BATCH = 5_000
TZ = zoneinfo.ZoneInfo("Asia/Shanghai")

# Runs of the characters jieba segments together (its "han" blocks); anything else separates them.
_BLOCK_SEPARATOR = re.compile(
    "[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1fa-zA-Z0-9+#&._%\\-]+"
)


class Tokenizer:
    """``search_tokens`` of a text, memoised per block of word characters."""

    def __init__(self, limit: int = 300_000) -> None:
        self._cache: dict[str, list[str]] = {}
        self._limit = limit

    def __call__(self, normalised_text: str) -> list[str]:
        out: list[str] = []
        cache = self._cache
        for block in _BLOCK_SEPARATOR.split(normalised_text):
            if not block:
                continue
            tokens = cache.get(block)
            if tokens is None:
                if len(cache) >= self._limit:
                    cache.clear()
                tokens = cache[block] = search_tokens(block)
            out.extend(tokens)
        return out


_FAST_TABLE: dict[str, str] = {}
_FAST_PATTERN: list[re.Pattern] = []


def fast_normalise(text: str) -> str:
    """``normalise`` character by character: the same for text without combining sequences (all
    of ours), some 6 times faster than ``unicodedata.normalize`` (8 µs against 49 for a body)."""
    if not _FAST_PATTERN:
        for code in range(0x10000):
            if 0xD800 <= code <= 0xDFFF:
                continue
            char = chr(code)
            changed = normalise(char)
            if changed != char:
                _FAST_TABLE[char] = changed
        _FAST_PATTERN.append(re.compile("[" + "".join(re.escape(c) for c in sorted(_FAST_TABLE)) + "]"))
    return _FAST_PATTERN[0].sub(lambda m: _FAST_TABLE[m.group()], text)


def tokens_match(text: str, tokenizer: Tokenizer | None = None) -> bool:
    """Whether the fast normalisation and memoised segmentation of ``text`` are the index's own."""
    tokenizer = tokenizer or Tokenizer()
    return fast_normalise(text) == normalise(text) and tokenizer(fast_normalise(text)) == search_tokens(text)


# ---- rows ----


class _Table:
    """``INSERT`` of a model's concrete fields: the ``varying`` ones per row, the rest their default."""

    def __init__(self, model, varying: list[str]) -> None:
        meta = model._meta
        fields = {f.attname: f for f in meta.concrete_fields}
        unknown = set(varying) - set(fields)
        if unknown:
            raise ValueError(f"{meta.db_table} has no fields {sorted(unknown)}")
        rest = [f for name, f in fields.items() if name not in varying]
        columns = [fields[name].column for name in varying] + [f.column for f in rest]
        quote = connection.ops.quote_name
        self.sql = (
            f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(columns))})"
        )
        self.tail = tuple(f.get_db_prep_save(f.get_default(), connection) for f in rest)

    def row(self, *values) -> tuple:
        return values + self.tail


def _moment(day: dt.date, i: int, rng: random.Random) -> dt.datetime:
    """A moment in working hours on ``day`` (the corpus's publication date of item ``i``)."""
    return dt.datetime(day.year, day.month, day.day, 8 + (i * 7) % 10, rng.randrange(60), tzinfo=TZ)


BENCH_DISTRICT_SERIAL = 99_000_000


def bench_district_or_none():
    from gongkai.accounts.factories import make_uscc
    from gongkai.orgs.models import Organisation

    return Organisation.objects.filter(code=make_uscc(BENCH_DISTRICT_SERIAL)).first()


def bench_district():
    """The district the benchmark corpus belongs to: 北湖区 with its departments (made if missing)."""
    from gongkai.accounts.factories import make_uscc
    from gongkai.orgs.models import Organisation, OrgKind

    code = make_uscc(BENCH_DISTRICT_SERIAL)
    district = Organisation.objects.filter(code=code).first()
    if district is None:
        district = Organisation(name="北湖区人民政府", short_name="北湖区", kind=OrgKind.DISTRICT, code=code)
        district.save()  # seeds the district's columns
    for serial, short in enumerate(corpus.DEPARTMENTS, start=BENCH_DISTRICT_SERIAL + 1):
        Organisation.objects.get_or_create(
            code=make_uscc(serial),
            defaults={
                "name": f"北湖区{short}",
                "short_name": short,
                "kind": OrgKind.DEPARTMENT,
                "parent": district,
            },
        )
    return district


def generate(
    count: int,
    *,
    district=None,
    seed: int = 2018,
    batch: int = BATCH,
    rebuild_fts: bool | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict:
    """Write ``count`` published items of ``district`` (default: ``bench_district()``); returns timings.

    ``rebuild_fts`` (SQLite): drop the FTS insert trigger and rebuild the index at the end;
    by default when ``count >= FTS_REBUILD_FROM``.
    """
    from gongkai.orgs.models import Organisation, OrgKind

    started = time.perf_counter()
    say = progress or (lambda message: None)
    rng = random.Random(seed)  # noqa: S311 - synthetic data
    tokenize = Tokenizer()
    sqlite = connection.vendor == "sqlite"
    if rebuild_fts is None:
        rebuild_fts = count >= FTS_REBUILD_FROM
    rebuild_fts = rebuild_fts and sqlite

    with transaction.atomic():
        district = district or bench_district()
        columns = {c.slug: c.pk for c in Column.objects.filter(district=district)}
        missing = set(corpus.COLUMNS) - set(columns)
        if missing:
            raise RuntimeError(f"district {district} lacks the corpus's columns {sorted(missing)}")
        topics = {t.name: t.pk for t in Topic.objects.all()}
        departments = list(
            Organisation.objects.filter(
                district=district, kind__in=[OrgKind.DEPARTMENT, OrgKind.TOWN, OrgKind.STREET]
            ).order_by("pk")
        ) or [district]
        by_short = {}
        for org in departments:
            by_short.setdefault(org.short_name, org)
        serials: dict[tuple[int, int], int] = defaultdict(int)
        for counter in IndexCounter.objects.filter(organisation__in=departments):
            serials[(counter.organisation_id, counter.year)] = counter.last
        next_item = (Item.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        next_version = (Version.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1

        item_table = _Table(
            Item,
            ["id", "district_id", "organisation_id", "index_no", "live_id", "first_published_at",
             "created_at", "view_count"],
        )  # fmt: skip
        version_table = _Table(
            Version,
            ["id", "item_id", "number", "state", "column_id", "topic_id", "title", "doc_number",
             "doc_kind", "written_date", "keywords", "summary", "body", "published_at", "created_at",
             "updated_at"],
        )  # fmt: skip
        entry_table = _Table(
            SearchEntry,
            ["item_id", "district_id", "organisation_id", "column_id", "year", "published_at",
             "title_tokens", "body_tokens", "text"],
        )  # fmt: skip
        adapt_dt = connection.ops.adapt_datetimefield_value
        adapt_date = connection.ops.adapt_datefield_value

        with connection.cursor() as cursor:
            if rebuild_fts:
                cursor.execute("DROP TRIGGER IF EXISTS catalog_fts_ai")
            items, versions, entries = [], [], []
            timings = {"generate": 0.0, "insert": 0.0}
            mark = time.perf_counter()
            for i, doc in enumerate(corpus.items(count, seed=seed)):
                # A department the district lacks: the district publishes (as the old corpus did).
                org = by_short.get(doc.organisation) or departments[i % len(departments)]
                moment = _moment(doc.published, i, rng)
                year = moment.year
                serials[(org.pk, year)] += 1
                index_no = f"{org.code}/{year}-{serials[(org.pk, year)]:05d}"
                body_text = doc.body
                item_id, version_id = next_item + i, next_version + i
                at = adapt_dt(moment)
                # What search.index_item indexes: title, 文号 and 索引号; keywords, summary and body.
                title_text = " ".join(filter(None, [doc.title, doc.doc_number, index_no]))
                extra = " ".join(filter(None, [doc.keywords, doc.summary]))
                rest_text = f"{extra} {body_text}"
                if i % 997 == 0 and not (
                    tokens_match(title_text, tokenize) and tokens_match(rest_text, tokenize)
                ):
                    raise RuntimeError(
                        f"the fast segmentation differs from the index's for item {i}: {title_text}"
                    )
                items.append(
                    item_table.row(item_id, district.pk, org.pk, index_no, version_id, at, at, 3 + i % 397)
                )
                versions.append(
                    version_table.row(
                        version_id,
                        item_id,
                        1,
                        State.PUBLISHED,
                        columns[doc.column],
                        topics.get(TOPIC_BY_COLUMN.get(doc.column, "")),
                        doc.title,
                        doc.doc_number,
                        DocKind.INFORMATION,
                        adapt_date(moment.date()),
                        doc.keywords,
                        doc.summary,
                        doc.body_html,
                        at,
                        at,
                        at,
                    )
                )
                entries.append(
                    entry_table.row(
                        item_id,
                        district.pk,
                        org.pk,
                        columns[doc.column],
                        year,
                        at,
                        " ".join(tokenize(fast_normalise(title_text))),
                        " ".join(tokenize(fast_normalise(rest_text))),
                        fast_normalise(f"{title_text}\n{extra}\n{body_text}"),
                    )
                )
                if len(items) >= batch or i == count - 1:
                    now = time.perf_counter()
                    timings["generate"] += now - mark
                    cursor.executemany(item_table.sql, items)
                    cursor.executemany(version_table.sql, versions)
                    cursor.executemany(entry_table.sql, entries)
                    mark = time.perf_counter()
                    timings["insert"] += mark - now
                    items, versions, entries = [], [], []
                    if (i + 1) % (batch * 20) == 0:
                        say(f"    {i + 1:,} items ({time.perf_counter() - started:.0f} s)")
            if rebuild_fts:
                mark = time.perf_counter()
                cursor.execute("INSERT INTO catalog_fts(catalog_fts) VALUES('rebuild')")
                migration = importlib.import_module("gongkai.catalog.migrations.0002_search_index")
                cursor.execute(next(sql for sql in migration.SQLITE_FORWARD if "catalog_fts_ai" in sql))
                timings["fts_rebuild"] = time.perf_counter() - mark
            if connection.vendor == "postgresql":
                from django.core.management.color import no_style

                for sql in connection.ops.sequence_reset_sql(no_style(), [Item, Version]):
                    cursor.execute(sql)
        for (org_id, year), last in serials.items():
            IndexCounter.objects.update_or_create(organisation_id=org_id, year=year, defaults={"last": last})
    rebuild_index = getattr(importlib.import_module("gongkai.catalog.search"), "rebuild_index", None)
    if rebuild_index is not None:
        mark = time.perf_counter()
        rebuild_index(district=None, progress=say)
        timings["index_rebuild"] = time.perf_counter() - mark
    timings["total"] = time.perf_counter() - started
    return {"district": district, "count": count, "rebuild_fts": rebuild_fts, "seconds": timings}
