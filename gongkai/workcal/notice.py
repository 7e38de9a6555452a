"""Reading the State Council's notice of a year's holidays (国务院办公厅关于YYYY年部分节假日安排的通知).

The office pastes the notice as published. ``parse_notice`` reads its numbered items, e.g.

    二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。

and returns the year's holiday periods and adjusted working days, ready for ``actions.create_year``;
or raises ``NoticeError`` listing every problem with its line. It checks what the text can be
checked against (the weekday written in brackets, "共N天"); the rules for the entry itself are
``actions.check_year_entry``'s, run here too so that the preview never promises what saving refuses.

Lines that do not start like an item ("一、名称：") are prose and ignored: the title (which gives
the year), the preamble, the closing paragraph. Days of another year that an item names (元旦
"2022年12月31日至2023年1月2日") belong to that year's entry: they are left out and said so.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from lunar_python import Lunar

from gongkai.workcal.actions import (
    FIRST_YEAR,
    LAST_YEAR,
    WEEKDAYS,
    AdjustedWorkday,
    HolidayPeriod,
    Problem,
    check_year_entry,
)
from gongkai.workcal.calendar import is_known_year, year_days
from gongkai.workcal.models import DayKind
from gongkai.workcal.statutory import statutory_holidays

ONE_DAY = dt.timedelta(days=1)
NAME_MAX_LENGTH = 30  # SpecialDay.name

# The text is read after NFKC normalisation, which turns full-width digits and punctuation into
# ASCII ("（" → "(", "：" → ":", "，" → ","); "、" and "。" stay as they are.
_D = r"(?:\d{4}\s*年\s*)?(?:\d{1,2}\s*月\s*)?\d{1,2}\s*[日号](?:\s*\([^)]*\))?"
_DATE = re.compile(
    r"(?:(?P<y>\d{4})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*[日号](?:\s*\((?P<note>[^)]*)\))?"
)
_DATE_LIST = re.compile(rf"^(?P<dates>{_D}(?:\s*(?:、|,|和|及)\s*{_D})*)\s*(?P<rest>.*)$")
_RANGE = re.compile(
    rf"^(?P<first>{_D})\s*(?:(?:至|到|[-—–~〜]+)\s*(?P<last>{_D}))?\s*(?:放假|休假|休息)(?P<rest>.*)$"
)
_ITEM_START = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*[、.]")
_ITEM = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*[、.]\s*(?P<name>[^:]{1,40}?)\s*:\s*(?P<body>.*)$"
)
# A pasted page sometimes has several items on one line.
_ITEM_INSIDE = re.compile(r"(?<=[。;:])\s*(?=[一二三四五六七八九十]{1,3}、[^、:,。]{1,20}:)")
_COUNT = re.compile(r"^(?:共|计)?\s*(?P<n>\d{1,2}|[一二三四五六七八九十]{1,3})\s*天$")
_WEEKDAY = re.compile(r"(?P<written>(?:周|星期|礼拜)(?P<day>[一二三四五六日天七]))")
_WEEKDAY_NUMBER = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "七": 6}
# "十月1日", "十一日": months and days in Chinese numerals, read outside brackets only
_CHINESE_NUMBER = re.compile(r"[一二三四五六七八九十]{1,3}(?=\s*[月日号])")
_TITLE = re.compile(
    r"(?:国务院办公厅)?关于\s*(?P<year>\d{4})\s*年[^\n]{0,20}?(?:节假日|放假)[^\n]{0,12}?通知"
)
_PREAMBLE_YEAR = re.compile(r"现将\s*(?P<year>\d{4})\s*年")
_DOCUMENT_NUMBER = re.compile(
    r"(?P<prefix>国办发(?:明电)?)\s*[〔\[(【]\s*(?P<year>\d{4})\s*[〕\])】]\s*(?P<n>\d{1,3})\s*号"
)
_SENTENCE_END = "。;."
_EXPLANATION = ("其中",)  # old notices explain the swaps ("其中，1月1日为法定节假日……") after stating them
_APPEAL = ("鼓励", "提倡", "倡导")  # "鼓励各单位……安排职工在除夕休息": not an arrangement
_ARRANGEMENT_WORDS = re.compile(r"上班|放假|补休|调休")


@dataclass(frozen=True)
class NoticeProblem:
    """One thing wrong with the pasted text; ``line`` counts from 1, None for the text as a whole."""

    line: int | None
    message: str
    source: str = ""  # the line as pasted, to find it by (a phone wraps the lines of the box)

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        return _("第%(line)s行：%(message)s") % {"line": self.line, "message": self.message}


class NoticeError(ValueError):
    def __init__(self, problems: list[NoticeProblem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.line is not None, p.line or 0))
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class LeftOutDay:
    """A day the notice names that belongs to another year (元旦 across the new year)."""

    date: dt.date
    kind: str  # DayKind
    name: str
    line: int


@dataclass(frozen=True)
class ParsedNotice:
    year: int
    holidays: tuple[HolidayPeriod, ...]
    workdays: tuple[AdjustedWorkday, ...]
    notes: tuple[str, ...] = ()  # what the office should know before confirming, line by line
    left_out: tuple[LeftOutDay, ...] = ()
    title: str = ""
    document_number: str = ""

    @property
    def holiday_days(self) -> dict[dt.date, str]:
        return dict(sorted((d, p.name) for p in self.holidays for d in p.days()))

    @property
    def workday_days(self) -> dict[dt.date, str]:
        return dict(sorted((w.date, w.name) for w in self.workdays))

    @property
    def note(self) -> str:
        """For the year's 说明 and the audit event: where the entry came from."""
        source = self.title or _("%(year)s年部分节假日安排的通知") % {"year": self.year}
        if self.document_number:
            source += f"（{self.document_number}）"
        return (_("据粘贴的%(source)s录入") % {"source": source})[:200]


