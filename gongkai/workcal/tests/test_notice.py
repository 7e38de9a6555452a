"""Reading the State Council's notice: every year the platform knows, written out as its notice
would say it and read back day for day; then each way of writing the notice, and each mistake."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lunar_python import Solar

from gongkai.workcal import calendar
from gongkai.workcal.actions import AdjustedWorkday, HolidayPeriod
from gongkai.workcal.calendar import holiday_runs, is_known_year, year_days
from gongkai.workcal.models import CalendarYear, DayKind
from gongkai.workcal.notice import NoticeError, parse_notice
from gongkai.workcal.statutory import lunar_new_year

pytestmark = pytest.mark.django_db

D = dt.date
NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
WEEKDAYS = "一二三四五六日"


# --- writing a notice from the stored calendar ---


def december_new_year(year: int) -> tuple[dict[dt.date, str], dict[dt.date, str]]:
    """The days at the end of ``year`` that belong to the next year's 元旦 (and to its notice)."""
    if not is_known_year(year):
        return {}, {}
    holidays, workdays = year_days(year)
    return (
        {d: n for d, n in holidays.items() if d.month == 12 and n == "元旦"},
        {d: n for d, n in workdays.items() if d.month == 12 and n == "元旦"},
    )


def lunar(d: dt.date) -> str:
    day = Solar.fromYmd(d.year, d.month, d.day).getLunar()
    return f"农历{day.getMonthInChinese()}月{day.getDayInChinese().replace('廿', '二十')}"


def written(
    d: dt.date, year: int, *, month: bool = True, with_year: bool = False, notes: list[str] = ()
) -> str:
    text = (
        (f"{d.year}年" if with_year or d.year != year else "")
        + (f"{d.month}月" if month else "")
        + f"{d.day}日"
    )
    return text + (f"（{'、'.join(notes)}）" if notes else "")


def write_notice(year: int) -> str:
    """The notice for ``year`` as the State Council would have worded it, from the stored days.

    Styles vary with the year: 星期六 before 2025, 周六 from then on; weekdays in the brackets of
    the holiday range in even years only; 农历 notes for 春节; the appeal to rest on 除夕 from 2024.
    """
    holidays, workdays = year_days(year)
    late_holidays, late_workdays = december_new_year(year)  # in next year's notice
    early_holidays, early_workdays = december_new_year(year - 1)  # in this one
    holidays = early_holidays | {d: n for d, n in holidays.items() if d not in late_holidays}
    workdays = early_workdays | {d: n for d, n in workdays.items() if d not in late_workdays}
    week = "周" if year >= 2025 else "星期"

    runs: list[list[dt.date]] = []
    for d in sorted(holidays):
        if runs and runs[-1][-1] + dt.timedelta(days=1) == d:
            runs[-1].append(d)
        else:
            runs.append([d])
    unassigned = dict(workdays)
    items = []
    for number, run in enumerate(runs):
        names = list(dict.fromkeys(holidays[d] for d in run))
        worked = sorted(d for d, n in unassigned.items() if n in names)
        for d in worked:
            del unassigned[d]
        first, last = run[0], run[-1]
        across = first.year != last.year

        def notes(d: dt.date, names=names) -> list[str]:
            found = [lunar(d)] if names == ["春节"] else []
            return found + ([f"{week}{WEEKDAYS[d.weekday()]}"] if year % 2 == 0 else [])

        text = written(first, year, with_year=across, notes=notes(first))
        if len(run) > 1:
            same_month = last.month == first.month and not across
            text += "至" + written(last, year, month=not same_month, with_year=across, notes=notes(last))
        if len(run) == 1:
            next_to_weekend = (first - dt.timedelta(days=1)).weekday() >= 5 or (
                first + dt.timedelta(days=1)
            ).weekday() >= 5
            text += "放假，与周末连休。" if next_to_weekend else "放假1天。"
        else:
            text += f"放假{'调休' if worked else ''}，共{len(run)}天。"
        if worked:
            text += (
                "、".join(written(d, year, notes=[f"{week}{WEEKDAYS[d.weekday()]}"]) for d in worked)
                + "上班。"
            )
        if names == ["春节"] and year >= 2024:
            eve = lunar_new_year(year) - dt.timedelta(days=1)
            text += f"鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（{eve.month}月{eve.day}日）休息。"
        items.append(f"{NUMERALS[number]}、{'、'.join(names)}：{text}")
    assert not unassigned, f"adjusted workdays of no holiday in {year}: {unassigned}"
    return "\n".join(
        [
            f"国务院办公厅关于{year}年部分节假日安排的通知",
            f"国办发明电〔{year - 1}〕7号",
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
            f"经国务院批准，现将{year}年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。",
            *items,
            "节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作，遇有重大突发事件，要按规定及时报告并妥善处置，确保人民群众祥和平安度过节日假期。",
            "国务院办公厅",
            f"{year - 1}年11月10日",
        ]
    )


