"""Personas and fixtures for the calendar tests (the lead may move the personas to a shared module)."""

from __future__ import annotations

import pytest

from gongkai.accounts.models import Membership, User
from gongkai.accounts.roles import Role
from gongkai.lib.validators import uscc_check_char
from gongkai.orgs.models import Organisation, OrgKind
from gongkai.workcal import calendar


def uscc(first17: str) -> str:
    return first17 + uscc_check_char(first17)


@pytest.fixture(autouse=True)
def fresh_calendar_cache():
    # Each test runs in a transaction that is rolled back; a copy of the table kept from an
    # earlier test would show rows that no longer exist.
    calendar.clear_cache()
    yield
    calendar.clear_cache()


@pytest.fixture
def district(db) -> Organisation:
    return Organisation.objects.create(
        name="北湖区人民政府", short_name="北湖区", code=uscc("11110100MB0000001"), kind=OrgKind.DISTRICT
    )


@pytest.fixture
def department(district) -> Organisation:
    return Organisation.objects.create(
        name="北湖区教育局",
        short_name="区教育局",
        code=uscc("11110100MB0000002"),
        kind=OrgKind.DEPARTMENT,
        parent=district,
    )


def make_staff(username: str, district: Organisation, organisation: Organisation, role: str) -> User:
    user = User.objects.create_user(username=username, password="not-used-in-tests", district=district)
    user.full_name = username
    user.save()
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def coordinator(district) -> User:
    """The disclosure office (公开办): keeps the calendar."""
    return make_staff("coordinator", district, district, Role.COORDINATOR)


@pytest.fixture
def editor(district, department) -> User:
    """A department's information editor: may read the calendar, not change it."""
    return make_staff("editor", district, department, Role.EDITOR)


@pytest.fixture
def auditor(district) -> User:
    """District-wide but read-only."""
    return make_staff("auditor", district, district, Role.AUDITOR)
