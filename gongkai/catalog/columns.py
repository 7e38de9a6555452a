"""The column tree each district starts with, and the State Council's topic classification.

The columns follow the seed report's categories (政务动态/应急管理, 专题报道, 政策法规, 人事任免,
规划计划, 机构设置, 其他), its special columns (财政预决算, 三公经费) and the statutory content of
《条例》第二十条、第二十一条. The office can change the tree afterwards.
"""

from __future__ import annotations

from django.db import transaction

from gongkai.catalog.models import Column, Topic, UpdateCycle

D, N, S = UpdateCycle.DYNAMIC, UpdateCycle.NOTICE, UpdateCycle.NONE

# (slug, name, update cycle, statutory content, report group, children)
COLUMNS: list[tuple] = [
    (
        "zwdt",
        "政务动态",
        D,
        "",
        "政务动态、应急管理",
        [
            ("gzdt", "工作动态", D, "", "政务动态、应急管理"),
            ("tzgg", "通知公告", N, "", "政务动态、应急管理"),
        ],
    ),
    (
        "yjgl",
        "应急管理",
        D,
        "突发公共事件的应急预案、预警信息及应对情况（第二十条第十三项）",
        "政务动态、应急管理",
        [],
    ),
    ("ztbd", "专题报道", D, "", "专题报道", []),
    (
        "zcfg",
        "政策法规",
        N,
        "行政法规、规章和行政规范性文件（第二十条第一项）",
        "政策法规",
        [
            ("gz", "规章", N, "", "政策法规"),
            ("gfxwj", "行政规范性文件", N, "", "政策法规"),
            ("qtwj", "其他文件", N, "", "政策法规"),
            ("zcjd", "政策解读", N, "", "政策法规"),
        ],
    ),
    ("rsrm", "人事任免", N, "机关领导人员信息（第二十条第二项）", "人事任免", []),
    (
        "ghjh",
        "规划计划",
        N,
        "国民经济和社会发展规划、专项规划、区域规划及相关政策（第二十条第三项）",
        "规划计划",
        [],
    ),
    (
        "jgsz",
        "机构设置",
        S,
        "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名（第二十条第二项）",
        "机构设置",
        [],
    ),
    (
        "czyjs",
        "财政预决算",
        N,
        "财政预算、决算信息（第二十条第七项）",
        "其他",
        [
            ("ys", "预算", N, "", "其他"),
            ("js", "决算", N, "", "其他"),
            ("sgjf", "三公经费", N, "", "其他"),
        ],
    ),
    ("tjxx", "统计信息", N, "国民经济和社会发展统计信息（第二十条第四项）", "其他", []),
    (
        "xzxk",
        "行政许可和服务",
        N,
        "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果（第二十条第五项）",
        "其他",
        [],
    ),
    (
        "xzcf",
        "行政处罚和强制",
        N,
        "实施行政处罚、行政强制的依据、条件、程序以及处罚决定（第二十条第六项）",
        "其他",
        [],
    ),
    ("xzsf", "行政事业性收费", N, "行政事业性收费项目及其依据、标准（第二十条第八项）", "其他", []),
    ("zfcg", "政府采购", N, "政府集中采购项目的目录、标准及实施情况（第二十条第九项）", "其他", []),
    ("zdxm", "重大建设项目", N, "重大建设项目的批准和实施情况（第二十条第十项）", "其他", []),
    (
        "msbz",
        "民生保障",
        N,
        "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况（第二十条第十一项）",
        "其他",
        [
            ("shjz", "社会救助", N, "", "其他"),
            ("fpgz", "扶贫工作", N, "", "其他"),
            ("jyxx", "教育", N, "", "其他"),
            ("ylws", "医疗卫生", N, "", "其他"),
            ("jycy", "就业创业", N, "", "其他"),
        ],
    ),
    (
        "ggjg",
        "公共监管",
        N,
        "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况（第二十条第十四项）",
        "其他",
        [
            ("hjbh", "环境保护", N, "", "其他"),
            ("spyp", "食品药品", N, "", "其他"),
            ("aqsc", "安全生产", N, "", "其他"),
        ],
    ),
    (
        "gwyzk",
        "公务员招考",
        N,
        "公务员招考的职位、名额、报考条件等事项以及录用结果（第二十条第十五项）",
        "其他",
        [],
    ),
    ("zdfw", "征地和房屋征收", N, "土地征收、房屋征收、补偿方案等（第二十一条）", "其他", []),
    ("qt", "其他", S, "", "其他", []),
    ("ndbg", "政府信息公开年报", S, "政府信息公开工作年度报告（第四十九条）", "其他", []),
]

# Shown as boxes on the portal home page (the office can change this per column).
HOME_COLUMNS = {"zwdt", "yjgl", "zcfg", "ghjh", "czyjs", "msbz"}

# 国务院公文主题分类（政府信息公开目录常用）
TOPICS = [
    "国务院组织机构",
    "综合政务",
    "国民经济管理、国有资产监管",
    "财政、金融、审计",
    "国土资源、能源",
    "农业、林业、水利",
    "工业、交通",
    "商贸、海关、旅游",
    "市场监管、安全生产监管",
    "城乡建设、环境保护",
    "科技、教育",
    "文化、广电、新闻出版",
    "卫生、体育",
    "人口与计划生育、妇女儿童工作",
    "劳动、人事、监察",
    "公安、安全、司法",
    "民政、扶贫、救灾",
    "民族、宗教",
    "对外事务",
    "港澳台侨工作",
    "国防",
    "其他",
]


@transaction.atomic
def seed_columns(district) -> int:
    """Create the starting column tree for a district; existing columns (by slug) are left alone."""
    created = 0
    order = 0
    for slug, name, cycle, statutory, group, children in COLUMNS:
        order += 10
        parent, made = Column.objects.get_or_create(
            district=district,
            slug=slug,
            defaults={
                "name": name,
                "update_cycle": cycle,
                "statutory": statutory,
                "report_group": group,
                "sort_order": order,
                "show_on_home": slug in HOME_COLUMNS,
            },
        )
        created += made
        for i, (cslug, cname, ccycle, cstat, cgroup) in enumerate(children, start=1):
            _, made = Column.objects.get_or_create(
                district=district,
                slug=cslug,
                defaults={
                    "name": cname,
                    "parent": parent,
                    "update_cycle": ccycle,
                    "statutory": cstat,
                    "report_group": cgroup,
                    "sort_order": order + i,
                    "show_on_home": False,
                },
            )
            created += made
    return created


def seed_topics() -> int:
    created = 0
    for i, name in enumerate(TOPICS):
        _, made = Topic.objects.get_or_create(name=name, defaults={"sort_order": i})
        created += made
    return created
