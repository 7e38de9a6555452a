"""Chinese full-text search: right items, same results on SQLite and PostgreSQL, and agreement
with plain substring matching on a generated corpus."""

import random

import pytest

from gongkai.catalog import actions, search
from gongkai.catalog.demo_text import body_for, title_for
from gongkai.catalog.models import Column, Item, SearchEntry, SearchQuery
from gongkai.catalog.sanitize import plain_text
from gongkai.lib.segment import normalise, words

pytestmark = pytest.mark.django_db


def _titles(results):
    return [hit.item.live.title for hit in results.hits]


def test_chinese_queries_find_the_items_containing_those_words(make_version, publish, personas):
    publish(make_version(title="关于做好城乡低保资金发放工作的通知"))
    publish(make_version(title="北湖区房屋征收补偿方案", body="<p>对被征收人给予公平补偿。</p>"))
    publish(make_version(title="北湖区2018年政府信息公开工作年度报告"))
    publish(make_version(title="防汛抗旱应急预案", body="<p>做好防汛工作。</p>"))
    assert _titles(search.search("低保", district=personas.district)) == [
        "关于做好城乡低保资金发放工作的通知"
    ]
    assert _titles(search.search("征收补偿", district=personas.district)) == ["北湖区房屋征收补偿方案"]
    assert _titles(search.search("政府信息公开", district=personas.district)) == [
        "北湖区2018年政府信息公开工作年度报告"
    ]
    assert search.search("不存在的词语组合", district=personas.district).total == 0


def test_words_far_apart_do_not_match_a_phrase(make_version, publish, personas):
    publish(make_version(title="房屋征收公告", body="<p>依法给予补偿。</p>"))
    assert search.search("征收补偿", district=personas.district).total == 0
    assert search.search("征收 补偿", district=personas.district).total == 1  # two terms, each anywhere


def test_document_and_index_numbers_are_searchable(make_version, publish, personas):
    version = make_version(title="某规范性文件", doc_number="北政发〔2018〕10号")
    publish(version)
    assert search.search("北政发〔2018〕10号", district=personas.district).total == 1
    assert search.search(version.item.index_no, district=personas.district).total == 1


def test_the_index_follows_publishing_and_withdrawal_at_once(make_version, publish, personas):
    version = make_version(title="城乡低保标准调整")
    assert search.search("低保", district=personas.district).total == 0
    publish(version)
    assert search.search("低保", district=personas.district).total == 1
    actions.withdraw(version.item, actor=personas.coordinator, reason="撤回")
    assert search.search("低保", district=personas.district).total == 0


def test_a_correction_replaces_the_indexed_text(make_version, publish, personas):
    version = make_version(title="低保标准")
    publish(version)
    correction = actions.start_correction(version.item, actor=personas.editor)
    actions.update_draft(correction, actor=personas.editor, title="特困供养标准")
    assert search.search("低保", district=personas.district).total == 1  # still the live version
    publish(correction)
    assert search.search("低保", district=personas.district).total == 0
    assert search.search("特困", district=personas.district).total == 1


def test_filters_by_column_organisation_and_year(make_version, publish, personas):
    other_column = Column.objects.get(district=personas.district, slug="tzgg")
    publish(make_version(title="低保公示一"))
    publish(make_version(title="低保公示二", column=other_column))
    parent = Column.objects.get(district=personas.district, slug="zwdt")
    assert search.search("低保", district=personas.district, column=other_column).total == 1
    assert search.search("低保", district=personas.district, column=parent).total == 2  # includes children
    assert (
        search.search("低保", district=personas.district, organisation_id=personas.other_department.pk).total
        == 0
    )
    year = Item.objects.first().first_published_at.year
    assert search.search("低保", district=personas.district, year=year).total == 2
    assert search.search("低保", district=personas.district, year=year - 1).total == 0


def test_results_are_highlighted_and_escaped(make_version, publish, personas):
    publish(make_version(title="<b>低保</b>资金"))
    hit = search.search("低保", district=personas.district).hits[0]
    assert "<mark>低保</mark>" in hit.title_html and "&lt;b&gt;" in hit.title_html


