"""The demo district matches the seed report and the loader is idempotent."""

import pytest
from django.core.management import call_command

from gongkai.accounts.models import Membership, User
from gongkai.accounts.roles import Role
from gongkai.lib.validators import validate_uscc
from gongkai.orgs.models import LeadingGroupRole, Organisation, OrgKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    """The district alone (the full loader, with every capability's data, is run once below)."""
    from gongkai.demo.district import build_district, build_superuser

    build_superuser()
    return build_district()


def test_the_demo_district_has_the_seeds_82_budget_units_and_23_member_departments(demo):
    assert Organisation.objects.filter(district=demo, kind=OrgKind.BUDGET_UNIT).count() == 82
    group = demo.leading_group
    members = group.members.filter(role=LeadingGroupRole.MEMBER)
    assert members.count() == 23
    assert {"发改局", "教育局", "人社局", "财政局"} <= set(
        members.values_list("organisation__short_name", flat=True)
    )
    assert group.members.get(role=LeadingGroupRole.LEADER).position == "区长"
    assert group.members.get(role=LeadingGroupRole.DEPUTY).position == "常务副区长"
    # 办公室设在区政府办
    assert group.office_host.short_name == "区政府办"
    assert group.office.parent == group.office_host


def test_the_demo_has_towns_and_streets(demo):
    assert Organisation.objects.filter(district=demo, kind=OrgKind.TOWN).count() >= 5
    assert Organisation.objects.filter(district=demo, kind=OrgKind.STREET).count() >= 5


def test_every_role_has_a_demo_account(demo):
    roles = set(Membership.objects.filter(organisation__district=demo).values_list("role", flat=True))
    assert roles == set(Role.values)
    assert User.objects.filter(username="admin", is_superuser=True).exists()


def test_every_generated_code_passes_its_check_character(demo):
    for code in Organisation.objects.values_list("code", flat=True):
        assert validate_uscc(code) == code


def test_if_empty_skips_a_database_that_has_data(demo):
    from io import StringIO

    out = StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    assert "跳过" in out.getvalue()


def test_the_city_scale_generator_builds_ten_separate_districts(db):
    call_command("generate_data", "--scale", "city", "--only-organisations", stdout=open("/dev/null", "w"))  # noqa: SIM115
    districts = Organisation.objects.filter(kind=OrgKind.DISTRICT)
    assert districts.count() == 10
    for d in districts:
        assert Organisation.objects.filter(district=d, kind=OrgKind.BUDGET_UNIT).count() == 82
