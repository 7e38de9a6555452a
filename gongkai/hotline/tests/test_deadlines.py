"""A ticket's reply deadline: one rule (``hotline.deadlines``), and every place that shows or counts
it agrees, also while a year the deadline runs into is not yet in the working-day calendar.

The ticket of these tests: dispatched on Sunday 20 December 2026, normal urgency (5 working days)
plus 5 days' extension, with 2027 not entered. Counting the 10 working days:
21–25 and 28–31 December are nine; 1 January 2027 is 元旦 (statutory: off on every basis);
Saturday 2 January may turn out to be worked (a weekend next to a holiday), so the 10th day is
2 January at the earliest and Monday 4 January provisionally (weekends off).
"""

import datetime as dt
import json
from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from gongkai.conftest import DESKTOP, PHONE
from gongkai.hotline import actions, bulletins, deadlines, stats
from gongkai.hotline.deadlines import TicketDue
from gongkai.hotline.models import HotlineSettings, Status, Ticket
from gongkai.hotline.todos import hotline_todos
from gongkai.workbench.todos import Urgency as TodoUrgency
from gongkai.workcal import actions as calendar_actions
from gongkai.workcal.actions import AdjustedWorkday, HolidayPeriod

pytestmark = pytest.mark.django_db

D = dt.date
DISPATCHED = dt.datetime(2026, 12, 20, 2, tzinfo=dt.UTC)  # Sunday, 10:00 in Shanghai
SHOWN, EARLIEST = D(2027, 1, 4), D(2027, 1, 2)
BADGE = "期限待定：2027年节假日未录入"
NOTE = "暂按法定节假日和周末计算，2027年节假日安排公布后确定"


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    """``hour`` o'clock in Shanghai on ``day``."""
    return dt.datetime(day.year, day.month, day.day, hour - 8, tzinfo=dt.UTC)


@pytest.fixture
def ticket(personas, call, calendar_without):
    calendar_without(2027)
    with time_machine.travel(DISPATCHED, tick=False):
        ticket = call()
        actions.dispatch(ticket, personas.department, actor=personas.operator)
        actions.extend(ticket, actor=personas.coordinator, days=5, reason="涉及多部门")
    stored = Ticket.objects.get(pk=ticket.pk)
    stored.query_code = ticket.query_code  # shown once, at intake: for the citizen's lookup
    return stored


def _row(rows, ticket):
    [deadline] = [d for t, d, *_rest in rows if t.pk == ticket.pk]
    return deadline


def every_place(client, personas, ticket, moment: dt.datetime) -> dict[str, dict]:
    """What each place that shows or counts the ticket's deadline says at ``moment``:
    {place: {"due": date shown, "overdue": bool, "soon": bool, "badge": bool}}, each with what
    that place can tell."""
    said: dict[str, dict] = {}
    with time_machine.travel(moment, tick=False):
        today = timezone.localdate()
        code, ticket = ticket.query_code, Ticket.objects.get(pk=ticket.pk)

        rule = deadlines.deadline_of(ticket)
        said["rule"] = {"due": rule.due, "overdue": rule.overdue, "soon": rule.soon}

        client.force_login(personas.operator)
        page = client.get(reverse("hotline_staff:list"))
        row = _row(page.context["rows"], ticket)
        said["list"] = {
            "due": row.due,
            "overdue": row.overdue,
            "soon": row.soon,
            "badge": BADGE in page.content.decode(),
        }
        quick = {
            state: [
                t.pk for t, _d in client.get(reverse("hotline_staff:list"), {"quick": state}).context["rows"]
            ]
            for state in ("overdue", "soon")
        }
        said["quick filters"] = {"overdue": ticket.pk in quick["overdue"], "soon": ticket.pk in quick["soon"]}
        sheet = load_workbook(BytesIO(client.get(reverse("hotline_staff:export")).content)).active
        [exported] = [r for r in sheet.iter_rows(values_only=True) if r[0] == ticket.number]
        said["export"] = {"due": D.fromisoformat(exported[12]), "badge": BADGE in exported[15]}
        page = client.get(reverse("hotline_staff:detail", args=[ticket.pk]))
        detail = page.context["deadline"]
        said["detail"] = {
            "due": detail.due,
            "overdue": detail.overdue,
            "badge": BADGE in page.content.decode(),
        }

        client.force_login(personas.editor)
        page = client.get(reverse("hotline_staff:mine"))
        mine = _row(page.context["page_obj"], ticket)
        said["mine"] = {
            "due": mine.due,
            "overdue": mine.overdue,
            "soon": mine.soon,
            "badge": BADGE in page.content.decode(),
        }
        todos = [t for t in hotline_todos(personas.editor) if ticket.number in t.title]
        said["unit to-do"] = {
            "overdue": any(t.urgency == TodoUrgency.OVERDUE for t in todos),
            "soon": any(t.urgency == TodoUrgency.SOON for t in todos),
        }
        escalation = [t for t in hotline_todos(personas.coordinator) if t.title == "超期未答复、待督办的工单"]
        said["escalation to-do"] = {"overdue": bool(escalation)}

        [figures] = stats.by_lead(
            Ticket.objects.filter(pk=ticket.pk), deadlines.limits_of(ticket.district_id), today
        ).values()
        said["stats"] = {"overdue": figures.overdue == 1}
        bulletin = bulletins.monthly_bulletin(personas.district, 2026, 12, as_of=today, keywords=False)
        [unit] = [u for u in bulletin.units if u.name == personas.department.name]
        said["bulletin"] = {"overdue": unit.overdue == 1}

        client.logout()
        [request] = json.loads(client.get(reverse("open311:request", args=[ticket.number])).content)
        said["open311"] = {"due": dt.datetime.fromisoformat(request["expected_datetime"]).date()}
        client.post(reverse("mailbox:follow"), {"number": ticket.number, "code": code})
        page = client.get(reverse("mailbox:follow_result")).content.decode()
        said["public page"] = {
            "due": D.fromisoformat(page.split('data-due="')[1].split('"')[0]),
            "note": NOTE in page,
        }
    return said


