"""The standard indicator catalog, built from the seed (北湖区2018年政府信息公开工作年度报告,
一（二）3–5): every yearly figure a department reports there. Figures other registries compute from
their own records are not here — the power list, budgets, procurement, publicity lists (征地,
房屋征收, 探矿权, 公租房, 危房改造), service cases and the hotline.

Each row: (code, name, unit, decimal places, sector, department's short name, parent code, parts
rule, the seed's 2018 value). The office loads it into a district (``actions.install_standard``)
and may then add, change or retire indicators; the demo reports the 2018 values.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from gongkai.sectors.models import PartsRule, Sector, Unit


@dataclass(frozen=True)
class Spec:
    code: str
    name: str
    unit: str
    decimals: int
    sector: str
    department: str  # short name in the district's organisation tree
    value_2018: str
    parent: str = ""
    parts_rule: str = PartsRule.NONE
    description: str = ""

    @property
    def seed_value(self) -> Decimal:
        return Decimal(self.value_2018)


S, U = Sector, Unit
LAND_NOTE = "农村土地承包经营权流转面积，按流入方类型分列"

STANDARD: list[Spec] = [
    # 3. 公共资源配置：农村土地流转
    Spec(
        "land.transfer.total",
        "土地流转总面积",
        U.WAN_MU,
        2,
        S.LAND,
        "农业农村局",
        "8.04",
        parts_rule=PartsRule.EQUAL,
        description=LAND_NOTE,
    ),
    Spec(
        "land.transfer.farmer", "流向农户", U.WAN_MU, 3, S.LAND, "农业农村局", "3.928", "land.transfer.total"
    ),
    Spec(
        "land.transfer.coop",
        "流向农民专业合作社",
        U.WAN_MU,
        3,
        S.LAND,
        "农业农村局",
        "1.509",
        "land.transfer.total",
    ),
    Spec(
        "land.transfer.enterprise",
        "流向企业",
        U.WAN_MU,
        3,
        S.LAND,
        "农业农村局",
        "1.835",
        "land.transfer.total",
    ),
    Spec(
        "land.transfer.other",
        "流向其他主体",
        U.WAN_MU,
        3,
        S.LAND,
        "农业农村局",
        "0.678",
        "land.transfer.total",
    ),
    Spec("land.share_coops.new", "指导成立农民土地股份合作社", U.ENTITIES, 0, S.LAND, "农业农村局", "3"),
    # 4.一 医疗卫生
    Spec("health.public_place_licence", "公共场所卫生许可证办理", U.ENTITIES, 0, S.HEALTH, "卫健局", "327"),
    Spec(
        "health.institution_licence_change",
        "医疗机构执业许可证变更地址、法人",
        U.ENTITIES,
        0,
        S.HEALTH,
        "卫健局",
        "105",
    ),
    Spec("health.institution_annual_check", "医疗机构年度校验", U.ENTITIES, 0, S.HEALTH, "卫健局", "39"),
    Spec(
        "health.maternal_staff_cert", "母婴保健服务人员从业资格证办理", U.PEOPLE, 0, S.HEALTH, "卫健局", "195"
    ),
    Spec("health.physician_registration", "医师注册", U.PEOPLE, 0, S.HEALTH, "卫健局", "240"),
    Spec("health.nurse_registration", "护士注册", U.PEOPLE, 0, S.HEALTH, "卫健局", "836"),
    Spec("health.one_child_cert_reissue", "独生子女证遗失补证", U.PEOPLE, 0, S.HEALTH, "卫健局", "11"),
    Spec("health.second_birth_approval", "再生育证审批", U.PEOPLE, 0, S.HEALTH, "卫健局", "145"),
    Spec("health.e_registration.physician", "医师电子化注册完成率", U.PERCENT, 1, S.HEALTH, "卫健局", "100"),
    Spec("health.e_registration.nurse", "护士电子化注册完成率", U.PERCENT, 1, S.HEALTH, "卫健局", "100"),
    Spec(
        "health.e_registration.institution", "机构电子化注册完成率", U.PERCENT, 1, S.HEALTH, "卫健局", "100"
    ),
    Spec("health.e_registration.overall", "电子化注册完成率", U.PERCENT, 1, S.HEALTH, "卫健局", "100"),
    Spec("health.approval_complaints", "行政审批投诉", U.MATTERS, 0, S.HEALTH, "卫健局", "0"),
    Spec("health.approval_notices", "行政审批被通报", U.TIMES, 0, S.HEALTH, "卫健局", "0"),
    Spec("health.approval_satisfaction", "行政审批群众满意率", U.PERCENT, 1, S.HEALTH, "卫健局", "100"),
    # 4.二 创业就业信息
    Spec(
        "employment.info.total",
        "通过网站发布就业创业信息",
        U.ENTRIES,
        0,
        S.EMPLOYMENT,
        "人社局",
        "772",
        parts_rule=PartsRule.AT_MOST,
        description="其中各类信息为分项，分项之和不超过总数",
    ),
    Spec(
        "employment.info.exams",
        "人事考试信息",
        U.ENTRIES,
        0,
        S.EMPLOYMENT,
        "人社局",
        "44",
        "employment.info.total",
    ),
    Spec(
        "employment.info.professionals",
        "专业技术人员管理信息",
        U.ENTRIES,
        0,
        S.EMPLOYMENT,
        "人社局",
        "4",
        "employment.info.total",
    ),
    Spec(
        "employment.info.notices",
        "通知公告信息",
        U.ENTRIES,
        0,
        S.EMPLOYMENT,
        "人社局",
        "216",
        "employment.info.total",
    ),
    Spec(
        "employment.info.policies",
        "就业创业优惠政策",
        U.ENTRIES,
        0,
        S.EMPLOYMENT,
        "人社局",
        "63",
        "employment.info.total",
    ),
    Spec(
        "employment.info.interpretations",
        "政策解读信息",
        U.ENTRIES,
        0,
        S.EMPLOYMENT,
        "人社局",
        "13",
        "employment.info.total",
    ),
    Spec(
        "employment.info.news",
        "实时动态",
        U.ENTRIES,
        0,
        S.EMPLOYMENT,
        "人社局",
        "26",
        "employment.info.total",
    ),
    # 4.三 城乡低保
    Spec(
        "dibao.urban.people",
        "城市低保累计保障人数",
        U.PEOPLE,
        0,
        S.SOCIAL_ASSISTANCE,
        "民政局",
        "43003",
        description="全年各月保障人数累计",
    ),
    Spec(
        "dibao.urban.funds", "城市低保累计发放资金", U.WAN_YUAN, 4, S.SOCIAL_ASSISTANCE, "民政局", "1401.2133"
    ),
    Spec(
        "dibao.rural.people",
        "农村低保累计保障人数",
        U.PEOPLE,
        0,
        S.SOCIAL_ASSISTANCE,
        "民政局",
        "28075",
        description="全年各月保障人数累计",
    ),
    Spec(
        "dibao.rural.funds", "农村低保累计发放资金", U.WAN_YUAN, 4, S.SOCIAL_ASSISTANCE, "民政局", "651.574"
    ),
    # 4.四 教育
    Spec(
        "edu.compulsory_fees_waived.funds",
        "免除义务教育阶段中小学生学杂费",
        U.WAN_YUAN,
        2,
        S.EDUCATION,
        "教育局",
        "5851",
    ),
    Spec(
        "edu.compulsory_fees_waived.students",
        "免除学杂费惠及学生",
        U.PEOPLE,
        0,
        S.EDUCATION,
        "教育局",
        "88210",
    ),
    Spec("edu.textbook_fees_waived.funds", "免除教科书费", U.WAN_YUAN, 2, S.EDUCATION, "教育局", "1052.33"),
    Spec(
        "edu.textbook_fees_waived.students",
        "免除教科书费惠及学生",
        U.PEOPLE,
        0,
        S.EDUCATION,
        "教育局",
        "88210",
    ),
    Spec(
        "edu.private_compulsory.funds",
        "落实民办义务教育阶段学校经费",
        U.WAN_YUAN,
        2,
        S.EDUCATION,
        "教育局",
        "507.72",
    ),
    Spec(
        "edu.private_compulsory.students",
        "民办义务教育阶段学校经费惠及学生",
        U.PEOPLE,
        0,
        S.EDUCATION,
        "教育局",
        "8054",
    ),
    Spec(
        "edu.high_school_fees_waived.students",
        "普通高中免学杂费学生",
        U.PEOPLE,
        0,
        S.EDUCATION,
        "教育局",
        "6796",
    ),
    Spec(
        "edu.high_school_fees_waived.funds",
        "普通高中免除学杂费",
        U.WAN_YUAN,
        2,
        S.EDUCATION,
        "教育局",
        "543.68",
    ),
    Spec(
        "edu.poor_high_school_aid.funds", "发放贫困高中生资助金", U.WAN_YUAN, 2, S.EDUCATION, "教育局", "165"
    ),
    Spec("edu.poor_high_school_aid.students", "受资助贫困高中生", U.PEOPLE, 0, S.EDUCATION, "教育局", "1650"),
    Spec(
        "edu.boarding_allowance.funds",
        "发放义务教育贫困寄宿生生活补助",
        U.WAN_YUAN,
        2,
        S.EDUCATION,
        "教育局",
        "345",
    ),
    Spec(
        "edu.boarding_allowance.students",
        "贫困寄宿生生活补助惠及学生",
        U.PERSON_TIMES,
        0,
        S.EDUCATION,
        "教育局",
        "6106",
    ),
    Spec(
        "edu.student_loans.funds",
        "办理大学生生源地信用助学贷款",
        U.WAN_YUAN,
        2,
        S.EDUCATION,
        "教育局",
        "206.52",
    ),
    Spec(
        "edu.student_loans.students",
        "生源地信用助学贷款惠及贫困大学生",
        U.PEOPLE,
        0,
        S.EDUCATION,
        "教育局",
        "256",
    ),
    Spec("edu.registered_poor_aid.students", "建档立卡贫困学生", U.PEOPLE, 0, S.EDUCATION, "教育局", "3418"),
    Spec(
        "edu.registered_poor_aid.funds",
        "建档立卡贫困学生资助金",
        U.WAN_YUAN,
        4,
        S.EDUCATION,
        "教育局",
        "220.7425",
    ),
    Spec("edu.poor_teacher_aid.funds", "发放贫困教师资助金", U.WAN_YUAN, 4, S.EDUCATION, "教育局", "38.7988"),
    Spec("edu.poor_teacher_aid.teachers", "受资助贫困教师", U.PEOPLE, 0, S.EDUCATION, "教育局", "234"),
    Spec(
        "edu.migrant_children_enrolled",
        "进城务工、经商和汽运人员随迁子女入学",
        U.PEOPLE,
        0,
        S.EDUCATION,
        "教育局",
        "1268",
        description="按照划片就近免试入学原则统筹安排",
    ),
    # 5.一 生态环境
    Spec(
        "env.eia_reports_approved",
        "审批建设项目环境影响报告表",
        U.PIECES,
        0,
        S.ENVIRONMENT,
        "生态环境分局",
        "34",
    ),
    Spec("env.eia_self_filed", "企业自行备案建设项目", U.PIECES, 0, S.ENVIRONMENT, "生态环境分局", "359"),
    Spec(
        "env.completion_acceptance",
        "竣工建设项目环保设施验收",
        U.PIECES,
        0,
        S.ENVIRONMENT,
        "生态环境分局",
        "8",
    ),
    Spec("env.discharge_permits", "发放排污许可证", U.PIECES, 0, S.ENVIRONMENT, "生态环境分局", "117"),
    Spec("env.supervisory_monitoring", "完成监督性监测", U.TIMES, 0, S.ENVIRONMENT, "生态环境分局", "379"),
    Spec("env.noise_grid_points", "区域环境噪声网格测点", U.PIECES, 0, S.ENVIRONMENT, "生态环境分局", "109"),
    Spec(
        "env.noise_function_points",
        "24小时功能区噪声监测测点",
        U.PIECES,
        0,
        S.ENVIRONMENT,
        "生态环境分局",
        "5",
    ),
    Spec("env.noise_function_monitoring", "功能区噪声监测", U.TIMES, 0, S.ENVIRONMENT, "生态环境分局", "10"),
    # 5.二 食品药品安全
    Spec("food_drug.food_cases", "查处食品违法案件", U.CASES, 0, S.FOOD_DRUG, "市监局", "34"),
    Spec("food_drug.drug_cases", "查处药品违法案件", U.CASES, 0, S.FOOD_DRUG, "市监局", "70"),
    Spec("food_drug.cosmetics_cases", "查处化妆品违法案件", U.CASES, 0, S.FOOD_DRUG, "市监局", "2"),
]

# The seed's one figure whose parts do not add up, and the explanation the demo records for it.
LAND_EXPLANATION = (
    "总面积8.04万亩为农经统计年报数，各流向分项取自乡镇（街道）台账，统计口径和时点不同："
    "分项合计7.95万亩，差额0.09万亩为年末尚未备案到具体流入主体的流转面积。"
)