def forget(*years: int) -> None:
    """Make ``years`` unknown, as a year is before its notice is entered."""
    CalendarYear.objects.filter(year__in=years).delete()
    calendar.clear_cache()


@pytest.mark.parametrize("year", range(2004, 2027))
def test_every_known_year_written_as_its_notice_reads_back_day_for_day(year):
    stored_holidays, stored_workdays = year_days(year)
    runs = holiday_runs(year)
    notice = write_notice(year)
    next_notice = write_notice(year + 1) if is_known_year(year + 1) else None
    forget(year, year + 1)

    parsed = parse_notice(notice)
    holidays, workdays = parsed.holiday_days, parsed.workday_days
    assert parsed.year == year
    assert parsed.document_number == f"国办发明电〔{year - 1}〕7号"
    if next_notice:
        # Days at the end of the year are in next year's notice, left out of its entry for this one.
        later = parse_notice(next_notice)
        for day in later.left_out:
            assert day.date.year == year
            (holidays if day.kind == DayKind.HOLIDAY else workdays)[day.date] = day.name

    # A holiday wholly on a weekend (中秋节 2015, a Sunday) is not entered: the entry rules refuse
    # such a period, and the count is the same without it. The preview says so.
    weekend_only = [r for r in runs if r.weekdays == 0 and not (r.first.month == 12 and r.name == "元旦")]
    for run in weekend_only:
        assert any(run.name in note and "全部在周末" in note for note in parsed.notes)
    left_out = {run.first + dt.timedelta(days=i) for run in weekend_only for i in range(run.days)}

    assert sorted(holidays) == sorted(set(stored_holidays) - left_out)
    assert workdays == stored_workdays
    for run in runs:
        days = [d for d in stored_holidays if run.first <= d <= run.last and d not in left_out]
        if "、" not in run.name:
            assert {d: holidays[d] for d in days} == {d: stored_holidays[d] for d in days}
        else:
            # Two holidays in one run: each day gets one of them; the 中秋 day is 中秋节 unless it
            # falls on a weekend, where it joins 国庆节 (and the preview says so).
            for d in days:
                assert holidays[d] in run.name.split("、")
                if holidays[d] != stored_holidays[d]:
                    assert d.weekday() >= 5
                    assert any("在周末，与" in note for note in parsed.notes)


def test_the_multi_holiday_run_of_2025_names_the_day_of_mid_autumn_by_its_lunar_date():
    forget(2025)
    parsed = parse_notice(
        "国务院办公厅关于2025年部分节假日安排的通知\n"
        "六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。"
    )
    assert parsed.holidays == (
        HolidayPeriod("国庆节", D(2025, 10, 1), D(2025, 10, 5)),
        HolidayPeriod("中秋节", D(2025, 10, 6), D(2025, 10, 6)),
        HolidayPeriod("国庆节", D(2025, 10, 7), D(2025, 10, 8)),
    )
    assert parsed.workdays == (
        AdjustedWorkday(D(2025, 9, 28), "国庆节"),
        AdjustedWorkday(D(2025, 10, 11), "国庆节"),
    )


# --- ways of writing ---

NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
国办发明电〔2026〕9号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2027年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历腊月二十九、周五）至13日（农历正月初八、周六）放假调休，共9天。2月20日（周六）上班。
三、清明节：4月3日（周六）至5日（周一）放假，共3天。
四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）、5月8日（周六）上班。
五、端午节：6月9日（周三）放假，共1天。
六、中秋节：9月15日（周三）放假，共1天。
七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。