def agree(said: dict[str, dict], key: str):
    """The one value every place that can tell ``key`` gives (fails naming them if they differ)."""
    values = {place: facts[key] for place, facts in said.items() if key in facts}
    assert len(set(values.values())) == 1, f"places disagree on {key}: {values}"
    return next(iter(values.values()))


# --- the rule -----------------------------------------------------------------------------------


def test_a_deadline_running_into_a_year_not_entered_is_provisional(calendar_without):
    calendar_without(2027)
    due = deadlines.ticket_due(DISPATCHED, "normal", 5, HotlineSettings())
    assert due == TicketDue(SHOWN, EARLIEST, 2027)
    assert due.provisional and due.badge == BADGE and due.note == NOTE
    assert deadlines.ticket_due(None, "normal", 5, HotlineSettings()) is None


def test_a_deadline_within_known_years_is_definitive(db):
    due = deadlines.ticket_due(at(D(2025, 6, 9)), "normal", 0, HotlineSettings())  # Monday
    assert due == TicketDue(D(2025, 6, 16), D(2025, 6, 16))
    assert not due.provisional and due.badge == "" and due.note == ""


def test_an_open_ticket_is_overdue_from_the_day_after_the_earliest_due_date():
    due = TicketDue(SHOWN, EARLIEST, 2027)
    assert not deadlines.is_overdue(due, D(2027, 1, 2))
    assert deadlines.is_overdue(due, D(2027, 1, 3))  # the day before the date shown
    assert deadlines.is_due_soon(due, D(2026, 12, 31), next_day=D(2027, 1, 2))
    assert not deadlines.is_due_soon(due, D(2026, 12, 30), next_day=D(2026, 12, 31))
    assert not deadlines.is_due_soon(due, D(2027, 1, 3), next_day=D(2027, 1, 4))  # overdue instead


def test_a_reply_is_late_only_after_the_date_shown():
    due = TicketDue(SHOWN, EARLIEST, 2027)
    assert not deadlines.is_late_reply(due, at(D(2027, 1, 4), 23))
    assert deadlines.is_late_reply(due, at(D(2027, 1, 5), 9))
    # Local dates: 00:30 on 5 January in Shanghai is still 4 January in UTC.
    assert deadlines.is_late_reply(due, dt.datetime(2027, 1, 4, 16, 30, tzinfo=dt.UTC))


def test_the_next_working_day_never_fails_on_a_year_not_entered(calendar_without):
    calendar_without(2027)
    assert deadlines.next_working_day(D(2026, 12, 31)) == D(2027, 1, 2)  # may be worked
    assert deadlines.next_working_day(D(2027, 1, 3)) == D(2027, 1, 4)


# --- every place agrees -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "overdue", "soon"),
    [
        (D(2026, 12, 22), False, False),
        (D(2026, 12, 31), False, True),  # the next working day may be Saturday 2 January
        (D(2027, 1, 2), False, True),
        (D(2027, 1, 3), True, False),  # past the earliest date, though 4 January is shown
        (D(2027, 1, 5), True, False),
    ],
)
def test_a_year_not_entered_is_handled_the_same_way_everywhere(client, personas, ticket, day, overdue, soon):
    said = every_place(client, personas, ticket, at(day))
    assert agree(said, "due") == SHOWN
    assert agree(said, "overdue") is overdue
    assert agree(said, "soon") is soon
    assert agree(said, "badge") is True  # staff pages mark the date until the ticket is answered
    assert said["public page"]["note"]
    # The unit's to-do goes by the earliest date, the date reminders go by.
    with time_machine.travel(at(day), tick=False):
        todos = [t for t in hotline_todos(personas.editor) if ticket.number in t.title]
    assert [t.due for t in todos] == ([EARLIEST] if overdue or soon else [])


