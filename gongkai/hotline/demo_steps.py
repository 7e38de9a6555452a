"""Demo data for the hotline: the seed year 2018 at scale, and a little live work this month.

The seed (北湖区 2018 annual report): 15,417 calls to the 区长公开电话 and 183 letters to the
区长信箱, all closed (办结率均为100%); 8 district leaders and 31 heads of departments, towns and
streets answered calls on duty; callbacks; 12 monthly bulletins.

``bulk_year`` writes one year of closed tickets with bulk inserts (tickets with precomputed
serials and numbers, their assignments and callbacks; no audit events: this is history, not
activity). ``bulk_create`` runs each field's ``pre_save`` and ``get_prep_value``, so names and
phones are stored encrypted and the phone's blind index is computed, as on ``save()``. The data
generator runs the same step for each of its ten districts (about 156,000 tickets for the city).

Then a handful of open tickets in the current month, in every status, made through the real
actions so that the workbench and the audit trail show live work.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from gongkai.hotline.deadlines import DueDates, limits_of
from gongkai.hotline.hotissues import topic_words
from gongkai.hotline.models import (
    SHIFT_HOURS,
    Assignment,
    Callback,
    Category,
    Channel,
    DutyShift,
    DutyShiftKind,
    Satisfaction,
    Status,
    Ticket,
    TicketCounter,
    Urgency,
)
from gongkai.lib.registry import DemoStep
from gongkai.lib.synthetic import person_name
from gongkai.orgs.models import Organisation, OrgKind
from gongkai.workcal.calendar import due_after, is_working_day

SEED_YEAR, SEED_CALLS, SEED_LETTERS = 2018, 15_417, 183

# Category → (default unit's short name, share of tickets, months with more calls: {month: factor})
CATEGORIES: list[tuple[str, str, float, dict[int, float]]] = [
    ("城市管理", "城管局", 0.20, {6: 1.6, 7: 2.2, 8: 1.8}),  # summer nights: barbecues, noise
    ("住房保障", "住建局", 0.09, {}),
    ("社会保障", "人社局", 0.08, {1: 1.3, 12: 1.3}),
    ("教育", "教育局", 0.09, {7: 1.8, 8: 2.4, 9: 1.6}),  # enrolment
    ("医疗卫生", "卫健局", 0.06, {}),
    ("交通出行", "交通局", 0.08, {}),
    ("环境保护", "生态环境分局", 0.07, {5: 1.3, 6: 1.3}),
    ("劳动就业", "人社局", 0.09, {1: 2.5, 2: 2.0, 12: 1.8}),  # wages before the Spring Festival
    ("市场监管", "市监局", 0.08, {}),
    ("农业农村", "农业农村局", 0.05, {3: 1.4, 4: 1.4}),
    ("征地拆迁", "自然资源局", 0.05, {}),
    ("其他", "区政府办", 0.06, {}),
]
# Categories where the town or street where it happened handles a share of the tickets itself.
LOCAL_SHARE = {"城市管理": 0.3, "农业农村": 0.5, "征地拆迁": 0.4, "住房保障": 0.2, "其他": 0.3}

ROADS = [
    "人民路",
    "燕泉路",
    "五岭大道",
    "国庆北路",
    "南湖路",
    "青年大道",
    "苏仙北路",
    "北湖路",
    "文化路",
    "解放路",
]
ESTATES = [
    "金色家园",
    "阳光花园",
    "骆仙小区",
    "燕泉新村",
    "北湖名都",
    "香雪路小区",
    "南街小区",
    "华府名城",
    "幸福里",
]
SHOPS = ["烧烤店", "KTV", "建材店", "餐馆", "便利店", "汽修店", "棋牌室", "药店"]
COMPANIES = ["某建筑公司", "某物业公司", "某劳务公司", "某装饰公司", "某置业公司", "某餐饮公司"]
VILLAGES = ["新田村", "石桥村", "白石村", "长冲村", "龙泉村", "上湾村", "大塘村"]

# Matter templates per category; {place} is the town or street, {road}, {estate} … fill the rest.
MATTERS: dict[str, list[str]] = {
    "城市管理": [
        "{place}{road}一家{shop}夜间经营到凌晨，噪音扰民，严重影响附近居民休息",
        "{estate}小区门口占道经营，流动摊贩多，垃圾乱扔，希望城管部门加强管理",
        "{road}路灯损坏多日不亮，夜间出行不便，存在安全隐患",
        "{estate}小区旁建筑工地夜间施工噪音大，渣土车撒漏严重",
        "{road}人行道被车辆乱停乱放占用，行人只能走机动车道",
        "{place}{road}下水道堵塞，雨天污水漫到路面",
    ],
    "住房保障": [
        "申请公租房已一年多，至今没有分配结果，想了解审核进度",
        "{estate}小区房屋已交房三年，不动产权证一直办不下来",
        "{estate}小区电梯经常故障，物业维修不及时，老人上下楼困难",
        "廉租房租金补贴停发，想了解原因和恢复办法",
        "{estate}小区物业收费不合理，公共维修资金使用不公开",
    ],
    "社会保障": [
        "父亲的养老金本月未按时到账，想了解原因",
        "低保申请提交两个月没有结果，家庭生活困难",
        "城乡居民医疗保险缴费后系统查询不到缴费记录",
        "退休人员养老金资格认证不会在手机上操作，希望提供帮助",
        "残疾人两项补贴申请进度咨询",
    ],
    "教育": [
        "孩子今年秋季入学，户籍在{place}但学位紧张，担心无法就近入学",
        "{place}某学校违规收取资料费和校服费",
        "学校放学时间太早，家长无法接送，希望开设课后服务",
        "{place}幼儿园收费标准咨询，是否属于普惠性幼儿园",
        "孩子转学手续办理需要哪些材料，学位能否保留",
        "校外培训机构退费难，已交学费无法退回",
    ],
    "医疗卫生": [
        "区人民医院门诊排队时间长，挂号难",
        "{place}卫生院医生服务态度差，看病不耐心",
        "新农合异地就医报销比例咨询",
        "{estate}小区附近诊所无证行医，存在安全隐患",
        "疫苗接种预约困难，社区卫生服务中心电话无人接听",
    ],
    "交通出行": [
        "{road}与{road2}交叉口红绿灯时间太短，行人过马路不安全",
        "{place}到市区的公交车班次太少，等车时间长",
        "{road}路面坑洼破损，车辆通行颠簸，希望尽快修补",
        "{village}通村公路年久失修，村民出行困难",
        "出租车拒载、绕路多收费",
    ],
    "环境保护": [
        "{place}一家工厂夜间偷排废气，气味刺鼻",
        "{village}附近小河被倾倒垃圾，河水发黑发臭",
        "{estate}小区楼下餐馆油烟直排，住户无法开窗",
        "{place}采石场粉尘污染严重",
        "{village}养猪场污水直排农田",
    ],
    "劳动就业": [
        "在{company}打工，被拖欠工资三个月，老板一直拖着不给",
        "{company}不签劳动合同、不缴社保",
        "农民工工资被包工头拖欠，春节前急需拿到工钱回家",
        "失业保险金申领条件和流程咨询",
        "公益性岗位招聘信息和报名条件咨询",
    ],
    "市场监管": [
        "{place}{shop}销售过期食品",
        "在{road}某商店购买的电器有质量问题，商家拒绝退换",
        "{place}农贸市场缺斤少两，电子秤作弊",
        "某美容店办卡后关门跑路，预付卡余额无法退还",
        "{estate}小区附近药店无资质销售处方药",
    ],
    "农业农村": [
        "{village}种粮补贴至今未发放到户",
        "{village}农田灌溉水渠损坏，影响春耕",
        "{village}村务财务不公开，村民有疑问",
        "{village}危房改造补助资金申请进度咨询",
        "{village}村道路灯不亮，希望安装",
    ],
    "征地拆迁": [
        "{village}征地补偿款迟迟未到位",
        "{place}棚户区改造安置房何时交房",
        "{village}房屋拆迁补偿标准不合理",
        "{place}征收范围内房屋评估价格偏低",
    ],
    "其他": [
        "咨询区长公开电话办理流程和办理时限",
        "{place}办事窗口工作人员态度不好，办事效率低",
        "建议在{place}增设便民服务点",
        "反映{place}某单位工作人员上班时间玩手机",
    ],
}
REPLIES = [
    "经核实，反映情况属实，已责成相关单位整改到位，并向来电人作了解释说明。",
    "已安排工作人员现场调查处理，问题已解决，来电人表示认可。",
    "经调查，已依法依规处理，并将处理结果电话告知来电人。",
    "已向来电人详细解释相关政策，来电人表示理解。",
    "已协调相关单位限期解决，并纳入日常巡查。",
]
NO_CALLBACK = ["多次拨打无人接听", "来电人电话已停机", "来电人表示不需要回访"]
PHONE_PREFIXES = ["139", "138", "137", "136", "135", "158", "159", "188"]


def hotline_office_of(district: Organisation) -> Organisation:
    office = (
        Organisation.objects.filter(district=district, kind=OrgKind.OFFICE, name__contains="公开电话")
        .order_by("pk")
        .first()
    )
    if office is None:  # a district built without one: the disclosure office takes the calls
        office = Organisation.objects.filter(district=district, kind=OrgKind.OFFICE).order_by("pk").first()
    if office is None:
        raise ValueError(f"{district.name} has no office to take hotline calls")
    return office


def ensure_categories(district: Organisation) -> dict[str, Category]:
    by_short = {o.short_name: o for o in Organisation.objects.filter(district=district)}
    cats = {}
    for order, (name, unit, _share, _months) in enumerate(CATEGORIES, start=1):
        cats[name], _ = Category.objects.get_or_create(
            district=district,
            name=name,
            defaults={"default_organisation": by_short.get(unit), "sort_order": order * 10},
        )
    return cats


def _position(org: Organisation) -> str:
    if org.kind == OrgKind.TOWN:
        return "乡长" if org.short_name.endswith("乡") else "镇长"
    if org.kind == OrgKind.STREET:
        return "街道办事处主任"
    if org.short_name.endswith(("局", "分局")):
        return "局长"
    return "主任"


def duty_roster(district: Organisation, year: int, rng: random.Random) -> list[DutyShift]:
    """8 district leaders and 31 heads of departments, towns and streets, one morning shift on
    each working day of ``year``, taking turns."""
    leaders = ["区长", "常务副区长"] + ["副区长"] * 6
    cat_units = [unit for _n, unit, _s, _m in CATEGORIES]
    orgs = list(Organisation.objects.filter(district=district).order_by("sort_order", "pk"))
    depts = sorted(
        (o for o in orgs if o.kind == OrgKind.DEPARTMENT and o.short_name != "区政府办"),
        key=lambda o: (o.short_name not in cat_units, o.sort_order, o.pk),
    )
    local = [o for o in orgs if o.kind in (OrgKind.TOWN, OrgKind.STREET)]
    heads = (local + depts)[:31]
    people = [(person_name(rng), pos, district, True) for pos in leaders]
    people += [(person_name(rng), _position(o), o, False) for o in heads]
    days = [
        dt.date(year, 1, 1) + dt.timedelta(days=i)
        for i in range((dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days)
    ]
    days = [d for d in days if is_working_day(d)]
    order = people[:]
    rng.shuffle(order)
    shifts = [
        DutyShift(
            district=district,
            date=d,
            shift=DutyShiftKind.MORNING,
            person_name=name,
            position=pos,
            organisation=org,
            is_district_leader=is_leader,
        )
        for d, (name, pos, org, is_leader) in zip(days, (order * (len(days) // len(order) + 1)), strict=False)
    ]
    return DutyShift.objects.bulk_create(shifts, batch_size=1000)


def _matter(category: str, place: Organisation | None, rng: random.Random) -> str:
    template = rng.choice(MATTERS[category])
    road, road2 = rng.sample(ROADS, 2)
    return template.format(
        place=place.short_name if place else "",
        road=road,
        road2=road2,
        estate=rng.choice(ESTATES),
        shop=rng.choice(SHOPS),
        company=rng.choice(COMPANIES),
        village=(place.short_name if place and place.kind == OrgKind.TOWN else "") + rng.choice(VILLAGES),
    )


_HOURS_PHONE = [0.1] * 7 + [1, 8, 9, 9, 6, 2, 3, 7, 8, 7, 5, 2, 1.5, 1, 0.8, 0.4, 0.2]
_HOURS_MAIL = [0.5] * 7 + [2, 3, 4, 4, 3, 3, 3, 4, 4, 3, 3, 3, 4, 4, 3, 2, 1]


def _moments(
    year: int, n: int, hours: list[float], rng: random.Random, month_weight=None
) -> list[dt.datetime]:
    tz = timezone.get_current_timezone()
    first = dt.date(year, 1, 1)
    days = [first + dt.timedelta(days=i) for i in range((dt.date(year + 1, 1, 1) - first).days)]
    weights = [
        (1.0 if is_working_day(d) else 0.35) * (month_weight(d.month) if month_weight else 1) for d in days
    ]
    chosen = rng.choices(days, weights=weights, k=n)
    hour_list = rng.choices(range(24), weights=hours, k=n)
    return sorted(
        dt.datetime(d.year, d.month, d.day, h, rng.randrange(60), rng.randrange(60), tzinfo=tz)
        for d, h in zip(chosen, hour_list, strict=True)
    )


@transaction.atomic
def bulk_year(
    district: Organisation,
    year: int,
    calls: int,
    letters: int,
    rng: random.Random,
    *,
    roster: bool = True,
) -> int:
    """One year of closed tickets for ``district``: ``calls`` phone calls and ``letters`` mailbox
    letters, dispatched, replied (mostly on time), called back and closed; duty shifts for the
    year when ``roster``. Returns the number of tickets created."""
    office = hotline_office_of(district)
    cats = ensure_categories(district)
    limits = limits_of(district.pk)
    dues = DueDates(limits)
    places = list(Organisation.objects.filter(district=district, kind__in=[OrgKind.TOWN, OrgKind.STREET]))
    fallback = Organisation.objects.filter(district=district, kind=OrgKind.DEPARTMENT).order_by("pk").first()
    shifts = duty_roster(district, year, rng) if roster else []
    duty_on: dict[dt.date, list[DutyShift]] = defaultdict(list)
    for s in shifts:
        duty_on[s.date].append(s)

    counter, _ = TicketCounter.objects.select_for_update().get_or_create(district=district)
    serial = counter.last
    region = district.code[2:8]
    names = [c[0] for c in CATEGORIES]

    def weights_for(month: int) -> list[float]:
        return [share * months.get(month, 1.0) for _n, _u, share, months in CATEGORIES]

    month_weights = {m: weights_for(m) for m in range(1, 13)}
    plan = [(Channel.PHONE, m) for m in _moments(year, calls, _HOURS_PHONE, rng)]
    plan += [(Channel.MAILBOX, m) for m in _moments(year, letters, _HOURS_MAIL, rng)]
    plan.sort(key=lambda cm: cm[1])

    phone_pool = rng.sample(
        range(len(PHONE_PREFIXES) * 10_000), k=min(len(plan), len(PHONE_PREFIXES) * 10_000)
    )
    recent: list[tuple[dt.datetime, int]] = []  # (received, index) of recent phone tickets
    tickets: list[Ticket] = []
    extra: list[dict] = []  # what the second pass needs per ticket
    memo_wd: dict[tuple[dt.date, int], dt.date] = {}

    def wd(start: dt.date, n: int) -> dt.date:
        # The date shown, provisional in a year not yet entered: what a reply is judged by.
        key = (start, n)
        if key not in memo_wd:
            memo_wd[key] = due_after(start, n).value
        return memo_wd[key]

    tz = timezone.get_current_timezone()

    def moment_on(day: dt.date, after: dt.datetime | None = None) -> dt.datetime:
        m = dt.datetime(day.year, day.month, day.day, rng.randrange(9, 18), rng.randrange(60), tzinfo=tz)
        if after is not None and m <= after:
            m = after + dt.timedelta(minutes=rng.randrange(30, 240))
        return m

    # Most units reply on time; a few are often late (and get named in the bulletin).
    units = {c.default_organisation_id for c in cats.values()} | {p.pk for p in places}
    lateness = defaultdict(lambda: 0.02)
    for unit_id in sorted(u for u in units if u):
        lateness[unit_id] = rng.choices([0.005, 0.03, 0.12], weights=[60, 30, 10])[0]

    for i, (channel, received) in enumerate(plan):
        serial += 1
        category = rng.choices(names, weights=month_weights[received.month])[0]
        place = rng.choice(places) if places else None
        repeat_of = None
        phone = ""
        if channel == Channel.PHONE:
            # Some callers call again within the week about the same matter.
            while recent and (received - recent[0][0]).days > 7:
                recent.pop(0)
            if recent and rng.random() < 0.06:
                repeat_of = rng.choice(recent)[1]
                category, place = extra[repeat_of]["category"], tickets[repeat_of].place
                phone = extra[repeat_of]["phone"]
            recent.append((received, i))
        if not phone:
            code = phone_pool[i % len(phone_pool)]
            phone = f"{PHONE_PREFIXES[code // 10_000]}0735{code % 10_000:04d}"
        matter = tickets[repeat_of].matter if repeat_of is not None else _matter(category, place, rng)
        cat = cats[category]
        lead = cat.default_organisation or fallback
        if place is not None and rng.random() < LOCAL_SHARE.get(category, 0.0):
            lead = place
        urgency = rng.choices([Urgency.NORMAL, Urgency.URGENT, Urgency.VERY_URGENT], weights=[90, 8, 2])[0]
        extension = 5 if rng.random() < 0.03 else 0
        dispatched = received + dt.timedelta(minutes=rng.randrange(20, 600))
        limit = limits.limit_for(urgency) + extension
        start = timezone.localtime(dispatched).date()
        due = dues.due(dispatched, urgency, extension).due
        if rng.random() >= lateness[lead.pk]:  # on time
            replied = moment_on(wd(start, rng.randint(1, limit)), dispatched)
        else:  # late by 1 to 4 working days
            replied = moment_on(wd(due, rng.randint(1, 4)), dispatched)
        duty = None
        if channel == Channel.PHONE:
            local = timezone.localtime(received)
            for s in duty_on.get(local.date(), ()):
                begin, end = SHIFT_HOURS[s.shift]
                if begin <= local.hour < end:
                    duty = s
        anonymous = rng.random() < 0.05
        tickets.append(
            Ticket(
                district=district,
                office=office,
                serial=serial,
                number=f"{region}{received:%y}{serial:07d}",
                channel=channel,
                received_at=received,
                duty=duty,
                caller_name="" if anonymous else person_name(rng),
                phone=phone,
                anonymous=anonymous,
                title=matter[:30],
                matter=matter,
                keywords=topic_words(matter),
                category=cat,
                place=place,
                urgency=urgency,
                is_repeat_caller=repeat_of is not None,
                status=Status.CLOSED,
                lead=lead,
                dispatched_at=dispatched,
                extension_days=extension,
                reply=rng.choice(REPLIES),
                replied_at=replied,
                publish_allowed=channel == Channel.MAILBOX and rng.random() < 0.4,
            )
        )
        extra.append({"category": category, "phone": phone, "repeat_of": repeat_of})

    # Callbacks: mostly 满意, some 基本满意, a few 不满意 and then handled again; a few unreachable.
    callbacks: list[Callback] = []
    for t in tickets:
        r = rng.random()
        first_at = t.replied_at + dt.timedelta(hours=rng.randrange(4, 48))
        if r < 0.03:  # 不满意 → re-handled → called back again
            callbacks.append(
                Callback(ticket=t, at=first_at, reached=True, satisfaction=Satisfaction.UNSATISFIED)
            )
            t.reopen_count = 1
            t.replied_at = first_at + dt.timedelta(days=rng.randrange(1, 4), hours=rng.randrange(1, 6))
            t.reply += "经重新办理，" + rng.choice(REPLIES)
            last_at = t.replied_at + dt.timedelta(hours=rng.randrange(4, 48))
            second = rng.random()
            if second < 0.35:  # not reached again: closed with the reason; the 不满意 still counts
                callbacks.append(
                    Callback(ticket=t, at=last_at, reached=False, no_callback_reason=rng.choice(NO_CALLBACK))
                )
            else:
                sat = Satisfaction.SATISFIED if second < 0.75 else Satisfaction.BASIC
                callbacks.append(Callback(ticket=t, at=last_at, reached=True, satisfaction=sat))
        elif r < 0.07:
            last_at = first_at
            callbacks.append(
                Callback(ticket=t, at=first_at, reached=False, no_callback_reason=rng.choice(NO_CALLBACK))
            )
        else:
            last_at = first_at
            sat = Satisfaction.SATISFIED if r < 0.85 else Satisfaction.BASIC
            callbacks.append(Callback(ticket=t, at=first_at, reached=True, satisfaction=sat))
        t.closed_at = last_at + dt.timedelta(hours=rng.randrange(1, 24))

    Ticket.objects.bulk_create(tickets, batch_size=2000)
    repeats = []
    for t, info in zip(tickets, extra, strict=True):
        if info["repeat_of"] is not None:
            t.repeat_of_id = tickets[info["repeat_of"]].pk
            repeats.append(t)
    Ticket.objects.bulk_update(repeats, ["repeat_of"], batch_size=2000)
    for cb in callbacks:
        cb.ticket_id = cb.ticket.pk
    Callback.objects.bulk_create(callbacks, batch_size=5000)
    Assignment.objects.bulk_create(
        (
            Assignment(
                ticket_id=t.pk,
                organisation_id=t.lead_id,
                role=Assignment.Role.LEAD,
                dispatched_at=t.dispatched_at,
                outcome=Assignment.Outcome.DONE,
                ended_at=t.replied_at,
            )
            for t in tickets
        ),
        batch_size=5000,
    )
    counter.last = serial
    counter.save(update_fields=["last"])
    return len(tickets)


def live_tickets(district: Organisation, rng: random.Random) -> int:
    """A few tickets of the current month in every status, through the real actions."""
    from gongkai.accounts.models import User
    from gongkai.accounts.roles import Role
    from gongkai.hotline import actions

    office = hotline_office_of(district)

    def holder(role: str, org: Organisation | None = None):
        qs = User.objects.filter(memberships__role=role, memberships__organisation__district=district)
        if org is not None:
            qs = qs.filter(memberships__organisation=org)
        return qs.order_by("pk").first()

    operator = holder(Role.OPERATOR, office)
    cats = ensure_categories(district)
    edu = cats["教育"].default_organisation
    editor = holder(Role.EDITOR, edu) if edu else None
    if operator is None or editor is None or edu is None:
        return 0
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    # This week's duty: the head of the education bureau answers this morning.
    DutyShift.objects.get_or_create(
        district=district,
        date=today,
        shift=DutyShiftKind.MORNING,
        defaults={"person_name": person_name(rng), "position": "局长", "organisation": edu},
    )
    base = dt.datetime(today.year, today.month, today.day, 9, 30, tzinfo=tz)
    places = list(Organisation.objects.filter(district=district, kind=OrgKind.STREET)[:3])

    def intake(category: str, channel: str = Channel.PHONE, hours_ago: float = 0.0):
        place = rng.choice(places) if places else None
        ticket, _code = actions.intake(
            office=office,
            channel=channel,
            actor=operator,
            received_at=min(base, timezone.now()) - dt.timedelta(hours=hours_ago),
            data={
                "caller_name": person_name(rng),
                "phone": f"1390735{rng.randrange(10_000):04d}",
                "matter": _matter(category, place, rng),
                "category": cats[category],
                "place": place,
            },
        )
        return ticket

    made = 0
    for category in ("城市管理", "交通出行"):  # 待派单
        intake(category)
        made += 1
    t = intake("教育", hours_ago=1)  # 办理中
    actions.dispatch(t, edu, actor=operator)
    made += 1
    t = intake("教育", Channel.MAILBOX, hours_ago=24 * 12)  # 办理中, overdue: dispatched 12 days ago
    actions.dispatch(t, edu, actor=operator)
    Ticket.objects.filter(pk=t.pk).update(dispatched_at=t.received_at + dt.timedelta(hours=2))
    made += 1
    # A mailbox letter of four months ago still waiting for the unit's reply: the supervision
    # check 公开留言超过3个月未答复 (a single veto of the website inspection) finds it.
    t = intake("教育", Channel.MAILBOX, hours_ago=24 * 120)
    actions.dispatch(t, edu, actor=operator)
    Ticket.objects.filter(pk=t.pk).update(dispatched_at=t.received_at + dt.timedelta(hours=3))
    made += 1
    for days in (3, 4):  # 已答复待回访
        t = intake("教育", hours_ago=24 * days)
        actions.dispatch(t, edu, actor=operator)
        actions.reply(t, actor=editor, text=rng.choice(REPLIES))
        made += 1
    t = intake("教育", hours_ago=24 * 5)  # 回访不满意，重新办理
    actions.dispatch(t, edu, actor=operator)
    actions.reply(t, actor=editor, text=rng.choice(REPLIES))
    actions.callback(
        t, actor=operator, reached=True, satisfaction=Satisfaction.UNSATISFIED, note="认为未解决"
    )
    made += 1
    t = intake("教育", hours_ago=24 * 6)  # 已办结
    actions.dispatch(t, edu, actor=operator)
    actions.reply(t, actor=editor, text=rng.choice(REPLIES))
    actions.callback(t, actor=operator, reached=True, satisfaction=Satisfaction.SATISFIED)
    actions.close(t, actor=operator)
    return made + 1


def load_hotline(
    district: Organisation,
    *,
    stdout,
    calls: int = SEED_CALLS,
    letters: int = SEED_LETTERS,
    year: int = SEED_YEAR,
) -> None:
    if Ticket.objects.filter(district=district).exists():
        return
    rng = random.Random(f"hotline-{district.code}")
    started = time.monotonic()
    n = bulk_year(district, year, calls, letters, rng)
    bulk_seconds = time.monotonic() - started
    live = live_tickets(district, rng)
    stdout.write(
        f"    区长公开电话 {year}年工单 {n} 件（来电 {calls}、信箱 {letters}，均已办结；{bulk_seconds:.1f} 秒），"
        f"本月在办工单 {live} 件"
    )


DEMO_STEPS = [DemoStep("hotline", 40, load_hotline)]
