"""A list is public from the day its item is published for its period, and gone after it — by
itself, before the job has run, and recorded with the day it came down once it has."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from gongkai.publicity import actions, public, stats
from gongkai.publicity.kinds import Kind
from gongkai.publicity.models import State

pytestmark = pytest.mark.django_db
CST = dt.timezone(dt.timedelta(hours=8))


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=CST)


def test_a_list_is_gone_after_its_period_and_the_job_records_the_day(filled, publish, personas, client, march_2018):
    publicity = publish(filled(3))  # published on Monday 5 March 2018, 7 days: to 11 March
    url = reverse("publicity:detail", args=[publicity.pk])
    assert client.get(url).status_code == 200
    march_2018.move_to(_at(dt.date(2018, 3, 11), 23))
    assert client.get(url).status_code == 200
    assert public.current_ids(personas.district) == [publicity.pk]

    march_2018.move_to(_at(dt.date(2018, 3, 12), 0))
    gone = client.get(url)
    assert gone.status_code == 410 and "2018年3月12日撤下" in gone.content.decode()
    assert client.get(reverse("publicity:rows_csv", args=[publicity.pk])).status_code == 410
    assert public.current_ids(personas.district) == []
    assert publicity.title not in client.get(reverse("publicity:column")).content.decode()

    assert actions.end_periods() == {"started": 1, "ended": 1}
    publicity.refresh_from_db()
    assert (publicity.state, publicity.period_starts_on, publicity.ended_on) == (
        State.ENDED,
        dt.date(2018, 3, 5),
        dt.date(2018, 3, 12),
    )
    assert actions.end_periods() == {"started": 0, "ended": 0}  # safe to run twice
    # Staff keep it, with the day it came down; the figures still count it.
    client.force_login(personas.editor)
    page = client.get(reverse("publicity_staff:detail", args=[publicity.pk])).content.decode()
    assert "公示期满" in page and "2018-03-12" in page
    assert stats.entries(personas.district, 2018)[Kind.URBAN_DIBAO].households == 3


def test_the_periodic_job_is_registered_and_runs_the_action(filled, publish, march_2018):
    from gongkai.background.periodic import run_job

    publicity = publish(filled(1))
    with time_machine.travel(_at(dt.date(2018, 4, 1)), tick=False):
        run_job("end_publicity_periods")
    publicity.refresh_from_db()
    assert publicity.state == State.ENDED and publicity.ended_on == dt.date(2018, 3, 12)


def test_a_list_still_in_review_is_not_public_and_its_period_has_not_started(filled, personas, march_2018):
    publicity = actions.release_publicity(filled(1), actor=personas.editor)
    assert public.current_ids(personas.district) == []
    assert actions.end_periods() == {"started": 0, "ended": 0}
    publicity.refresh_from_db()
    assert publicity.state == State.RELEASED and publicity.period_starts_on is None


def test_a_notice_without_a_period_stays(make_list, publish, personas, march_2018):
    notice = publish(
        make_list(Kind.LAND_ACQUISITION, title="征地信息", facts={"project": "一批次", "location": "华塘镇", "area": "3.2"})
    )
    with time_machine.travel(_at(dt.date(2019, 6, 1)), tick=False):
        assert public.current_ids(personas.district) == [notice.pk]
        assert actions.end_periods()["ended"] == 0
