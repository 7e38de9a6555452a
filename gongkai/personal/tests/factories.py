"""Personas for the personal-data tests: a district, its departments and staff in each role."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from gongkai.accounts.models import Membership, User
from gongkai.accounts.roles import Role
from gongkai.lib.validators import uscc_check_char
from gongkai.orgs.models import Organisation, OrgKind

_serial = itertools.count(1)


def uscc(region: str = "431002") -> str:
    """A valid unified social credit code of a government body (登记管理部门 1, 机关 1)."""
    body = f"11{region}{next(_serial):09d}"
    return body + uscc_check_char(body)


def organisation(name: str, kind: str, parent: Organisation | None = None) -> Organisation:
    return Organisation.objects.create(name=name, short_name=name[:30], code=uscc(), kind=kind, parent=parent)


def staff(username: str, district: Organisation, org: Organisation, role: str) -> User:
    user = User.objects.create_user(username=username, password=None, district=district, full_name=username)
    Membership.objects.create(user=user, organisation=org, role=role)
    return user


@dataclass
class Personas:
    district: Organisation
    civil_affairs: Organisation  # owns the residents' records
    housing: Organisation  # another department of the same district
    other_district: Organisation
    editor: User  # 民政局 editor: may reveal
    outsider: User  # 住建局 editor: another department
    auditor: User  # district-wide, read-only
    coordinator: User  # 公开办, district-wide
    foreign_coordinator: User  # coordinator of another district


def personas() -> Personas:
    district = organisation("北湖区人民政府", OrgKind.DISTRICT)
    office = organisation("北湖区人民政府办公室", OrgKind.OFFICE, district)
    civil_affairs = organisation("北湖区民政局", OrgKind.DEPARTMENT, district)
    housing = organisation("北湖区住房和城乡建设局", OrgKind.DEPARTMENT, district)
    other_district = organisation("苏仙区人民政府", OrgKind.DISTRICT)
    return Personas(
        district=district,
        civil_affairs=civil_affairs,
        housing=housing,
        other_district=other_district,
        editor=staff("minzheng_editor", district, civil_affairs, Role.EDITOR),
        outsider=staff("zhujian_editor", district, housing, Role.EDITOR),
        auditor=staff("auditor", district, district, Role.AUDITOR),
        coordinator=staff("coordinator", district, office, Role.COORDINATOR),
        foreign_coordinator=staff("suxian_coordinator", other_district, other_district, Role.COORDINATOR),
    )