@pytest.mark.parametrize(
    ("replied_on", "late"),
    [
        (D(2027, 1, 3), False),  # the open ticket counted overdue that day; the reply is on time
        (D(2027, 1, 4), False),
        (D(2027, 1, 5), True),
    ],
)
def test_a_reply_is_judged_by_the_date_shown_everywhere(client, personas, ticket, replied_on, late):
    actions.reply(ticket, actor=personas.editor, text="已协调解决", at=at(replied_on, 17))
    as_of = D(2027, 1, 11)
    with time_machine.travel(at(as_of), tick=False):
        rule = deadlines.deadline_of(Ticket.objects.get(pk=ticket.pk))
        client.force_login(personas.operator)
        list_page = client.get(reverse("hotline_staff:list"))
        detail_page = client.get(reverse("hotline_staff:detail", args=[ticket.pk]))
        [figures] = stats.by_lead(
            Ticket.objects.filter(pk=ticket.pk), deadlines.limits_of(ticket.district_id), as_of
        ).values()
        bulletin = bulletins.monthly_bulletin(personas.district, 2026, 12, as_of=as_of, keywords=False)
    [unit] = [u for u in bulletin.units if u.name == personas.department.name]
    row = _row(list_page.context["rows"], ticket)
    detail = detail_page.context["deadline"]
    verdicts = {
        "rule": rule.verdict,
        "list": row.verdict,
        "detail": detail.verdict,
        "stats": "overdue" if figures.overdue else "on_time" if figures.on_time else None,
        "bulletin": "overdue" if unit.overdue else "on_time" if unit.on_time else None,
    }
    assert set(verdicts.values()) == {"overdue" if late else "on_time"}, verdicts
    assert rule.due == row.due == detail.due == SHOWN
    label = "超期答复" if late else "按时答复"
    for page in (list_page, detail_page):
        body = page.content.decode()
        assert label in body and BADGE not in body  # the badge goes once the ticket is answered


def test_once_the_year_is_entered_every_place_shows_the_definitive_date(client, personas, ticket):
    calendar_actions.create_year(
        2027,
        [
            HolidayPeriod("元旦", D(2027, 1, 1), D(2027, 1, 3)),
            HolidayPeriod("春节", D(2027, 2, 5), D(2027, 2, 13)),
        ],
        [AdjustedWorkday(D(2027, 2, 20), "春节")],
        actor=personas.coordinator,
    )
    assert deadlines.due_of(ticket) == TicketDue(SHOWN, SHOWN)
    said = every_place(client, personas, ticket, at(D(2027, 1, 3)))
    assert agree(said, "due") == SHOWN
    assert agree(said, "overdue") is False  # 2 January is off after all: due on the 4th
    assert agree(said, "soon") is True
    assert agree(said, "badge") is False
    assert not said["public page"]["note"]
    stored = Ticket.objects.get(pk=ticket.pk)
    assert (stored.dispatched_at, stored.extension_days, stored.status) == (DISPATCHED, 5, Status.DISPATCHED)


# --- on the page --------------------------------------------------------------------------------

PASSWORD = "Hotline-2025!"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP])
def test_the_pending_badge_stays_inside_its_table_cell(page, live_server, personas, ticket, screenshot):
    personas.operator.set_password(PASSWORD)
    personas.operator.save()
    page.goto(live_server.url + "/staff/login/?next=/staff/hotline/")
    page.get_by_label("用户名").fill(personas.operator.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    badge = page.locator("td [data-pending]")
    expect(badge).to_have_text(BADGE)
    cell = badge.locator("xpath=ancestor::td[1]").bounding_box()
    box = badge.bounding_box()
    assert cell["x"] <= box["x"] and box["x"] + box["width"] <= cell["x"] + cell["width"] + 0.5
    screenshot(page, f"hotline-list-pending-{page.viewport_size['width']}")


def test_the_verdict_of_many_tickets_is_the_one_rules_verdict(calendar_without):
    """``DueDates.judge`` (what bulletins and scorecards count) says what ``standing`` says, for
    replies before, on and after the due date, and for open tickets before and after it."""
    calendar_without(2027)
    limits = HotlineSettings()
    dues = deadlines.DueDates(limits)
    dispatched = [DISPATCHED, at(D(2026, 12, 1)), at(D(2026, 12, 1), 23)]
    # around midnight in Shanghai (UTC+8): 23:30 on the 8th and 00:30 on the 9th
    midnight = [
        dt.datetime(2026, 12, 8, 15, 30, tzinfo=dt.UTC),
        dt.datetime(2026, 12, 8, 16, 30, tzinfo=dt.UTC),
    ]
    replies = [None, at(D(2026, 12, 3)), *midnight, at(D(2027, 1, 5))]
    seen = set()
    for sent in dispatched:
        for urgency in ("normal", "urgent"):
            for replied in replies:
                if replied is not None and replied < sent:
                    continue
                for as_of in (D(2026, 12, 2), D(2026, 12, 10), D(2027, 1, 3), D(2027, 1, 6)):
                    dates = deadlines.ticket_due(sent, urgency, 0, limits)
                    expected = deadlines.standing(dates, replied, as_of).verdict
                    assert dues.judge(sent, replied, urgency, 0, as_of) == expected
                    seen.add(expected)
    assert dues.judge(None, None, "normal", 0, D(2026, 12, 2)) is None
    assert seen == {"on_time", "overdue", None}
