"""Hot issues: keywords without the generic words, spikes against the trailing weeks, places."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from gongkai.accounts.factories import make_org
from gongkai.hotline import hotissues
from gongkai.hotline.models import Channel, Status, Ticket
from gongkai.orgs.models import OrgKind

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
MONDAYS = [dt.date(2025, 3, 3) + dt.timedelta(weeks=i) for i in range(8)]


def test_a_week_at_twice_the_trailing_mean_and_at_least_five_is_a_spike():
    series = {
        "噪音": dict(zip(MONDAYS, [2, 3, 2, 1, 4, 10, 3, 3], strict=True)),  # week 6: 10 ≥ 2 × 2.5
        "学位": dict(zip(MONDAYS, [0, 0, 0, 0, 4, 1, 0, 0], strict=True)),  # 4 < minimum 5
        "补贴": dict(zip(MONDAYS, [5, 5, 5, 5, 9, 5, 5, 5], strict=True)),  # 9 < 2 × 5
    }
    spikes = hotissues.find_spikes(series, MONDAYS, kind="keyword")
    assert [(s.name, s.week, s.count, s.trailing_mean) for s in spikes] == [("噪音", MONDAYS[5], 10, 2.5)]
    assert spikes[0].factor == 4.0


def test_weeks_without_a_full_trailing_window_are_not_judged_and_missing_weeks_count_zero():
    series = {"停水": {MONDAYS[1]: 9, MONDAYS[4]: 6}}
    spikes = hotissues.find_spikes(series, MONDAYS)
    assert [(s.week, s.count, s.trailing_mean) for s in spikes] == [(MONDAYS[4], 6, 2.25)]


def test_spikes_are_ordered_by_week_then_count_then_name():
    series = {
        "b": {MONDAYS[4]: 6},
        "a": {MONDAYS[4]: 6},
        "c": {MONDAYS[4]: 8, MONDAYS[5]: 30},
    }
    spikes = hotissues.find_spikes(series, MONDAYS, minimum=5)
    assert [(s.name, s.week) for s in spikes] == [
        ("c", MONDAYS[4]),
        ("a", MONDAYS[4]),
        ("b", MONDAYS[4]),
        ("c", MONDAYS[5]),
    ]


def test_keywords_leave_out_generic_words_and_count_once_per_ticket():
    matters = [
        "反映小区噪音问题，噪音噪音，希望尽快解决",
        "烧烤店噪音扰民",
        "要求尽快处理拖欠工资问题",
    ]
    top = hotissues.top_keywords(matters, 3)
    assert top[0] == ("噪音", 2)
    words = {w for w, _n in hotissues.top_keywords(matters, 20)}
    assert not words & {"反映", "问题", "希望", "尽快", "要求", "解决", "处理", "小区"}


@pytest.mark.django_db
def test_a_ticket_keeps_its_matters_topic_words_and_they_count_as_the_matters_do(personas):
    matters = ["反映小区噪音问题，噪音噪音，希望尽快解决", "烧烤店噪音扰民", "要求尽快处理拖欠工资问题"]
    for n, matter in enumerate(matters, start=1):
        Ticket.objects.create(
            district=personas.district, office=personas.office, serial=n, number=f"K{n:05d}",
            channel=Channel.PHONE, matter=matter, status=Status.NEW,
        )  # fmt: skip
    kept = list(
        Ticket.objects.filter(district=personas.district)
        .order_by("serial")
        .values_list("keywords", flat=True)
    )
    assert kept[1].split() == sorted(hotissues.keywords_of("烧烤店噪音扰民")) and "噪音" in kept[1].split()
    assert kept[0].split().count("噪音") == 1 and "反映" not in kept[0].split()
    assert hotissues.top_stored_keywords(kept, 20) == hotissues.top_keywords(matters, 20)
    assert ("噪音", 2) not in hotissues.top_stored_keywords(kept, 20, frozenset({"噪音"}))


def test_scrub_masks_numbers_and_the_callers_own_name():
    text = hotissues.scrub("我是张三丰，电话13907351234，身份证430102199001011234", ["张三丰"])
    assert "13907351234" not in text and "430102199001011234" not in text and "张三丰" not in text


@pytest.mark.django_db
def test_hot_issues_finds_a_category_and_a_keyword_spike_and_the_places(personas, hotline):
    district = personas.district
    town = make_org("测试区华塘镇人民政府", OrgKind.TOWN, district, short_name="华塘镇")
    street = make_org("测试区北湖街道办事处", OrgKind.STREET, district, short_name="北湖街道")
    serial = iter(range(1, 1000))

    def ticket(day: dt.date, category: str, matter: str, place=None):
        n = next(serial)
        Ticket.objects.create(
            district=district,
            office=personas.office,
            serial=n,
            number=f"H{n:05d}",
            channel=Channel.PHONE,
            received_at=dt.datetime(day.year, day.month, day.day, 10, tzinfo=TZ),
            category=hotline[category],
            matter=matter,
            place=place,
            status=Status.NEW,
        )

    # Four quiet weeks (2 教育 tickets a week), then a week with 8 教育 tickets about 学位 in 华塘镇.
    for week in MONDAYS[:4]:
        ticket(week, "教育", "学校食堂饭菜质量差", street)
        ticket(week + dt.timedelta(days=1), "教育", "校车接送时间不合理", street)
    for i in range(8):
        ticket(MONDAYS[4] + dt.timedelta(days=i % 5), "教育", "华塘镇孩子入学学位紧张", town)
    ticket(MONDAYS[4], "城市管理", "路灯不亮")

    hot = hotissues.hot_issues(district, MONDAYS[4], MONDAYS[4] + dt.timedelta(days=6))
    assert hot.total == 9
    assert [(s.kind, s.name, s.count, s.trailing_mean) for s in hot.spikes] == [
        ("category", "教育", 8, 2.0),
        ("keyword", "入学", 8, 0.0),
        ("keyword", "学位", 8, 0.0),  # ties by code point: 学 U+5B66 before 孩 U+5B69
        ("keyword", "孩子", 8, 0.0),
        ("keyword", "紧张", 8, 0.0),
    ]
    assert hot.places == [("华塘镇", 8), ("未注明", 1)]
    assert hot.categories == [("教育", 8), ("城市管理", 1)]
    assert "华塘" not in {w for w, _n in hot.keywords}  # place names are places, not topics
