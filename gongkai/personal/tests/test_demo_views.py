"""The demo's looks at personal data: a few audited reveals by the office's coordinator, once."""

import io

import pytest

from gongkai.audit.models import AuditEvent, AuditKind
from gongkai.personal.demo_steps import load_personal_views
from gongkai.personal.tests.test_purge import _application

pytestmark = pytest.mark.django_db


def test_the_demo_reveals_a_few_values_once_and_never_writes_them(personas):
    import datetime as dt

    app = _application(personas.department, dt.date(2026, 3, 2), None, "natural", "")
    out = io.StringIO()
    load_personal_views(personas.district, stdout=out)
    events = AuditEvent.objects.filter(kind=AuditKind.PERSONAL_VIEW)
    assert events.count() == 1 and events.get().target_repr == app.number
    assert events.get().actor == personas.coordinator and "13800138000" not in events.get().note
    load_personal_views(personas.district, stdout=out)
    assert events.count() == 1
