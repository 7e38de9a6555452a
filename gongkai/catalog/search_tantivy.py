"""The tantivy search engine (SEARCH_ENGINE=tantivy, the default): an embedded index on local disk.

One directory per database under SEARCH_INDEX_DIR. Fields are whitespace-tokenised and fed
pre-tokenised text (gongkai.catalog.search_text): jieba words (``*_w``, for the whole-word rank),
character bigrams with positions (``*_g``, matching: a phrase of bigrams is an exact substring) and
characters (``*_c``, one-character queries), for the title line and for the rest; filters and the
date order are fast fields.

Writing: SearchEntry (in the database, changed in the publishing transaction) is the record, and
SearchChange the outbox. ``apply_changes`` — called after each commit that changed an entry, by a
search that finds the outbox non-empty, or by the task queue when another process holds the
writer lock — brings the index in line with the entries of the changed items and deletes their
outbox rows. Only one writer exists at a time (tantivy's lock file); every process's readers
reload on commit.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from pathlib import Path

import tantivy
from django.conf import settings
from django.db import connection
from tantivy import Document, Occur, Order, Query

from gongkai.catalog import search_text
from gongkai.catalog.models import SearchChange, SearchEntry
from gongkai.lib.segment import words

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
TITLE_BOOST = 5.0  # BM25 of a match in the title line counts five times a match in the body
WORD_TIER = 1000.0  # each query term found as a whole word puts the item a tier above substring-only matches
COMMON_SHARE = 0.5  # a term in more than half of the district's items only filters; the rest rank
WRITER_HEAP = 50_000_000
BATCH = 2_000

_lock = threading.Lock()
_indexes: dict[str, tantivy.Index] = {}


class WriterBusy(Exception):
    """Another process (or thread) holds the index writer."""


def _schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    for name in ("item_id", "district", "column", "organisation", "year"):
        sb.add_integer_field(name, indexed=True, fast=True)
    sb.add_integer_field("recency", indexed=False, fast=True)
    for name in ("title_w", "body_w", "title_c", "body_c"):
        sb.add_text_field(name, tokenizer_name="ws", index_option="freq")
    for name in ("title_g", "body_g"):
        sb.add_text_field(name, tokenizer_name="ws", index_option="position")
    return sb.build()


SCHEMA = _schema()


def index_path() -> Path:
    """This database's index directory: a deployment's index never shows another database's items."""
    db = connection.settings_dict
    name = Path(str(db["NAME"])).name or "default"
    key = hashlib.sha256(f"{connection.vendor}|{db.get('HOST')}|{db.get('PORT')}|{db['NAME']}".encode()).hexdigest()
    return Path(settings.SEARCH_INDEX_DIR) / f"{name}-{key[:10]}-v{SCHEMA_VERSION}"


def get_index() -> tantivy.Index:
    path = str(index_path())
    index = _indexes.get(path)
    if index is None:
        with _lock:
            index = _indexes.get(path)
            if index is None:
                Path(path).mkdir(parents=True, exist_ok=True)
                index = tantivy.Index(SCHEMA, path=path, reuse=True)
                index.register_tokenizer("ws", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build())
                index.config_reader(reload_policy="OnCommit")
                _indexes[path] = index
    return index


def forget_indexes() -> None:
    """Drop the opened indexes (tests switch SEARCH_INDEX_DIR)."""
    with _lock:
        _indexes.clear()


def _writer(index: tantivy.Index, heap: int = WRITER_HEAP, threads: int = 1):
    try:
        return index.writer(heap, threads)
    except ValueError as exc:
        if "LockBusy" in str(exc):
            raise WriterBusy(str(exc)) from exc
        raise


def _wait_for_writer(index: tantivy.Index, wait: float, **options):
    deadline = time.monotonic() + wait
    while True:
        try:
            return _writer(index, **options)
        except WriterBusy:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.2)


def recency(entry: SearchEntry) -> int:
    """Newest first, then the higher item id: a total order, the same on every page."""
    return int(entry.published_at.timestamp()) * 100_000_000 + entry.item_id