def parse_notice(text: str, *, year: int | None = None) -> ParsedNotice:
    """Read the pasted notice; ``year`` is the year given in the form, if any.

    Raises NoticeError with every problem found; returns nothing half-read.
    """
    return _Reader(text, year).read()


# --- reading ---


@dataclass
class _Item:
    line: int
    names: list[str]
    holidays: list[dt.date] = field(default_factory=list)
    workdays: list[dt.date] = field(default_factory=list)


class _Unreadable(Exception):
    """An item (or a clause of it) that does not read as the notice's wording."""

    def __init__(self, detail: str = "") -> None:
        self.detail = detail


class _Reader:
    def __init__(self, text: str, form_year: int | None) -> None:
        self.raw_lines = text.splitlines()
        self.lines = [unicodedata.normalize("NFKC", line) for line in self.raw_lines]
        self.form_year = form_year
        self.problems: list[NoticeProblem] = []
        self.notes: list[str] = []
        self.year = 0
        self.title = ""
        self.document_number = ""

    def problem(self, line: int | None, message: str, *, quoted: bool = False) -> None:
        source = "" if line is None or quoted else _shorten(self.raw_lines[line - 1], 60)
        self.problems.append(NoticeProblem(line, message, source))

    def note(self, line: int | None, message: str) -> None:
        self.notes.append(str(NoticeProblem(line, message)))

    def read(self) -> ParsedNotice:
        self._read_year()
        if self.problems:
            raise NoticeError(self.problems)
        items = []
        for number, text in self._item_lines():
            try:
                items.append(self._read_item(number, text))
            except _Unreadable as exc:
                source = self.raw_lines[number - 1].strip()
                if not source.startswith(text[:2]):  # one of several items on the line
                    source = text
                if len(source) > 80:
                    source = source[:80] + "……"
                self.problem(
                    number,
                    (exc.detail + "；" if exc.detail else "")
                    + _(
                        "无法识别该条目，请按“一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。”的格式核对：“%(source)s”"
                    )
                    % {"source": source},
                    quoted=True,
                )
        if not items and not self.problems:
            self.problem(
                None,
                _("没有找到放假安排条目。请粘贴通知正文，每项形如“一、元旦：1月1日放假，与周末连休。”"),
            )
        if self.problems:
            raise NoticeError(self.problems)
        return self._entry(items)

    def _read_year(self) -> None:
        whole = "\n".join(self.lines)
        title = _TITLE.search(whole)
        found = None
        if title:
            found = int(title["year"])
            line_no = whole.count("\n", 0, title.start()) + 1
            self.title = title[0][:100]
        elif preamble := _PREAMBLE_YEAR.search(whole):
            found = int(preamble["year"])
            line_no = whole.count("\n", 0, preamble.start()) + 1
        if number := _DOCUMENT_NUMBER.search(whole):
            self.document_number = f"{number['prefix']}〔{number['year']}〕{number['n']}号"
        if found is not None and self.form_year is not None and found != self.form_year:
            self.problem(
                line_no,
                _("通知写的是%(found)s年，但填写的年份是%(year)s年，请核对。")
                % {"found": found, "year": self.form_year},
            )
            return
        year = found if found is not None else self.form_year
        if year is None:
            self.problem(
                None,
                _(
                    "没有找到年份：请连同通知标题（国务院办公厅关于YYYY年部分节假日安排的通知）一起粘贴，或填写年份。"
                ),
            )
        elif not FIRST_YEAR <= year <= LAST_YEAR:
            self.problem(
                None, _("年份应在%(first)s至%(last)s之间。") % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        else:
            self.year = year

    def _item_lines(self) -> Iterator[tuple[int, str]]:
        """(line number, text) of each item. A pasted page may hold several items on one line (they
        share its number), or break an item off mid-sentence (it continues on the next line)."""
        current: tuple[int, str] | None = None
        for number, line in enumerate(self.lines, start=1):
            for segment in _ITEM_INSIDE.split(line.strip()) or [""]:
                if _ITEM_START.match(segment):
                    if current:
                        yield current
                    current = (number, _arabic(segment))
                elif current and segment and current[1][-1] not in _SENTENCE_END:
                    current = (current[0], current[1] + _arabic(segment))
                elif current:
                    yield current
                    current = None
        if current:
            yield current

    def _read_item(self, number: int, text: str) -> _Item:
        match = _ITEM.match(text)
        if not match:
            raise _Unreadable()
        names = [n.strip() for n in match["name"].split("、") if n.strip()]
        if not names:
            raise _Unreadable()
        for name in names:
            if len(name) > NAME_MAX_LENGTH:
                raise _Unreadable(_("节日名称“%(name)s”过长") % {"name": name})
        item = _Item(number, names)
        sentences = _split_top_level(match["body"], _SENTENCE_END)
        if not sentences:
            raise _Unreadable()
        _Dates(self, item).read(sentences)
        return item

    # --- from items to the year's entry ---

    def _entry(self, items: list[_Item]) -> ParsedNotice:
        periods: list[tuple[HolidayPeriod, int]] = []
        workdays: list[tuple[AdjustedWorkday, int]] = []
        left_out: list[LeftOutDay] = []
        for item in items:
            named = _name_days(item, self)
            main = _main_name(item.names, item.holidays)
            outside = [d for d in item.holidays if d.year != self.year]
            left_out += [LeftOutDay(d, DayKind.HOLIDAY, named[d], item.line) for d in outside]
            for period in _periods({d: n for d, n in named.items() if d.year == self.year}):
                if all(d.weekday() >= 5 for d in period.days()):
                    # The notice gives a holiday that falls on a weekend without a makeup day
                    # (中秋节 2015: Sunday 27 September); the entry rules refuse an all-weekend
                    # period, and the count is the same without it.
                    self.note(
                        item.line,
                        _(
                            "%(name)s（%(days)s）全部在周末，本就不计工作日，不单独录入；这几天在日历中显示为“周末”。"
                        )
                        % {"name": period.name, "days": _span(period, self.year)},
                    )
                else:
                    periods.append((period, item.line))
            for d in item.workdays:
                if d.year == self.year:
                    workdays.append((AdjustedWorkday(d, main), item.line))
                else:
                    left_out.append(LeftOutDay(d, DayKind.WORKDAY, main, item.line))
        self._note_left_out(left_out)
        if not periods:
            self.problem(None, _("通知中没有%(year)s年内的放假日期。") % {"year": self.year})
        self._check_entry(periods, workdays)
        if self.problems:
            raise NoticeError(self.problems)
        return ParsedNotice(
            year=self.year,
            holidays=tuple(p for p, _line in periods),
            workdays=tuple(w for w, _line in workdays),
            notes=tuple(self.notes),
            left_out=tuple(left_out),
            title=self.title,
            document_number=self.document_number,
        )

    def _check_entry(
        self, periods: list[tuple[HolidayPeriod, int]], workdays: list[tuple[AdjustedWorkday, int]]
    ) -> None:
        """The entry rules, with each problem named by the line it comes from."""
        problems = check_year_entry(self.year, [p for p, _l in periods], [w for w, _l in workdays])
        for p in problems:
            if p.section == "year":
                self.problem(None, p.message)
            elif p.index is None:
                if periods:  # "no periods at all" is said above, in the notice's words
                    self.problem(None, p.message)
            elif p.section == "holidays":
                period, line = periods[p.index]
                self.problem(
                    line, f"{period.name}（{_span(period, self.year)}）：{_rows_to_lines(p, periods)}"
                )
            else:
                workday, line = workdays[p.index]
                self.problem(line, f"{_fmt(workday.date, self.year)}：{_rows_to_lines(p, workdays)}")

    def _note_left_out(self, left_out: list[LeftOutDay]) -> None:
        by_year: dict[tuple[int, int], list[LeftOutDay]] = {}
        for day in left_out:
            by_year.setdefault((day.line, day.date.year), []).append(day)
        for (line, other), days in by_year.items():
            holidays = [d.date for d in days if d.kind == DayKind.HOLIDAY]
            worked = [d.date for d in days if d.kind == DayKind.WORKDAY]
            parts = []
            if holidays:
                parts.append(_("%(days)s放假") % {"days": "、".join(_fmt(d, self.year) for d in holidays)})
            if worked:
                parts.append(_("%(days)s上班") % {"days": "、".join(_fmt(d, self.year) for d in worked)})
            message = _("%(days)s属于%(other)s年，不录入%(year)s年。") % {
                "days": "，".join(parts),
                "other": other,
                "year": self.year,
            }
            if not is_known_year(other):
                message += _("%(other)s年尚未录入工作日历，录入时请一并填写。") % {"other": other}
            elif _already_known(other, days):
                message += _("%(other)s年的工作日历中已有这些日期。") % {"other": other}
            else:
                message += _(
                    "%(other)s年的工作日历中没有这些日期，期限会因此算错：请联系系统管理员在“系统配置 › 工作日历”中补充到%(other)s年。"
                ) % {"other": other}
            self.note(line, message)


class _Dates:
    """Reads one item's sentences: the holiday range first, then the days worked."""

    def __init__(self, reader: _Reader, item: _Item) -> None:
        self.reader = reader
        self.item = item
        self.year = reader.year
        self.last: dt.date | None = None  # the date read last: a bare "23日" takes its month
        self.crosses_from_previous_year = False

    def problem(self, message: str) -> None:
        self.reader.problem(self.item.line, message)

    def read(self, sentences: list[str]) -> None:
        clauses = _split_top_level(sentences[0], ",")
        if not clauses:
            raise _Unreadable()
        count = self._holidays(clauses[0])
        for clause in clauses[1:]:
            count = self._clause(clause) or count
        for sentence in sentences[1:]:
            if sentence.startswith(_EXPLANATION):
                continue
            if sentence.startswith(_APPEAL):
                raw = self.reader.raw_lines[self.item.line - 1]
                start = raw.find(sentence[:2])
                self.reader.note(
                    self.item.line,
                    _("“%(text)s”是倡议，不改变工作日，未录入。")
                    % {"text": _shorten(raw[start:] if start >= 0 else sentence)},
                )
                continue
            if not _DATE.match(sentence):
                # Prose after the arrangement: the closing paragraph of a page pasted as one line
                # ("节假日期间，各地区……"). Unless it speaks of days off or worked.
                if _ARRANGEMENT_WORDS.search(sentence):
                    raise _Unreadable()
                continue
            for clause in _split_top_level(sentence, ","):
                count = self._clause(clause) or count
        self._fill_weekend_gaps()
        if count is not None and self.item.holidays and count != len(self.item.holidays):
            first, last = self.item.holidays[0], self.item.holidays[-1]
            self.problem(
                _("写明共%(count)s天，但%(first)s至%(last)s是%(days)s天。")
                % {
                    "count": count,
                    "first": _fmt(first, self.year),
                    "last": _fmt(last, self.year),
                    "days": len(self.item.holidays),
                }
            )

    def _holidays(self, clause: str) -> int | None:
        match = _RANGE.match(clause)
        if not match:
            raise _Unreadable()
        first_written = _DATE.match(match["first"])
        last_written = _DATE.match(match["last"]) if match["last"] else None
        first = self._date(match["first"], default_year=self.year)
        last = self._date(match["last"], default_year=first.year) if first and match["last"] else first
        if first is None or last is None:
            return None
        if last_written and last < first and (first.month, last.month) == (12, 1):
            try:
                if not first_written["y"] and (last_written["m"] or last_written["y"]):
                    first = first.replace(year=first.year - 1)  # (2022年)12月31日至(2023年)1月2日
                elif not last_written["y"] and last_written["m"]:
                    last = last.replace(year=last.year + 1)  # 2022年12月31日至1月2日
            except ValueError:  # not reached: 12月 and 1月 have no 29 February
                pass
        self._check_weekday(first, match["first"])
        self._check_weekday(last, match["last"] or "")
        if last < first:
            self.problem(
                _("放假结束日%(last)s早于开始日%(first)s。")
                % {"first": _fmt(first, self.year), "last": _fmt(last, self.year)}
            )
            return None
        self.crosses_from_previous_year = first.year < self.year
        self.item.holidays = [first + ONE_DAY * i for i in range((last - first).days + 1)]
        self.last = last
        rest = re.sub(r"^(?:调休|公休)", "", match["rest"].strip()).strip()
        if not rest:
            return None
        count = _COUNT.match(rest)
        if not count:
            raise _Unreadable()
        return _number(count["n"])

    def _clause(self, clause: str) -> int | None:
        clause = clause.strip()
        if count := _COUNT.match(clause):
            return _number(count["n"])
        if not _DATE.search(clause):
            if "连休" in clause or not re.search(r"\d", clause):
                return None  # 与周末连休, 调休……: wording, nothing to read
            raise _Unreadable()
        match = _DATE_LIST.match(clause)
        if not match:
            raise _Unreadable()
        rest = match["rest"].strip()
        if re.fullmatch(r"(?:调休)?上班", rest):
            target = self.item.workdays
        elif rest in ("补休", "补假", "放假"):
            target = self.item.holidays
        else:
            raise _Unreadable()
        for text in re.findall(_D, match["dates"]):
            d = self._date(text, default_year=self.year)
            if d is not None:
                self._check_weekday(d, text)
                if d not in target:
                    target.append(d)
        target.sort()
        return None

    def _date(self, text: str, *, default_year: int) -> dt.date | None:
        match = _DATE.match(text)
        year, month, day = match["y"], match["m"], int(match["d"])
        if month is None:
            if self.last is None:
                raise _Unreadable(_("“%(text)s”缺少月份") % {"text": text.strip()})
            month, year = self.last.month, year or self.last.year
        elif year is None:
            year = default_year
            if self.crosses_from_previous_year and int(month) == 12:
                year = self.year - 1  # 元旦 from the previous December: its days worked are there too
        try:
            d = dt.date(int(year), int(month), day)
        except ValueError:
            self.problem(_("日期“%(text)s”不存在。") % {"text": re.sub(r"\s*\(.*$", "", text).strip()})
            return None
        self.last = d
        return d

    def _check_weekday(self, d: dt.date, text: str) -> None:
        """A weekday written in brackets ("2月14日（周六）") must be the date's."""
        note = _DATE.match(text)["note"] if text else None
        written = _WEEKDAY.search(note or "")
        if written and _WEEKDAY_NUMBER[written["day"]] != d.weekday():
            self.problem(
                _("%(date)s是%(weekday)s，通知写作%(written)s。")
                % {"date": _fmt(d, self.year), "weekday": _weekday(d), "written": written["written"]}
            )

    def _fill_weekend_gaps(self) -> None:
        """ "6月20日放假，6月22日（星期一）补休": the Sunday between belongs to the holiday."""
        days = sorted(set(self.item.holidays))
        filled = days[:1]
        for d in days[1:]:
            gap = [filled[-1] + ONE_DAY * i for i in range(1, (d - filled[-1]).days)]
            if all(g.weekday() >= 5 for g in gap):
                filled += gap
            filled.append(d)
        self.item.holidays = filled


# --- naming the days of an item that names two holidays ("中秋节、国庆节") ---


def _lunar_day(year: int, month: int, day: int) -> dt.date:
    s = Lunar.fromYmd(year, month, day).getSolar()
    return dt.date(s.getYear(), s.getMonth(), s.getDay())


def _anchor_days(name: str, year: int) -> set[dt.date]:
    """The days that are ``name`` by law, or by the lunar date it celebrates."""
    days = {d for d, n in statutory_holidays(year).items() if n == name}
    lunar = {"春节": (1, 1), "端午节": (5, 5), "中秋节": (8, 15)}.get(name)
    if lunar:
        # statutory_holidays gives a coinciding day one name (中秋 on 1 October is 国庆节 there)
        days.add(_lunar_day(year, *lunar))
    return days


def _main_name(names: list[str], days: list[dt.date]) -> str:
    """The name of most of the run: the holiday with the most days by law in it; ties, the last named."""
    if len(names) == 1:
        return names[0]
    years = {d.year for d in days}
    counts = {
        name: sum(1 for d in days if d in set().union(*(_anchor_days(name, y) for y in years)))
        for name in names
    }
    return max(reversed(names), key=lambda n: counts[n])


def _name_days(item: _Item, reader: _Reader) -> dict[dt.date, str]:
    """Each holiday day of the item with one name: the day of 中秋 by its lunar date is 中秋节, the
    rest of a "中秋节、国庆节" run 国庆节. A part that would be all weekend joins its neighbour
    (the entry rules refuse an all-weekend period)."""
    days = item.holidays
    if len(item.names) == 1:
        return dict.fromkeys(days, item.names[0])
    main = _main_name(item.names, days)
    anchors = {
        name: set().union(*(_anchor_days(name, y) for y in {d.year for d in days})) for name in item.names
    }
    named = {}
    for d in days:
        own = [n for n in item.names if d in anchors[n]]
        # a day that is two holidays' day (中秋 on 1 October) takes the rarer one
        named[d] = min(own, key=lambda n: len(anchors[n] & set(days))) if own else main
    while True:
        pieces = _pieces(named)
        if len(pieces) < 2:
            break
        lone = next((i for i, (_n, ds) in enumerate(pieces) if all(d.weekday() >= 5 for d in ds)), None)
        if lone is None:
            break
        name, lone_days = pieces[lone]
        neighbour = pieces[lone - 1 if lone > 0 else 1][0]
        named.update(dict.fromkeys(lone_days, neighbour))
        reader.note(
            item.line,
            _("%(name)s（%(days)s）在周末，与%(other)s合为一段录入，名称记为%(other)s。")
            % {
                "name": name,
                "days": "、".join(_fmt(d, reader.year) for d in lone_days),
                "other": neighbour,
            },
        )
    return named


def _pieces(named: dict[dt.date, str]) -> list[tuple[str, list[dt.date]]]:
    """Consecutive days with the same name."""
    pieces: list[tuple[str, list[dt.date]]] = []
    for d, name in sorted(named.items()):
        if pieces and pieces[-1][0] == name and pieces[-1][1][-1] + ONE_DAY == d:
            pieces[-1][1].append(d)
        else:
            pieces.append((name, [d]))
    return pieces


def _periods(named: dict[dt.date, str]) -> list[HolidayPeriod]:
    return [HolidayPeriod(name, ds[0], ds[-1]) for name, ds in _pieces(named)]


# --- small helpers ---


def _already_known(year: int, days: list[LeftOutDay]) -> bool:
    holidays, workdays = year_days(year)
    return all((holidays if d.kind == DayKind.HOLIDAY else workdays).get(d.date) is not None for d in days)


def _rows_to_lines(problem: Problem, rows: list[tuple[object, int]]) -> str:
    """check_year_entry names other rows of its form ("与第2行重复"); here they are lines."""
    return re.sub(
        r"第(\d+)行", lambda m: _("第%(line)s行") % {"line": rows[int(m[1]) - 1][1]}, problem.message
    )


def _split_top_level(text: str, separators: str) -> list[str]:
    """Split at any of ``separators`` outside brackets: "(星期四,新年)" stays whole."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch in separators and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _arabic(text: str) -> str:
    """ "十月1日" → "10月1日", outside brackets (where "农历八月十五" may stay as it is)."""

    def arabic(match: re.Match) -> str:
        try:
            return str(_number(match[0]))
        except _Unreadable:
            return match[0]  # "一一月": left for the item to fail on, quoted as pasted

    parts = re.split(r"(\([^)]*\))", text)
    return "".join(part if part.startswith("(") else _CHINESE_NUMBER.sub(arabic, part) for part in parts)


def _number(text: str) -> int:
    """ "9" → 9, "九" → 9, "十九" → 19, "二十" → 20."""
    if text.isdigit():
        return int(text)
    digits = "一二三四五六七八九"
    tens, ten, ones = text.partition("十")
    if not ten:
        tens, ones = "", text
    if (
        len(tens) > 1
        or len(ones) != (1 if ones else 0)
        or not set(tens + ones) <= set(digits)
        or not (ten or ones)
    ):
        raise _Unreadable()
    return (digits.index(tens) + 1 if tens else 1 if ten else 0) * 10 + (
        digits.index(ones) + 1 if ones else 0
    )


def _weekday(d: dt.date) -> str:
    return f"星期{WEEKDAYS[d.weekday()]}"


def _fmt(d: dt.date, year: int) -> str:
    """ "2月14日", or "2022年12月31日" for a day outside the notice's year."""
    return f"{d.month}月{d.day}日" if d.year == year else f"{d.year}年{d.month}月{d.day}日"


def _span(period: HolidayPeriod, year: int) -> str:
    if period.first == period.last:
        return _fmt(period.first, year)
    return f"{_fmt(period.first, year)}至{_fmt(period.last, year)}"


def _shorten(text: str, limit: int = 30) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "……"
