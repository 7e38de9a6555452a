"""Search against the truth: on a generated corpus with a Zipf-like word distribution
(gongkai.catalog.corpus) and on items shaped like the demo's (demo_text), every kind of query
citizens type — hot, rare, two and three words, phrases, substrings across jieba's word boundaries,
absent words, some with filters — finds exactly the items whose text contains every query word,
counts them exactly, and pages through all of them; on both engines."""

import datetime as dt
import random

import pytest
from django.utils import timezone

from gongkai.catalog import corpus, search
from gongkai.catalog.demo_text import body_for, title_for
from gongkai.catalog.models import Column, DocKind, Item, SearchEntry, State, Version
from gongkai.lib.segment import normalise, words

pytestmark = pytest.mark.django_db


def _load(personas, docs):
    """Publish ``docs`` (corpus.Doc) in bulk, as demo_steps does; map their columns and departments
    onto the test district's. Returns [(item id, doc, column id, organisation id)]."""
    columns = list(Column.objects.filter(district=personas.district).order_by("pk"))
    orgs = [personas.department, personas.other_department]
    column_of = {slug: columns[i % len(columns)] for i, slug in enumerate(sorted(corpus.COLUMNS))}
    org_of = {name: orgs[i % 2] for i, name in enumerate(corpus.DEPARTMENTS)}
    tz = timezone.get_current_timezone()
    moments = [
        dt.datetime.combine(doc.published, dt.time(9, 0), tz) + dt.timedelta(minutes=doc.position % 480)
        for doc in docs
    ]
    items = Item.objects.bulk_create(
        [
            Item(
                district=personas.district,
                organisation=org_of[doc.organisation],
                index_no=f"TEST/{doc.position:07d}",
                first_published_at=moment,
                created_at=moment,
            )
            for doc, moment in zip(docs, moments, strict=True)
        ],
        batch_size=1000,
    )
    versions = Version.objects.bulk_create(
        [
            Version(
                item=item,
                number=1,
                state=State.PUBLISHED,
                column=column_of[doc.column],
                title=doc.title[:300],
                doc_number=doc.doc_number,
                doc_kind=DocKind.INFORMATION,
                keywords=doc.keywords[:200],
                summary=doc.summary,
                body=doc.body_html,
                published_at=moment,
                created_at=moment,
            )
            for item, doc, moment in zip(items, docs, moments, strict=True)
        ],
        batch_size=1000,
    )
    for item, version in zip(items, versions, strict=True):
        item.live = version
    Item.objects.bulk_update(items, ["live"], batch_size=1000)
    search.rebuild_index(personas.district)
    return [
        (item.pk, doc, column_of[doc.column].pk, org_of[doc.organisation].pk)
        for item, doc in zip(items, docs, strict=True)
    ]


def _found_everything(personas, query, expected_count, **filters):
    """Every match, newest first (by the engine), checking count and pages on the way."""
    total, more, rows = search.ranked_ids(query, district=personas.district, limit=500, sort="date", **filters)
    found = [pk for pk, _ in rows]
    offset = 500
    while offset < total:
        page = search.ranked_ids(query, district=personas.district, limit=500, offset=offset, sort="date", **filters)
        found += [pk for pk, _ in page[2]]
        offset += 500
    assert not more
    assert len(found) == len(set(found)) == total, query  # the count is what the pages hold
    return total, set(found)


def _measure(personas, loaded, queries):
    """Micro precision and recall over ``queries`` (corpus.Query), and the per-kind misses."""
    texts = {pk: normalise(text) for pk, text in SearchEntry.objects.values_list("item_id", "text")}
    column_pk = {}
    for _pk, doc, column_id, _org in loaded:
        column_pk.setdefault(doc.column, column_id)
    tp = found_n = expected_n = 0
    for q in queries:
        filters = {}
        if q.column:
            filters["column"] = Column.objects.get(pk=column_pk[q.column])
        if q.year:
            filters["year"] = q.year
        org_id = None
        if q.organisation:
            org_id = next(org for _pk, doc, _c, org in loaded if doc.organisation == q.organisation)
            filters["organisation_id"] = org_id
        expected = {
            pk
            for pk, doc, column_id, org in loaded
            if corpus.contains_all(q.terms, texts[pk])
            and (not q.column or column_id == filters["column"].pk)
            and (not q.year or doc.year == q.year)
            and (not org_id or org == org_id)
        }
        found = _found_everything(personas, q.text, len(expected), **filters)[1]
        tp += len(found & expected)
        found_n += len(found)
        expected_n += len(expected)
    return tp / max(found_n, 1), tp / max(expected_n, 1), expected_n


