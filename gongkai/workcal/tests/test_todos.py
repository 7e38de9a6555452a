import datetime as dt

import pytest
import time_machine

from gongkai.orgs.factories import build_personas
from gongkai.workcal.todos import calendar_todos

pytestmark = pytest.mark.django_db


@time_machine.travel(dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC))
def test_the_office_is_reminded_to_enter_next_year_from_november():
    personas = build_personas()
    todos = calendar_todos(personas.coordinator)
    assert [t.title[:7] for t in todos] == ["录入2027年"]
    assert calendar_todos(personas.editor) == []


@time_machine.travel(dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC))
def test_no_reminder_before_november():
    personas = build_personas()
    assert calendar_todos(personas.coordinator) == []


@time_machine.travel(dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.UTC))
def test_the_reminder_shows_on_the_coordinators_workbench(client):
    personas = build_personas()
    client.force_login(personas.coordinator)
    html = client.get("/staff/").content.decode()
    assert "录入2027年法定节假日" in html
