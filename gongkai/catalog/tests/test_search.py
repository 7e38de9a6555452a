"""Chinese full-text search: the right items in the right order, the same on SQLite and
PostgreSQL (agreement with substring matching on whole corpora: test_search_recall.py)."""

import pytest

from gongkai.catalog import actions, search
from gongkai.catalog.models import Column, Item, SearchQuery

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


def _ids(results):
    return [hit.item.pk for hit in results.hits]


def test_substrings_across_jieba_word_boundaries_are_found(make_version, publish, personas):
    # jieba cuts these as 有力|保障, 资金|发放, 推进|城乡: the queries lie across the cuts.
    publish(make_version(title="为民生工作提供有力保障"))
    publish(make_version(title="低保资金发放情况", body="<p>扎实推进城乡一体化。</p>"))
    publish(make_version(title="其他通知", body="<p>保障资金到位。</p>"))
    d = personas.district
    assert _titles(search.search("力保", district=d)) == ["为民生工作提供有力保障"]
    assert _titles(search.search("金发", district=d)) == ["低保资金发放情况"]
    assert _titles(search.search("进城", district=d)) == ["低保资金发放情况"]
    assert _titles(search.search("金发 进城", district=d)) == ["低保资金发放情况"]
    assert search.search("力保 进城", district=d).total == 0  # each term, but in one item
    assert _titles(search.search("障资", district=d)) == ["其他通知"]  # 保障资金到位
    assert search.search("力保资", district=d).total == 0  # 有力保障 ends there: no false phrase
    assert search.search("保障 低保", district=d).total == 0


def test_one_character_queries_find_the_character_anywhere(make_version, publish, personas):
    publish(make_version(title="个人所得税专项附加扣除", body="<p>内容。</p>"))
    publish(make_version(title="房产税减免", body="<p>内容。</p>"))
    publish(make_version(title="水费调整", body="<p>内容。</p>"))
    assert search.search("税", district=personas.district).total == 2
    assert search.search("税 房", district=personas.district).total == 1
    assert search.search("Ａ", district=personas.district).total == 0  # full width normalised, still absent


def test_whole_word_matches_rank_above_substring_only_matches(make_version, publish, personas):
    # 确保障碍物 is 确保|障碍物: 保障 is only a substring there, even in the title.
    inside = publish(make_version(title="确保障碍物清理到位", body="<p>其他内容。</p>"))
    word = publish(make_version(title="工作通知", body="<p>" + "其他内容。" * 20 + "做好保障。</p>"))
    assert _ids(search.search("保障", district=personas.district)) == [word.item_id, inside.item_id]


def test_ties_are_ordered_by_date_and_pages_are_stable(make_version, publish, personas):
    for _ in range(25):
        publish(make_version(title="低保公示", body="<p>内容相同。</p>"))
    newest_first = list(
        Item.objects.filter(district=personas.district).order_by("-first_published_at", "-pk").values_list("pk", flat=True)
    )
    for sort in ("relevance", "date"):
        pages = [
            _ids(search.search("低保", district=personas.district, limit=10, offset=o, sort=sort)) for o in (0, 10, 20)
        ]
        assert [pk for page in pages for pk in page] == newest_first, sort
        assert [len(p) for p in pages] == [10, 10, 5]


def test_sort_by_date_puts_the_newest_first_whatever_the_relevance(make_version, publish, personas):
    for title in ("防汛通知", "招生简章", "预算公开"):  # 低保 in a minority of the items: it ranks
        publish(make_version(title=title, body="<p>内容。</p>"))
    old = publish(make_version(title="低保低保低保标准", body="<p>低保。</p>"))
    Item.objects.filter(pk=old.item_id).update(first_published_at=old.item.first_published_at.replace(year=2015))
    search.index_item(Item.objects.select_related("live").get(pk=old.item_id))
    new = publish(make_version(title="通知", body="<p>" + "其他内容。" * 30 + "涉及低保。</p>"))
    assert _ids(search.search("低保", district=personas.district))[0] == old.item_id
    assert _ids(search.search("低保", district=personas.district, sort="date")) == [new.item_id, old.item_id]


def test_a_word_in_most_items_ranks_by_the_other_words_then_by_date(make_version, publish, personas):
    for n in range(6):
        publish(make_version(title=f"工作动态第{n}期", body="<p>" + "工作" * (n + 1) + "。</p>"))
    body_only = publish(make_version(title="工作简报", body="<p>工作中涉及低保。</p>"))
    in_title = publish(make_version(title="低保工作", body="<p>内容。</p>"))
    newest_first = list(Item.objects.order_by("-first_published_at", "-pk").values_list("pk", flat=True))
    # 工作 is in every item: alone it says nothing about relevance, and the newest come first
    assert _ids(search.search("工作", district=personas.district)) == newest_first
    # with 低保, the ranking is 低保's: the title match first, however often 工作 occurs
    assert _ids(search.search("工作 低保", district=personas.district)) == [in_title.item_id, body_only.item_id]


@pytest.mark.parametrize("engine", ["tantivy", "database"])
def test_punctuation_and_numbers_in_queries(make_version, publish, personas, settings, engine):
    settings.SEARCH_ENGINE = engine
    publish(make_version(title="关于印发《北湖区低保实施办法》的通知", doc_number="北政发〔2018〕10号"))
    publish(make_version(title="其他通知", body="<p>内容——见附件。</p>"))
    d = personas.district
    assert search.search("《北湖区", district=d).total == 1
    assert search.search("〔2018〕10号", district=d).total == 1
    assert search.search("——", district=d).total == 1
    assert search.search("》的", district=d).total == 1
    assert search.search("〔2019〕", district=d).total == 0


@pytest.mark.parametrize("engine", ["tantivy", "database"])
def test_repeated_characters_and_latin_letters(make_version, publish, personas, settings, engine):
    settings.SEARCH_ENGINE = engine
    publish(make_version(title="哈哈镜展览", body="<p>通过ISO9001认证。</p>"))
    publish(make_version(title="笑哈哈哈", body="<p>内容。</p>"))
    d = personas.district
    assert _titles(search.search("哈哈哈", district=d)) == ["笑哈哈哈"]
    assert search.search("哈哈", district=d).total == 2
    assert _titles(search.search("iso9001", district=d)) == ["哈哈镜展览"]
    assert _titles(search.search("ＩＳＯ", district=d)) == ["哈哈镜展览"]  # full width, upper case
    assert search.search("so90", district=d).total == 1
    assert search.search("iso9002", district=d).total == 0
