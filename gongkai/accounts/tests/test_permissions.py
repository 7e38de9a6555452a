"""The permission module: who may see and do what, across organisations and districts."""

import pytest

from gongkai.accounts.factories import build_personas
from gongkai.accounts.permissions import has_perm, reach, scope, visible_orgs
from gongkai.accounts.roles import PERMISSIONS, READ_ONLY, Role, roles_with
from gongkai.orgs.models import Organisation

pytestmark = pytest.mark.django_db


def test_department_staff_see_their_department_and_its_budget_units_only(personas):
    seen = set(visible_orgs(personas.editor).values_list("pk", flat=True))
    assert seen == {personas.department.pk, personas.budget_unit.pk}


def test_the_coordinator_sees_every_organisation_of_the_district(personas):
    seen = set(visible_orgs(personas.coordinator).values_list("pk", flat=True))
    assert seen == set(Organisation.objects.filter(district=personas.district).values_list("pk", flat=True))


def test_the_coordinator_of_one_district_sees_nothing_of_another():
    here = build_personas("甲")
    there = build_personas("乙", region="431003")
    seen = set(visible_orgs(here.coordinator).values_list("district_id", flat=True))
    assert seen == {here.district.pk}
    assert not has_perm(here.coordinator, "org.edit_contacts", there.department)


def test_an_outsider_may_not_edit_another_department(personas):
    assert has_perm(personas.editor, "org.edit_contacts", personas.department)
    assert not has_perm(personas.outsider, "org.edit_contacts", personas.department)


def test_a_read_only_auditor_holds_no_permission_that_changes_anything(personas):
    for permission, roles in PERMISSIONS.items():
        if Role.AUDITOR in roles:
            assert permission in READ_ONLY, permission
    assert not has_perm(personas.auditor, "org.edit_contacts", personas.department)
    assert has_perm(personas.auditor, "audit.view", personas.department)


def test_anonymous_and_inactive_users_reach_nothing(personas):
    from django.contrib.auth.models import AnonymousUser

    assert not reach(AnonymousUser(), "org.view")
    personas.editor.is_active = False
    assert not reach(personas.editor, "org.view")


def test_scope_filters_any_queryset_by_its_organisation_field(personas):
    from gongkai.accounts.models import Membership

    mine = scope(Membership.objects.all(), personas.editor, "org.view")
    assert set(mine.values_list("organisation_id", flat=True)) == {personas.department.pk}


def test_an_unknown_permission_is_a_programming_error():
    with pytest.raises(KeyError, match="unknown permission"):
        roles_with("no.such.permission")
