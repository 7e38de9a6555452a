"""Demo data for the services app: service items and guides of the main departments, and a year
(2018) of service cases generated to the seed's figures.

The seed (北湖区 2018 annual report): "2018年全区网上政务服务平台办理行政审批和便民服务事项40.6万件，
共接待办事群众近5.5万人(次)，满意率100%", and for 卫计局 "公共场所办理卫生许可证327家；医疗机构办理
执业许可证更改地址、法人105家；医疗机构年度校验39家；办理母婴保健服务人员从业资格证195人；分别办理医师、
护士注册240人、836人；独生子女证遗失补证11人；再生育证审批145人 … 群众满意率100%".

``generate_export(district, path, total=406_000)`` writes the year as the provincial platform
would export it (CSV or XLSX): 406,000 cases, 54,860 visits to the hall (近5.5万人次), ratings only
非常满意, 满意 and 基本满意 (满意率 100 %), and for 卫健局 exactly the seed's counts per item.
Every row is a function of its number, so any sample of the rows is the same rows: ``load_demo``
imports every hundredth (4,060 cases, about a second) through the real importer, and
``generate_data --service-cases 406000`` imports the whole year on top, adding the rest and
leaving the sample as it was.

Items and guides are history (bulk, their notices imported as the old site's, published in
January 2018); a few departments' drafts lack elements, and the demo tries to release them through
the real action, which refuses and names what is missing. Live: two cases of this year rated 差评
(one followed up by the education department, one waiting on its to-do list) and a revision of
one guide in draft.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import tempfile
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.lib.registry import DemoStep
from gongkai.lib.synthetic import person_name
from gongkai.orgs.models import Organisation
from gongkai.powers.interface import find_power
from gongkai.services import actions, caseimport, notices
from gongkai.services.models import CaseSource, GuideState, ItemType, ServiceGuide, ServiceItem
from gongkai.workcal.calendar import UnknownCalendarYear, add_working_days, is_working_day

T = ItemType
SEED_TOTAL = 406_000
SEED_VISITS = 54_860  # "近5.5万人(次)"
SAMPLE_EVERY = 100
SOURCE_NAME = "湖南省政务服务平台"
YEAR = 2018

# Department (short name) → [(name, type, basis, promised days, legal days, visits, weight or exact count)].
# A weight is a share of the year's cases; an int above 0 given as ("=", n) is the seed's exact count.
ITEMS: dict[str, list[tuple[str, str, str, int, int, int, object]]] = {
    "卫健局": [
        ("公共场所卫生许可", T.LICENSING, "《公共场所卫生管理条例》第八条", 10, 20, 1, ("=", 327)),
        (
            "医疗机构执业登记（变更地址、法定代表人）",
            T.LICENSING,
            "《医疗机构管理条例》第二十条",
            10,
            20,
            1,
            ("=", 105),
        ),
        ("医疗机构校验", T.OTHER, "《医疗机构管理条例实施细则》第三十五条", 15, 30, 1, ("=", 39)),
        (
            "母婴保健服务人员资格认定",
            T.LICENSING,
            "《中华人民共和国母婴保健法》第三十三条",
            10,
            20,
            1,
            ("=", 195),
        ),
        ("医师执业注册", T.LICENSING, "《中华人民共和国执业医师法》第十三条", 10, 20, 0, ("=", 240)),
        ("护士执业注册", T.LICENSING, "《护士条例》第八条", 10, 20, 0, ("=", 836)),
        (
            "独生子女父母光荣证补办",
            T.PUBLIC_SERVICE,
            "《湖南省人口与计划生育条例》第二十七条",
            3,
            10,
            1,
            ("=", 11),
        ),
        ("再生育审批", T.CONFIRMATION, "《湖南省人口与计划生育条例》第二十条", 10, 30, 1, ("=", 145)),
    ],
    "公安分局": [
        ("户口迁移登记", T.CONFIRMATION, "《中华人民共和国户口登记条例》第十条", 5, 20, 0, 30),
        ("居民身份证换领", T.PUBLIC_SERVICE, "《中华人民共和国居民身份证法》第十一条", 15, 60, 1, 22),
        ("出生登记", T.CONFIRMATION, "《中华人民共和国户口登记条例》第七条", 1, 5, 0, 8),
    ],
    "人社局": [
        ("城乡居民养老保险参保登记", T.PUBLIC_SERVICE, "《中华人民共和国社会保险法》第二十条", 1, 5, 0, 40),
        ("失业保险金申领", T.BENEFIT, "《失业保险条例》第十六条", 5, 20, 0, 12),
        ("就业创业证申领", T.PUBLIC_SERVICE, "《就业服务与就业管理规定》第六十三条", 1, 5, 0, 14),
        ("劳务派遣经营许可", T.LICENSING, "《中华人民共和国劳动合同法》第五十七条", 15, 20, 1, 0.2),
    ],
    "市监局": [
        ("个体工商户设立登记", T.LICENSING, "《个体工商户条例》第八条", 1, 15, 0, 26),
        ("食品经营许可", T.LICENSING, "《中华人民共和国食品安全法》第三十五条", 10, 20, 1, 6),
        ("企业设立登记", T.LICENSING, "《中华人民共和国公司登记管理条例》第三条", 3, 15, 0, 8),
    ],
    "自然资源局": [
        ("不动产登记", T.CONFIRMATION, "《不动产登记暂行条例》第二十条", 10, 30, 1, 36),
        ("建设工程规划许可", T.LICENSING, "《中华人民共和国城乡规划法》第四十条", 15, 20, 1, 0.6),
    ],
    "民政局": [
        ("婚姻登记", T.CONFIRMATION, "《婚姻登记条例》第七条", 0, 0, 1, 9),
        ("最低生活保障审批", T.BENEFIT, "《社会救助暂行办法》第十一条", 20, 30, 1, 7),
        ("社会团体成立登记", T.LICENSING, "《社会团体登记管理条例》第九条", 20, 60, 1, 0.1),
    ],
    "教育局": [
        ("教师资格认定", T.LICENSING, "《教师资格条例》第十三条", 20, 30, 1, 1.5),
        ("民办学校设立审批", T.LICENSING, "《中华人民共和国民办教育促进法》第十二条", 20, 90, 2, 0.05),
        ("义务教育阶段学生转学", T.PUBLIC_SERVICE, "《中华人民共和国义务教育法》第十二条", 5, 10, 1, 2),
    ],
    "住建局": [
        ("建筑工程施工许可", T.LICENSING, "《中华人民共和国建筑法》第七条", 7, 15, 1, 0.5),
        ("商品房预售许可", T.LICENSING, "《城市房地产开发经营管理条例》第二十三条", 10, 20, 1, 0.2),
        ("住房公积金提取", T.PUBLIC_SERVICE, "《住房公积金管理条例》第二十四条", 3, 5, 0, 35),
    ],
    "交通局": [
        ("道路货物运输经营许可", T.LICENSING, "《中华人民共和国道路运输条例》第二十四条", 10, 20, 1, 1),
        (
            "出租汽车驾驶员从业资格注册",
            T.CONFIRMATION,
            "《出租汽车驾驶员从业资格管理规定》第二十一条",
            5,
            20,
            1,
            1.2,
        ),
    ],
    "生态环境分局": [
        (
            "建设项目环境影响报告表审批",
            T.LICENSING,
            "《中华人民共和国环境影响评价法》第二十二条",
            20,
            30,
            1,
            0.02,
        ),
        ("排污许可证核发", T.LICENSING, "《排污许可管理条例》第十条", 20, 30, 1, 0.05),
    ],
    "农业农村局": [
        ("农药经营许可", T.LICENSING, "《农药管理条例》第二十四条", 15, 20, 1, 0.2),
        ("农村村民宅基地审批", T.LICENSING, "《中华人民共和国土地管理法》第六十二条", 20, 30, 1, 1.5),
    ],
}
# Drafts with elements left out, refused when the demo tries to release them.
INCOMPLETE = {
    "城管局": [("城市道路占用挖掘许可", T.LICENSING, "《城市道路管理条例》第三十条", ("fees", "process"))],
    "退役军人局": [
        (
            "退役士兵自主就业一次性经济补助",
            T.BENEFIT,
            "《退役士兵安置条例》第十九条",
            ("materials", "promised_limit_days", "phone"),
        )
    ],
    "林业局": [
        (
            "林木采伐许可",
            T.LICENSING,
            "《中华人民共和国森林法》第五十六条",
            ("location", "hours", "complaint"),
        )
    ],
}
PREFIX = {
    "卫健局": "WJ",
    "公安分局": "GA",
    "人社局": "RS",
    "市监局": "SC",
    "自然资源局": "ZR",
    "民政局": "MZ",
    "教育局": "JY",
    "住建局": "ZJ",
    "交通局": "JT",
    "生态环境分局": "HB",
    "农业农村局": "NY",
    "城管局": "CG",
    "退役军人局": "TY",
    "林业局": "LY",
}
TYPE_CODE = {T.LICENSING: "XK", T.BENEFIT: "JF", T.CONFIRMATION: "QR", T.OTHER: "QT", T.PUBLIC_SERVICE: "GF"}
MATERIALS = {
    T.LICENSING: [
        {"name": "申请书", "originals": 1, "copies": 0, "format": "either", "note": "可在网上填报"},
        {
            "name": "申请人身份证明或营业执照",
            "originals": 1,
            "copies": 1,
            "format": "paper",
            "note": "核原件留复印件",
        },
        {"name": "符合条件的相关证明材料", "originals": 1, "copies": 1, "format": "paper", "note": ""},
    ],
    "default": [
        {"name": "申请表", "originals": 1, "copies": 0, "format": "either", "note": ""},
        {"name": "居民身份证", "originals": 1, "copies": 1, "format": "paper", "note": "核原件留复印件"},
    ],
}


def _guide_values(org: Organisation, type: str, promised: int, legal: int, visits: int) -> dict:
    phone = org.phone or "0735-2222222"
    return {
        "conditions": "符合法律法规规定条件的公民、法人或其他组织，材料齐全、符合法定形式。",
        "materials": MATERIALS.get(type, MATERIALS["default"]),
        "location": f"北湖区政务服务中心{org.short_name}窗口（郴州市北湖区五岭大道）；也可在湖南政务服务网在线申请",
        "hours": "法定工作日 上午9:00—12:00，下午13:30—17:00（夏季14:30—17:30）",
        "fees": "不收费",
        "legal_limit_days": legal,
        "promised_limit_days": promised,
        "visits": visits,
        "process": "申请 → 受理 → 审查 → 决定 → 送达（网上申请的，受理、审查结果通过湖南政务服务网告知）",
        "consultation": f"窗口咨询；电话 {phone}",
        "complaint": "北湖区政务服务中心督查室 0735-2888888；12345政务服务便民热线",
        "phone": phone,
    }


def _items(district: Organisation, stdout) -> list[tuple[ServiceItem, object]]:
    """The items with their released guides (history), and each one's share of the cases."""
    orgs = {
        o.short_name: o for o in Organisation.objects.filter(district=district, short_name__in=list(PREFIX))
    }
    published_at = timezone.make_aware(dt.datetime(YEAR, 1, 15, 10, 0))  # noqa: DTZ001 - made aware here
    made: list[tuple[ServiceItem, object, dict]] = []
    serial: dict[tuple[str, str], int] = {}
    specs = []
    for short, entries in ITEMS.items():
        if short in orgs:
            specs += [(short, *entry) for entry in entries]
    for short in PREFIX:
        if short not in orgs or short not in ITEMS:
            continue
        # The department's first public licensing power, as an item that names it.
        power = find_power(district, f"{PREFIX[short]}-XK-001")
        if (
            power is not None
            and power.in_force
            and not any(s[1] == power.name for s in specs if s[0] == short)
        ):
            specs.append(
                (short, power.name, T.LICENSING, f"见权力清单 {power.code}", 15, 20, 1, 0.05, power.code)
            )
    for spec in specs:
        short, name, type, basis, promised, legal, visits, share = spec[:8]
        power_code = spec[8] if len(spec) > 8 else ""
        org = orgs[short]
        key = (PREFIX[short], TYPE_CODE[type])
        serial[key] = serial.get(key, 0) + 1
        item = ServiceItem(
            district=district,
            code=f"431002-{key[0]}-{key[1]}-{serial[key]:03d}",
            name=name,
            type=type,
            department=org,
            organisation=org,
            basis=basis,
            power_code=power_code,
            created_at=published_at,
        )
        made.append((item, share, _guide_values(org, type, promised, legal, visits)))
    ServiceItem.objects.bulk_create([m[0] for m in made])
    guides = ServiceGuide.objects.bulk_create(
        ServiceGuide(
            item=item,
            version=1,
            state=GuideState.RELEASED,
            released_at=published_at,
            created_at=published_at,
            **values,
        )
        for item, _share, values in made
    )
    for guide in guides:
        guide.item = next(item for item, _s, _v in made if item.pk == guide.item_id)
        notice = notices.import_notice(guide, actor=None, published_at=published_at)
        ServiceGuide.objects.filter(pk=guide.pk).update(notice_item_id=notice.id)
    stdout.write(f"    政务服务事项 {len(made)} 项，办事指南已公开 {len(guides)} 项")
    return [(item, share) for item, share, _v in made]


