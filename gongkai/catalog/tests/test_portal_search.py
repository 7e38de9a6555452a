"""The portal's search page (站内检索): titles with links, filters, paging, and the query log."""

import pytest
from django.utils import timezone

from gongkai.catalog import search
from gongkai.catalog.models import Column, Item, SearchQuery

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(make_version, publish, personas):
    columns = {c.slug: c for c in Column.objects.filter(district=personas.district)}
    return {
        "dibao": publish(make_version(title="关于做好城乡低保资金发放工作的通知", column=columns["shjz"])),
        "zhengshou": publish(
            make_version(
                title="北湖区房屋征收补偿方案",
                body="<p>对被征收人给予公平补偿。</p>",
                column=columns["zdfw"],
            )
        ),
        "report": publish(make_version(title="测试区2018年政府信息公开工作年度报告", column=columns["ndbg"])),
    }


def _html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_search_lists_matching_titles_with_links_to_the_item_pages(client, corpus):
    html = _html(client.get("/search/", {"q": "低保"}))
    assert f'href="/xxgk/xx/{corpus["dibao"].item_id}/"' in html
    assert "<mark>低保</mark>" in html
    assert "关于做好城乡<mark>低保</mark>资金发放工作的通知" in html
    # The plain title is on the link too, for tooltips and for tools that look for it.
    assert f'href="/xxgk/xx/{corpus["dibao"].item_id}/" title="关于做好城乡低保资金发放工作的通知"' in html
    assert "北湖区房屋" not in html
    assert "找到与“低保”相关的信息 1 条" in html

    html = _html(client.get("/search/", {"q": "征收补偿"}))
    assert f'href="/xxgk/xx/{corpus["zhengshou"].item_id}/"' in html
    assert "北湖区房屋<mark>征收补偿</mark>方案" in html
    assert 'title="北湖区房屋征收补偿方案"' in html
    assert "低保资金" not in html


def test_each_query_is_logged_once_with_its_result_count_and_filters(client, corpus, personas):
    client.get("/search/", {"q": "低保"})
    client.get("/search/", {"q": "征收补偿", "lm": "zdfw"})
    client.get("/search/", {"q": "低保", "page": "2"})  # paging through is not a new query
    client.get("/search/", {"q": ""})

    logged = list(
        SearchQuery.objects.order_by("pk").values_list("query", "results", "filtered", "district_id")
    )
    assert logged == [
        ("低保", 1, False, personas.district.pk),
        ("征收补偿", 1, True, personas.district.pk),
    ]


def test_an_empty_query_shows_only_the_form(client, corpus):
    html = _html(client.get("/search/"))
    assert 'name="q"' in html and 'role="search"' in html
    assert "没有找到" not in html and "search-results" not in html
    assert SearchQuery.objects.count() == 0


def test_no_results_says_so_with_tips(client, corpus):
    html = _html(client.get("/search/", {"q": "不存在的词语组合", "year": "2001"}))
    assert "没有找到与“不存在的词语组合”相关的信息" in html
    assert "去掉栏目、机构或年份等筛选条件" in html
    assert 'href="/xxgk/ml/"' in html
    assert SearchQuery.objects.get().results == 0


def test_filters_narrow_the_results(client, corpus, make_version, publish, personas):
    tzgg = Column.objects.get(district=personas.district, slug="tzgg")
    other = publish(make_version(title="城乡低保对象公示", column=tzgg))
    Item.objects.filter(pk=other.item_id).update(organisation=personas.other_department)
    search.index_item(Item.objects.select_related("live").get(pk=other.item_id))
    year = timezone.localtime(Item.objects.get(pk=other.item_id).first_published_at).year

    def titles(**params) -> set[str]:
        html = _html(client.get("/search/", {"q": "低保", **params}))
        return {t for t in ("城乡<mark>低保</mark>对象公示", "城乡<mark>低保</mark>资金发放") if t in html}

    assert len(titles()) == 2
    assert titles(lm="zwdt") == {"城乡<mark>低保</mark>对象公示"}  # tzgg is a sub-column of zwdt
    assert titles(lm="msbz") == {"城乡<mark>低保</mark>资金发放"}
    assert titles(org=str(personas.other_department.pk)) == {"城乡<mark>低保</mark>对象公示"}
    assert len(titles(year=str(year))) == 2
    assert titles(year=str(year - 5)) == set()
    assert len(titles(lm="no-such", org="x", year="y")) == 2  # unknown filters are ignored
    html = _html(client.get("/search/", {"q": "低保", "lm": "msbz"}))
    assert '<option value="msbz" selected>' in html


