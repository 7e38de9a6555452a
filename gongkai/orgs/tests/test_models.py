import pytest
from django.core.exceptions import ValidationError

from gongkai.accounts.factories import make_org, make_uscc
from gongkai.orgs.models import Organisation, OrgKind

pytestmark = pytest.mark.django_db


def test_every_organisation_knows_its_district(personas):
    assert personas.district.district_id == personas.district.pk
    assert personas.budget_unit.district_id == personas.district.pk


def test_a_code_with_a_wrong_check_character_is_refused(personas):
    code = make_uscc(12345)
    bad = code[:-1] + ("0" if code[-1] != "0" else "1")
    org = Organisation(
        name="某局", short_name="某局", kind=OrgKind.DEPARTMENT, parent=personas.district, code=bad
    )
    with pytest.raises(ValidationError) as err:
        org.full_clean()
    assert "code" in err.value.message_dict


def test_a_budget_unit_cannot_sit_directly_under_nothing():
    with pytest.raises(ValidationError):
        make_org("孤立单位", OrgKind.BUDGET_UNIT, None)


def test_an_organisation_cannot_become_its_own_ancestor(personas):
    dept = personas.department
    dept.parent = personas.budget_unit
    with pytest.raises(ValidationError):
        dept.full_clean()


def test_descendants_include_budget_units(personas):
    assert personas.department.descendant_ids() == {personas.department.pk, personas.budget_unit.pk}