def _incomplete(district: Organisation, stdout) -> None:
    """Drafts missing elements; releasing them is refused, naming what is missing."""
    from gongkai.accounts.models import User
    from gongkai.accounts.roles import Role

    coordinator = (
        User.objects.filter(memberships__role=Role.COORDINATOR, memberships__organisation__district=district)
        .order_by("pk")
        .first()
    )
    orgs = {
        o.short_name: o
        for o in Organisation.objects.filter(district=district, short_name__in=list(INCOMPLETE))
    }
    if coordinator is None:
        return
    for short, entries in INCOMPLETE.items():
        org = orgs.get(short)
        if org is None:
            continue
        for n, (name, type, basis, left_out) in enumerate(entries, start=1):
            item = actions.create_item(
                actor=coordinator,
                code=f"431002-{PREFIX[short]}-{TYPE_CODE[type]}-{900 + n}",
                name=name,
                type=type,
                department=org,
                organisation=org,
                basis=basis,
            )
            values = {k: v for k, v in _guide_values(org, type, 10, 20, 1).items() if k not in left_out}
            guide = actions.create_guide(item, actor=coordinator, **values)
            try:
                actions.release_guide(guide, actor=coordinator)
            except (ValidationError, PermissionDenied) as exc:  # refused: the missing elements named
                message = "；".join(getattr(exc, "messages", [str(exc)]))
                stdout.write(f"    {name}：{message}")


