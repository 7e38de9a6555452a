"""The figures, against hand-worked values: which year each case counts in, on time by the
promised date in working days, one visit, 好差评 levels, follow-ups, licensing decisions, guides."""

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile

from gongkai.services import actions, stats
from gongkai.services.models import ItemType, ServiceCase

from .conftest import COMPLETE, csv_bytes

ROWS = [
    # received, accepted, completed (promised 5 working days: accepted 1 Mar → due 8 Mar)
    [
        "C1",
        "JY-XK-001",
        "",
        "2018-03-01",
        "2018-03-01",
        "2018-03-08",
        "",
        "准予",
        "1",
        "非常满意",
        "",
        "",
        "",
    ],  # on time, one visit
    [
        "C2",
        "JY-XK-001",
        "",
        "2018-03-01",
        "2018-03-01",
        "2018-03-09",
        "",
        "准予",
        "2",
        "满意",
        "",
        "",
        "",
    ],  # late, two visits
    [
        "C3",
        "JY-XK-001",
        "",
        "2018-03-01",
        "2018-03-01",
        "2018-03-02",
        "",
        "不予",
        "0",
        "不满意",
        "2018-03-03",
        "甲",
        "13800000001",
    ],
    [
        "C4",
        "JY-XK-001",
        "",
        "2018-12-30",
        "2019-01-02",
        "2019-01-04",
        "",
        "准予",
        "1",
        "基本满意",
        "2019-01-04",
        "",
        "",
    ],  # received 2018, done 2019
    [
        "C5",
        "JY-GF-002",
        "",
        "2018-05-01",
        "2018-05-02",
        "2018-05-02",
        "2018-05-02",
        "准予",
        "0",
        "非常不满意",
        "2018-05-03",
        "乙",
        "13800000002",
    ],
    ["C6", "JY-XK-001", "", "2018-06-01", "", "", "", "", "0", "", "", "", ""],  # open
]


def test_the_years_figures_follow_the_rules(published_item, source, personas, make_item):
    other = make_item("JY-GF-002", "入学咨询", type=ItemType.PUBLIC_SERVICE)
    actions.create_guide(other, actor=personas.editor, **COMPLETE)
    run = actions.start_import(
        source, actor=personas.coordinator, upload=ContentFile(csv_bytes(ROWS), name="a.csv")
    )
    actions.run_import(run)
    c3 = ServiceCase.objects.get(case_no="C3")
    actions.record_follow_up(
        c3, actor=personas.editor, kind="callback", done_on=dt.date(2018, 3, 5), note="已回访"
    )

    year = stats.cases(personas.district, 2018)
    assert (year["received"], year["accepted"], year["completed"]) == (6, 4, 4)
    assert year["visits"] == 1 + 2 + 0 + 1 + 0 + 0
    assert (year["timed"], year["on_time"], year["on_time_rate"]) == (
        4,
        3,
        Decimal("75.00"),
    )  # C1, C3, C5 on time; C2 late
    assert (year["one_visit"], year["one_visit_rate"]) == (3, Decimal("75.00"))  # C1, C3, C5
    assert year["ratings"] == {"5": 1, "4": 1, "3": 0, "2": 1, "1": 1}
    assert (year["bad_ratings"], year["bad_followed_up"], year["bad_open"]) == (2, 1, 1)
    assert year["satisfaction_rate"] == Decimal("50.00")
    next_year = stats.cases(personas.district, 2019)
    assert (
        next_year["received"],
        next_year["accepted"],
        next_year["completed"],
        next_year["ratings"]["3"],
    ) == (0, 1, 1, 1)
    # 行政许可: JY-XK-001 completed with 准予 in 2018 (C1, C2; C3 refused; C4 in 2019; C5 is 公共服务).
    assert stats.licensing_decisions(personas.district, 2018) == 2
    assert stats.licensing_decisions(personas.department, 2019) == 1
    assert stats.licensing_decisions(personas.other_department, 2018) == 0
    assert stats.cases(personas.other_department, 2018)["received"] == 0
    assert stats.case_years(personas.district) == [2018]
    assert stats.cases(personas.district, 2017)["on_time_rate"] is None


def test_guide_figures(published_item, personas, make_item):
    actions.create_guide(make_item("JY-GF-002", "入学咨询"), actor=personas.editor, fees="不收费")
    make_item("JY-QR-003", "学籍确认")
    assert stats.guides(personas.district) == {"items": 3, "published": 1, "incomplete": 2}
    assert stats.guides(personas.other_department) == {"items": 0, "published": 0, "incomplete": 0}


def test_rates_round_half_up_to_two_decimals():
    assert stats.rate(1, 3) == Decimal("33.33")
    assert stats.rate(2, 3) == Decimal("66.67")
    assert stats.rate(1, 8) == Decimal("12.50")
    assert stats.rate(0, 0) is None


def test_incomplete_guides_name_the_missing_elements(personas, make_item):
    bare = make_item(code="JY-XK-002", name="无指南事项")
    partial = make_item(code="JY-XK-003", name="缺要素事项")
    actions.create_guide(partial, actor=personas.editor, **{**COMPLETE, "phone": ""})
    complete = make_item(code="JY-XK-004", name="完整事项")
    actions.create_guide(complete, actor=personas.editor, **COMPLETE)
    found = {g.item_id: g for g in stats.incomplete_guides(personas.district)}
    assert set(found) == {bare.pk, partial.pk}
    assert found[partial.pk].missing == ["联系电话"]
    assert len(found[bare.pk].missing) == len(stats.guide_rules.GUIDE_ELEMENTS)
    assert stats.incomplete_guides(personas.other_department) == []
    assert stats.guides(personas.district)["incomplete"] == len(found)  # the same rule