def document(entry: SearchEntry) -> Document:
    title, rest = search_text.split_entry_text(entry.text)
    doc = Document()
    doc.add_integer("item_id", entry.item_id)
    doc.add_integer("district", entry.district_id)
    doc.add_integer("column", entry.column_id)
    doc.add_integer("organisation", entry.organisation_id)
    doc.add_integer("year", entry.year)
    doc.add_integer("recency", recency(entry))
    doc.add_text("title_w", search_text.word_field(title))
    doc.add_text("body_w", search_text.word_field(rest))
    doc.add_text("title_g", search_text.bigram_field(title))
    doc.add_text("body_g", search_text.bigram_field(rest))
    doc.add_text("title_c", search_text.char_field(title))
    doc.add_text("body_c", search_text.char_field(rest))
    return doc


_ENTRY_FIELDS = ("item_id", "district_id", "column_id", "organisation_id", "year", "published_at", "text")


def _entries(ids: list[int]):
    return SearchEntry.objects.filter(item_id__in=ids).only(*_ENTRY_FIELDS)


# ---- writing ----


def apply_changes(*, wait: float = 0.0) -> int | None:
    """Apply the outbox to the index; the number of changes applied, or None if the writer was busy
    (for ``wait`` seconds). Safe to repeat: a change applied twice leaves the same index."""
    index = get_index()
    try:
        writer = _wait_for_writer(index, wait)
    except WriterBusy:
        return None
    try:
        applied = _drain(writer)
    finally:
        writer.wait_merging_threads()
    if applied:
        index.reload()
    return applied


def _drain(writer) -> int:
    applied = 0
    while True:
        rows = list(SearchChange.objects.order_by("pk").values_list("pk", "item_id")[:BATCH])
        if not rows:
            return applied
        ids = list(dict.fromkeys(item_id for _, item_id in rows))
        for item_id in ids:
            writer.delete_documents_by_term("item_id", item_id)
        for entry in _entries(ids):
            writer.add_document(document(entry))
        writer.commit()
        from gongkai.catalog.search import changes_applied

        changes_applied([pk for pk, _ in rows])
        applied += len(rows)


def rebuild(entries, *, district_id: int | None, progress=None) -> int:
    """Replace the index's documents (of one district, or all) by ``entries`` (an iterable of
    SearchEntry batches), in one commit: readers see the old index until the new one is complete."""
    index = get_index()
    writer = _wait_for_writer(index, 60.0, heap=200_000_000, threads=2)
    count = 0
    try:
        if district_id is None:
            writer.delete_all_documents()
        else:
            writer.delete_documents_by_term("district", district_id)
        for batch in entries:
            for entry in batch:
                writer.add_document(document(entry))
            count += len(batch)
            if progress:
                progress(len(batch))
        writer.commit()
        _drain(writer)  # what changed while the rebuild ran
    except BaseException:
        writer.rollback()
        raise
    finally:
        writer.wait_merging_threads()
    index.reload()
    return count


def indexed_ids(district_id: int | None = None) -> list[int]:
    """Every item id in the index (with repeats if an item is there twice)."""
    searcher = get_index().searcher()
    if not searcher.num_docs:
        return []
    query = Query.all_query() if district_id is None else Query.term_query(SCHEMA, "district", district_id)
    hits = searcher.search(query, searcher.num_docs, count=False, order_by_field="recency").hits
    return searcher.fast_field_values("item_id", [address for _, address in hits])


# ---- reading ----


def _field_query(field: str, term: str) -> Query:
    if len(term) == 1:
        return Query.term_query(SCHEMA, f"{field}_c", term)
    grams = search_text.bigrams(term)
    if len(grams) == 1:
        return Query.term_query(SCHEMA, f"{field}_g", grams[0])
    return Query.phrase_query(SCHEMA, f"{field}_g", grams)


def _match(term: str) -> Query:
    """Items whose title line or rest contains ``term`` (exactly, as a substring)."""
    return Query.boolean_query(
        [
            (Occur.Should, Query.boost_query(_field_query("title", term), TITLE_BOOST)),
            (Occur.Should, _field_query("body", term)),
        ]
    )


