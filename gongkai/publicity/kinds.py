"""The kinds of publicity (公示) the registry keeps, and what each of them carries: written down
once, read by the models' choices, the forms, the import templates, the public tables and the
notices' bodies.

Two families:

- beneficiary lists (名单): 城市/农村低保 (people and amounts per household and month), 公租房/廉租房
  分配 and 申购资格认定, 农村危房改造 补助对象 — one row per household, with personal data;
- notices (公告): 征地信息 per construction-land project, 房屋征收 通告 / 决定 / 补偿方案 / 补偿决定,
  矿业权 (探矿权) 出让公示 — structured facts of one project.

A kind's publicity period (公示期) is a default here; the disclosure office changes it per district
(``PeriodSetting``). ``None``: the notice stays public as long as its information item does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    URBAN_DIBAO = "urban_dibao", _("城市最低生活保障")
    RURAL_DIBAO = "rural_dibao", _("农村最低生活保障")
    PUBLIC_RENTAL = "public_rental", _("公租房分配")
    LOW_RENT = "low_rent", _("廉租房分配")
    HOUSING_ELIGIBILITY = "housing_eligibility", _("公（廉）租房申购资格认定")
    RENOVATION_CENTRAL = "renovation_central", _("农村危房改造补助对象（中省补助）")
    RENOVATION_DISTRICT = "renovation_district", _("农村危房改造补助对象（区财政补助）")
    LAND_ACQUISITION = "land_acquisition", _("征地信息")
    EXPROPRIATION_NOTICE = "expropriation_notice", _("房屋征收通告")
    EXPROPRIATION_DECISION = "expropriation_decision", _("房屋征收决定")
    COMPENSATION_PLAN = "compensation_plan", _("房屋征收补偿方案")
    COMPENSATION_DECISION = "compensation_decision", _("房屋征收补偿决定")
    MINING_RIGHT = "mining_right", _("矿业权出让（探矿权）公示")


class Family(models.TextChoices):
    LIST = "list", _("公示名单")
    NOTICE = "notice", _("公告")


HOUSEHOLD_SIZE = _("家庭人口")


@dataclass(frozen=True)
class Fact:
    """One structured fact of a notice. ``type``: text, decimal, int, date; ``personal``: the
    fact names a natural person (a 补偿决定's 被征收人), kept encrypted and masked when public."""

    key: str
    label: Any
    type: str = "text"
    required: bool = False
    personal: str = ""  # a gongkai.personal Kind: "name" or "address"


@dataclass(frozen=True)
class KindSpec:
    kind: str
    family: str
    period_days: int | None
    columns: tuple[str, ...]  # catalog column slugs, the first the district has is used
    department: str = ""  # the usual responsible department (short name), for the demo and hints
    # Lists: what the household columns mean on this kind's tables and templates.
    people_label: Any = HOUSEHOLD_SIZE
    amount_label: Any = ""  # empty: the kind has no amount
    amount_required: bool = False
    category_label: Any = ""
    category_choices: tuple[str, ...] = ()
    detail_label: Any = ""
    area_label: Any = ""
    # Notices: their facts.
    facts: tuple[Fact, ...] = field(default_factory=tuple)

    @property
    def label(self) -> str:
        return str(Kind(self.kind).label)

    @property
    def is_list(self) -> bool:
        return self.family == Family.LIST


DIBAO_CATEGORIES = ("A类", "B类", "C类")
RENOVATION_FOUR = ("建档立卡贫困户", "低保户", "农村分散供养特困人员", "贫困残疾人家庭")

SPECS: dict[str, KindSpec] = {
    s.kind: s
    for s in [
        KindSpec(
            Kind.URBAN_DIBAO,
            Family.LIST,
            7,
            ("gsgg", "shjz", "msbz", "tzgg"),
            department="民政局",
            people_label=_("保障人数"),
            amount_label=_("月保障金（元）"),
            amount_required=True,
            category_label=_("保障类别"),
            category_choices=DIBAO_CATEGORIES,
        ),
        KindSpec(
            Kind.RURAL_DIBAO,
            Family.LIST,
            7,
            ("gsgg", "shjz", "msbz", "tzgg"),
            department="民政局",
            people_label=_("保障人数"),
            amount_label=_("月保障金（元）"),
            amount_required=True,
            category_label=_("保障类别"),
            category_choices=DIBAO_CATEGORIES,
        ),
        KindSpec(
            Kind.PUBLIC_RENTAL,
            Family.LIST,
            7,
            ("gsgg", "msbz", "tzgg"),
            department="住建局",
            amount_label=_("月租金（元）"),
            category_label=_("户型"),
            detail_label=_("房源（小区）"),
            area_label=_("建筑面积（㎡）"),
        ),
        KindSpec(
            Kind.LOW_RENT,
            Family.LIST,
            7,
            ("gsgg", "msbz", "tzgg"),
            department="住建局",
            amount_label=_("月租金（元）"),
            category_label=_("户型"),
            detail_label=_("房源（小区）"),
            area_label=_("建筑面积（㎡）"),
        ),
        KindSpec(
            Kind.HOUSING_ELIGIBILITY,
            Family.LIST,
            7,
            ("gsgg", "msbz", "tzgg"),
            department="住建局",
            category_label=_("申请类别"),
            category_choices=("公租房", "廉租房"),
            detail_label=_("认定结果"),
        ),
        KindSpec(
            Kind.RENOVATION_CENTRAL,
            Family.LIST,
            7,
            ("gsgg", "fpgz", "msbz", "tzgg"),
            department="住建局",
            amount_label=_("补助金额（元）"),
            amount_required=True,
            category_label=_("对象类别"),
            category_choices=RENOVATION_FOUR,
            detail_label=_("改造方式"),
        ),
        KindSpec(
            Kind.RENOVATION_DISTRICT,
            Family.LIST,
            7,
            ("gsgg", "fpgz", "msbz", "tzgg"),
            department="住建局",
            amount_label=_("补助金额（元）"),
            amount_required=True,
            category_label=_("对象类别"),
            category_choices=("已脱贫户",),
            detail_label=_("改造方式"),
        ),
        KindSpec(
            Kind.LAND_ACQUISITION,
            Family.NOTICE,
            None,
            ("gsgg", "zdfw", "tzgg"),
            department="自然资源局",
            facts=(
                Fact("project", _("建设用地项目"), required=True),
                Fact("approval", _("批准机关")),
                Fact("location", _("征收土地位置"), required=True),
                Fact("area", _("征收面积（公顷）"), "decimal", required=True),
                Fact("farmland", _("其中农用地（公顷）"), "decimal"),
                Fact("standard", _("补偿标准")),
                Fact("resettlement", _("安置途径")),
            ),
        ),
        KindSpec(
            Kind.EXPROPRIATION_NOTICE,
            Family.NOTICE,
            None,
            ("gsgg", "zdfw", "tzgg"),
            department="住建局",
            facts=(
                Fact("project", _("征收项目"), required=True),
                Fact("scope", _("征收范围"), required=True),
                Fact("department", _("房屋征收部门")),
                Fact("agency", _("征收实施单位")),
                Fact("households", _("涉及户数"), "int"),
            ),
        ),
        KindSpec(
            Kind.EXPROPRIATION_DECISION,
            Family.NOTICE,
            None,
            ("gsgg", "zdfw", "tzgg"),
            department="住建局",
            facts=(
                Fact("project", _("征收项目"), required=True),
                Fact("scope", _("征收范围"), required=True),
                Fact("households", _("被征收房屋（户）"), "int"),
                Fact("floor_area", _("征收房屋面积（㎡）"), "decimal"),
                Fact("compensation", _("补偿方式")),
                Fact("remedy", _("救济途径")),
            ),
        ),
        KindSpec(
            Kind.COMPENSATION_PLAN,
            Family.NOTICE,
            30,  # 《国有土地上房屋征收与补偿条例》第十条: 征求公众意见期限不得少于30日
            ("gsgg", "zdfw", "tzgg"),
            department="住建局",
            facts=(
                Fact("project", _("征收项目"), required=True),
                Fact("scope", _("征收范围"), required=True),
                Fact("standard", _("补偿标准"), required=True),
                Fact("resettlement", _("安置方式")),
            ),
        ),
        KindSpec(
            Kind.COMPENSATION_DECISION,
            Family.NOTICE,
            None,
            ("gsgg", "zdfw", "tzgg"),
            department="住建局",
            facts=(
                Fact("project", _("征收项目"), required=True),
                Fact("party_name", _("被征收人"), required=True, personal="name"),
                Fact("party_address", _("被征收房屋位置"), personal="address"),
                Fact("amount", _("补偿金额（元）"), "decimal"),
                Fact("remedy", _("救济途径")),
            ),
        ),
        KindSpec(
            Kind.MINING_RIGHT,
            Family.NOTICE,
            10,
            ("gsgg", "zdxm", "tzgg"),
            department="自然资源局",
            facts=(
                Fact("project", _("探矿权项目"), required=True),
                Fact("mineral", _("矿种"), required=True),
                Fact("holder", _("探矿权人")),
                Fact("area", _("勘查面积（平方千米）"), "decimal"),
                Fact("method", _("出让方式")),
                Fact("term", _("勘查许可有效期")),
            ),
        ),
    ]
}

LIST_KINDS = tuple(k for k, s in SPECS.items() if s.family == Family.LIST)
NOTICE_KINDS = tuple(k for k, s in SPECS.items() if s.family == Family.NOTICE)


def spec(kind: str) -> KindSpec:
    return SPECS[kind]
