"""Demo data for the power list: the district's list as first published in 2016, and the seed's
2018 changes.

The seed (北湖区 2018 annual report, 行政权力清单公开情况): 北政发〔2018〕10号 and 北政发〔2018〕26号
"共取消或部分取消28项行政权力、新增22项行政权力、承接4项行政权力、调整12项行政权力". Here 10号
cancels 10, partly cancels 6, adds 22, takes over 4 (from the city) and adjusts 12; 26号 cancels
12 more: ``stats.report_counts(district, 2018)`` reads back 28, 22, 4, 12 (a test holds it).

The powers themselves are synthetic: a dozen or so per department, named from each department's
usual subjects and laws, with plausible articles and the standard responsibility items of their
type. The three documents' notices are information items published on their dates (brought in
as the old site's, through ``notices.import_notice``); all of it is history, written in bulk
without audit events. Then one live batch of this year, recorded through the real actions by the
education department's editor and left as a draft for the demo to release.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from gongkai.lib.registry import DemoStep
from gongkai.orgs.models import Organisation, OrgKind
from gongkai.powers import actions, notices
from gongkai.powers.models import ChangeKind, DocumentState, Power, PowerChange, PowerType, SourceDocument

T = PowerType
TYPE_CODES = {
    T.LICENSING: "XK",
    T.PENALTY: "CF",
    T.ENFORCEMENT: "QZ",
    T.LEVY: "ZS",
    T.BENEFIT: "JF",
    T.INSPECTION: "JC",
    T.CONFIRMATION: "QR",
    T.REWARD: "JL",
    T.ADJUDICATION: "CJ",
    T.OTHER: "QT",
    T.PUBLIC_SERVICE: "GF",
}
# How often each type occurs in a department's list (penalties dominate real lists).
TYPE_WEIGHTS = {
    T.LICENSING: 16,
    T.PENALTY: 30,
    T.ENFORCEMENT: 6,
    T.LEVY: 3,
    T.BENEFIT: 4,
    T.INSPECTION: 12,
    T.CONFIRMATION: 7,
    T.REWARD: 4,
    T.ADJUDICATION: 2,
    T.OTHER: 8,
    T.PUBLIC_SERVICE: 8,
}
NAMES = {
    T.LICENSING: ["{s}许可", "{s}审批", "{s}设立审批", "{s}变更审批"],
    T.PENALTY: ["对{s}违反规定行为的处罚", "对未经许可从事{s}活动的处罚", "对{s}拒不改正违法行为的处罚"],
    T.ENFORCEMENT: ["对{s}违法物品的查封、扣押", "对{s}违法行为的强制执行"],
    T.LEVY: ["{s}相关费用征收"],
    T.BENEFIT: ["{s}补助发放", "{s}补贴发放"],
    T.INSPECTION: ["对{s}的监督检查", "{s}专项检查"],
    T.CONFIRMATION: ["{s}资格认定", "{s}登记"],
    T.REWARD: ["对{s}工作先进单位和个人的表彰奖励"],
    T.ADJUDICATION: ["{s}纠纷裁决"],
    T.OTHER: ["{s}备案", "{s}核准"],
    T.PUBLIC_SERVICE: ["{s}政策咨询服务", "{s}信息查询服务"],
}
DUTIES = {
    T.LICENSING: "1.受理责任：公示应当提交的材料，一次性告知补正材料，依法受理或不予受理。2.审查责任：审查申请材料，"
    "组织现场核查。3.决定责任：作出准予或不予许可的决定，不予许可的说明理由。4.送达责任：制发并送达许可文书。"
    "5.事后监管责任：对被许可人开展监督检查。6.其他法律法规规章文件规定应履行的责任。",
    T.PENALTY: "1.立案责任：对发现的违法行为审查决定是否立案。2.调查责任：全面、客观、公正地调查取证。3.审查责任：审查案件事实、"
    "证据和处罚依据。4.告知责任：告知当事人拟作出处罚的事实、理由、依据和依法享有的权利。5.决定责任：依法作出处罚决定。"
    "6.送达责任：依法送达处罚决定书。7.执行责任：监督当事人履行处罚决定。8.其他法律法规规章文件规定应履行的责任。",
    T.INSPECTION: "1.检查责任：制定检查计划，依法开展检查。2.处置责任：对检查发现的问题依法处置。3.信息公开责任：公开检查结果。"
    "4.其他法律法规规章文件规定应履行的责任。",
}
DUTIES_DEFAULT = (
    "1.受理责任：依法受理申请或启动程序。2.审查责任：审查有关材料和情况。3.决定责任：依法作出决定。4.送达责任：依法送达有关文书。"
    "5.监管责任：加强事中事后监管。6.其他法律法规规章文件规定应履行的责任。"
)

# Department (short name) → (code prefix, laws, subjects)
DEPARTMENTS: dict[str, tuple[str, list[str], list[str]]] = {
    "发改局": (
        "FG",
        ["《中华人民共和国价格法》", "《企业投资项目核准和备案管理条例》", "《中华人民共和国节约能源法》"],
        ["企业投资项目", "固定资产投资项目节能", "涉案财物价格认定", "政府定价收费项目"],
    ),
    "教育局": (
        "JY",
        [
            "《中华人民共和国教育法》",
            "《中华人民共和国民办教育促进法》",
            "《教师资格条例》",
            "《校车安全管理条例》",
        ],
        ["民办学校", "教师资格", "校车使用", "校外培训机构", "适龄儿童入学"],
    ),
    "人社局": (
        "RS",
        [
            "《中华人民共和国劳动合同法》",
            "《中华人民共和国社会保险法》",
            "《劳动保障监察条例》",
            "《人力资源市场暂行条例》",
        ],
        ["劳务派遣经营", "用人单位工资支付", "社会保险登记", "人力资源服务机构", "职业技能培训机构"],
    ),
    "财政局": (
        "CZ",
        ["《中华人民共和国会计法》", "《中华人民共和国政府采购法》", "《财政违法行为处罚处分条例》"],
        ["代理记账机构", "政府采购代理机构", "财政票据使用", "政府采购供应商"],
    ),
    "公安分局": (
        "GA",
        [
            "《中华人民共和国治安管理处罚法》",
            "《中华人民共和国道路交通安全法》",
            "《中华人民共和国居民身份证法》",
            "《旅馆业治安管理办法》",
        ],
        ["旅馆业", "大型群众性活动", "机动车驾驶人", "公章刻制业", "居民户口"],
    ),
    "民政局": (
        "MZ",
        [
            "《社会团体登记管理条例》",
            "《民办非企业单位登记管理暂行条例》",
            "《社会救助暂行办法》",
            "《殡葬管理条例》",
        ],
        ["社会团体", "民办非企业单位", "最低生活保障", "养老机构", "殡葬服务"],
    ),
    "司法局": (
        "SF",
        ["《中华人民共和国律师法》", "《法律援助条例》", "《人民调解法》"],
        ["法律援助", "基层法律服务所", "人民调解", "律师事务所"],
    ),
    "住建局": (
        "ZJ",
        [
            "《中华人民共和国建筑法》",
            "《建设工程质量管理条例》",
            "《城市房地产开发经营管理条例》",
            "《物业管理条例》",
        ],
        ["建筑工程施工", "房地产开发企业", "商品房预售", "物业服务企业", "建设工程质量"],
    ),
    "交通局": (
        "JT",
        ["《中华人民共和国公路法》", "《中华人民共和国道路运输条例》", "《农村公路建设管理办法》"],
        ["道路运输经营", "公路超限运输", "出租汽车经营", "机动车维修经营"],
    ),
    "农业农村局": (
        "NY",
        [
            "《中华人民共和国种子法》",
            "《农药管理条例》",
            "《中华人民共和国动物防疫法》",
            "《中华人民共和国农村土地承包法》",
        ],
        ["农作物种子生产经营", "农药经营", "动物防疫条件", "兽药经营", "农村土地承包经营"],
    ),
    "水利局": (
        "SL",
        [
            "《中华人民共和国水法》",
            "《中华人民共和国防洪法》",
            "《取水许可和水资源费征收管理条例》",
            "《中华人民共和国水土保持法》",
        ],
        ["取水", "河道管理范围内建设项目", "水土保持方案", "水利工程"],
    ),
    "商务局": (
        "SW",
        ["《中华人民共和国对外贸易法》", "《单用途商业预付卡管理办法（试行）》", "《成品油市场管理办法》"],
        ["对外贸易经营者", "单用途商业预付卡", "成品油零售经营", "再生资源回收"],
    ),
    "文旅广体局": (
        "WL",
        [
            "《娱乐场所管理条例》",
            "《营业性演出管理条例》",
            "《互联网上网服务营业场所管理条例》",
            "《中华人民共和国体育法》",
        ],
        ["娱乐场所", "营业性演出", "互联网上网服务营业场所", "高危险性体育项目", "文物保护单位"],
    ),
    "卫健局": (
        "WJ",
        [
            "《中华人民共和国执业医师法》",
            "《医疗机构管理条例》",
            "《公共场所卫生管理条例》",
            "《中华人民共和国母婴保健法》",
        ],
        ["医疗机构执业", "公共场所卫生", "母婴保健技术服务", "医师执业", "放射诊疗"],
    ),
    "应急局": (
        "YJ",
        ["《中华人民共和国安全生产法》", "《危险化学品安全管理条例》", "《烟花爆竹安全管理条例》"],
        ["危险化学品经营", "烟花爆竹经营", "生产经营单位安全生产", "非煤矿山"],
    ),
    "市监局": (
        "SC",
        [
            "《中华人民共和国食品安全法》",
            "《中华人民共和国产品质量法》",
            "《中华人民共和国药品管理法》",
            "《特种设备安全监察条例》",
        ],
        ["食品经营", "药品零售", "特种设备使用", "企业登记", "计量器具"],
    ),
    "审计局": (
        "AU",
        ["《中华人民共和国审计法》", "《中华人民共和国审计法实施条例》"],
        ["政府投资项目", "财政收支", "国有企业财务收支"],
    ),
    "统计局": (
        "TJ",
        ["《中华人民共和国统计法》", "《中华人民共和国统计法实施条例》"],
        ["统计调查", "统计数据质量", "统计从业"],
    ),
    "城管局": (
        "CG",
        ["《城市市容和环境卫生管理条例》", "《城市道路管理条例》", "《城镇排水与污水处理条例》"],
        ["城市道路占用", "户外广告设置", "建筑垃圾处置", "城镇污水排入排水管网", "城市绿地"],
    ),
    "自然资源局": (
        "ZR",
        [
            "《中华人民共和国土地管理法》",
            "《中华人民共和国城乡规划法》",
            "《中华人民共和国矿产资源法》",
            "《不动产登记暂行条例》",
        ],
        ["建设用地", "建设工程规划", "采矿", "不动产登记", "临时用地"],
    ),
    "生态环境分局": (
        "HB",
        [
            "《中华人民共和国环境保护法》",
            "《中华人民共和国环境影响评价法》",
            "《中华人民共和国大气污染防治法》",
            "《排污许可管理条例》",
        ],
        ["建设项目环境影响评价", "排污", "危险废物经营", "辐射安全"],
    ),
    "林业局": (
        "LY",
        ["《中华人民共和国森林法》", "《中华人民共和国野生动物保护法》", "《森林防火条例》"],
        ["林木采伐", "林地占用", "野生动物驯养繁殖", "森林防火"],
    ),
    "退役军人局": (
        "TY",
        ["《退役军人保障法》", "《军人抚恤优待条例》"],
        ["退役士兵安置", "优抚对象", "烈士褒扬"],
    ),
}
NUMERALS = "零一二三四五六七八九"

BASELINE_DOC = (
    "北政发〔2016〕15号",
    "郴州市北湖区人民政府关于公布区级政府部门权力清单和责任清单的通知",
    dt.date(2016, 6, 30),
)
DOC_10 = (
    "北政发〔2018〕10号",
    "郴州市北湖区人民政府关于取消新增承接调整一批行政权力事项的通知",
    dt.date(2018, 4, 20),
)
DOC_26 = ("北政发〔2018〕26号", "郴州市北湖区人民政府关于取消一批行政权力事项的通知", dt.date(2018, 9, 25))
# The seed's 2018 figures, split between the two documents.
CANCEL_10, PARTIAL_10, ADD_10, TAKE_OVER_10, ADJUST_10, CANCEL_26 = 10, 6, 22, 4, 12, 12


def article(n: int) -> str:
    """第十二条 for 12 (articles up to 99)."""
    tens, ones = divmod(n, 10)
    text = (NUMERALS[tens] if tens > 1 else "") + ("十" if tens else "") + (NUMERALS[ones] if ones else "")
    return f"第{text}条"


class _Generator:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.serials: dict[tuple[str, str], int] = {}
        self.names: set[str] = set()

    def power(self, short: str, *, type: str | None = None, name: str = "") -> dict:
        prefix, laws, subjects = DEPARTMENTS[short]
        rng = self.rng
        for _attempt in range(50):
            kind = type or rng.choices(list(TYPE_WEIGHTS), weights=list(TYPE_WEIGHTS.values()))[0]
            candidate = name or rng.choice(NAMES[kind]).format(s=rng.choice(subjects))
            if candidate not in self.names:
                break
            name = ""
        self.names.add(candidate)
        key = (prefix, TYPE_CODES[kind])
        self.serials[key] = self.serials.get(key, 0) + 1
        return {
            "code": f"{prefix}-{TYPE_CODES[kind]}-{self.serials[key]:03d}",
            "name": candidate,
            "type": kind,
            "basis": self.basis(laws),
            "responsibilities": DUTIES.get(kind, DUTIES_DEFAULT),
        }

    def basis(self, laws: list[str]) -> str:
        first, *rest = self.rng.sample(laws, k=min(len(laws), self.rng.choice([1, 1, 2])))
        parts = [f"{first}{article(self.rng.randrange(5, 80))}"] + [
            f"{law}{article(self.rng.randrange(5, 80))}" for law in rest
        ]
        return "；".join(parts)


def _publisher(district: Organisation) -> Organisation:
    """Who publishes the government's documents: the government office, else the district."""
    return (
        Organisation.objects.filter(district=district, kind=OrgKind.DEPARTMENT, short_name="区政府办").first()
        or district
    )


