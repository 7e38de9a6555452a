"""What is pending on disclosure applications: each open application's deadline state, and the
to-do items built from it. The to-do list is the reminder; nothing is stored, all follows from
the data and today (``deadlines.deadline_of``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_any
from gongkai.applications import deadlines
from gongkai.applications.models import Application, PauseKind, Status
from gongkai.applications.permissions import handled_applications
from gongkai.lib.todos import Todo, Urgency


@dataclass
class DeadlineState:
    app: Application
    deadline: deadlines.Deadline | None
    overdue: bool = False
    soon: bool = False
    paused: bool = False
    lapsed: bool = False  # a clarification period passed without an answer
    days_left: int | None = None
    late_reply: bool = False  # closed after the due date

    @property
    def due(self) -> dt.date | None:
        """The due date shown (provisional while a year it runs into is not entered)."""
        if self.deadline is None:
            return None
        return self.deadline.due or self.deadline.provisional_due

    @property
    def remind_on(self) -> dt.date | None:
        """The due date reminders go by: the earliest it can turn out to be."""
        if self.deadline is None:
            return None
        bound = self.deadline.earliest or self.deadline
        return bound.due or bound.provisional_due

    @property
    def pending_badge(self) -> str:
        """"期限待定：2027年节假日未录入" while the deadline is provisional and the case open."""
        if self.deadline is None or self.app.is_closed:
            return ""
        return self.deadline.pending_badge

    @property
    def overdue_days(self) -> int:
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0

    @property
    def badge(self) -> str:
        if self.overdue or self.late_reply:
            return "overdue"
        if self.soon or self.lapsed:
            return "soon"
        if self.paused:
            return "info"
        return "ok" if self.app.is_closed else "normal"


def deadline_state(app: Application, today: dt.date) -> DeadlineState:
    """The deadline of ``app`` as seen ``today`` (closed ones as on their reply date).

    Uses ``app.clock_stops.all()``: prefetch ``clock_stops`` on lists.
    """
    closed = app.status == Status.CLOSED
    as_of = app.replied_on if closed and app.replied_on else today
    deadline = deadlines.deadline_of(app, as_of)
    state = DeadlineState(app, deadline)
    if closed:
        state.late_reply = bool(deadline.due and app.replied_on and app.replied_on > deadline.due)
        return state
    state.paused = not deadline.running
    state.overdue = deadline.is_overdue(today)
    state.soon = not state.overdue and deadline.is_due_soon(today)
    state.days_left = deadline.days_left(today)
    open_stops = [s for s in app.clock_stops.all() if s.ended_on is None]
    state.lapsed = any(s.kind == PauseKind.CLARIFICATION and s.respond_by < today for s in open_stops)
    return state


def open_states(apps: QuerySet[Application], today: dt.date) -> list[DeadlineState]:
    open_apps = (
        apps.exclude(status=Status.CLOSED).select_related("organisation").prefetch_related("clock_stops")
    )
    return [deadline_state(app, today) for app in open_apps]


def _list_url(**params) -> str:
    return reverse("applications_staff:list") + "?" + urlencode(params)


def application_todos(user, *, today: dt.date | None = None) -> list[Todo]:
    """Registered in ``apps.py``: what waits on the user's applications (``application.handle``);
    the disclosure office's coordinator sees the whole district's."""
    if not has_any(user, "application.handle"):
        return []
    today = today or timezone.localdate()
    scoped = handled_applications(user)
    states = open_states(scoped, today)
    category = _("依申请公开")
    todos = []

    def add(title: str, matching: list[DeadlineState], urgency: str, query: dict) -> None:
        if not matching:
            return
        dues = [s.remind_on for s in matching if s.remind_on is not None]
        todos.append(
            Todo(
                title=title,
                url=_list_url(**query),
                count=len(matching),
                due=min(dues) if dues else None,
                urgency=urgency,
                category=category,
            )
        )

    add(_("已超过答复期限的申请"), [s for s in states if s.overdue], Urgency.OVERDUE, {"quick": "overdue"})
    add(
        _("3个工作日内到期的申请"),
        [s for s in states if s.soon],
        Urgency.SOON,
        {"quick": "soon"},
    )
    add(
        _("逾期未补正的申请，可按“其他处理”办结"),
        [s for s in states if s.lapsed],
        Urgency.NORMAL,
        {"quick": "lapsed"},
    )
    add(
        _("新收到尚未受理的申请"),
        [s for s in states if s.app.status == Status.RECEIVED],
        Urgency.NORMAL,
        {"status": Status.RECEIVED},
    )
    return todos


@dataclass(frozen=True)
class Counts:
    open: int
    overdue: int
    soon: int
    paused: int
    lapsed: int
    received: int
    provisional: int  # open applications whose deadline runs into a year not yet entered


def district_counts(today: dt.date) -> Counts:
    """Counts over every open application (for the daily job's log)."""
    states = open_states(Application.objects.all(), today)
    return Counts(
        open=len(states),
        overdue=sum(s.overdue for s in states),
        soon=sum(s.soon for s in states),
        paused=sum(s.paused for s in states),
        lapsed=sum(s.lapsed for s in states),
        received=sum(s.app.status == Status.RECEIVED for s in states),
        provisional=sum(bool(s.pending_badge) for s in states),
    )


PROVIDERS = [application_todos]
