"""Statutory deadlines of a disclosure application, in working days, with how they were computed.

- Reply within 20 working days of receipt (Art. 33); the day of receipt is not counted.
- A clarification request (Art. 30) must go out within 7 working days of receipt; the 20 days count
  again from the day the clarification arrives; no clarification in time = abandoned.
- Consultation of third parties or other agencies (Art. 32, 34) and the time from a fee notice to
  payment do not count: the working days they last are added.
- One extension of at most 20 working days (Art. 33), approved by the disclosure office's head.

A stop counts the working days d with ``started_on < d <= ended_on``: the day the letter goes out is
a working day of the agency, the day the answer arrives is not. Every step is kept, so staff and
citizens see how the due date came about, holidays included.

While a year the deadline runs into is not yet in the working-day calendar (every December until
the State Council's notice is entered), the deadline is *provisional*: citizens see the date
counted on weekends and statutory holidays, clearly marked, and staff to-do lists and overdue
counts use the earliest date it can turn out to be (``workcal.calendar.estimate``). Nothing is
stored: once the year is entered, every page shows the definitive date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils import timezone

from gongkai.workcal.calendar import (
    Basis,
    SkippedDay,
    add_working_days,
    due_after,
    estimate,
    pending_badge,
    skipped_days,
    working_days_between,
)

if TYPE_CHECKING:
    from gongkai.applications.models import Application

REPLY_DAYS = 20
EXTENSION_MAX_DAYS = 20
CLARIFICATION_REQUEST_DAYS = 7
CONSULTATION_DAYS = 15
FEE_PAYMENT_DAYS = 20
DUE_SOON_DAYS = 3

RULE_TEXT = "自收到申请之日起20个工作日内答复；如需延长，最长不超过20个工作日"


def provisional_note(year: int) -> str:
    """What a citizen reads next to a provisional date."""
    return f"暂按法定节假日和周末计算，{year}年节假日安排公布后确定，可能前后相差一两天"




@dataclass(frozen=True)
class Stop:
    """What the engine needs of a clock stop (a ``ClockStop`` row or a plain value in the calculator)."""

    kind: str
    label: str
    started_on: dt.date
    ended_on: dt.date | None
    respond_by: dt.date | None = None


@dataclass
class Step:
    label: str
    date: dt.date | None
    detail: str = ""


@dataclass
class Deadline:
    due: dt.date | None  # None while waiting for a clarification
    steps: list[Step] = field(default_factory=list)
    running: bool = True  # False while a stop is open
    waiting_for: str = ""  # what the clock waits for
    provisional_due: dt.date | None = None  # if the open stop ended today
    skipped: list[SkippedDay] = field(default_factory=list)
    # Set while a year the deadline runs into is not in the calendar: ``due`` is then counted on
    # weekends and statutory holidays only, and ``earliest`` is the same deadline counted on the
    # earliest basis (what the office's reminders go by).
    pending_year: int | None = None
    earliest: Deadline | None = None

    @property
    def provisional(self) -> bool:
        return self.pending_year is not None

    @property
    def pending_note(self) -> str:
        return provisional_note(self.pending_year) if self.pending_year else ""

    @property
    def pending_badge(self) -> str:
        return pending_badge(self.pending_year) if self.pending_year else ""

    def is_overdue(self, today: dt.date) -> bool:
        """Overdue on the earliest date the deadline can turn out to be: never late by surprise."""
        bound = self.earliest or self
        due = bound.due or bound.provisional_due
        return bool(self.running and due and today > due)

    def days_left(self, today: dt.date) -> int | None:
        """Working days from ``today`` to the due date; to the earliest one while provisional."""
        bound = self.earliest or self
        due = bound.due if self.running else None
        if due is None:
            return None
        if self.provisional:
            return working_days_between(today, due, basis=Basis.EARLIEST)
        # A definitive due date, but today may lie in a year not yet entered (an overdue case seen
        # in the new year before the office enters it): count that stretch on the earliest basis.
        return estimate(lambda basis: working_days_between(today, due, basis=basis)).earliest

    def is_due_soon(self, today: dt.date) -> bool:
        left = self.days_left(today)
        return left is not None and 0 <= left <= DUE_SOON_DAYS


def _skipped_text(days: list[SkippedDay]) -> str:
    holidays: dict[str, list[dt.date]] = {}
    for day in days:
        if day.reason != "周末":
            holidays.setdefault(day.reason, []).append(day.date)
    if not holidays:
        return ""
    parts = [
        f"{name}（{d[0]:%m月%d日}至{d[-1]:%m月%d日}）" if len(d) > 1 else f"{name}（{d[0]:%m月%d日}）"
        for name, d in holidays.items()
    ]
    return "期间节假日：" + "、".join(parts)


def compute(
    received_on: dt.date,
    stops: Iterable[Stop] = (),
    *,
    extension_days: int = 0,
    today: dt.date | None = None,
) -> Deadline:
    """The reply due date of an application received on ``received_on``: definitive, or
    provisional (``pending_year`` set) when it runs into a year not yet in the calendar."""
    stops = sorted(stops, key=lambda s: s.started_on)
    today = today or dt.date.today()  # noqa: DTZ011 - callers pass timezone.localdate()
    result = estimate(
        lambda basis: _compute(received_on, stops, extension_days=extension_days, today=today, basis=basis)
    )
    deadline = result.value
    if result.provisional:
        deadline.pending_year = result.pending_year
        deadline.earliest = result.earliest
    return deadline


def _compute(
    received_on: dt.date, stops: list[Stop], *, extension_days: int, today: dt.date, basis: Basis
) -> Deadline:
    def add(start: dt.date, n: int) -> dt.date:
        return add_working_days(start, n, basis=basis)

    def skipped(start: dt.date, end: dt.date) -> list[SkippedDay]:
        return skipped_days(start, end, basis=basis)

    result = Deadline(due=None)
    start = received_on
    result.steps.append(Step("收到申请", received_on, "收到申请之日不计入期限"))
    for stop in (s for s in stops if s.kind == "clarification"):
        if stop.ended_on is None:
            result.running = False
            result.waiting_for = "补正"
            result.steps.append(
                Step(
                    "发出补正通知",
                    stop.started_on,
                    f"等待申请人补正，补正期限至{stop.respond_by:%Y年%m月%d日}"
                    if stop.respond_by
                    else "等待申请人补正",
                )
            )
            return result
        start = stop.ended_on
        result.steps.append(Step("收到补正材料", stop.ended_on, "答复期限自收到补正之日起重新计算"))
    due = add(start, REPLY_DAYS)
    result.skipped.extend(skipped(start, due))
    result.steps.append(Step(f"第{REPLY_DAYS}个工作日", due, _skipped_text(skipped(start, due))))
    for stop in (s for s in stops if s.kind != "clarification"):
        end = stop.ended_on or today
        paused = max(0, working_days_between(stop.started_on, end, basis=basis))
        new_due = add(due, paused)
        result.skipped.extend(skipped(due, new_due))
        if stop.ended_on is None:
            result.running = False
            result.waiting_for = stop.label
            result.provisional_due = new_due
            result.steps.append(
                Step(
                    f"{stop.label}（进行中）", stop.started_on, f"已暂停{paused}个工作日，期间不计入答复期限"
                )
            )
            return result
        result.steps.append(
            Step(
                stop.label,
                new_due,
                f"{stop.started_on:%m月%d日}至{stop.ended_on:%m月%d日}，不计入{paused}个工作日",
            )
        )
        due = new_due
    if extension_days:
        new_due = add(due, extension_days)
        result.skipped.extend(skipped(due, new_due))
        result.steps.append(
            Step(f"延期{extension_days}个工作日", new_due, _skipped_text(skipped(due, new_due)))
        )
        due = new_due
    result.due = due
    return result


@dataclass(frozen=True)
class Calculation:
    """The public calculator's answer; ``pending_year`` set when the dates are provisional."""

    received: dt.date
    due: dt.date
    extended_due: dt.date
    skipped: list[SkippedDay]
    pending_year: int | None = None
    earliest_due: dt.date | None = None
    earliest_extended_due: dt.date | None = None

    @property
    def provisional(self) -> bool:
        return self.pending_year is not None

    @property
    def pending_note(self) -> str:
        return provisional_note(self.pending_year) if self.pending_year else ""