def test_results_are_paged_by_twenty_keeping_the_query_and_filters(client, make_version, publish):
    for n in range(25):
        publish(make_version(title=f"低保信息{n:02d}"))
    first = _html(client.get("/search/", {"q": "低保", "year": ""}))
    second = _html(client.get("/search/", {"q": "低保", "page": "2"}))
    assert first.count('class="search-hit"') == 20
    assert second.count('class="search-hit"') == 5
    assert "找到与“低保”相关的信息 25 条" in second
    assert "?q=%E4%BD%8E%E4%BF%9D&amp;year=&amp;page=2" in first


def test_markup_in_titles_and_queries_is_escaped(client, make_version, publish):
    publish(
        make_version(
            title="<script>alert(1)</script>低保通知", body="<p>低保&lt;img src=x onerror=alert(2)&gt;</p>"
        )
    )
    html = _html(client.get("/search/", {"q": "低保 <script>"}))
    assert "<script>alert" not in html and "<img" not in html
    html = _html(client.get("/search/", {"q": "低保"}))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<mark>低保</mark>通知" in html
    assert "<img" not in html


def test_items_the_index_still_holds_but_the_public_may_not_see_are_left_out(client, corpus):
    # A withdrawal written around the actions leaves the index entry behind.
    Item.objects.filter(pk=corpus["dibao"].item_id).update(withdrawn_at=timezone.now())
    html = _html(client.get("/search/", {"q": "低保"}))
    assert "资金发放" not in html


def test_the_search_page_runs_a_bounded_number_of_queries(
    client, make_version, publish, django_assert_max_num_queries
):
    for n in range(25):
        publish(make_version(title=f"低保信息{n:02d}"))
    search.apply_changes()  # as after the commits; the page then only asks whether the outbox is empty
    # 16 of the page's own (the index answers without the database; one query asks whether the
    # outbox is empty), and the rate limit's 6 on the database cache
    with django_assert_max_num_queries(22):
        _html(client.get("/search/", {"q": "低保", "lm": "zwdt"}))


def test_the_pager_offers_exactly_the_pages_that_hold_results(client, make_version, publish):
    for n in range(45):
        publish(make_version(title=f"低保信息{n:02d}"))
    for page, shown in ((1, 20), (2, 20), (3, 5)):
        html = _html(client.get("/search/", {"q": "低保", "page": str(page)}))
        assert html.count('class="search-hit"') == shown
        assert f"第 {page} / 3 页" in html
        assert "找到与“低保”相关的信息 45 条" in html and "以上" not in html
        assert "page=4" not in html
    # a page past the end shows the last one rather than an empty list
    html = _html(client.get("/search/", {"q": "低保", "page": "9"}))
    assert html.count('class="search-hit"') == 5 and "第 3 / 3 页" in html


def test_results_can_be_sorted_by_date_keeping_the_query(client, make_version, publish):
    old = publish(make_version(title="低保低保标准", body="<p>低保低保。</p>"))
    Item.objects.filter(pk=old.item_id).update(first_published_at=timezone.now().replace(year=2015))
    search.index_item(Item.objects.select_related("live").get(pk=old.item_id))
    new = publish(make_version(title="通知", body="<p>" + "其他内容。" * 30 + "涉及低保。</p>"))
    for title in ("防汛通知", "招生简章", "预算公开"):
        publish(make_version(title=title, body="<p>内容。</p>"))
    relevance = _html(client.get("/search/", {"q": "低保"}))
    assert relevance.index(f'/xxgk/xx/{old.item_id}/"') < relevance.index(f'/xxgk/xx/{new.item_id}/"')
    assert 'href="?q=%E4%BD%8E%E4%BF%9D&amp;sort=date">按发布时间</a>' in relevance
    by_date = _html(client.get("/search/", {"q": "低保", "sort": "date"}))
    assert by_date.index(f'/xxgk/xx/{new.item_id}/"') < by_date.index(f'/xxgk/xx/{old.item_id}/"')
    assert '<input type="hidden" name="sort" value="date">' in by_date
    assert '<strong aria-current="true">按发布时间</strong>' in by_date


def test_on_the_database_engine_a_capped_count_says_so_and_the_pager_ends_with_the_results(
    client, make_version, publish, settings, monkeypatch
):
    from gongkai.catalog import search_database

    settings.SEARCH_ENGINE = "database"
    for n in range(45):
        publish(make_version(title=f"城乡低保信息{n:02d}"))
    monkeypatch.setattr(search_database, "COUNT_CAP", 30)
    html = _html(client.get("/search/", {"q": "低保"}))
    assert "找到与“低保”相关的信息 30 条以上" in html and "第 1 / 2 页" in html
    last = _html(client.get("/search/", {"q": "低保", "page": "2"}))
    assert last.count('class="search-hit"') == 10 and "page=3" not in last
    data = client.get("/api/search", {"q": "低保", "page": 2}).json()
    assert (data["count"], data["more"], data["pages"], len(data["results"])) == (30, True, 2, 10)
    assert client.get("/api/search", {"q": "低保", "page": 3}).json()["results"] == []