def test_title_matches_rank_above_body_matches(make_version, publish, personas):
    publish(make_version(title="工作通知", body="<p>" + "其他内容。" * 30 + "涉及低保。</p>"))
    publish(make_version(title="低保资金发放", body="<p>其他内容。</p>"))
    assert _titles(search.search("低保", district=personas.district))[0] == "低保资金发放"


def test_queries_are_logged_with_personal_numbers_masked(personas):
    search.log_query(personas.district, "低保 430102199001011234", 0, filtered=False)
    logged = SearchQuery.objects.get()
    assert "199001011234" not in logged.query and logged.query.startswith("低保 43")
    assert logged.results == 0


def _corpus(personas, n=240, seed=7):
    rng = random.Random(seed)
    slugs = ["gzdt", "tzgg", "yjgl", "zcfg", "shjz", "zfcg", "zdfw", "ghjh"]
    columns = {c.slug: c for c in Column.objects.filter(district=personas.district, slug__in=slugs)}
    for _ in range(n):
        slug = rng.choice(slugs)
        title = title_for(slug, rng.choice(["教育局", "民政局", "财政局", "住建局"]), rng)
        version = actions.create_item(
            actor=personas.editor,
            organisation=personas.department,
            column=columns[slug],
            title=title,
            body=body_for(title, rng),
        )
        actions.submit(version, actor=personas.editor)
        actions.review(version, actor=personas.reviewer, passed=True)
        actions.approve(version, actor=personas.leader, approved=True)
    return rng


def _queries(rng, texts, count=150):
    """One- to four-word queries: spans of precise-mode words taken from the corpus, plus a few
    combinations that need not occur anywhere."""
    queries = set()
    while len(queries) < count:
        ws = words(rng.choice(texts))
        length = rng.randint(1, 4)
        if len(ws) < length:
            continue
        start = rng.randrange(0, len(ws) - length + 1)
        queries.add("".join(ws[start : start + length]))
    all_words = [w for t in texts[:50] for w in words(t) if len(w) > 1]
    for _ in range(20):
        queries.add("".join(rng.sample(all_words, 2)))
    return sorted(queries)


def test_search_agrees_with_substring_matching_on_a_generated_corpus(personas):
    rng = _corpus(personas)
    entries = list(SearchEntry.objects.values_list("item_id", "text"))
    texts = [t for _, t in entries]
    queries = _queries(
        rng,
        [
            Item.objects.get(pk=pk).live.title + plain_text(Item.objects.get(pk=pk).live.body)
            for pk, _ in entries[:80]
        ],
    )
    true_positive = found_total = expected_total = 0
    for query in queries:
        q = normalise(query)
        expected = {pk for pk, text in entries if q in text}
        results = search.search(query, district=personas.district, limit=1000)
        found = {hit.item.pk for hit in results.hits}
        assert results.total == len(found)
        true_positive += len(found & expected)
        found_total += len(found)
        expected_total += len(expected)
    precision = true_positive / found_total
    recall = true_positive / expected_total
    assert expected_total > 500, "the corpus must exercise the search"
    assert precision >= 0.99, precision
    assert recall >= 0.99, recall
    assert len(texts) == 240


def test_broad_queries_rank_the_newest_window_and_cap_the_count(make_version, publish, personas, monkeypatch):
    for i in range(5):
        publish(make_version(title=f"低保公示第{i}批"))
    monkeypatch.setattr(search, "RANK_WINDOW", 3)
    monkeypatch.setattr(search, "COUNT_CAP", 4)
    results = search.search("低保", district=personas.district, limit=10)
    assert results.total == 4 and results.more
    newest = set(Item.objects.order_by("-pk").values_list("pk", flat=True)[:3])
    assert {hit.item.pk for hit in results.hits} == newest
    # with a filter the window does not apply: every match can be ranked
    column = Item.objects.first().live.column
    assert len(search.search("低保", district=personas.district, column=column, limit=10).hits) == 5
