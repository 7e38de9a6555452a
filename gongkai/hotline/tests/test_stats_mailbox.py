"""Mailbox letters per month (the participation analytics): only 区长信箱 letters, by local month,
all the district's or those a unit handles."""

import datetime as dt
import zoneinfo

import pytest

from gongkai.hotline import stats
from gongkai.hotline.models import Channel, Status, Ticket

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


def test_mailbox_letters_are_counted_per_local_month(personas):
    serial = iter(range(1, 100))

    def letter(at: dt.datetime, channel=Channel.MAILBOX, lead=None):
        n = next(serial)
        Ticket.objects.create(
            district=personas.district,
            office=personas.office,
            serial=n,
            number=f"H{n:05d}",
            channel=channel,
            received_at=at,
            matter="反映小区路灯不亮",
            status=Status.NEW,
            lead=lead,
        )

    letter(dt.datetime(2025, 2, 28, 23, 30, tzinfo=TZ), lead=personas.department)  # February in Beijing
    letter(dt.datetime(2025, 3, 1, 0, 30, tzinfo=TZ), lead=personas.department)
    letter(dt.datetime(2025, 3, 9, 10, tzinfo=TZ), lead=personas.other_department)
    letter(dt.datetime(2025, 3, 10, 10, tzinfo=TZ), channel=Channel.PHONE, lead=personas.department)
    letter(dt.datetime(2025, 4, 1, 10, tzinfo=TZ))
    letter(dt.datetime(2025, 5, 1, 10, tzinfo=TZ))  # after the period

    start, end = dt.date(2025, 2, 1), dt.date(2025, 4, 30)
    assert stats.mailbox_letters_by_month(personas.district, start, end) == {
        dt.date(2025, 2, 1): 1,
        dt.date(2025, 3, 1): 2,
        dt.date(2025, 4, 1): 1,
    }
    assert stats.mailbox_letters_by_month(
        personas.district, start, end, lead_ids=frozenset({personas.department.pk})
    ) == {dt.date(2025, 2, 1): 1, dt.date(2025, 3, 1): 1}