国务院办公厅
2026年11月12日
"""

HOLIDAYS_2027 = (
    HolidayPeriod("元旦", D(2027, 1, 1), D(2027, 1, 3)),
    HolidayPeriod("春节", D(2027, 2, 5), D(2027, 2, 13)),
    HolidayPeriod("清明节", D(2027, 4, 3), D(2027, 4, 5)),
    HolidayPeriod("劳动节", D(2027, 5, 1), D(2027, 5, 5)),
    HolidayPeriod("端午节", D(2027, 6, 9), D(2027, 6, 9)),
    HolidayPeriod("中秋节", D(2027, 9, 15), D(2027, 9, 15)),
    HolidayPeriod("国庆节", D(2027, 10, 1), D(2027, 10, 7)),
)
WORKDAYS_2027 = (
    AdjustedWorkday(D(2027, 2, 20), "春节"),
    AdjustedWorkday(D(2027, 4, 25), "劳动节"),
    AdjustedWorkday(D(2027, 5, 8), "劳动节"),
    AdjustedWorkday(D(2027, 9, 26), "国庆节"),
    AdjustedWorkday(D(2027, 10, 9), "国庆节"),
)


@pytest.fixture(autouse=True)
def unknown_2027():
    # Never rely on the installed package not knowing 2027.
    forget(2027)


def item_line(number: int, text: str) -> str:
    return f"国务院办公厅关于2027年部分节假日安排的通知\n{text}"


def test_the_whole_notice_with_its_title_preamble_and_closing_reads_as_the_year():
    parsed = parse_notice(NOTICE_2027)
    assert parsed.year == 2027
    assert parsed.holidays == HOLIDAYS_2027
    assert parsed.workdays == WORKDAYS_2027
    assert parsed.notes == ()
    assert parsed.left_out == ()
    assert parsed.note == "据粘贴的国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕9号）录入"


def test_ascii_punctuation_and_full_width_digits_read_the_same():
    ascii_text = (
        NOTICE_2027.replace("：", ":")
        .replace("，", ",")
        .replace("。", ".")
        .replace("（", "(")
        .replace("）", ")")
    )
    assert parse_notice(ascii_text).holidays == HOLIDAYS_2027
    full_width = NOTICE_2027.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    parsed = parse_notice(full_width)
    assert (parsed.year, parsed.holidays, parsed.workdays) == (2027, HOLIDAYS_2027, WORKDAYS_2027)


def test_xingqi_and_zhou_and_no_brackets_at_all_read_the_same():
    long_names = NOTICE_2027.replace("周", "星期")
    assert parse_notice(long_names).workdays == WORKDAYS_2027
    bare = "\n".join(
        line if not line.startswith("二、") else "二、春节：2月5日至13日放假调休，共9天。2月20日上班。"
        for line in NOTICE_2027.splitlines()
    )
    assert parse_notice(bare).holidays == HOLIDAYS_2027


def test_the_year_may_be_given_in_the_form_instead_of_the_title():
    items = "\n".join(line for line in NOTICE_2027.splitlines() if line[:2] in {f"{n}、" for n in NUMERALS})
    parsed = parse_notice(items, year=2027)
    assert parsed.holidays == HOLIDAYS_2027
    assert parsed.note == "据粘贴的2027年部分节假日安排的通知录入"
    assert parse_notice(NOTICE_2027, year=2027).year == 2027


def test_a_single_day_with_the_weekend_and_cross_month_ranges():
    parsed = parse_notice(
        "国务院办公厅关于2027年部分节假日安排的通知\n"
        "一、元旦：1月1日放假，与周末连休。\n"
        "七、国庆节：9月30日（星期四）至10月7日（星期四）放假调休，共8天。9月26日（星期日）、10月9日（星期六）上班。\n"
        "八、国庆节：十月十一日放假1天。"
    )
    assert parsed.holidays == (
        HolidayPeriod("元旦", D(2027, 1, 1), D(2027, 1, 1)),
        HolidayPeriod("国庆节", D(2027, 9, 30), D(2027, 10, 7)),
        HolidayPeriod("国庆节", D(2027, 10, 11), D(2027, 10, 11)),
    )


def test_a_day_without_its_month_takes_the_month_of_the_date_before():
    parsed = parse_notice(
        item_line(4, "四、劳动节：5月1日至5日放假调休，共5天。4月24日（星期六）、25日（星期日）上班。")
    )
    assert [w.date for w in parsed.workdays] == [D(2027, 4, 24), D(2027, 4, 25)]


def test_new_year_days_of_the_previous_december_are_left_out_and_said_so():
    # 2026 is in the calendar, but without 31 December 2026 as a holiday: the office must add it.
    parsed = parse_notice(
        "国务院办公厅关于2027年部分节假日安排的通知\n"
        "一、元旦：2026年12月31日至2027年1月3日放假调休，共4天。2026年12月27日（星期日）上班。"
    )
    assert parsed.holidays == (HolidayPeriod("元旦", D(2027, 1, 1), D(2027, 1, 3)),)
    assert parsed.workdays == ()
    assert [(d.date, d.kind, d.name) for d in parsed.left_out] == [
        (D(2026, 12, 31), DayKind.HOLIDAY, "元旦"),
        (D(2026, 12, 27), DayKind.WORKDAY, "元旦"),
    ]
    assert parsed.notes == (
        "第2行：2026年12月31日放假，2026年12月27日上班属于2026年，不录入2027年。"
        "2026年的工作日历中没有这些日期，期限会因此算错：请联系系统管理员在“系统配置 › 工作日历”中补充到2026年。",
    )


def test_a_range_across_the_new_year_without_years_starts_in_the_previous_december():
    forget(2022, 2023)
    parsed = parse_notice(
        "国务院办公厅关于2023年部分节假日安排的通知\n一、元旦：12月31日（周六）至1月2日（周一）放假调休，共3天。"
    )
    assert parsed.holidays == (HolidayPeriod("元旦", D(2023, 1, 1), D(2023, 1, 2)),)
    assert [d.date for d in parsed.left_out] == [D(2022, 12, 31)]
    assert "2022年尚未录入工作日历" in parsed.notes[0]


def test_old_notices_with_explanations_and_a_makeup_day_read_too():
    forget(2015)
    parsed = parse_notice(
        "国务院办公厅关于2015年部分节假日安排的通知\n"
        "一、元旦：1月1日至3日放假调休，共3天。1月4日（星期日）上班。\n"
        "五、端午节：6月20日放假，6月22日（星期一）补休。\n"
        "六、中秋节：9月27日放假。"
    )
    assert parsed.holidays == (
        HolidayPeriod("元旦", D(2015, 1, 1), D(2015, 1, 3)),
        HolidayPeriod("端午节", D(2015, 6, 20), D(2015, 6, 22)),
    )
    assert parsed.notes == (
        "第4行：中秋节（9月27日）全部在周末，本就不计工作日，不单独录入；这几天在日历中显示为“周末”。",
    )

    forget(2009)
    parsed = parse_notice(
        "国务院办公厅关于2009年部分节假日安排的通知\n"
        "一、元旦：1月1日至3日放假，共3天。其中，1月1日（星期四，新年）为法定节假日，1月3日（星期六）为公休日，"
        "1月4日（星期日）公休日调至1月2日（星期五）。1月4日（星期日）上班。"
    )
    assert parsed.holidays == (HolidayPeriod("元旦", D(2009, 1, 1), D(2009, 1, 3)),)
    assert parsed.workdays == (AdjustedWorkday(D(2009, 1, 4), "元旦"),)


def test_the_appeal_to_rest_on_new_years_eve_is_not_an_arrangement():
    parsed = parse_notice(
        item_line(
            2,
            "二、春节：2月5日至13日放假调休，共9天。2月20日（周六）上班。鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月5日）休息。",
        )
    )
    assert parsed.holidays == (HolidayPeriod("春节", D(2027, 2, 5), D(2027, 2, 13)),)
    assert parsed.notes == (
        "第2行：“鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月5日……”是倡议，不改变工作日，未录入。",
    )


def test_a_page_pasted_as_one_line_or_broken_mid_item_still_reads():
    one_line = "".join(NOTICE_2027.splitlines())
    assert parse_notice(one_line).holidays == HOLIDAYS_2027
    broken = NOTICE_2027.replace("放假调休，共9天。", "放假调休，\n共9天。")
    assert parse_notice(broken).holidays == HOLIDAYS_2027


# --- mistakes ---


def problems(text: str, **kwargs) -> list[str]:
    with pytest.raises(NoticeError) as caught:
        parse_notice(text, **kwargs)
    assert not CalendarYear.objects.filter(year=2027).exists()
    return [str(p) for p in caught.value.problems]


def test_a_weekday_that_does_not_match_the_date_names_the_line():
    text = NOTICE_2027.replace("2月20日（周六）", "2月20日（周日）")
    assert problems(text) == ["第7行：2月20日是星期六，通知写作周日。"]
    with pytest.raises(NoticeError) as caught:
        parse_notice(text)
    assert caught.value.problems[0].source == (
        "二、春节：2月5日（农历腊月二十九、周五）至13日（农历正月初八、周六）放假调休，共9天。2月20日（周日）上班。"
    )


def test_a_day_count_that_does_not_match_the_range_names_the_line():
    text = NOTICE_2027.replace("共5天", "共6天")
    assert problems(text) == ["第9行：写明共6天，但5月1日至5月5日是5天。"]


def test_an_item_that_cannot_be_read_is_quoted_with_its_line():
    text = NOTICE_2027.replace("三、清明节：4月3日（周六）", "三、清明节：四月三号前后")
    assert problems(text) == [
        "第8行：无法识别该条目，请按“一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。”的格式核对："
        "“三、清明节：四月三号前后至5日（周一）放假，共3天。”"
    ]


def test_an_item_without_a_colon_is_not_taken_for_prose():
    assert problems(item_line(1, "一、元旦 1月1日放假")) == [
        "第2行：无法识别该条目，请按“一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。”的格式核对：“一、元旦 1月1日放假”"
    ]


def test_every_problem_is_listed_at_once_in_line_order():
    text = (
        NOTICE_2027.replace("共5天", "共6天")
        .replace("2月20日（周六）", "2月20日（周日）")
        .replace("五、端午节：6月9日（周三）放假", "五、端午节：6月9号左右放假")
        .replace("9月15日（周三）", "9月31日（周三）")
    )
    assert problems(text) == [
        "第7行：2月20日是星期六，通知写作周日。",
        "第9行：写明共6天，但5月1日至5月5日是5天。",
        "第10行：无法识别该条目，请按“一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。”的格式核对：“五、端午节：6月9号左右放假，共1天。”",
        "第11行：日期“9月31日”不存在。",
    ]


def test_text_without_items_is_refused():
    assert problems("国务院办公厅关于2027年部分节假日安排的通知\n经国务院批准，现将安排通知如下。") == [
        "没有找到放假安排条目。请粘贴通知正文，每项形如“一、元旦：1月1日放假，与周末连休。”"
    ]


def test_a_year_is_needed_and_the_title_and_the_form_must_agree():
    items = "一、元旦：1月1日放假，与周末连休。"
    assert problems(items) == [
        "没有找到年份：请连同通知标题（国务院办公厅关于YYYY年部分节假日安排的通知）一起粘贴，或填写年份。"
    ]
    assert problems(NOTICE_2027, year=2028) == ["第1行：通知写的是2027年，但填写的年份是2028年，请核对。"]


def test_the_entry_rules_apply_and_name_the_lines():
    text = (
        NOTICE_2027.replace("9月26日（周日）", "9月24日（周五）")
        .replace("五、端午节：6月9日（周三）放假，共1天。", "五、端午节：5月5日（周三）放假，共1天。")
        .replace("9月15日（周三）放假，共1天。", "9月15日（周三）放假，共1天。10月9日（周六）上班。")
    )
    assert problems(text) == [
        "第10行：端午节（5月5日）：与第9行“劳动节”（05月01日至05月05日）重叠。",
        "第12行：9月24日：调休上班日必须是星期六或星期日，该日是星期五。",
        "第12行：10月9日：与第11行重复。",
    ]


def test_a_year_already_in_the_calendar_is_refused():
    assert problems(write_notice(2026)) == ["2026年已在工作日历中，不能重复录入。"]


def test_a_range_that_ends_before_it_starts_and_a_day_without_a_month_are_named():
    assert problems(item_line(2, "二、春节：2月13日至5日放假调休，共9天。")) == [
        "第2行：放假结束日2月5日早于开始日2月13日。"
    ]
    assert problems(item_line(2, "二、春节：5日至13日放假调休，共9天。")) == [
        "第2行：“5日”缺少月份；无法识别该条目，请按“一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。”的格式核对："
        "“二、春节：5日至13日放假调休，共9天。”"
    ]


def test_an_item_whose_days_all_belong_to_another_year_leaves_the_year_empty():
    assert problems(item_line(1, "一、元旦：2026年12月31日放假。")) == ["通知中没有2027年内的放假日期。"]


# --- any text ---

_settings = settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
NOTICE_WORDS = "一二三四五六七八九十、：:，,。.（）()至到-日月年号周星期天共放假调休上班补休其中鼓励农历0123456789 \n元旦春节中秋国庆"


@_settings
@given(text=st.text(alphabet=NOTICE_WORDS, max_size=160))
def test_any_text_is_read_or_refused_with_problems_never_a_crash(text):
    for candidate in (text, "国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：" + text):
        try:
            parsed = parse_notice(candidate, year=2027)
        except NoticeError as exc:
            assert exc.problems and all(str(p) for p in exc.problems)
        else:
            assert parsed.year == 2027 and parsed.holidays


@_settings
@given(data=st.data())
def test_the_notice_with_a_piece_cut_out_is_read_or_refused_never_a_crash(data):
    start = data.draw(st.integers(min_value=0, max_value=len(NOTICE_2027)))
    end = data.draw(st.integers(min_value=start, max_value=min(len(NOTICE_2027), start + 12)))
    try:
        parse_notice(NOTICE_2027[:start] + NOTICE_2027[end:])
    except NoticeError as exc:
        assert exc.problems