def _document(district, organisation, spec) -> SourceDocument:
    number, title, issued_on = spec
    return SourceDocument.objects.create(
        district=district,
        organisation=organisation,
        number=number,
        title=title,
        issued_on=issued_on,
        state=DocumentState.RELEASED,
        released_at=timezone.make_aware(dt.datetime.combine(issued_on, dt.time(17, 0))),
    )


def _publish(document: SourceDocument) -> None:
    """The notice the old site published the next working morning, imported as published."""
    day = document.issued_on + dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    notice = notices.import_notice(
        document, actor=None, published_at=timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
    )
    SourceDocument.objects.filter(pk=document.pk).update(notice_item_id=notice.id)


def _change(
    power: Power, document: SourceDocument, kind: str, attrs: dict, organisation, note: str = ""
) -> PowerChange:
    return PowerChange(
        power=power,
        document=document,
        kind=kind,
        effective_on=document.issued_on,
        name=attrs["name"],
        type=attrs["type"],
        basis=attrs["basis"],
        organisation=organisation,
        responsibilities=attrs["responsibilities"],
        note=note,
    )


@transaction.atomic
def _history(district: Organisation, stdout) -> None:
    rng = random.Random(f"powers-{district.code}")
    departments = {
        o.short_name: o
        for o in Organisation.objects.filter(district=district, short_name__in=list(DEPARTMENTS))
    }
    if not departments:
        return
    gen = _Generator(rng)
    publisher = _publisher(district)

    # 2016: the list as first published.
    baseline = _document(district, publisher, BASELINE_DOC)
    listed: list[tuple[Power, dict, Organisation]] = []
    for short, org in departments.items():
        for _n in range(rng.randrange(9, 17)):
            attrs = gen.power(short)
            listed.append((Power(district=district, code=attrs["code"]), attrs, org))
    Power.objects.bulk_create([p for p, _a, _o in listed])
    PowerChange.objects.bulk_create(_change(p, baseline, ChangeKind.BASELINE, a, o) for p, a, o in listed)

    # 2018: 北政发〔2018〕10号 and 〔2018〕26号.
    doc_10, doc_26 = _document(district, publisher, DOC_10), _document(district, publisher, DOC_26)
    picked = rng.sample(listed, CANCEL_10 + PARTIAL_10 + ADJUST_10 + CANCEL_26)
    cancel_10, rest = picked[:CANCEL_10], picked[CANCEL_10:]
    partial_10, rest = rest[:PARTIAL_10], rest[PARTIAL_10:]
    adjust_10, cancel_26 = rest[:ADJUST_10], rest[ADJUST_10:]
    changes = [
        _change(p, doc_10, ChangeKind.CANCEL, a, o, "上级已取消该事项，本级不再实施") for p, a, o in cancel_10
    ]
    for p, a, o in partial_10:
        changes.append(
            _change(
                p, doc_10, ChangeKind.PARTIAL_CANCEL, a, o, "取消其中对一般情形的审查，保留对重大情形的审查"
            )
        )
    for p, a, o in adjust_10:
        law = DEPARTMENTS[o.short_name][1][0]
        adjusted = {**a, "basis": a["basis"] + f"；{law}（2018年修正）{article(rng.randrange(5, 80))}"}
        changes.append(_change(p, doc_10, ChangeKind.ADJUST, adjusted, o, "依据法律修正调整设定依据"))
    changes += [_change(p, doc_26, ChangeKind.CANCEL, a, o, "根据上级决定取消") for p, a, o in cancel_26]
    new: list[tuple[Power, dict, Organisation, str, str]] = []
    shorts = list(departments)
    for n in range(ADD_10 + TAKE_OVER_10):
        short = shorts[rng.randrange(len(shorts))]
        attrs = gen.power(short)
        if n < ADD_10:
            new.append(
                (
                    Power(district=district, code=attrs["code"]),
                    attrs,
                    departments[short],
                    ChangeKind.ADD,
                    "依据新修订的法律法规新增",
                )
            )
        else:
            attrs["name"] += "（市级下放）"
            new.append(
                (
                    Power(district=district, code=attrs["code"]),
                    attrs,
                    departments[short],
                    ChangeKind.TAKE_OVER,
                    "承接郴州市人民政府下放的行政权力事项",
                )
            )
    Power.objects.bulk_create([p for p, *_rest in new])
    changes += [_change(p, doc_10, kind, a, o, note) for p, a, o, kind, note in new]
    PowerChange.objects.bulk_create(changes)

    for document in (baseline, doc_10, doc_26):
        _publish(document)
    stdout.write(f"    行政权力清单 {len(listed)} 项（2016年公布），2018年变更 {len(changes)} 项")


