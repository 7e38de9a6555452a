"""The catalog's figures (stats.py), against values worked out by hand from a few items."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from gongkai.catalog import actions, stats
from gongkai.catalog.models import Column, DocKind, Item, Topic, Validity
from gongkai.catalog.stats import DocumentFigures, Period, Scope

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(*args):
    return dt.datetime(*args, tzinfo=SHANGHAI)


@pytest.fixture
def columns(personas):
    return {c.slug: c for c in Column.objects.filter(district=personas.district)}


@pytest.fixture
def put(personas, columns):
    """``put(title, slug, published_at, **fields)``: a published item, as the import makes it."""

    def make(title, slug, published_at, *, organisation=None, **fields):
        record = {
            "title": title,
            "organisation": organisation or personas.department,
            "column": columns[slug],
            "published_at": published_at,
            **fields,
        }
        (item,) = actions.import_items([record], personas.district, source="test")
        return item

    return make


def withdraw(personas, item):
    actions.withdraw(item, actor=personas.coordinator, reason="测试撤回")


# --- items published in a period --------------------------------------------------------------


@pytest.fixture
def publications(personas, columns, put, make_version, publish):
    """Six items of the district:

    A  教育局      gzdt  topic 综合政务  2019-01-10
    B  教育局      tzgg  —             2019-03-05, corrected on 2019-03-20 into gzdt
    C  教育局      gzdt  —             2018-12-31 23:30 (the last half hour of 2018)
    D  教育局      gzdt  topic 综合政务  2019-12-31 23:30 (the last half hour of 2019)
    F  第一中学     gzdt  —             2019-07-01 (a budget unit under 教育局)
    G  财政局      ztbd  —             2019-02-01 (its column has no report group: 其他)
    E  财政局      qt    —             2019-06-01, withdrawn: off the portal, out of the figures
    """
    general = Topic.objects.get(name="综合政务")
    Column.objects.filter(pk=columns["ztbd"].pk).update(report_group="")
    items = {
        "A": put("A", "gzdt", at(2019, 1, 10, 9, 0), topic=general),
        "C": put("C", "gzdt", at(2018, 12, 31, 23, 30)),
        "D": put("D", "gzdt", at(2019, 12, 31, 23, 30), topic=general),
        "F": put("F", "gzdt", at(2019, 7, 1, 9, 0), organisation=personas.budget_unit),
        "G": put("G", "ztbd", at(2019, 2, 1, 9, 0), organisation=personas.other_department),
        "E": put("E", "qt", at(2019, 6, 1, 9, 0), organisation=personas.other_department),
    }
    withdraw(personas, items["E"])
    with time_machine.travel(at(2019, 3, 5, 10, 0), tick=False):
        first = make_version(title="B", column=columns["tzgg"])
        publish(first)
    with time_machine.travel(at(2019, 3, 20, 10, 0), tick=False):
        correction = actions.start_correction(first.item, actor=personas.editor)
        actions.update_draft(correction, actor=personas.editor, column=columns["gzdt"])
        publish(correction)
    items["B"] = Item.objects.get(pk=first.item_id)
    return items


def test_items_published_in_a_year_count_once_each_however_often_corrected(personas, columns, publications):
    figures = stats.published(personas.district, Period.year(2019))
    general = Topic.objects.get(name="综合政务")
    assert figures.total == 5  # A, B, D, F, G
    assert figures.by_column == {columns["gzdt"].pk: 4, columns["tzgg"].pk: 1, columns["ztbd"].pk: 1}
    assert figures.by_group == {"政务动态、应急管理": 4, "其他": 1}  # B counts once in its group
    assert figures.by_topic == {general.pk: 2, None: 3}


def test_a_correction_counts_in_both_columns_but_once_in_the_total(personas, columns, publications):
    figures = stats.published(personas.district, Period(dt.date(2019, 3, 1), dt.date(2019, 3, 31)))
    assert figures.total == 1  # B
    assert figures.by_column == {columns["gzdt"].pk: 1, columns["tzgg"].pk: 1}


def test_a_period_runs_by_local_days(personas, publications):
    assert stats.published(personas.district, Period.year(2018)).total == 1  # C, 23:30 on 31 December
    last_day = Period(dt.date(2019, 12, 31), dt.date(2019, 12, 31))
    assert stats.published(personas.district, last_day).total == 1  # D


def test_an_organisation_counts_its_own_items_and_those_below_it(personas, publications):
    assert stats.published(personas.department, Period.year(2019)).total == 4  # A, B, D, F
    assert stats.published(personas.budget_unit, Period.year(2019)).total == 1  # F
    assert stats.published(personas.other_department, Period.year(2019)).total == 1  # G (E withdrawn)
    assert stats.published(personas.office, Period.year(2019)).total == 0


def test_nothing_published_is_zero_everywhere(personas):
    figures = stats.published(personas.district, Period.year(2019))
    assert (figures.total, figures.by_column, figures.by_group, figures.by_topic) == (0, {}, {}, {})


# --- documents by kind ------------------------------------------------------------------------


@pytest.fixture
def documents(personas, put):
    """Rules (gz), normative documents (gfxwj) and another document (qtwj):

    J  rule        written 2019-02-01  amended (修订)
    K  rule        no written date, published 2019-08-08, valid, takes effect 2020-01-01
    L  rule        written 2019-03-03  valid, withdrawn: not counted at all
    C  normative   written 2018-12-20  valid
    H  normative   written 2019-04-01  valid, takes effect 2019-05-01
    I  normative   written 2017-01-01  repealed on 2019-06-30
    M  document    written 2019-05-05  no validity (财政局)
    """

    def doc(title, slug, kind, written=None, published=None, **fields):
        published = published or at(written.year, written.month, written.day, 10, 0) + dt.timedelta(days=1)
        return put(
            title,
            slug,
            published,
            doc_kind=kind,
            written_date=written,
            doc_number=f"测政发〔{title}〕1号",
            **fields,
        )

    doc("J", "gz", DocKind.RULE, dt.date(2019, 2, 1), validity=Validity.AMENDED)
    doc(
        "K",
        "gz",
        DocKind.RULE,
        published=at(2019, 8, 8, 10, 0),
        validity=Validity.VALID,
        effective_date=dt.date(2020, 1, 1),
    )
    withdraw(personas, doc("L", "gz", DocKind.RULE, dt.date(2019, 3, 3), validity=Validity.VALID))
    doc("C", "gfxwj", DocKind.NORMATIVE, dt.date(2018, 12, 20), validity=Validity.VALID)
    doc(
        "H",
        "gfxwj",
        DocKind.NORMATIVE,
        dt.date(2019, 4, 1),
        validity=Validity.VALID,
        effective_date=dt.date(2019, 5, 1),
    )
    doc(
        "I",
        "gfxwj",
        DocKind.NORMATIVE,
        dt.date(2017, 1, 1),
        validity=Validity.REPEALED,
        repealed_date=dt.date(2019, 6, 30),
    )
    doc("M", "qtwj", DocKind.OTHER_DOCUMENT, dt.date(2019, 5, 5), organisation=personas.other_department)


def test_documents_made_repealed_and_in_force_in_a_year(personas, documents):
    figures = stats.documents(personas.district, Period.year(2019))
    assert figures == {
        DocKind.RULE: DocumentFigures(made=2, repealed=0, in_force=1),  # J, K made; J in force
        DocKind.NORMATIVE: DocumentFigures(made=1, repealed=1, in_force=2),  # H made; I repealed; C, H
        DocKind.OTHER_DOCUMENT: DocumentFigures(made=1, repealed=0, in_force=0),  # M, without validity
        DocKind.INFORMATION: DocumentFigures(made=0, repealed=0, in_force=0),
    }


def test_in_force_is_judged_at_the_end_of_the_period(personas, documents):
    in_2018 = stats.documents(personas.district, Period.year(2018))
    assert in_2018[DocKind.RULE] == DocumentFigures(made=0, repealed=0, in_force=0)
    assert in_2018[DocKind.NORMATIVE] == DocumentFigures(made=1, repealed=0, in_force=2)  # C; C and I
    in_2020 = stats.documents(personas.district, Period.year(2020))
    assert in_2020[DocKind.RULE] == DocumentFigures(made=0, repealed=0, in_force=2)  # J, and K from 1 January
    assert in_2020[DocKind.NORMATIVE] == DocumentFigures(made=0, repealed=0, in_force=2)  # C, H
    march = stats.documents(personas.district, Period(dt.date(2019, 3, 1), dt.date(2019, 3, 31)))
    assert march[DocKind.NORMATIVE] == DocumentFigures(made=0, repealed=0, in_force=2)  # C, I; H not yet


def test_documents_of_one_organisation(personas, documents):
    assert stats.documents(personas.department, Period.year(2019))[DocKind.OTHER_DOCUMENT].made == 0
    assert stats.documents(personas.other_department, Period.year(2019))[DocKind.OTHER_DOCUMENT].made == 1


# --- column freshness -------------------------------------------------------------------------


@pytest.fixture
def updates(personas, put):
    """gzdt (every 2 weeks) and tzgg (every 6 months) on 1 March 2019, yjgl (every 2 weeks) on
    6 March; ghjh only by an item since withdrawn. All by 教育局."""
    put("工作动态", "gzdt", at(2019, 3, 1, 10, 0))
    put("通知", "tzgg", at(2019, 3, 1, 10, 0))
    put("应急预案", "yjgl", at(2019, 3, 6, 10, 0))
    withdraw(personas, put("规划", "ghjh", at(2019, 3, 10, 10, 0)))


def test_column_freshness_over_the_whole_district(personas, updates, django_assert_num_queries):
    with django_assert_num_queries(2):
        rows = {r.column.slug: r for r in stats.column_freshness(personas.district, dt.date(2019, 3, 20))}
    gzdt, zwdt, yjgl, tzgg = rows["gzdt"], rows["zwdt"], rows["yjgl"], rows["tzgg"]
    assert (gzdt.days, gzdt.due, gzdt.status, gzdt.label) == (19, dt.date(2019, 3, 15), "overdue", "已超期")
    assert zwdt.last == at(2019, 3, 1, 10, 0) and zwdt.status == "overdue"  # its children's latest
    assert (yjgl.days, yjgl.due, yjgl.status) == (14, dt.date(2019, 3, 20), "soon")  # due today, not late
    assert (tzgg.days, tzgg.due, tzgg.status, tzgg.label) == (19, dt.date(2019, 8, 28), "ok", "正常")
    assert (rows["ghjh"].last, rows["ghjh"].status, rows["ghjh"].label) == (None, "overdue", "空白栏目")
    assert "jgsz" not in rows and "qt" not in rows  # no update cycle


def test_column_freshness_of_some_organisations(personas, updates):
    rows = {r.column.slug: r for r in stats.column_freshness(personas.department, dt.date(2019, 3, 20))}
    assert rows["gzdt"].status == "overdue" and rows["tzgg"].status == "ok"
    assert (rows["ghjh"].status, rows["ghjh"].label) == ("normal", "暂无发布")  # not their alarm
    other = stats.column_freshness(
        Scope(personas.district.pk, frozenset({personas.other_department.pk})), dt.date(2019, 3, 20)
    )
    assert {r.status for r in other} == {"normal"}


def test_a_day_of_a_cycle_decides_between_ok_soon_and_overdue(personas, put):
    put("工作动态", "gzdt", at(2019, 3, 1, 10, 0))  # every 14 days: soon after 11.2 days, late after 14

    def status(day):
        (row,) = [r for r in stats.column_freshness(personas.district, day) if r.column.slug == "gzdt"]
        return row.status

    assert [status(dt.date(2019, 3, d)) for d in (12, 13, 15, 16)] == ["ok", "soon", "soon", "overdue"]


def test_a_scope_of_a_district_is_the_whole_district(personas):
    assert Scope.of(personas.district) == Scope(personas.district.pk)
    assert Scope.of(personas.department) == Scope(
        personas.district.pk, frozenset({personas.department.pk, personas.budget_unit.pk})
    )


# --- an item in more than one category ----------------------------------------------------------


def test_an_item_also_in_another_column_counts_in_both_categories_and_once_in_the_total(personas, columns, put):
    news = put("工作动态甲", "gzdt", at(2019, 5, 6, 10))
    special = put("工作动态乙，也是专题报道", "gzdt", at(2019, 5, 7, 10))
    put("专题报道丙", "ztbd", at(2019, 5, 8, 10))
    special.live.also_columns.add(columns["ztbd"])
    figures = stats.published(personas.district, Period.year(2019))
    assert figures.total == 3
    assert figures.by_group["政务动态、应急管理"] == 2 and figures.by_group["专题报道"] == 2
    assert sum(figures.by_group.values()) == 4
    items = stats.category_items(personas.district, Period.year(2019), "专题报道")
    assert {i.pk for i in items} == {special.pk, Item.objects.get(live__title="专题报道丙").pk}
    assert news.pk not in {i.pk for i in items}
    assert stats.report_groups(personas.district)[:2] == ["政务动态、应急管理", "专题报道"]
    assert stats.report_groups(personas.district)[-1] == "其他"
    lean = stats.published(personas.district, Period.year(2019), groups_only=True)
    assert (lean.total, lean.by_group) == (figures.total, figures.by_group)
    assert lean.by_column == {} == lean.by_topic and figures.by_column  # the report's two queries only


# --- supervision: written and published dates, documents without validity -----------------------


def test_written_and_published_dates_and_documents_without_validity(personas, put):
    a = put("甲", "tzgg", at(2019, 3, 1, 23, 30), written_date=dt.date(2019, 1, 2))  # local date 1 March
    put("乙", "tzgg", at(2019, 2, 27, 9, 0), written_date=dt.date(2019, 2, 1))  # before the day asked
    put("丙", "gzdt", at(2019, 3, 5, 9, 0))  # no written date: nothing to judge
    withdraw(personas, put("丁", "tzgg", at(2019, 3, 6, 9, 0), written_date=dt.date(2019, 3, 1)))
    rows = stats.written_and_published(personas.district, dt.date(2019, 3, 1))
    assert [(r.item_id, r.written_date, r.first_published_on) for r in rows] == [
        (a.pk, dt.date(2019, 1, 2), dt.date(2019, 3, 1))
    ]
    assert rows[0].version_id == a.live_id and rows[0].organisation_name == personas.department.name
    assert stats.written_and_published(personas.other_department, dt.date(2019, 3, 1)) == []

    rule = put("规章甲", "gz", at(2019, 3, 1, 9, 0), doc_kind=DocKind.RULE, doc_number="测政令〔2019〕1号")
    put("规范乙", "gfxwj", at(2019, 3, 1, 9, 0), doc_kind=DocKind.NORMATIVE, validity=Validity.VALID, doc_number="测政发〔2019〕2号")
    put("其他文件", "tzgg", at(2019, 3, 1, 9, 0), doc_kind=DocKind.OTHER_DOCUMENT)  # needs none
    assert [(d.item_id, d.title) for d in stats.normative_without_validity(personas.district)] == [(rule.pk, "规章甲")]