def _whole_words(term: str) -> Query | None:
    """Items that have the term's words as jieba words, not only inside other words."""
    ws = [w for w in words(term) if len(w) <= search_text.MAX_WORD]
    if not ws:
        return None
    return Query.boolean_query(
        [
            (
                Occur.Must,
                Query.boolean_query(
                    [(Occur.Should, Query.term_query(SCHEMA, "title_w", w)), (Occur.Should, Query.term_query(SCHEMA, "body_w", w))]
                ),
            )
            for w in ws
        ]
    )


def _estimate(searcher, term: str) -> int:
    """An upper bound of the items containing ``term`` (its rarest bigram's document frequency)."""
    if len(term) == 1:
        return searcher.doc_freq("title_c", term) + searcher.doc_freq("body_c", term)
    grams = search_text.bigrams(term)
    return min(searcher.doc_freq("title_g", g) for g in grams) + min(searcher.doc_freq("body_g", g) for g in grams)


# Whether a term is in most of a district's items, per index state (documents and segments: both
# change with a commit) — counting it costs as much as the search itself.
_common_cache: dict[tuple, bool] = {}


def _common(searcher, term: str, match: Query, district_id: int, district: Query) -> bool:
    indexed = searcher.doc_freq("district", district_id)  # with deleted documents: an upper bound
    if _estimate(searcher, term) <= COMMON_SHARE * indexed:
        return False
    key = (searcher.num_docs, searcher.num_segments, indexed, district_id, term)
    found = _common_cache.get(key)
    if found is None:
        size = searcher.search(district, 1, count=True).count
        count = searcher.search(Query.boolean_query([(Occur.Must, match), (Occur.Must, district)]), 1, count=True).count
        found = count > COMMON_SHARE * size
        if len(_common_cache) > 10_000:
            _common_cache.clear()
        _common_cache[key] = found
    return found


def _zero(query: Query) -> Query:
    return Query.const_score_query(query, 0.0)


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
) -> tuple[int, list[tuple[int, float]]]:
    """(exact number of matches, [(item id, score)] of the page asked for)."""
    searcher = get_index().searcher()
    district = Query.term_query(SCHEMA, "district", district_id)
    filters = [district]
    if column_ids:
        filters.append(Query.term_set_query(SCHEMA, "column", column_ids))
    if organisation_id:
        filters.append(Query.term_query(SCHEMA, "organisation", organisation_id))
    if year:
        filters.append(Query.term_query(SCHEMA, "year", year))
    clauses = [(Occur.Must, _zero(f)) for f in filters]

    ranked = False
    for term in terms:
        match = _match(term)
        if _common(searcher, term, match, district_id, district):
            clauses.append((Occur.Must, _zero(match)))
            continue
        ranked = True
        whole = _whole_words(term)
        parts = [(Occur.Must, match)]
        if whole is not None:
            parts.append((Occur.Should, Query.const_score_query(whole, WORD_TIER)))
        clauses.append((Occur.Must, Query.boolean_query(parts)))
    q = Query.boolean_query(clauses)

    if sort == "date" or not ranked:
        # Newest first; for terms found in most items (所有词都很常见) relevance says nothing more.
        result = searcher.search(q, limit, count=True, order_by_field="recency", offset=offset, order=Order.Desc)
        addresses = [address for _, address in result.hits]
        ids = searcher.fast_field_values("item_id", addresses) if addresses else []
        return result.count, [(pk, 0.0) for pk in ids]

    # Relevance, ties by date: fetch past the page until the page's last score is passed, so that
    # every item tied with it is there to be ordered by date.
    need = offset + limit
    fetch = need + max(limit, 20)
    result = searcher.search(q, fetch, count=True)
    total, hits = result.count, result.hits
    while len(hits) == fetch and need and len(hits) > need and hits[-1][0] >= hits[need - 1][0]:
        fetch *= 4
        hits = searcher.search(q, fetch, count=False).hits
    if not hits or offset >= len(hits):
        return total, []
    addresses = [address for _, address in hits]
    recencies = searcher.fast_field_values("recency", addresses)
    order = sorted(range(len(hits)), key=lambda i: (-hits[i][0], -recencies[i]))[offset:need]
    page = [addresses[i] for i in order]
    ids = searcher.fast_field_values("item_id", page)
    return total, [(pk, hits[i][0]) for pk, i in zip(ids, order, strict=True)]