@pytest.mark.parametrize("engine", ["tantivy", "database"])
def test_recall_and_precision_on_a_zipf_corpus(personas, settings, engine):
    settings.SEARCH_ENGINE = engine
    docs = list(corpus.items(1200, seed=16))
    loaded = _load(personas, docs)
    queries = corpus.queries(160, seed=16, docs=docs)
    kinds = {q.kind for q in queries}
    assert {"hot", "rare", "two", "three", "boundary", "absent"} <= kinds
    precision, recall, expected = _measure(personas, loaded, queries)
    assert expected > 5_000, "the queries must exercise the search"
    assert precision >= 0.99, precision
    assert recall >= 0.99, recall
    # and the boundary-crossing substrings of the issue, which jieba never cuts out
    for word in ("力保", "金发", "进城"):
        truth = {pk for pk, text in SearchEntry.objects.values_list("item_id", "text") if word in text}
        assert truth, word
        assert _found_everything(personas, word, len(truth))[1] == truth


def test_recall_and_precision_on_items_shaped_like_the_demo(personas):
    """The demo's titles and bodies (demo_text), with queries cut from them at jieba's words, across
    its boundaries and at random characters, one to three terms."""
    rng = random.Random(7)
    slugs = ["gzdt", "tzgg", "yjgl", "zcfg", "shjz", "zfcg", "zdfw", "ghjh"]
    docs = []
    for position in range(400):
        slug = rng.choice(slugs)
        title = title_for(slug, rng.choice(["教育局", "民政局", "财政局", "住建局"]), rng)
        body = body_for(title, rng)
        paragraphs = tuple(p.split("</p>")[0] for p in body.split("<p>")[1:]) or (body,)
        docs.append(
            corpus.Doc(
                position=position,
                column=rng.choice(sorted(corpus.COLUMNS)),
                organisation=rng.choice(corpus.DEPARTMENTS),
                published=dt.date(2018, 1, 1) + dt.timedelta(days=position % 365),
                title=title,
                paragraphs=paragraphs,
            )
        )
    loaded = _load(personas, docs)
    texts = [t for _, t in SearchEntry.objects.values_list("item_id", "text")]
    queries = set()
    while len(queries) < 150:
        text = rng.choice(texts)
        kind = rng.random()
        if kind < 0.4:  # a span of jieba words
            ws = words(text)
            start = rng.randrange(len(ws))
            queries.add("".join(ws[start : start + rng.randint(1, 3)]))
        elif kind < 0.7:  # any substring, wherever jieba cut
            start = rng.randrange(max(1, len(text) - 4))
            queries.add(text[start : start + rng.randint(1, 4)].strip())
        else:  # two or three terms from different items
            queries.add(" ".join(rng.choice(words(rng.choice(texts))) for _ in range(rng.randint(2, 3))))
    queries.update(["力保", "金发", "进城", "不存在的词语组合"])
    picked = [corpus.Query(q, "demo") for q in sorted(queries) if q]
    precision, recall, expected = _measure(personas, loaded, picked)
    assert expected > 2_000
    assert precision >= 0.99, precision
    assert recall >= 0.99, recall


def test_relevance_pages_hold_every_match_once(personas):
    docs = list(corpus.items(600, seed=5))
    _load(personas, docs)
    for query in ("政府", "工作 安全", "发放", "力保"):
        first = search.search(query, district=personas.district, limit=20)
        seen = []
        for page in range((first.total + 19) // 20):
            seen += [h.item.pk for h in search.search(query, district=personas.district, limit=20, offset=page * 20).hits]
        everything = {h.item.pk for h in search.search(query, district=personas.district, limit=1000, sort="date").hits}
        assert len(seen) == len(set(seen)) == first.total == len(everything), query
        assert set(seen) == everything
        assert search.search(query, district=personas.district, limit=20, offset=first.total).hits == []