# --- cases ----------------------------------------------------------------------------------------


class CaseGenerator:
    """The year's cases, each a function of its number (see the module's docstring)."""

    def __init__(
        self, items: list[tuple[ServiceItem, object]], promised: dict[int, int], total: int = SEED_TOTAL
    ):
        rng = random.Random(f"services-{YEAR}")
        exact = [(item, share[1]) for item, share in items if isinstance(share, tuple)]
        weighted = [(item, float(share)) for item, share in items if not isinstance(share, tuple)]
        fixed = sum(n for _i, n in exact)
        rest = total - fixed
        weights = sum(w for _i, w in weighted)
        quotas = [(item, n) for item, n in exact]
        counts = [int(rest * w / weights) for _i, w in weighted]
        counts[max(range(len(counts)), key=lambda i: weighted[i][1])] += rest - sum(counts)
        quotas += [(item, n) for (item, _w), n in zip(weighted, counts, strict=True)]
        self.item_of: list[int] = [index for index, (_item, n) in enumerate(quotas) for _k in range(n)]
        rng.shuffle(self.item_of)
        self.items = [item for item, _n in quotas]
        visits = [1] * (SEED_VISITS - 2 * 1430) + [2] * 1430
        visits += [0] * (total - len(visits))
        rng.shuffle(visits)
        self.visits = visits
        self.promised = promised
        self.days = [d for d in _days(YEAR) if is_working_day(d)]
        self.total = total
        self._due: dict[tuple[dt.date, int], dt.date] = {}

    def _after(self, day: dt.date, n: int) -> dt.date:
        key = (day, n)
        if key not in self._due:
            try:
                self._due[key] = add_working_days(day, n)
            except UnknownCalendarYear:
                self._due[key] = day + dt.timedelta(days=n + n // 5 * 2)
        return self._due[key]

    def row(self, n: int) -> list:
        h = (n * 2654435761 + 97) % 4294967296  # a cheap, fixed scramble of the number
        item = self.items[self.item_of[n]]
        promised = self.promised.get(item.pk, 5)
        received = self.days[h % len(self.days)]
        accepted = received if h % 7 else self._after(received, 1)
        late = h % 1000 < 4  # 0.4 % finished after the promised date
        spent = promised + 1 + h % 3 if late else (h >> 8) % (promised + 1)
        completed = self._after(accepted, spent)
        open_case = completed.year > YEAR and h % 2
        result = "不予" if h % 97 == 0 else ("撤回" if h % 211 == 0 else "准予")
        rated = (h >> 4) % 100 < 68
        level = (h >> 12) % 100
        rating = (
            ("非常满意" if level < 85 else "满意" if level < 97 else "基本满意")
            if rated and not open_case
            else ""
        )
        return [
            f"43100218{n:07d}",
            item.code,
            item.name,
            f"{received.isoformat()} {9 + h % 8:02d}:{h % 60:02d}:00",
            accepted.isoformat(),
            "" if open_case else completed.isoformat(),
            "",
            "" if open_case else result,
            self.visits[n],
            rating,
            "" if not rating else completed.isoformat(),
            "",
            "",
        ]


def _days(year: int) -> list[dt.date]:
    day, out = dt.date(year, 1, 1), []
    while day.year == year:
        out.append(day)
        day += dt.timedelta(days=1)
    return out


HEADER = [caseimport.DEFAULT_HEADERS[name] for name in caseimport.FIELD_NAMES]


def _generator(district: Organisation, total: int = SEED_TOTAL) -> CaseGenerator:
    items = list(ServiceItem.objects.filter(district=district, created_at__year=YEAR).order_by("pk"))
    shares = {}
    for short, entries in ITEMS.items():
        for entry in entries:
            shares[(short, entry[0])] = entry[6]
    promised = dict(ServiceGuide.objects.filter(item__in=items).values_list("item_id", "promised_limit_days"))
    pairs = [(item, shares.get((item.organisation.short_name, item.name), 0.05)) for item in items]
    return CaseGenerator(pairs, promised, total)


def write_export(
    district: Organisation, path: Path, *, every: int = 1, kind: str = "csv", progress=None
) -> int:
    """The year's export (every ``every``-th case), as the provincial platform writes it."""
    gen = _generator(district)
    numbers = range(0, gen.total, every)
    if kind == "csv":
        with open(path, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADER)
            for n in numbers:
                writer.writerow(gen.row(n))
                if progress and n % 10000 == 0:
                    progress(n)
    else:
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("办件")
        sheet.append(HEADER)
        for n in numbers:
            sheet.append(gen.row(n))
            if progress and n % 10000 == 0:
                progress(n)
        book.save(path)
    return len(numbers)


def case_source(district: Organisation) -> CaseSource | None:
    found = CaseSource.objects.filter(district=district, name=SOURCE_NAME).first()
    if found is not None:
        return found
    centre = Organisation.objects.filter(district=district, short_name="政务服务中心").first() or district
    return CaseSource.objects.create(district=district, organisation=centre, name=SOURCE_NAME)


def import_year(
    district: Organisation, *, every: int = SAMPLE_EVERY, kind: str = "csv", stdout=None, progress=None
):
    """Generate the year's export (or a sample) and import it through the real importer."""
    source = case_source(district)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"beihu-{YEAR}-cases.{kind}"
        written = write_export(district, path, every=every, kind=kind)
        run = actions.start_import_from_path(source, path)
        run = actions.run_import(run, path=path, progress=progress)
    if stdout is not None:
        stdout.write(
            f"    办件 {written} 行：新增 {run.created}，更新 {run.updated}，未变 {run.unchanged}，拒收 {run.rejected}"
        )
    return run


def _live(district: Organisation, stdout) -> None:
    """This year's cases with two 差评 (one followed up), and a guide revision in draft."""
    from gongkai.accounts.models import User
    from gongkai.accounts.roles import Role

    edu = Organisation.objects.filter(district=district, short_name="教育局").first()
    editor = (
        User.objects.filter(memberships__role=Role.EDITOR, memberships__organisation=edu)
        .order_by("pk")
        .first()
    )
    coordinator = (
        User.objects.filter(memberships__role=Role.COORDINATOR, memberships__organisation__district=district)
        .order_by("pk")
        .first()
    )
    item = ServiceItem.objects.filter(district=district, organisation=edu, name="教师资格认定").first()
    if editor is None or coordinator is None or item is None:
        return
    today = timezone.localdate()
    rng = random.Random(f"services-live-{district.code}")
    days = [today - dt.timedelta(days=k) for k in (12, 9, 6, 3)]
    rows = []
    for n, day in enumerate(days, start=1):
        bad = n in (2, 3)
        rows.append(
            [
                f"431002{today.year % 100:02d}9{n:06d}",
                item.code,
                item.name,
                day.isoformat(),
                day.isoformat(),
                (day + dt.timedelta(days=2)).isoformat(),
                "",
                "准予",
                "1" if n % 2 else "0",
                "不满意" if n == 2 else ("非常不满意" if n == 3 else "非常满意"),
                (day + dt.timedelta(days=2)).isoformat(),
                person_name(rng) if bad else "",
                f"139{rng.randrange(10**7, 10**8)}" if bad else "",
            ]
        )
    buffer = [HEADER, *rows]
    text = "\n".join(",".join(str(c) for c in row) for row in buffer).encode("utf-8")
    run = actions.start_import(
        case_source(district), actor=coordinator, upload=ContentFile(text, name="live.csv")
    )
    actions.run_import(run)
    case = item.cases.filter(rating="2").first()
    if case is not None:
        actions.record_follow_up(
            case,
            actor=editor,
            kind="callback",
            done_on=min(today, (case.rated_on or today) + dt.timedelta(days=1)),
            note="已电话回访，解释教师资格认定体检要求，申请人表示理解",
        )
    guide = item.guides.filter(state=GuideState.RELEASED).order_by("-version").first()
    if guide is not None:
        draft = actions.revise_guide(guide, actor=editor, note="办理时间调整为全天受理")
        actions.edit_guide(draft, actor=editor, hours="法定工作日 9:00—17:00（中午不休息）")
    stdout.write("    本年办件 4 件（差评 2 件，1 件已回访），教师资格认定办事指南修订草稿 1 份")


def load_services(district: Organisation, *, stdout) -> None:
    if ServiceItem.objects.filter(district=district).exists():
        return
    with transaction.atomic():
        items = _items(district, stdout)
    if not items:
        return
    _incomplete(district, stdout)
    import_year(district, stdout=stdout)
    _live(district, stdout)


DEMO_STEPS = [DemoStep("services", 52, load_services)]
