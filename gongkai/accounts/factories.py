"""Builders for organisations and staff personas, shared by tests, the demo and the data generator."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from gongkai.accounts.models import Membership, User
from gongkai.accounts.roles import Role
from gongkai.lib.validators import USCC_CHARS, uscc_check_char
from gongkai.orgs.models import LeadingGroup, Organisation, OrgKind

_ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def org_code(body8: str) -> str:
    """An organisation code (GB 11714): eight characters plus their check character."""
    total = sum(
        (int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body8, _ORG_CODE_WEIGHTS, strict=True)
    )
    check = 11 - total % 11
    return body8 + {10: "X", 11: "0"}.get(check, str(check))


def make_uscc(serial: int, *, region: str = "431002", category: str = "11") -> str:
    """A well-formed unified social credit code; ``category`` 11 = government organ, 12 = public institution.

    Generated codes pass both check characters; the serial keeps them unique.
    """
    body = f"{category}{region}{org_code(f'{serial:08d}')}"
    assert all(c in USCC_CHARS for c in body)
    return body + uscc_check_char(body)


_serials = itertools.count(90_000_000)


def make_org(
    name: str,
    kind: str = OrgKind.DEPARTMENT,
    parent: Organisation | None = None,
    *,
    short_name: str = "",
    region: str = "431002",
    **fields,
) -> Organisation:
    category = "12" if kind == OrgKind.BUDGET_UNIT else "11"
    fields.setdefault("code", make_uscc(next(_serials), region=region, category=category))
    org = Organisation(name=name, short_name=short_name or name[:30], kind=kind, parent=parent, **fields)
    org.full_clean()
    org.save()
    return org


def make_staff(
    username: str, org: Organisation, *roles: str, full_name: str = "", password: str | None = None
) -> User:
    user = User.objects.create_user(
        username=username, password=password, district_id=org.district_id, full_name=full_name or username
    )
    for role in roles:
        Membership.objects.create(user=user, organisation=org, role=role)
    return user


@dataclass
class Personas:
    """One small district with a person in every role, and an outsider from another department."""

    district: Organisation
    office: Organisation
    department: Organisation
    other_department: Organisation
    budget_unit: Organisation
    editor: User
    reviewer: User
    leader: User
    coordinator: User
    operator: User
    auditor: User
    sysadmin: User
    outsider: User


def build_personas(prefix: str = "", region: str = "431002") -> Personas:
    district = make_org(
        f"{prefix}测试区人民政府", OrgKind.DISTRICT, short_name=f"{prefix}测试区", region=region
    )
    gov_office = make_org(f"{prefix}测试区人民政府办公室", OrgKind.DEPARTMENT, district, region=region)
    office = make_org(
        f"{prefix}测试区政务公开办公室", OrgKind.OFFICE, gov_office, region=region, phone="0735-1234567"
    )
    LeadingGroup.objects.create(
        district=district, name="政务公开领导小组", office=office, office_host=gov_office
    )
    department = make_org(f"{prefix}测试区教育局", OrgKind.DEPARTMENT, district, region=region)
    other = make_org(f"{prefix}测试区财政局", OrgKind.DEPARTMENT, district, region=region)
    unit = make_org(f"{prefix}测试区第一中学", OrgKind.BUDGET_UNIT, department, region=region)
    p = prefix
    return Personas(
        district=district,
        office=office,
        department=department,
        other_department=other,
        budget_unit=unit,
        editor=make_staff(f"{p}editor", department, Role.EDITOR, full_name="王编辑"),
        reviewer=make_staff(f"{p}reviewer", department, Role.REVIEWER, full_name="李审查"),
        leader=make_staff(f"{p}leader", department, Role.LEADER, full_name="赵局长"),
        coordinator=make_staff(f"{p}coordinator", office, Role.COORDINATOR, full_name="陈协调"),
        operator=make_staff(f"{p}operator", office, Role.OPERATOR, full_name="周话务"),
        auditor=make_staff(f"{p}auditor", office, Role.AUDITOR, full_name="吴审计"),
        sysadmin=make_staff(f"{p}sysadmin", office, Role.SYSADMIN, full_name="郑管理"),
        outsider=make_staff(f"{p}outsider", other, Role.EDITOR, Role.LEADER, full_name="孙外人"),
    )
