"""The demo step: a realistic year of applications with every outcome, and idempotent."""

import io

import pytest

from gongkai.applications import stats
from gongkai.applications.demo_steps import load_applications
from gongkai.applications.models import Application, ClockStop, PauseKind, ReviewCase, Status
from gongkai.applications.outcomes import Outcome
from gongkai.audit.models import AuditEvent
from gongkai.lib.validators import validate_id_number

pytestmark = pytest.mark.django_db


@pytest.fixture
def district(db):
    from gongkai.demo.district import build_district

    return build_district()


def test_the_demo_step_makes_a_year_with_every_outcome_and_runs_twice_without_duplicating(district):
    load_applications(district, stdout=io.StringIO())
    apps = Application.objects.filter(district=district)
    count = apps.count()
    assert 60 <= apps.filter(received_on__year=2018).count() <= 80
    assert set(apps.exclude(outcome="").values_list("outcome", flat=True)) == set(Outcome.values)
    # carried in from 2017 and out into 2019, stops of every kind, extensions, cases
    assert apps.filter(received_on__year=2017, replied_on__year=2018).exists()
    assert apps.filter(received_on__year=2018, replied_on__year=2019).count() >= 4
    assert not apps.filter(received_on__year=2018, status=Status.PROCESSING).exists()  # none left open for years
    kinds = set(ClockStop.objects.filter(application__district=district).values_list("kind", flat=True))
    assert kinds == set(PauseKind.values)
    assert apps.filter(extension_days__gt=0).count() >= 2
    assert ReviewCase.objects.filter(application__district=district).count() >= 2
    table = stats.table_three(2018, district=district)
    assert table["balanced"]
    # the real actions wrote the audit trail
    assert AuditEvent.objects.filter(action="application.close").count() == apps.exclude(outcome="").count()
    for app in apps.filter(applicant_type="natural")[:10]:
        assert validate_id_number(app.id_number.plaintext()) == app.id_number.plaintext()

    load_applications(district, stdout=io.StringIO())
    assert Application.objects.filter(district=district).count() == count


def test_the_current_year_has_open_applications_one_overdue_and_one_due_soon(district):
    from django.utils import timezone

    from gongkai.applications.todos import open_states

    load_applications(district, stdout=io.StringIO())
    today = timezone.localdate()
    current = Application.objects.filter(district=district, received_on__year__gte=today.year - 1).exclude(
        status=Status.CLOSED
    )
    states = open_states(current.filter(received_on__gte=today.replace(month=1, day=1)), today)
    assert any(s.overdue for s in states)
    assert any(s.soon for s in states)
    assert any(s.paused for s in states)
    assert any(s.lapsed for s in states)
    assert any(s.app.status == Status.RECEIVED for s in states)
