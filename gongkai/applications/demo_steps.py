"""Demo data for disclosure applications: a year of applications (2018, the seed's year) across the
departments, every official outcome at least once, with clarifications, consultations, fees,
extensions, late replies, carry-over into and out of the year, review and litigation cases; and a
handful of open applications of the current year (one overdue, one due soon, one waiting for a
consultation, one with a lapsed clarification period, one not yet accepted).

Everything goes through the real actions, acting as the department's demo editor where there is
one and the disclosure office's coordinator otherwise, so the audit trail reads like real work.
Synthetic people only (``gongkai.lib.synthetic``); their ID numbers pass the check digit.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.factories import make_uscc
from gongkai.applications import actions, deadlines
from gongkai.applications.models import (
    ApplicantType,
    Application,
    Channel,
    Delivery,
    FeeMethod,
    Form,
    PauseKind,
    ReviewKind,
    ReviewResult,
)
from gongkai.applications.outcomes import ApplicantCategory, Outcome
from gongkai.lib.registry import DemoStep
from gongkai.lib.synthetic import person_name
from gongkai.lib.validators import id_check_digit
from gongkai.orgs.models import Organisation
from gongkai.workcal.calendar import Basis
from gongkai.workcal.calendar import add_working_days as _add_working_days
from gongkai.workcal.calendar import is_working_day as _is_working_day

YEAR = 2018

# What people ask each department for (short name → descriptions).
TOPICS: dict[str, list[str]] = {
    "民政局": [
        "2018年第一季度北湖区城市低保对象名单及保障标准",
        "{town}2017年农村低保资金发放明细",
        "本人家庭低保资格被取消的审核材料及认定依据",
        "2018年城乡特困人员救助供养资金发放情况",
        "{street}临时救助审批名单及救助金额",
    ],
    "自然资源局": [
        "{town}{village}集体土地征收的征地批复文件及征地补偿安置方案",
        "{town}2017年第三批次建设用地征地公告及补偿标准",
        "{village}被征地农民社会保障资金落实情况",
        "北湖区2018年度土地利用年度计划",
        "{village}村民住宅用地审批文件",
    ],
    "住建局": [
        "{road}棚户区改造项目房屋征收决定及补偿方案",
        "{road}片区房屋征收评估报告及评估机构选定程序",
        "2018年公租房分配名单及轮候顺序",
        "本人房屋被列入征收范围的征收决定公告及红线图",
        "{road}旧城改造项目的规划许可及施工许可文件",
    ],
    "财政局": [
        "北湖区2018年区本级财政预算报告及“三公”经费预算",
        "2017年区本级一般公共预算决算及转移支付使用情况",
        "2017年教育专项资金拨付明细",
        "2018年政府债务限额及余额情况",
    ],
    "生态环境分局": [
        "{company}建设项目环境影响评价报告书及审批意见",
        "{company}2018年排污许可证及监督性监测数据",
        "{town}垃圾填埋场环境影响评价文件及竣工环保验收材料",
        "北湖区2017年环境质量状况公报所依据的监测数据",
    ],
    "教育局": [
        "2018年城区义务教育学校划片招生范围及依据",
        "第一中学2017年教育收费标准及收支情况",
        "2018年教师公开招聘面试成绩及录用名单",
        "北湖区2018年校舍维修改造项目招标文件",
    ],
    "人社局": [
        "2018年事业单位公开招聘笔试成绩及体检名单",
        "本人养老保险缴费年限认定的依据和计算过程",
        "2017年就业专项资金使用情况",
        "{company}劳动保障监察处理决定书",
    ],
    "卫健局": [
        "人民医院2017年药品集中采购合同",
        "2018年基本公共卫生服务项目资金分配表",
        "{town}卫生院医疗机构执业许可证信息",
    ],
    "城管局": [
        "{road}违法建设拆除决定书及执法依据",
        "2018年城区生活垃圾清运服务采购合同",
        "{road}占道经营整治方案",
    ],
    "交通局": [
        "{town}至{town2}公路改建工程的立项批复及征地拆迁补偿标准",
        "2018年农村公路建设项目计划及资金安排",
    ],
    "发改局": [
        "{road}综合管廊项目可行性研究报告批复",
        "北湖区2018年重点建设项目计划",
    ],
    "市监局": [
        "{company}食品经营许可证及2018年抽检结果",
        "2018年第二季度食品安全监督抽检信息",
    ],
    "区政府办": [
        "北湖区人民政府2018年常务会议纪要中关于{road}改造的内容",
        "北政发〔2018〕10号文件全文",
    ],
}
TOWNS = ["华塘镇", "石盖塘镇", "鲁塘镇", "保和瑶族乡", "月峰瑶族乡", "芙蓉乡"]
STREETS = ["人民路街道", "北湖街道", "燕泉街道", "骆仙街道", "安和街道", "下湄桥街道"]
VILLAGES = ["塘溪村", "大塘村", "石门村", "新田村", "上湄村", "龙潭村", "和平村"]
ROADS = ["人民路", "燕泉路", "五岭大道", "国庆北路", "南湖路", "青年大道", "苏仙北路", "北湖路"]
COMPANIES = ["郴州市北湖建材有限公司", "郴州鑫源矿业有限公司", "北湖区华康食品厂", "郴州市宏达物流有限公司"]
FIRMS = [
    ("湖南湘南律师事务所", ApplicantCategory.LEGAL_SERVICE, "31"),
    ("湖南郴州正和律师事务所", ApplicantCategory.LEGAL_SERVICE, "31"),
    ("郴州市鑫隆房地产开发有限公司", ApplicantCategory.BUSINESS, "91"),
    ("郴州市北湖区宏远建筑工程有限公司", ApplicantCategory.BUSINESS, "91"),
    ("郴州市绿色家园环保志愿者协会", ApplicantCategory.PUBLIC_WELFARE, "51"),
    ("湖南省城乡规划研究院郴州分院", ApplicantCategory.RESEARCH, "12"),
    ("北湖区人民路社区居民委员会", ApplicantCategory.OTHER, "55"),
]

# The outcomes whose texts must fit the request: (department, description, outcome, summary, redirect).
SPECIAL: list[tuple[str, str, str, str, str]] = [
    (
        "住建局",
        "{road}片区房屋征收补偿协议中其他被征收户的补偿金额",
        Outcome.PARTIAL,
        "提供征收补偿方案及补偿标准；其他被征收户的补偿金额涉及个人隐私，经征求意见不同意公开，不予提供。",
        "",
    ),
    ("区政府办", "2018年度涉密会议纪要全文", Outcome.WITHHOLD_SECRET, "", ""),
    (
        "公安分局",
        "2018年北湖区禁毒工作专项行动的警力部署方案",
        Outcome.WITHHOLD_LAW,
        "",
        "",
    ),
    (
        "应急局",
        "城区重点目标安全防范部署及监控点位分布图",
        Outcome.WITHHOLD_SECURITY,
        "",
        "",
    ),
    (
        "市监局",
        "{company}报送的生产工艺配方及财务报表",
        Outcome.WITHHOLD_THIRD_PARTY,
        "",
        "",
    ),
    ("人社局", "局机关2018年内部考勤记录及干部考核细则", Outcome.WITHHOLD_INTERNAL, "", ""),
    (
        "自然资源局",
        "{village}征地补偿方案研究过程中的会议讨论记录及请示报告",
        Outcome.WITHHOLD_PROCESS,
        "",
        "",
    ),
    ("城管局", "对{road}某商户行政处罚的全部执法案卷", Outcome.WITHHOLD_ENFORCEMENT, "", ""),
    (
        "自然资源局",
        "{road}某号房屋的不动产登记簿及权属来源资料",
        Outcome.WITHHOLD_QUERY,
        "",
        "请持身份证明到北湖区不动产登记中心按《不动产登记资料查询暂行办法》申请查询",
    ),
    (
        "财政局",
        "北湖区近十年各乡镇财政收支变化情况的统计分析报告",
        Outcome.UNABLE_NEEDS_MAKING,
        "",
        "",
    ),
    ("民政局", "有关“那个补助”的全部文件", Outcome.UNABLE_UNCLEAR, "", ""),
    (
        "住建局",
        "反映{road}某小区物业违规收费问题，要求住建局查处并书面答复处理结果",
        Outcome.NOT_HANDLED_PETITION,
        "",
        "",
    ),
    ("教育局", "2018年城区义务教育学校划片招生范围及依据（再次申请）", Outcome.NOT_HANDLED_REPEAT, "", ""),
    (
        "区政府办",
        "2017年《北湖年鉴》全书",
        Outcome.NOT_HANDLED_PUBLICATION,
        "",
        "可到北湖区图书馆查阅，或向北湖区地方志编纂室购买",
    ),
    (
        "自然资源局",
        "2000年以来全区每一宗建设用地审批的全部材料（本月第12件申请）",
        Outcome.NOT_HANDLED_EXCESSIVE,
        "",
        "",
    ),
    (
        "人社局",
        "要求确认本人2016年已获取的工龄认定表内容真实并重新加盖公章",
        Outcome.NOT_HANDLED_CONFIRM,
        "",
        "",
    ),
    ("民政局", "低保有关情况", Outcome.OTHER_NO_CLARIFICATION, "", ""),
    (
        "生态环境分局",
        "2015年至2018年全部建设项目环评审批文件及附件",
        Outcome.OTHER_FEE_UNPAID,
        "",
        "",
    ),
    (
        "交通局",
        "{town}至{town2}公路改建工程的征地拆迁补偿标准",
        Outcome.OTHER,
        "申请人在办理期间书面撤回申请，本机关终止办理。",
        "",
    ),
    (
        "区政府办",
        "{town}{village}集体土地征收的征地补偿安置方案",
        Outcome.UNABLE_NOT_HELD,
        "",
        "该信息由北湖区自然资源局负责公开，联系电话：0735-2288123",
    ),
]
# The common outcomes of the other applications, in proportion to what agencies report.
COMMON = [Outcome.DISCLOSE] * 12 + [Outcome.PARTIAL] * 2 + [Outcome.UNABLE_NOT_HELD] * 4
SUMMARIES = {
    Outcome.DISCLOSE: "提供所申请的政府信息（电子文档）。",
    Outcome.PARTIAL: "提供可以公开的部分，涉及个人身份证号码、联系电话的内容已作区分处理。",
}


# The demo's own dates are counted on the earliest basis (what the office's reminders go by), so
# that the demo shows the current year's open cases — one overdue, one due soon — in December, and
# on a machine whose clock is years ahead, as in any month; the deadlines the pages show are
# computed by the application code, definitive or provisional.
def add_working_days(start: dt.date, n: int) -> dt.date:
    return _add_working_days(start, n, basis=Basis.EARLIEST)


def is_working_day(day: dt.date) -> bool:
    return _is_working_day(day, basis=Basis.EARLIEST)


@dataclass
class Plan:
    department: str
    received: dt.date
    description: str
    outcome: str | None  # None: still open
    natural: bool = True
    channel: str = Channel.ONLINE
    summary: str = ""
    redirect: str = ""
    clarify: str = ""  # "", "answered", "lapsed"
    consult: str = ""  # "", PauseKind.THIRD_PARTY, PauseKind.CO_AGENCY
    fee: str = ""  # "", "paid", "unpaid"
    extend: bool = False
    late: bool = False
    review: str = ""  # "", a ReviewKind
    accept: bool = True
    reply_on: dt.date | None = None  # a fixed reply date (carry-over)
    open_consult_since: dt.date | None = None  # current year: a consultation under way
    extra: dict = field(default_factory=dict)


def _next_working(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def _back(day: dt.date, n: int) -> dt.date:
    """The working day ``n`` working days before ``day``."""
    while n > 0:
        day -= dt.timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


class _Demo:
    def __init__(self, district: Organisation, rng: random.Random):
        from gongkai.accounts.models import User
        from gongkai.accounts.roles import Role

        self.district, self.rng = district, rng
        self.region = district.code[2:8]
        self.by_short = {
            o.short_name: o for o in Organisation.objects.filter(district=district, is_active=True)
        }
        office = district.leading_group.office if hasattr(district, "leading_group") else None
        self.coordinator = (
            User.objects.filter(memberships__role=Role.COORDINATOR, memberships__organisation=office)
            .order_by("pk")
            .first()
            if office
            else None
        )
        self.editors = {}
        for user_id, org_id in (
            User.objects.filter(memberships__role=Role.EDITOR, memberships__organisation__district=district)
            .order_by("pk")
            .values_list("pk", "memberships__organisation_id")
        ):
            self.editors.setdefault(org_id, User.objects.get(pk=user_id))
        self.serial = 0

    def fill(self, text: str) -> str:
        r = self.rng
        town, town2 = r.sample(TOWNS, 2)
        return text.format(
            town=town,
            town2=town2,
            street=r.choice(STREETS),
            village=r.choice(VILLAGES),
            road=r.choice(ROADS),
            company=r.choice(COMPANIES),
        )

    def applicant(self, plan: Plan) -> dict:
        r = self.rng
        self.serial += 1
        address = f"郴州市北湖区{r.choice(ROADS)}{r.randrange(1, 300)}号"
        if r.random() < 0.5:
            address += f"{r.randrange(1, 12)}栋{r.randrange(1, 6)}0{r.randrange(1, 4)}室"
        common = {
            "phone": f"1{r.choice('3578')}{r.randrange(0, 10)}{r.randrange(10_000_000, 99_999_999)}",
            "address": address,
            "postcode": "423000",
            "description": self.fill(plan.description),
            "form": r.choice([Form.PAPER, Form.ELECTRONIC, Form.ELECTRONIC]),
            "delivery": r.choice(
                [Delivery.POST, Delivery.ONLINE, Delivery.ONLINE, Delivery.EMAIL, Delivery.COLLECT]
            ),
        }
        if plan.natural:
            birth = dt.date(1950, 1, 1) + dt.timedelta(days=r.randrange(0, 365 * 50))
            body = f"431002{birth:%Y%m%d}{r.randrange(100, 1000)}"
            name = person_name(r)
            return {
                **common,
                "applicant_type": ApplicantType.NATURAL,
                "name": name,
                "id_type": "mainland_id",
                "id_number": body + id_check_digit(body),
                "email": f"user{self.serial}@example.com" if r.random() < 0.4 else "",
            }
        firm, category, code_kind = r.choice(FIRMS)
        return {
            **common,
            "applicant_type": ApplicantType.LEGAL,
            "category": category,
            "name": firm,
            "org_name": firm,
            "uscc": make_uscc(
                800_000 + FIRMS.index((firm, category, code_kind)), region=self.region, category=code_kind
            ),
            "legal_representative": person_name(r),
            "contact_person": person_name(r),
            "email": f"office{self.serial}@example.com",
        }

    def actor_for(self, org: Organisation):
        return self.editors.get(org.pk) or self.coordinator

    def run(self, plan: Plan) -> Application | None:
        r = self.rng
        org = self.by_short.get(plan.department)
        if org is None:
            return None
        actor = self.actor_for(org)
        coordinator = self.coordinator
        gov = self.by_short.get("区政府办")
        routed = plan.extra.get("routed") and gov is not None
        first_org = gov if routed else org
        channel = plan.channel
        app, _code = actions.submit_application(
            organisation=first_org,
            data=self.applicant(plan),
            channel=channel,
            actor=None if channel == Channel.ONLINE else (self.actor_for(first_org)),
            arrived_on=plan.received,
            confirmed_on=plan.received if channel in (Channel.LETTER, Channel.FAX, Channel.EMAIL) else None,
        )
        noon = dt.datetime.combine(plan.received, dt.time(r.randrange(8, 17), r.randrange(0, 60)))
        Application.objects.filter(pk=app.pk).update(submitted_at=timezone.make_aware(noon))
        if routed:
            app = actions.transfer(app, org, actor=coordinator, reason="申请内容属于该部门职责范围，转其办理")
        if not plan.accept:
            return app
        actions.accept(app, actor=actor)
        cursor = plan.received
        if plan.clarify:
            sent = add_working_days(plan.received, r.randrange(1, 6))
            respond_by = add_working_days(sent, 15)
            actions.request_clarification(
                app,
                actor=actor,
                sent_on=sent,
                respond_by=respond_by,
                note="请明确所需信息的名称、文号或者其他特征描述",
            )
            if plan.clarify == "lapsed":
                if plan.outcome:
                    replied = add_working_days(respond_by, r.randrange(1, 4))
                    self.close(app, plan, actor, replied)
                return app
            cursor = add_working_days(sent, r.randrange(2, 10))
            self.end_open_stop(app, actor, cursor)
        if plan.open_consult_since:
            actions.start_consultation(
                app,
                actor=actor,
                kind=PauseKind.THIRD_PARTY,
                party="郴州鑫源矿业有限公司",
                sent_on=plan.open_consult_since,
            )
            return app
        if plan.consult:
            sent = add_working_days(cursor, r.randrange(2, 7))
            party = "北湖区自然资源局" if plan.consult == PauseKind.CO_AGENCY else self.fill("{company}")
            actions.start_consultation(app, actor=actor, kind=plan.consult, party=party, sent_on=sent)
            cursor = add_working_days(sent, r.randrange(5, 16))
            self.end_open_stop(app, actor, cursor)
        if plan.fee:
            notice = add_working_days(cursor, r.randrange(3, 7))
            stop = actions.issue_fee_notice(
                app,
                actor=actor,
                method=FeeMethod.PER_PAGE,
                quantity=r.choice([45, 60, 120]),
                notice_on=notice,
            )
            if plan.fee == "unpaid":
                self.close(app, plan, actor, add_working_days(stop.respond_by, r.randrange(1, 4)))
                return app
            cursor = add_working_days(notice, r.randrange(3, 10))
            self.end_open_stop(app, actor, cursor)
        if plan.extend:
            due = deadlines.deadline_of(app, cursor).due
            on = max(_back(due, r.randrange(1, 4)), cursor)
            actions.extend(
                app,
                actor=coordinator,
                days=r.choice([10, 15, 20]),
                reason="所需信息数量较大，需调取多年档案",
                on=on,
            )
        if plan.outcome is None:
            return app
        due = deadlines.deadline_of(app, cursor).due
        if plan.reply_on:
            replied = plan.reply_on
        elif plan.late:
            replied = add_working_days(due, r.randrange(1, 9))
        else:
            replied = max(_back(due, r.randrange(0, 14)), add_working_days(cursor, 1))
        self.close(app, plan, actor, replied)
        return app

    def end_open_stop(self, app: Application, actor, on: dt.date) -> None:
        stop = app.clock_stops.get(ended_on__isnull=True)
        actions.end_stop(stop, actor=actor, ended_on=on)

    def close(self, app: Application, plan: Plan, actor, replied: dt.date) -> None:
        r = self.rng
        outcome = plan.outcome
        summary = plan.summary or SUMMARIES.get(outcome, "")
        redirect = plan.redirect
        if outcome == Outcome.DISCLOSE and not redirect and r.random() < 0.3:
            redirect = "北湖区人民政府门户网站“政府信息公开”栏目"
        actions.close(
            app, actor=actor, outcome=outcome, replied_on=replied, summary=summary, redirect_to=redirect
        )
        if r.random() < 0.8:
            delivered = add_working_days(replied, r.randrange(0, 4))
            actions.record_delivery(app, actor=actor, delivered_on=delivered, method=app.delivery)
        if plan.review:
            filed = replied + dt.timedelta(days=r.randrange(20, 50))
            body = "北湖区人民政府" if plan.review == ReviewKind.REVIEW else "郴州市北湖区人民法院"
            case = actions.add_review_case(app, actor=actor, kind=plan.review, filed_on=filed, body=body)
            if plan.review == ReviewKind.REVIEW:
                actions.decide_review_case(
                    case,
                    actor=actor,
                    result=ReviewResult.MAINTAINED,
                    decided_on=filed + dt.timedelta(days=55),
                    note="复议机关维持原告知",
                )


def _random_day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    day = start + dt.timedelta(days=rng.randrange(0, (end - start).days + 1))
    day = _next_working(day)
    return day if day <= end else _back(day, 1)


def year_plans(rng: random.Random) -> list[Plan]:
    """Applications of 2018 with the outcomes, stops and carry-over of a realistic year."""
    plans: list[Plan] = []
    jan1, dec31 = dt.date(YEAR, 1, 2), dt.date(YEAR, 11, 20)
    channels = [Channel.ONLINE] * 5 + [Channel.IN_PERSON] * 3 + [Channel.REGISTERED_MAIL] * 2
    channels += [Channel.LETTER, Channel.EMAIL, Channel.FAX]

    def new(department, description, outcome, **kw) -> Plan:
        kw.setdefault("natural", rng.random() < 0.8)
        kw.setdefault("channel", rng.choice(channels))
        kw.setdefault("received", _random_day(rng, jan1, dec31))
        plan = Plan(department, description=description, outcome=outcome, **kw)
        plans.append(plan)
        return plan

    for department, description, outcome, summary, redirect in SPECIAL:
        kw: dict = {"summary": summary, "redirect": redirect}
        if outcome == Outcome.UNABLE_UNCLEAR:
            kw["clarify"] = "answered"
        elif outcome == Outcome.OTHER_NO_CLARIFICATION:
            kw["clarify"] = "lapsed"
        elif outcome == Outcome.OTHER_FEE_UNPAID:
            kw["fee"] = "unpaid"
        elif outcome in (Outcome.WITHHOLD_THIRD_PARTY, Outcome.PARTIAL):
            kw["consult"] = PauseKind.THIRD_PARTY
        elif outcome == Outcome.UNABLE_NOT_HELD:
            kw["extra"] = {"routed": False}
        if outcome == Outcome.NOT_HANDLED_EXCESSIVE:
            kw["natural"] = True
        new(department, description, outcome, **kw)
    # The common run of the year.
    departments = list(TOPICS)
    for i in range(48):
        department = departments[i % len(departments)]
        outcome = rng.choice(COMMON)
        kw = {}
        if i % 9 == 0:
            kw["clarify"] = "answered"
        if i % 11 == 3:
            kw["consult"] = PauseKind.CO_AGENCY
        if i % 13 == 5:
            kw["extend"] = True
        if i % 10 == 7:
            kw["late"] = True
        if i % 17 == 2:
            kw["extra"] = {"routed": True}
        if i == 20:
            kw["fee"] = "paid"
        new(department, rng.choice(TOPICS[department]), outcome, **kw)
    # A review and a lawsuit, on refusals.
    for plan, kind in zip(
        [p for p in plans if p.outcome == Outcome.WITHHOLD_PROCESS][:1]
        + [p for p in plans if p.outcome == Outcome.PARTIAL][:1],
        [ReviewKind.REVIEW, ReviewKind.DIRECT_SUIT],
        strict=False,
    ):
        plan.review = kind
    # Carried in: received in December 2017, answered in January 2018.
    for day in (dt.date(2017, 12, 18), dt.date(2017, 12, 22), dt.date(2017, 12, 27)):
        department = rng.choice(departments)
        new(
            department,
            rng.choice(TOPICS[department]),
            Outcome.DISCLOSE,
            received=day,
            reply_on=dt.date(2018, 1, 15),
        )
    # Carried out: received in December 2018 and answered in January 2019 (still open at the end
    # of 2018, so they count as 结转下年度继续办理; none is left open for years).
    for day, reply in (
        (dt.date(2018, 12, 10), dt.date(2019, 1, 4)),
        (dt.date(2018, 12, 17), dt.date(2019, 1, 10)),
        (dt.date(2018, 12, 24), dt.date(2019, 1, 16)),
        (dt.date(2018, 12, 27), dt.date(2019, 1, 21)),
    ):
        department = rng.choice(departments)
        new(
            department,
            rng.choice(TOPICS[department]),
            Outcome.UNABLE_NOT_HELD if reply and day.day == 17 else (Outcome.DISCLOSE if reply else None),
            received=day,
            reply_on=reply,
        )
    return plans


def current_plans(today: dt.date) -> list[Plan]:
    """Open applications of the current year: overdue, due soon, paused, lapsed, new."""
    return [
        Plan("民政局", _back(today, 25), f"{today.year}年城乡低保提标后的保障标准及资金测算依据", None),
        Plan("住建局", _back(today, 18), "{road}片区房屋征收补偿方案及征收范围红线图", None),
        Plan(
            "生态环境分局",
            _back(today, 10),
            "{company}扩建项目环境影响评价报告书及批复",
            None,
            open_consult_since=_back(today, 4),
        ),
        Plan(
            "财政局", _back(today, 6), f"北湖区{today.year}年区本级财政预算调整方案", None, natural=False
        ),
        Plan("自然资源局", _back(today, 30), "征地的那些文件", None, clarify="lapsed"),
        Plan(
            "教育局",
            _back(today, 1),
            f"{today.year}年秋季学期城区学校学位安排情况",
            None,
            accept=False,
            channel=Channel.IN_PERSON,
        ),
    ]


def load_applications(district: Organisation, *, stdout) -> None:
    if Application.objects.filter(district=district).exists():
        return
    rng = random.Random(f"applications-{district.code}")
    demo = _Demo(district, rng)
    if demo.coordinator is None:
        stdout.write("    依申请公开：没有公开办协调员账号，跳过")
        return
    plans = year_plans(rng)
    today = timezone.localdate()
    current = current_plans(today)
    with transaction.atomic():
        made = [demo.run(plan) for plan in sorted(plans + current, key=lambda p: p.received)]
    made = [a for a in made if a is not None]
    stdout.write(
        f"    依申请公开申请 {len(made)} 件（{YEAR}年收到 {sum(a.received_on.year == YEAR for a in made)} 件，"
        f"本年在办 {len(current)} 件）"
    )


DEMO_STEPS = [DemoStep("applications", 30, load_applications)]
