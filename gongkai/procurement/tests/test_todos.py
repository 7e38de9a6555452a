"""The workbench's to-do list: an intention due 30 days before the start, a result notice due 2
working days after the award — each gone once its notice is public; on the workbench home."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.lib.todos import Urgency
from gongkai.procurement import actions
from gongkai.procurement.models import NoticeKind
from gongkai.procurement.todos import procurement_todos

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _intention_rule_from_2018(settings):
    settings.PROCUREMENT_INTENTION_REQUIRED_FROM = "2018-01-01"


def test_an_intention_due_is_a_to_do_until_it_is_public(personas, make_project, publish, today):
    # today: Wednesday 12 December 2018; the start on 1 January 2019 needs the intention by 2 December
    project = make_project(name="课桌椅采购", year=2019, planned_start_on=dt.date(2019, 1, 1))
    (todo,) = procurement_todos(personas.editor)
    assert "课桌椅采购" in todo.title and todo.due == dt.date(2018, 12, 2) and todo.urgency == Urgency.OVERDUE
    notice = actions.draft_notice(project, NoticeKind.INTENTION, actor=personas.editor)
    assert procurement_todos(personas.editor)  # a draft is not yet public
    publish(notice)
    assert procurement_todos(personas.editor) == []


def test_a_result_due_is_a_to_do_until_it_is_public(personas, awarded, publish, today):
    project = awarded(name="校服采购", started=dt.date(2018, 12, 3), chosen=dt.date(2018, 12, 11))
    (todo,) = procurement_todos(personas.editor)
    assert "校服采购" in todo.title and todo.due == dt.date(2018, 12, 13) and todo.urgency == Urgency.SOON
    publish(actions.draft_notice(project, NoticeKind.RESULT, actor=personas.editor))
    assert procurement_todos(personas.editor) == []


def test_the_to_do_is_on_the_workbench_home_of_its_department_only(client, personas, awarded, today):
    awarded(name="校服采购", started=dt.date(2018, 12, 3), chosen=dt.date(2018, 12, 11))
    client.force_login(personas.editor)
    assert "校服采购" in client.get(reverse("workbench:home")).content.decode()
    client.force_login(personas.outsider)
    assert "校服采购" not in client.get(reverse("workbench:home")).content.decode()
    assert procurement_todos(personas.coordinator)  # the office sees the whole district's
