"""The catalog's permission questions (permissions.py), asked for each persona; the outsider always."""

import pytest

from gongkai.accounts.roles import PERMISSIONS
from gongkai.catalog import permissions
from gongkai.catalog.permissions import VERB_PERMISSIONS

pytestmark = pytest.mark.django_db


def test_every_verb_needs_a_permission_of_the_role_table():
    assert set(VERB_PERMISSIONS.values()) <= set(PERMISSIONS)


def test_each_person_may_apply_only_their_own_verbs_to_the_department(personas):
    department = personas.department
    may = {
        name: {
            verb for verb in VERB_PERMISSIONS if permissions.may(getattr(personas, name), verb, department)
        }
        for name in ("editor", "reviewer", "leader", "coordinator", "auditor", "operator", "outsider")
    }
    assert may["editor"] == {"view", "create", "edit", "correct", "attach", "detach", "submit"}
    assert may["reviewer"] == {"view", "review_pass", "review_reject"}
    assert may["leader"] == {"view", "approve", "approve_reject", "unschedule", "withdraw"}
    assert may["coordinator"] == {"view", "withdraw", "import"}
    assert may["auditor"] == {"view"}
    assert may["operator"] == may["outsider"] == set()


def test_a_role_in_a_department_reaches_the_units_below_it(personas):
    assert permissions.may(personas.editor, "create", personas.budget_unit)
    assert not permissions.may(personas.editor, "create", personas.other_department)


def test_the_queues_that_concern_each_person(personas):
    queues = {
        name: permissions.relevant_queues(getattr(personas, name))
        for name in ("editor", "reviewer", "leader", "auditor", "operator")
    }
    assert queues == {
        "editor": ["drafts", "rejected", "scheduled"],
        "reviewer": ["review", "scheduled"],
        "leader": ["approve", "scheduled"],
        "auditor": ["scheduled"],
        "operator": [],
    }


def test_figures_cover_the_district_for_the_office_and_their_own_organisations_for_others(personas):
    district = personas.district.pk
    assert permissions.visible_org_ids(personas.coordinator, district) is None
    assert permissions.visible_org_ids(personas.editor, district) == {
        personas.department.pk,
        personas.budget_unit.pk,
    }
    assert permissions.visible_org_ids(personas.outsider, district) == {personas.other_department.pk}
    assert permissions.visible_org_ids(personas.operator, district) == frozenset()


def test_opening_the_catalog_and_creating_items(personas):
    assert permissions.can_open_catalog(personas.auditor) and not permissions.can_create_items(
        personas.auditor
    )
    assert permissions.can_create_items(personas.editor)
    assert not permissions.can_open_catalog(personas.operator)
