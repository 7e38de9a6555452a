"""A realistic district for portal tests: Beihu with departments, towns, streets and its leading group.

Builds on the shared builders in ``gongkai.accounts.factories`` (valid credit codes, validated models).
"""

from __future__ import annotations

from gongkai.accounts.factories import make_org
from gongkai.orgs.models import LeadingGroup, LeadingGroupMember, LeadingGroupRole, Organisation, OrgKind

OFFICE_CONTACTS = {
    "address": "郴州市北湖区人民西路 1 号区政府大楼 3 楼",
    "postcode": "423000",
    "office_hours": "工作日 上午 8:00—12:00，下午 14:30—17:30",
    "phone": "0735-2000001",
    "fax": "0735-2000002",
    "email": "gkb@example.gov.cn",
}

BEIHU_DEPARTMENTS = [
    ("北湖区发展和改革局", "区发改局"),
    ("北湖区教育局", "区教育局"),
    ("北湖区人力资源和社会保障局", "区人社局"),
    ("北湖区财政局", "区财政局"),
    ("北湖区卫生健康局", "区卫健局"),
]
BEIHU_TOWNS = [
    ("华塘镇", OrgKind.TOWN),
    ("石盖塘镇", OrgKind.TOWN),
    ("人民路街道", OrgKind.STREET),
    ("燕泉街道", OrgKind.STREET),
]


def make_district(name: str = "郴州市北湖区人民政府", short_name: str = "北湖区", **fields) -> Organisation:
    return make_org(name, OrgKind.DISTRICT, short_name=short_name, **fields)


def make_leading_group(
    district: Organisation, *, office: Organisation | None = None, units: list[Organisation] = ()
) -> LeadingGroup:
    """The district's leading group: 区长 as leader, 常务副区长 as deputy, ``units`` as member units."""
    office = office or make_org(
        "北湖区人民政府办公室", OrgKind.OFFICE, district, short_name="区政府办", **OFFICE_CONTACTS
    )
    group = LeadingGroup.objects.create(
        district=district, name=f"{district.short_name}政务公开政务服务工作领导小组", office=office
    )
    LeadingGroupMember.objects.create(
        group=group, role=LeadingGroupRole.LEADER, person_name="李明", position="区长", sort_order=1
    )
    LeadingGroupMember.objects.create(
        group=group, role=LeadingGroupRole.DEPUTY, person_name="王华", position="常务副区长", sort_order=2
    )
    for n, unit in enumerate(units, start=10):
        LeadingGroupMember.objects.create(
            group=group, role=LeadingGroupRole.MEMBER, organisation=unit, sort_order=n
        )
    return group


def make_beihu(*, with_group: bool = True) -> Organisation:
    """Beihu district with a few departments, towns and streets, and (optionally) its leading group."""
    district = make_district()
    departments = [
        make_org(
            name,
            OrgKind.DEPARTMENT,
            district,
            short_name=short,
            phone=f"0735-22{i:05d}",
            office_hours="工作日 8:00—12:00，14:30—17:30",
            address=f"郴州市北湖区{name[3:]}办公楼",
            sort_order=i,
        )
        for i, (name, short) in enumerate(BEIHU_DEPARTMENTS, start=1)
    ]
    for i, (name, kind) in enumerate(BEIHU_TOWNS, start=1):
        make_org(name, kind, district, phone=f"0735-23{i:05d}", sort_order=i)
    if with_group:
        make_leading_group(district, units=departments)
    return district