def calculator(received_on: dt.date) -> Calculation:
    """The public deadline calculator: the reply due date and the latest date with an extension."""

    def dates(basis: Basis) -> tuple[dt.date, dt.date]:
        due = add_working_days(received_on, REPLY_DAYS, basis=basis)
        return due, add_working_days(due, EXTENSION_MAX_DAYS, basis=basis)

    result = estimate(dates)
    (due, extended), (earliest_due, earliest_extended) = result.value, result.earliest
    basis = Basis.PROVISIONAL if result.provisional else Basis.EXACT
    return Calculation(
        received=received_on,
        due=due,
        extended_due=extended,
        skipped=skipped_days(received_on, extended, basis=basis),
        pending_year=result.pending_year,
        earliest_due=earliest_due,
        earliest_extended_due=earliest_extended,
    )


def clarification_latest(received_on: dt.date) -> dt.date:
    """The last day on which a clarification may be requested (Art. 30); provisional while the
    year it falls in is not announced (the office is not refused a request it may still send)."""
    return due_after(received_on, CLARIFICATION_REQUEST_DAYS).value


def respond_by(started_on: dt.date, days: int) -> dt.date:
    """The date by which a consulted party must answer, or a fee be paid; provisional likewise."""
    return due_after(started_on, days).value


# --- an application's deadline ----------------------------------------------------------------


def stops_of(app: Application) -> list[Stop]:
    """The application's clock stops as the engine reads them (``app.clock_stops.all()``)."""
    return [
        Stop(s.kind, s.get_kind_display(), s.started_on, s.ended_on, s.respond_by)
        for s in app.clock_stops.all()
    ]


def deadline_of(app: Application, today: dt.date | None = None) -> Deadline:
    """The reply deadline of ``app`` as seen ``today``. Prefetch ``clock_stops`` on lists."""
    return compute(
        app.received_on,
        stops_of(app),
        extension_days=app.extension_days,
        today=today or timezone.localdate(),
    )
