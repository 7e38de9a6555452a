"""The demo district 北湖区 as the seed's 2018 annual report describes it, and synthetic districts
built the same way for the data generator.

Everything here is idempotent: organisations are keyed by their (generated) credit code and
accounts by username, so running the loader twice changes nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from gongkai.accounts.factories import make_uscc
from gongkai.accounts.models import Membership, User
from gongkai.accounts.roles import Role
from gongkai.lib.synthetic import person_name
from gongkai.orgs.models import (
    LeadingGroup,
    LeadingGroupMember,
    LeadingGroupRole,
    Organisation,
    OrgKind,
    PortalHost,
)

DEMO_PASSWORD = "gongkai-demo-2018"  # noqa: S105 - printed by `make run`; demo data only

# The 23 member units of the leading group (the seed names 发改、教育、人社、财政 and "23个部门"),
# each with a short name and the budget units it typically carries.
DEPARTMENTS: list[tuple[str, str, list[str]]] = [
    ("发展和改革局", "发改局", ["价格认证中心", "重点项目服务中心"]),
    (
        "教育局",
        "教育局",
        ["第一中学", "第二中学", "第三中学", "实验小学", "东风小学", "教育事务中心", "教师进修学校"],
    ),
    (
        "人力资源和社会保障局",
        "人社局",
        ["就业服务中心", "社会保险服务中心", "劳动保障监察大队", "人事考试中心"],
    ),
    ("财政局", "财政局", ["国库集中支付中心", "财政投资评审中心", "非税收入征收管理局"]),
    ("公安分局", "公安分局", ["看守所", "交通警察大队"]),
    ("民政局", "民政局", ["社会福利院", "社会救助服务中心", "殡葬管理所"]),
    ("司法局", "司法局", ["公共法律服务中心", "法律援助中心"]),
    (
        "住房和城乡建设局",
        "住建局",
        ["房屋征收与补偿事务中心", "建设工程质量安全监督站", "保障性住房管理中心"],
    ),
    ("交通运输局", "交通局", ["公路建设养护中心", "运输管理所"]),
    ("农业农村局", "农业农村局", ["农业技术推广中心", "动物疫病预防控制中心", "农村经营服务站"]),
    ("水利局", "水利局", ["水利工程管理站", "河道管理所"]),
    ("商务局", "商务局", ["招商服务中心"]),
    ("文化旅游广电体育局", "文旅广体局", ["文化馆", "图书馆", "体育中心"]),
    (
        "卫生健康局",
        "卫健局",
        ["人民医院", "中医医院", "妇幼保健计划生育服务中心", "疾病预防控制中心", "卫生计生综合监督执法局"],
    ),
    ("应急管理局", "应急局", ["应急救援指挥中心"]),
    ("市场监督管理局", "市监局", ["食品药品检验所", "消费者权益保护中心", "质量技术服务中心"]),
    ("审计局", "审计局", ["审计服务中心"]),
    ("统计局", "统计局", ["普查中心"]),
    ("城市管理和综合执法局", "城管局", ["环境卫生管理处", "园林绿化管理处", "市政设施管理处"]),
    ("自然资源局", "自然资源局", ["土地储备中心", "不动产登记中心"]),
    ("生态环境分局", "生态环境分局", ["环境监测站", "环境监察大队"]),
    ("林业局", "林业局", ["林业站", "森林防火指挥中心"]),
    ("政务服务中心", "政务服务中心", ["公共资源交易中心"]),
]
# Departments that are not members of the leading group.
OTHER_DEPARTMENTS = [("退役军人事务局", "退役军人局", ["退役军人服务中心"]), ("扶贫开发办公室", "扶贫办", [])]
STREETS = [
    "人民路街道",
    "北湖街道",
    "燕泉街道",
    "骆仙街道",
    "安和街道",
    "下湄桥街道",
    "涌泉街道",
    "增福街道",
    "郴江街道",
]
TOWNS = ["华塘镇", "石盖塘镇", "鲁塘镇", "保和瑶族乡", "月峰瑶族乡", "仰天湖瑶族乡", "芙蓉乡"]
# The seed: "全区82个部门预算单位". The government office and the towns and streets carry the rest.
BUDGET_UNITS_TOTAL = 82
GOV_OFFICE_UNITS = ["机关事务服务中心", "电子政务信息中心", "区长公开电话办公室"]


@dataclass
class DistrictSpec:
    name: str  # 北湖区
    city: str  # 郴州市
    region: str  # six-digit administrative division code
    phone_prefix: str = "0735"
    host: str = ""
    seed: int = 2018


BEIHU = DistrictSpec(name="北湖区", city="郴州市", region="431002", host="beihu.localhost")


class _Builder:
    def __init__(self, spec: DistrictSpec):
        self.spec = spec
        self.rng = random.Random(f"{spec.region}-{spec.seed}")
        self.serial = int(spec.region) * 100  # deterministic codes: the same spec gives the same codes
        self.sort = 0

    def phone(self) -> str:
        return f"{self.spec.phone_prefix}-2{self.rng.randrange(100000, 999999)}"

    def org(
        self, name: str, kind: str, parent: Organisation | None, short: str = "", **extra
    ) -> Organisation:
        self.serial += 1
        self.sort += 1
        category = "12" if kind == OrgKind.BUDGET_UNIT else "11"
        code = make_uscc(self.serial, region=self.spec.region, category=category)
        street = self.rng.choice(
            ["人民路", "燕泉路", "五岭大道", "国庆北路", "南湖路", "青年大道", "苏仙北路"]
        )
        defaults = {
            "name": name,
            "short_name": short or name,
            "kind": kind,
            "parent": parent,
            "sort_order": self.sort,
            "address": f"{self.spec.city}{self.spec.name}{street}{self.rng.randrange(1, 300)}号",
            "postcode": "423000",
            "office_hours": "法定工作日 上午8:00—12:00，下午14:30—17:30（夏季15:00—18:00）",
            "phone": self.phone(),
            **extra,
        }
        org, created = Organisation.objects.get_or_create(code=code, defaults=defaults)
        if created:
            org.full_clean()
        return org


@transaction.atomic
def build_district(spec: DistrictSpec = BEIHU, *, with_accounts: bool = True) -> Organisation:
    """Build (or find) one district with its departments, towns, streets and budget units."""
    b = _Builder(spec)
    gov = f"{spec.city}{spec.name}人民政府"
    district = b.org(gov, OrgKind.DISTRICT, None, short=spec.name, website="")
    if spec.host:
        PortalHost.objects.get_or_create(host=spec.host, defaults={"district": district})
    gov_office = b.org(f"{spec.name}人民政府办公室", OrgKind.DEPARTMENT, district, short="区政府办")
    office = b.org(
        f"{spec.name}政务公开政务服务领导小组办公室",
        OrgKind.OFFICE,
        gov_office,
        short="区政务公开办",
        fax=b.phone(),
        email=f"gkb@{spec.region}.example.gov.cn",
        duties="负责全区政府信息公开的日常工作：组织编制政府信息公开指南和目录，受理和协调依申请公开，"
        "督促检查各单位政务公开工作，编制并公布年度报告。",
    )
    hotline_office = None
    units: list[tuple[str, Organisation]] = []
    for unit_name in GOV_OFFICE_UNITS:
        if unit_name == "区长公开电话办公室":
            hotline_office = b.org(
                f"{spec.name}区长公开电话办公室", OrgKind.OFFICE, gov_office, short="区长公开电话办"
            )
        else:
            units.append((unit_name, gov_office))

    members: list[Organisation] = []
    for full, short, children in DEPARTMENTS + OTHER_DEPARTMENTS:
        dept = b.org(f"{spec.name}{full}", OrgKind.DEPARTMENT, district, short=short)
        if (full, short, children) in DEPARTMENTS:
            members.append(dept)
        units.extend((child, dept) for child in children)
    for name in STREETS:
        b.org(f"{spec.name}{name}办事处", OrgKind.STREET, district, short=name)
    towns = [b.org(f"{spec.name}{name}人民政府", OrgKind.TOWN, district, short=name) for name in TOWNS]
    # Fill up to the seed's 82 budget units with the towns' schools and health centres.
    extra = 0
    while len(units) < BUDGET_UNITS_TOTAL:
        town = towns[extra % len(towns)]
        kind = ["中心学校", "卫生院", "农业综合服务站"][(extra // len(towns)) % 3]
        units.append((f"{town.short_name}{kind}", town))
        extra += 1
    for unit_name, parent in units[:BUDGET_UNITS_TOTAL]:
        b.org(
            f"{spec.name}{unit_name}" if parent.kind != OrgKind.TOWN else unit_name,
            OrgKind.BUDGET_UNIT,
            parent,
            short=unit_name,
        )

    group, _ = LeadingGroup.objects.get_or_create(
        district=district,
        defaults={
            "name": f"{spec.name}政务公开政务服务工作领导小组",
            "office": office,
            "office_host": gov_office,
        },
    )
    if not group.members.exists():
        LeadingGroupMember.objects.create(
            group=group,
            role=LeadingGroupRole.LEADER,
            person_name=person_name(b.rng),
            position="区长",
            sort_order=1,
        )
        LeadingGroupMember.objects.create(
            group=group,
            role=LeadingGroupRole.DEPUTY,
            person_name=person_name(b.rng),
            position="常务副区长",
            sort_order=2,
        )
        LeadingGroupMember.objects.bulk_create(
            LeadingGroupMember(
                group=group, role=LeadingGroupRole.MEMBER, organisation=dept, sort_order=10 + i
            )
            for i, dept in enumerate(members)
        )
    if with_accounts:
        build_accounts(spec, district, office, hotline_office, b.rng)
    return district


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    org_short: str
    what: str


def demo_accounts(spec: DistrictSpec = BEIHU) -> list[DemoAccount]:
    """The accounts `make run` prints: one per role, plus an outsider to try the permission rules."""
    p = "" if spec is BEIHU else f"{spec.region}-"
    return [
        DemoAccount(f"{p}office", Role.COORDINATOR, "区政务公开办", "公开办协调员：督查全区"),
        DemoAccount(f"{p}edu-editor", Role.EDITOR, "教育局", "教育局信息编辑"),
        DemoAccount(f"{p}edu-reviewer", Role.REVIEWER, "教育局", "教育局保密审查员"),
        DemoAccount(f"{p}edu-leader", Role.LEADER, "教育局", "教育局领导（审批）"),
        DemoAccount(f"{p}fin-editor", Role.EDITOR, "财政局", "财政局信息编辑（看不到教育局的记录）"),
        DemoAccount(f"{p}mz-editor", Role.EDITOR, "民政局", "民政局信息编辑（低保公示名单、异议）"),
        DemoAccount(f"{p}hotline", Role.OPERATOR, "区长公开电话办", "区长公开电话话务员"),
        DemoAccount(f"{p}auditor", Role.AUDITOR, "区政务公开办", "只读审计员"),
        DemoAccount(f"{p}sysadmin", Role.SYSADMIN, "区政务公开办", "系统管理员（账号）"),
        DemoAccount(f"{p}secadmin", Role.SECADMIN, "区政务公开办", "安全管理员（分配角色）"),
        DemoAccount(f"{p}secauditor", Role.SECAUDITOR, "区政务公开办", "安全审计员（审计管理员的操作）"),
    ]


def build_accounts(
    spec: DistrictSpec, district: Organisation, office, hotline_office, rng: random.Random
) -> None:
    orgs = {o.short_name: o for o in Organisation.objects.filter(district=district)}
    orgs["区长公开电话办"] = hotline_office
    password_hash = make_password(DEMO_PASSWORD)  # hashed once: every demo account shares it
    for account in demo_accounts(spec):
        user, created = User.objects.get_or_create(
            username=account.username,
            defaults={"district": district, "full_name": person_name(rng), "title": account.what},
        )
        if created:
            user.password = password_hash
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(user=user, organisation=orgs[account.org_short], role=account.role)


def build_superuser() -> User:
    user, created = User.objects.get_or_create(
        username="admin", defaults={"full_name": "平台管理员", "is_staff": True, "is_superuser": True}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user
