"""When each notice of a project is due, and by how many days a published one was late: the one
module that knows the two rules (pages, the to-do list, the figures and the exports all ask here).

- Intention (采购意向公开, 财库〔2020〕10号): published at least 30 days before procurement starts
  (the day the procurement actually started, else the planned day). Required for projects that
  start on or after ``INTENTION_REQUIRED_FROM``: the circular phased it in, for budget units below
  the provincial level from 1 January 2022 (unverified; ``PROCUREMENT_INTENTION_REQUIRED_FROM``).
  Counted in calendar days.
- Result (中标（成交）结果公告, 政府采购法实施条例 第四十三条): within 2 working days of the day the
  supplier is chosen, counted on the working-day calendar (``gongkai.workcal``). Through a year the
  calendar does not know yet the due day is provisional (``workcal.calendar.estimate``).

The tender notice (采购公告) starts the procurement: its timing is the method's (bidding periods),
not a disclosure deadline, so it is never flagged.

Settings (optional): ``PROCUREMENT_INTENTION_DAYS`` (30), ``PROCUREMENT_RESULT_WORKING_DAYS`` (2),
``PROCUREMENT_INTENTION_REQUIRED_FROM`` ("2022-01-01").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.procurement.models import NoticeKind, Project
from gongkai.workcal.calendar import add_working_days, estimate, pending_badge, working_days_between


def intention_days() -> int:
    return int(getattr(settings, "PROCUREMENT_INTENTION_DAYS", 30))


def result_working_days() -> int:
    return int(getattr(settings, "PROCUREMENT_RESULT_WORKING_DAYS", 2))


def intention_required_from() -> dt.date:
    value = getattr(settings, "PROCUREMENT_INTENTION_REQUIRED_FROM", "2022-01-01")
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


class Status:
    NOT_REQUIRED = "not_required"
    NOT_YET = "not_yet"  # the step it depends on has not happened (no date to count from)
    PENDING = "pending"  # not published, still in time
    MISSING = "missing"  # not published, and the due day has passed
    ON_TIME = "on_time"
    LATE = "late"


LABELS = {
    Status.NOT_REQUIRED: gettext_lazy("无需公开"),
    Status.NOT_YET: gettext_lazy("尚未到公开阶段"),
    Status.PENDING: gettext_lazy("待公开"),
    Status.MISSING: gettext_lazy("逾期未公开"),
    Status.ON_TIME: gettext_lazy("按时公开"),
    Status.LATE: gettext_lazy("逾期公开"),
}


@dataclass(frozen=True)
class Timeliness:
    """One notice's timing: its due day (None: no rule, or nothing yet to count from), the day it
    was published (None: not public), and how late it was or is (days, in ``unit``)."""

    kind: str
    status: str
    due: dt.date | None = None
    published_on: dt.date | None = None
    late_days: int = 0
    unit: str = ""  # 天 or 个工作日
    pending_year: int | None = None  # the due day is provisional: this year's calendar is not entered

    @property
    def label(self) -> str:
        return str(LABELS[self.status])

    @property
    def is_late(self) -> bool:
        return self.status in (Status.LATE, Status.MISSING)

    @property
    def flag(self) -> str:
        """What a page shows beside the notice: 按时公开, 逾期公开 3 个工作日 …"""
        if self.status in (Status.LATE, Status.MISSING) and self.late_days:
            return _("%(label)s %(n)s %(unit)s") % {
                "label": self.label,
                "n": self.late_days,
                "unit": self.unit,
            }
        return self.label

    @property
    def badge(self) -> str:
        return pending_badge(self.pending_year) if self.pending_year else ""


def intention_required(project: Project) -> bool:
    start = project.procurement_start
    return start is not None and start >= intention_required_from()


def intention_due(project: Project) -> dt.date | None:
    """The last day the intention may be published (30 days before procurement starts)."""
    start = project.procurement_start
    return start - dt.timedelta(days=intention_days()) if start else None


def result_due(project: Project):
    """The last day for the result notice: an ``Estimate`` (definitive unless a year is not entered)."""
    if project.supplier_chosen_on is None:
        return None
    chosen, n = project.supplier_chosen_on, result_working_days()
    return estimate(lambda basis: add_working_days(chosen, n, basis=basis))


def _late_working_days(chosen: dt.date, day: dt.date) -> int:
    """Working days beyond the limit, from the day the supplier was chosen to ``day`` (provisional
    through a year the calendar does not know)."""
    counted = estimate(lambda basis: working_days_between(chosen, day, basis=basis)).value
    return max(0, counted - result_working_days())


def timeliness(project: Project, kind: str, published_on: dt.date | None, *, today: dt.date) -> Timeliness:
    """The timing of the project's notice of ``kind`` (``published_on``: the day it became public)."""
    if kind == NoticeKind.INTENTION:
        if not intention_required(project):
            status = Status.NOT_REQUIRED if project.procurement_start else Status.NOT_YET
            return Timeliness(kind, status, published_on=published_on)
        due = intention_due(project)
        unit = _("天")
        if published_on is not None:
            late = max(0, (published_on - due).days)
            return Timeliness(kind, Status.LATE if late else Status.ON_TIME, due, published_on, late, unit)
        if today > due:
            return Timeliness(kind, Status.MISSING, due, None, (today - due).days, unit)
        return Timeliness(kind, Status.PENDING, due, None, 0, unit)
    if kind == NoticeKind.RESULT:
        found = result_due(project)
        if found is None:
            return Timeliness(kind, Status.NOT_YET, published_on=published_on)
        pending, unit = found.pending_year, _("个工作日")
        if published_on is not None:
            due = found.value
            if published_on <= due:
                return Timeliness(kind, Status.ON_TIME, due, published_on, 0, unit, pending)
            # Published on the weekend after the due day still counts one day late.
            late = max(1, _late_working_days(project.supplier_chosen_on, published_on))
            return Timeliness(kind, Status.LATE, due, published_on, late, unit, pending)
        # What is still to be published goes by the earliest the due day can turn out to be, so
        # that nothing becomes late by surprise (workcal's rule for staff reminders).
        due = found.earliest
        if today > due:
            late = max(1, _late_working_days(project.supplier_chosen_on, today))
            return Timeliness(kind, Status.MISSING, due, None, late, unit, pending)
        return Timeliness(kind, Status.PENDING, due, None, 0, unit, pending)
    return Timeliness(kind, Status.NOT_REQUIRED, published_on=published_on)
