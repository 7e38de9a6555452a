"""Synthetic but realistic Chinese government texts, for the demo portal and the search tests.

Titles and bodies are assembled from the phrases district portals use in each column; every
name of a person is generated, every number invented.
"""

from __future__ import annotations

import random

TOPICS_BY_COLUMN: dict[str, list[str]] = {
    "gzdt": [
        "政务公开工作推进会",
        "安全生产大检查",
        "优化营商环境座谈会",
        "脱贫攻坚工作调度会",
        "城乡环境综合整治",
        "重点项目建设观摩",
        "防汛抗旱工作部署",
        "森林防火督查",
        "文明城市创建",
        "招商引资推介会",
    ],
    "tzgg": [
        "2018年度政务公开工作要点",
        "春节期间值班安排",
        "公开招聘事业单位工作人员",
        "城乡居民医疗保险参保缴费",
        "农村危房改造对象公示",
        "公租房资格审核结果",
        "征兵工作",
        "防汛应急演练",
    ],
    "yjgl": [
        "防汛抗旱应急预案",
        "地质灾害预警",
        "森林火险预警",
        "突发事件应急演练",
        "高温天气防范",
        "暴雨蓝色预警",
    ],
    "ztbd": ["脱贫攻坚", "一次办结改革", "扫黑除恶专项斗争", "乡村振兴", "生态文明建设", "放管服改革"],
    "zcfg": [
        "政府信息公开",
        "城乡低保管理",
        "房屋征收与补偿",
        "农村土地流转",
        "行政审批制度改革",
        "政府采购管理",
    ],
    "rsrm": ["工作人员任免"],
    "ghjh": [
        "国民经济和社会发展计划",
        "城乡建设专项规划",
        "教育事业发展规划",
        "全域旅游发展规划",
        "土地利用总体规划",
    ],
    "jgsz": ["机构职能", "内设机构", "领导分工"],
    "shjz": ["城乡低保资金发放", "特困人员救助供养", "临时救助", "低保对象动态管理"],
    "zfcg": ["办公设备采购", "道路改造工程", "物业管理服务", "校舍维修工程", "电子政务平台运维服务"],
    "zdfw": ["房屋征收补偿方案", "征收决定", "征地补偿安置", "棚户区改造项目征收"],
}
SUBJECTS = ["全区", "各乡镇（街道）", "区直各单位", "有关部门", "各村（社区）"]
ACTIONS = ["认真贯彻落实", "扎实推进", "切实做好", "进一步加强", "统筹推进", "严格落实", "全面深化"]
OBJECTS = [
    "政府信息公开工作",
    "城乡低保资金发放",
    "房屋征收补偿方案公开",
    "财政预算决算公开",
    "安全生产责任制",
    "行政权力清单动态调整",
    "一次办结改革",
    "公共资源交易信息公开",
    "环境保护监督检查",
    "食品药品安全监管",
    "就业创业政策宣传",
    "义务教育均衡发展",
    "医疗卫生服务能力",
    "农村危房改造",
    "公租房分配管理",
    "征地信息公开",
    "脱贫攻坚责任落实",
    "政务服务事项办理",
    "保密审查机制",
    "依申请公开答复",
]
ENDINGS = [
    "确保各项工作落到实处。",
    "切实保障人民群众的知情权、参与权和监督权。",
    "为建设服务型政府提供有力保障。",
    "进一步提升群众满意度。",
    "推动各项任务按时保质完成。",
    "做到公开透明、规范有序。",
]
PLACES = ["人民路街道", "北湖街道", "燕泉街道", "华塘镇", "鲁塘镇", "保和瑶族乡", "石盖塘镇", "郴江街道"]


def title_for(column_slug: str, org_short: str, rng: random.Random, year: int = 2018) -> str:
    topic = rng.choice(TOPICS_BY_COLUMN.get(column_slug) or TOPICS_BY_COLUMN["gzdt"])
    patterns = {
        "gzdt": ["{org}召开{topic}", "{org}扎实开展{topic}", "{place}全力推进{topic}"],
        "tzgg": ["关于{topic}的通知", "{org}关于{topic}的公告", "关于做好{topic}的通知"],
        "yjgl": ["{org}启动{topic}", "关于做好{topic}工作的通知", "{place}开展{topic}"],
        "ztbd": ["【{topic}】{org}在行动", "{topic}专题：{place}经验做法", "聚焦{topic}"],
        "zcfg": ["北湖区{topic}办法", "关于进一步加强{topic}的实施意见", "北湖区{topic}暂行规定"],
        "rsrm": ["北湖区人民政府关于{name}等同志职务任免的通知"],
        "ghjh": ["北湖区{year}年{topic}", "北湖区{topic}（{year}—{year2}年）"],
        "jgsz": ["{org}{topic}"],
        "shjz": ["{org}{year}年{month}月{topic}情况", "{place}{year}年第{q}季度{topic}名单公示"],
        "zfcg": ["{org}{topic}项目采购公告", "{org}{topic}项目中标结果公告"],
        "zdfw": ["{place}{topic}", "关于{place}{topic}的公告"],
    }
    pattern = rng.choice(patterns.get(column_slug) or ["{org}{topic}", "关于{topic}的通知"])
    from gongkai.lib.synthetic import person_name

    return pattern.format(
        org=org_short,
        topic=topic,
        place=rng.choice(PLACES),
        year=year,
        year2=year + 2,
        month=rng.randrange(1, 13),
        q=rng.randrange(1, 5),
        name=person_name(rng),
    )


def body_for(title: str, rng: random.Random, paragraphs: int | None = None) -> str:
    """An HTML body of a few paragraphs."""
    count = paragraphs or rng.randrange(2, 6)
    out = [
        f"<p>{rng.choice(SUBJECTS)}：</p>",
        f"<p>为{rng.choice(ACTIONS)}{title.strip('【】')}相关工作，现将有关事项通知如下。</p>",
    ]
    for i in range(count):
        sentence = "".join(
            f"{rng.choice(SUBJECTS)}要{rng.choice(ACTIONS)}{rng.choice(OBJECTS)}，"
            for _ in range(rng.randrange(2, 4))
        )
        out.append(f"<p>{'一二三四五六'[i]}、{sentence}{rng.choice(ENDINGS)}</p>")
    return "".join(out)
