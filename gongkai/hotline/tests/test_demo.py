"""The hotline's demo step: a year of closed tickets written in bulk, and live work this month."""

from __future__ import annotations

import io

import pytest
from django.db import connection

from gongkai.hotline import bulletins
from gongkai.hotline.demo_steps import load_hotline
from gongkai.hotline.models import Callback, Channel, DutyShift, Status, Ticket, TicketCounter

pytestmark = pytest.mark.django_db

CALLS, LETTERS = 600, 20


@pytest.fixture
def demo_district(db):
    from gongkai.demo.district import build_district

    district = build_district()
    load_hotline(district, stdout=io.StringIO(), calls=CALLS, letters=LETTERS)
    return district


def _year(district):
    return Ticket.objects.filter(district=district, received_at__year=2018)


def test_the_seed_year_is_all_closed_with_gap_free_serials(demo_district):
    year = _year(demo_district)
    assert year.count() == CALLS + LETTERS
    assert year.filter(channel=Channel.PHONE).count() == CALLS
    assert year.filter(channel=Channel.MAILBOX).count() == LETTERS
    assert not year.exclude(status=Status.CLOSED).exists()
    serials = sorted(Ticket.objects.filter(district=demo_district).values_list("serial", flat=True))
    assert serials == list(range(1, len(serials) + 1))
    assert TicketCounter.objects.get(district=demo_district).last == len(serials)
    numbers = list(Ticket.objects.filter(district=demo_district).values_list("number", flat=True))
    assert len(set(numbers)) == len(numbers)


def test_phones_are_stored_encrypted_and_found_by_their_blind_index(demo_district):
    ticket = _year(demo_district).exclude(phone_hash="").order_by("serial").first()
    phone = ticket.phone.plaintext()
    assert phone.startswith(("13", "15", "18")) and "0735" in phone
    with connection.cursor() as cursor:
        cursor.execute("select phone, caller_name from hotline_ticket where id = %s", [ticket.pk])
        raw_phone, raw_name = cursor.fetchone()
    assert phone not in raw_phone and raw_phone.startswith("gAAAA")  # a Fernet token
    assert ticket.caller_name.plaintext() not in (raw_name or "")
    assert Ticket.objects.filter(phone=phone).filter(pk=ticket.pk).exists()


def test_callbacks_satisfaction_repeat_callers_and_duty_attribution_are_present(demo_district):
    year = _year(demo_district)
    assert Callback.objects.filter(ticket__in=year, satisfaction="satisfied").count() > CALLS // 2
    assert Callback.objects.filter(ticket__in=year, satisfaction="unsatisfied").exists()
    assert year.filter(reopen_count=1).exists()
    assert year.filter(is_repeat_caller=True, repeat_of__isnull=False).exists()
    assert year.filter(duty__isnull=False).count() > CALLS // 10
    leaders = DutyShift.objects.filter(district=demo_district, date__year=2018)
    assert leaders.filter(is_district_leader=True).values("person_name").distinct().count() == 8
    assert leaders.filter(is_district_leader=False).values("person_name").distinct().count() == 31
    # Every closed ticket's last callback either reached the citizen satisfied enough or recorded why not.
    b = bulletins.monthly_bulletin(demo_district, 2018, 7)
    assert b.closure_rate == 1.0 and b.satisfaction_rate > 0.9 and b.duty


def test_the_current_month_has_open_tickets_in_every_status(demo_district):
    from django.utils import timezone

    today = timezone.localdate()
    now = Ticket.objects.filter(district=demo_district, received_at__year=today.year)
    assert set(now.values_list("status", flat=True)) == set(Status.values)


def test_the_step_is_idempotent(demo_district):
    before = Ticket.objects.count(), Callback.objects.count(), DutyShift.objects.count()
    load_hotline(demo_district, stdout=io.StringIO(), calls=CALLS, letters=LETTERS)
    assert (Ticket.objects.count(), Callback.objects.count(), DutyShift.objects.count()) == before