def _live_batch(district: Organisation) -> None:
    """This year's draft of the education department, recorded through the actions."""
    from gongkai.accounts.models import User
    from gongkai.accounts.roles import Role

    edu = Organisation.objects.filter(district=district, short_name="教育局").first()
    editor = (
        User.objects.filter(memberships__role=Role.EDITOR, memberships__organisation=edu)
        .order_by("pk")
        .first()
        if edu
        else None
    )
    if editor is None:
        return
    today = timezone.localdate()
    document = actions.create_document(
        actor=editor,
        organisation=edu,
        number=f"北教发〔{today.year}〕8号",
        title="北湖区教育局关于调整本部门权责清单部分事项的公告（经区人民政府同意）",
        issued_on=today,
    )
    in_force = (
        PowerChange.objects.filter(organisation=edu, power__district=district)
        .exclude(kind=ChangeKind.CANCEL)
        .select_related("power")
        .order_by("power__code")
    )
    target = next(
        (c for c in in_force if not c.power.changes.filter(effective_on__gt=c.effective_on).exists()), None
    )
    if target is not None:
        actions.record_change(
            document,
            actor=editor,
            code=target.power.code,
            kind=ChangeKind.ADJUST,
            responsibilities=target.responsibilities + "7.信息公开责任：在门户网站公开办理结果。",
            note="增加信息公开责任",
        )
    actions.record_change(
        document,
        actor=editor,
        code="JY-GF-901",
        kind=ChangeKind.ADD,
        name="义务教育阶段入学政策咨询服务",
        type=PowerType.PUBLIC_SERVICE,
        basis="《中华人民共和国义务教育法》第十二条",
        organisation=edu,
        responsibilities=DUTIES_DEFAULT,
        note="新增公共服务事项",
    )


def load_powers(district: Organisation, *, stdout) -> None:
    if SourceDocument.objects.filter(district=district).exists():
        return
    _history(district, stdout)
    _live_batch(district)


DEMO_STEPS = [DemoStep("powers", 50, load_powers)]
