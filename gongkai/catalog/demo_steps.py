"""Demo data for proactive disclosure: the seed's 11,908 items of 2018 in its columns, spread over
the year and the departments, some 2019 items, and a few items in every workflow state."""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo
from collections import Counter, defaultdict

from django.db import connection, transaction
from django.db.models import Max, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from gongkai.catalog import actions, search
from gongkai.catalog.demo_text import body_for, title_for
from gongkai.catalog.models import (
    Column,
    DocKind,
    IndexCounter,
    Item,
    SearchEntry,
    SearchQuery,
    State,
    Topic,
    Validity,
    Version,
    ViewDay,
)
from gongkai.catalog.sanitize import clean_html
from gongkai.lib.registry import DemoStep
from gongkai.orgs.models import Organisation, OrgKind

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")

# The seed report's 2018 counts per category, spread over our columns. The categories add up to 12,557
# while the report's total is 11,908 (its shares are taken of 11,908: 6,143 ÷ 11,908 = 51.59 %): an item
# may stand in two categories. Here 649 work-news items (工作动态) are also special reports (专题报道,
# ``ALSO_2018``), so 专题报道 counts 1,079 items of its own plus those 649, and the distinct total is
# 12,557 − 649 = 11,908 while every category keeps the seed's count.
SEED_2018: dict[str, int] = {
    # 政务动态、应急管理 6143
    "gzdt": 5100,
    "tzgg": 800,
    "yjgl": 243,
    # 专题报道 1728
    "ztbd": 1728 - 649,
    # 政策法规 291
    "gz": 2,
    "gfxwj": 38,
    "qtwj": 205,
    "zcjd": 46,
    # 人事任免 16, 规划计划 229, 机构设置 35
    "rsrm": 16,
    "ghjh": 229,
    "jgsz": 35,
    # 其他 4115
    "ys": 83,
    "js": 83,
    "sgjf": 166,  # the 三公 budgets and final accounts of the district and its 82 units
    "tjxx": 60,
    "xzxk": 520,
    "xzcf": 260,
    "xzsf": 24,
    "zfcg": 205,
    "zdxm": 40,
    "shjz": 410,
    "fpgz": 300,
    "jyxx": 247,
    "ylws": 360,
    "jycy": 772,
    "hjbh": 180,
    "spyp": 110,
    "aqsc": 150,
    "gwyzk": 44,
    "zdfw": 53,
    "msbz": 8,
    "qt": 40,
    "ndbg": 0,
}
# The 2018 items the other demo steps publish themselves, per column: the catalog's demo leaves room
# for them, so that every category and the total stay the seed's (gongkai/demo/tests asserts the
# 2018 annual report of the full demo against the seed). A step that publishes more 2018 items in a
# column adds them here.
OTHER_STEPS_2018: dict[str, int] = {
    "qtwj": 2,  # powers: 北政发〔2018〕10号 and 〔2018〕26号
    # publicity: its 67 lists and notices of 2018
    "fpgz": 2,
    "msbz": 8,
    "shjz": 24,
    "zdfw": 28,
    "zdxm": 5,
    # decisions: the 双公示 weekly batches of 2018
    "xzxk": 271,
    "xzcf": 129,
    # finance: the district's and the 82 budget units' 2018 budgets, 2017 final accounts and their 三公
    "ys": 83,
    "js": 83,
    "sgjf": 166,
    # procurement: the result notices of the seed's 205 projects
    "zfcg": 205,
}


def catalog_share_2018(slug: str) -> int:
    """The 2018 items of a column the catalog's demo publishes itself: the seed's less the others'."""
    return SEED_2018.get(slug, 0) - OTHER_STEPS_2018.get(slug, 0)
# (column, also in column, items): 2018 items of the first column also published in the second.
ALSO_2018: list[tuple[str, str, int]] = [("gzdt", "ztbd", 649)]
ITEMS_2019 = 320
TOPIC_BY_COLUMN = {
    "gzdt": "综合政务",
    "tzgg": "综合政务",
    "yjgl": "公安、安全、司法",
    "ztbd": "综合政务",
    "gz": "综合政务",
    "gfxwj": "综合政务",
    "qtwj": "综合政务",
    "zcjd": "综合政务",
    "rsrm": "劳动、人事、监察",
    "ghjh": "国民经济管理、国有资产监管",
    "jgsz": "国务院组织机构",
    "ys": "财政、金融、审计",
    "js": "财政、金融、审计",
    "sgjf": "财政、金融、审计",
    "tjxx": "国民经济管理、国有资产监管",
    "xzxk": "综合政务",
    "xzcf": "公安、安全、司法",
    "xzsf": "财政、金融、审计",
    "zfcg": "财政、金融、审计",
    "zdxm": "城乡建设、环境保护",
    "shjz": "民政、扶贫、救灾",
    "fpgz": "民政、扶贫、救灾",
    "jyxx": "科技、教育",
    "ylws": "卫生、体育",
    "jycy": "劳动、人事、监察",
    "hjbh": "城乡建设、环境保护",
    "spyp": "市场监管、安全生产监管",
    "aqsc": "市场监管、安全生产监管",
    "gwyzk": "劳动、人事、监察",
    "zdfw": "城乡建设、环境保护",
    "qt": "其他",
    "ndbg": "综合政务",
}
# Which departments publish in which columns (by short name); others fall back to any department.
PUBLISHERS = {
    "shjz": ["民政局"],
    "fpgz": ["扶贫办", "农业农村局"],
    "jyxx": ["教育局"],
    "ylws": ["卫健局"],
    "jycy": ["人社局"],
    "hjbh": ["生态环境分局"],
    "spyp": ["市监局"],
    "aqsc": ["应急局"],
    "zfcg": ["财政局", "政务服务中心"],
    "ys": ["财政局"],
    "js": ["财政局"],
    "sgjf": ["财政局"],
    "tjxx": ["统计局"],
    "zdfw": ["住建局", "自然资源局"],
    "gz": ["区政府办"],
    "gfxwj": ["区政府办"],
    "rsrm": ["区政府办"],
    "ghjh": ["发改局"],
    "xzcf": ["市监局", "城管局"],
    "yjgl": ["应急局"],
    "gwyzk": ["人社局"],
}


def _working_moment(rng: random.Random, year: int, start_month: int = 1, end_month: int = 12) -> dt.datetime:
    while True:
        day = dt.date(year, start_month, 1) + dt.timedelta(
            days=rng.randrange(0, 31 * (end_month - start_month + 1))
        )
        if day.year == year and day.month <= end_month and day.weekday() < 5:
            return dt.datetime(
                year, day.month, day.day, rng.randrange(8, 18), rng.randrange(0, 60), tzinfo=TZ
            )


def load_catalog(district: Organisation, *, stdout) -> None:
    if Item.objects.filter(district=district).exists():
        return
    rng = random.Random(f"catalog-{district.code}")
    columns = {c.slug: c for c in Column.objects.filter(district=district)}
    topics = {t.name: t for t in Topic.objects.all()}
    departments = list(
        Organisation.objects.filter(
            district=district, kind__in=[OrgKind.DEPARTMENT, OrgKind.TOWN, OrgKind.STREET]
        )
    )
    by_short = {o.short_name: o for o in departments}
    plan: list[tuple[str, int]] = [(slug, 2018) for slug in SEED_2018 for _ in range(catalog_share_2018(slug))]
    plan += [(rng.choice(["gzdt", "tzgg", "ztbd", "shjz", "jycy", "zfcg"]), 2019) for _ in range(ITEMS_2019)]
    rng.shuffle(plan)
    _bulk_publish(district, plan, columns, topics, departments, by_short, rng, stdout)
    _workflow_examples(district, columns, by_short, rng)


@transaction.atomic
def _bulk_publish(district, plan, columns, topics, departments, by_short, rng, stdout) -> None:
    serials: dict[tuple[int, int], int] = defaultdict(int)
    rows = []
    for slug, year in plan:
        names = PUBLISHERS.get(slug)
        org = by_short.get(rng.choice(names)) if names else None
        org = org or rng.choice(departments)
        moment = _working_moment(rng, year, 1, 3 if year == 2019 else 12)
        serials[(org.pk, year)] += 1
        title = title_for(slug, org.short_name, rng, year=year)
        rows.append((slug, org, moment, f"{org.code}/{year}-{serials[(org.pk, year)]:05d}", title))
    rows.sort(key=lambda r: r[2])
    items = Item.objects.bulk_create(
        [
            Item(
                district=district,
                organisation=org,
                index_no=index_no,
                first_published_at=moment,
                created_at=moment,
                view_count=rng.randrange(3, 400),
            )
            for slug, org, moment, index_no, title in rows
        ],
        batch_size=1000,
    )
    versions = []
    doc_serial = 0
    for item, (slug, _org, moment, _index_no, title) in zip(items, rows, strict=True):
        kind, validity, doc_number = DocKind.INFORMATION, "", ""
        if slug in ("gz", "gfxwj"):
            doc_serial += 1
            kind = DocKind.RULE if slug == "gz" else DocKind.NORMATIVE
            validity = Validity.REPEALED if doc_serial % 9 == 0 else Validity.VALID
            doc_number = f"北政发〔{moment.year}〕{doc_serial}号"
        elif slug == "qtwj":
            kind, doc_number = DocKind.OTHER_DOCUMENT, f"北政办函〔{moment.year}〕{rng.randrange(1, 200)}号"
        versions.append(
            Version(
                item=item,
                number=1,
                state=State.PUBLISHED,
                column=columns[slug],
                topic=topics.get(TOPIC_BY_COLUMN[slug]),
                title=title[:300],
                doc_number=doc_number,
                doc_kind=kind,
                written_date=(moment - dt.timedelta(days=rng.randrange(0, 10))).date(),
                validity=validity,
                repealed_date=moment.date() + dt.timedelta(days=200)
                if validity == Validity.REPEALED
                else None,
                keywords="",
                summary="",
                body=clean_html(body_for(title, rng)),
                published_at=moment,
                created_at=moment,
            )
        )
    Version.objects.bulk_create(versions, batch_size=1000)
    also = Version.also_columns.through
    links = []
    for slug, also_slug, n in ALSO_2018:
        chosen = [v for v in versions if v.column.slug == slug and v.published_at.year == 2018][:n]
        links += [also(version_id=v.pk, column_id=columns[also_slug].pk) for v in chosen]
    also.objects.bulk_create(links, batch_size=1000)
    Item.objects.filter(district=district, live__isnull=True).update(
        live=Subquery(Version.objects.filter(item=OuterRef("pk"), number=1).values("pk")[:1])
    )
    # interpretations point at normative documents
    normative = [v.item for v in versions if v.doc_kind == DocKind.NORMATIVE]
    interpretations = [v for v in versions if v.column.slug == "zcjd"]
    for v in interpretations:
        v.interprets = rng.choice(normative)
    Version.objects.bulk_update(interpretations, ["interprets"])
    entries = [
        SearchEntry(item=item, **search.entry_fields(item, version))
        for item, version in zip(items, versions, strict=True)
    ]
    SearchEntry.objects.bulk_create(entries, batch_size=1000)
    search.changed([item.pk for item in items])  # the index follows after the commit
    for (org_id, year), last in serials.items():
        IndexCounter.objects.update_or_create(organisation_id=org_id, year=year, defaults={"last": last})
    stdout.write(f"    主动公开信息 {len(items)} 条（2018年 {sum(1 for r in rows if r[2].year == 2018)} 条）")


def _workflow_examples(district, columns, by_short, rng) -> None:
    """A few items in every state, made through the real actions so the audit trail shows them."""
    from gongkai.accounts.models import User
    from gongkai.accounts.roles import Role

    edu = by_short["教育局"]

    def holder(role: str, org) -> User | None:
        return (
            User.objects.filter(memberships__role=role, memberships__organisation=org).order_by("pk").first()
        )

    office_org = district.leading_group.office if hasattr(district, "leading_group") else None
    editor, reviewer, leader = holder(Role.EDITOR, edu), holder(Role.REVIEWER, edu), holder(Role.LEADER, edu)
    office = holder(Role.COORDINATOR, office_org) if office_org else None
    if not all([editor, reviewer, leader, office]):
        return

    def new(title: str, slug: str = "tzgg", **extra) -> Version:
        return actions.create_item(
            actor=editor,
            organisation=edu,
            column=columns[slug],
            title=title,
            body=body_for(title, rng),
            **extra,
        )

    new("关于2019年秋季学期义务教育阶段招生入学工作的通知（草稿）")
    new("教育局关于做好校园安全工作的通知（草稿）")
    actions.submit(new("关于公布2019年教师资格认定结果的公告"), actor=editor)
    v = new("教育局2019年部门预算公开说明", slug="ys")
    actions.submit(v, actor=editor)
    actions.review(v, actor=reviewer, passed=True)
    v = new("关于举办全区中小学生运动会的通知")
    actions.submit(v, actor=editor)
    actions.review(v, actor=reviewer, passed=False, reason="附件名单中含有学生身份证号码，请脱敏后重新提交")
    v = new("关于2027年寒假放假安排的通知", scheduled_at=dt.datetime(2027, 1, 4, 9, 0, tzinfo=TZ))
    actions.submit(v, actor=editor)
    actions.review(v, actor=reviewer, passed=True)
    actions.approve(v, actor=leader, approved=True)
    v = new("关于义务教育阶段学校划片招生范围的通告")
    actions.submit(v, actor=editor)
    actions.review(v, actor=reviewer, passed=True)
    actions.approve(v, actor=leader, approved=True)
    correction = actions.start_correction(v.item, actor=editor)
    actions.update_draft(correction, actor=editor, title="关于义务教育阶段学校划片招生范围的通告（更正）")
    actions.submit(correction, actor=editor)
    actions.review(correction, actor=reviewer, passed=True)
    actions.approve(correction, actor=leader, approved=True)
    v = new("关于调整部分学校作息时间的通知")
    actions.submit(v, actor=editor)
    actions.review(v, actor=reviewer, passed=True)
    actions.approve(v, actor=leader, approved=True)
    actions.withdraw(v.item, actor=office, reason="通知内容已被新文件替代", public_notice=True)
    search.index_item(Item.objects.get(pk=v.item_id))
    _supervision_cases(district, columns, edu, withdrawn=v.item_id)
    assert Item.objects.aggregate(Max("pk"))["pk__max"]


def _supervision_cases(district, columns, edu, *, withdrawn: int) -> None:
    """What the supervision checks should find in a lived-in catalog: a normative document
    published ten days ago with no interpretation (政策解读 "三同步"), and last week's news linking
    to the notice that was just withdrawn and to an address the old site had (links that no
    longer resolve). Published as the import does, on their own days."""
    today = timezone.localdate()

    def moment(days_ago: int) -> dt.datetime:
        day = today - dt.timedelta(days=days_ago)
        return dt.datetime(day.year, day.month, day.day, 10, 0, tzinfo=TZ)

    records = []
    if "gfxwj" in columns:
        records.append(
            {
                "title": "北湖区教育局关于进一步规范校外培训机构管理的通知",
                "organisation": edu,
                "column": columns["gfxwj"],
                "published_at": moment(10),
                "doc_kind": DocKind.NORMATIVE,
                "doc_number": f"北教发〔{today.year}〕3号",
                "written_date": today - dt.timedelta(days=14),
                "validity": Validity.VALID,
                "body": "<p>各中小学校、各校外培训机构：为进一步规范校外培训机构办学行为，现就有关事项通知如下。</p>",
            }
        )
    if "gzdt" in columns:
        records.append(
            {
                "title": "区教育局召开作息时间调整工作部署会",
                "organisation": edu,
                "column": columns["gzdt"],
                "published_at": moment(5),
                "body": (
                    f'<p>会议传达了<a href="/xxgk/xx/{withdrawn}/">《关于调整部分学校作息时间的通知》</a>的要求，'
                    '详见<a href="/xxgk/jyj/2018/zxsj.html">原网站专题</a>。</p>'
                ),
            }
        )
    if records:
        actions.import_items(records, district, source="演示：督查检查的例子")


# --- a year of the portal's readers: views per item and day, and searches ------------------------
#
# The participation analytics (gongkai/analytics) chart them. The year ends yesterday, so that
# its page shows a full year by default. A plausible year: a few items read much, most rarely
# (popularity heavy-tailed, and by column: policies, notices and personnel read more than work
# news), weekends and the long holidays quieter, an item read only once published. Searches
# cluster on a few needs; some find nothing (what the portal lacks, or words it does not use).

VIEWS_PER_WORKDAY = 900
COLUMN_INTEREST = {"zcjd": 4.0, "tzgg": 3.0, "rsrm": 3.0, "gfxwj": 3.0, "zfcg": 2.0, "shjz": 2.5, "jycy": 2.5}
SEARCHES_PER_WORKDAY = 36
FOUND = ["低保", "社保", "医保报销", "公租房", "征收补偿", "招聘", "教师招聘", "预算", "政府采购", "营业执照",
         "学区划分", "养老保险", "残疾人补贴", "拆迁", "人事任免", "行政处罚", "三公经费", "年度报告"]
NOT_FOUND = ["电动车上牌", "公积金提取", "核酸检测点", "摇号结果查询", "办事大厅几点下班", "违章停车罚款查询",
             "老旧小区改造名单2025", "查询 430102199001011234", "13907351234 投诉"]


def _insert(model, fields: list[str], rows: list[tuple]) -> None:
    """Plain rows in one executemany: a year of readers is 200,000 rows, which bulk_create sends in
    batches of 333 on SQLite (its limit of variables) and compiles each (about 6× slower here, as
    the services' import measured). Values go through each field's own conversion."""
    columns = [model._meta.get_field(f) for f in fields]
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c.column) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    converted = [
        tuple(c.get_db_prep_value(v, connection, prepared=False) for c, v in zip(columns, row, strict=True))
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", converted)  # noqa: S608


def _quiet(day: dt.date) -> float:
    if (day.month, day.day) <= (1, 3) or (day.month == 10 and day.day <= 7):
        return 0.35  # 元旦, 国庆
    if day.month == 2 and day.day <= 15:
        return 0.4  # around the Spring Festival
    return 0.45 if day.weekday() >= 5 else 1.0


@transaction.atomic
def load_participation(district: Organisation, *, stdout) -> None:
    if ViewDay.objects.filter(item__district=district).exists():
        return
    rng = random.Random(f"participation-{district.code}")
    today = timezone.localdate()
    days = [today - dt.timedelta(days=n) for n in range(365, 0, -1)]
    items = [
        (pk, timezone.localtime(published).date(), slug)
        for pk, published, slug in Item.objects.filter(
            district=district, live__isnull=False, withdrawn_at__isnull=True, first_published_at__isnull=False
        ).values_list("pk", "first_published_at", "live__column__slug")
    ]
    if not items:
        return
    weight = {pk: rng.paretovariate(1.3) * COLUMN_INTEREST.get(slug, 1.0) for pk, _p, slug in items}
    rows: list[tuple[int, dt.date, int]] = []
    pool: list[int] = []
    cum: list[float] = []
    ordered = sorted(items, key=lambda i: i[1])
    next_item = 0
    for day in days:
        while next_item < len(ordered) and ordered[next_item][1] <= day:
            pk = ordered[next_item][0]
            pool.append(pk)
            cum.append((cum[-1] if cum else 0.0) + weight[pk])
            next_item += 1
        if not pool:
            continue
        total = int(VIEWS_PER_WORKDAY * _quiet(day) * rng.uniform(0.8, 1.2))
        for pk, n in Counter(rng.choices(pool, cum_weights=cum, k=total)).items():
            rows.append((pk, day, n))
    _insert(ViewDay, ["item_id", "day", "views"], rows)
    views = ViewDay.objects.filter(item=OuterRef("pk")).values("item").annotate(n=Sum("views")).values("n")
    Item.objects.filter(district=district).update(view_count=Coalesce(Subquery(views), 0))

    results = {q: rng.randrange(3, 400) for q in FOUND}
    searches = []
    for day in days:
        for _ in range(int(SEARCHES_PER_WORKDAY * _quiet(day) * rng.uniform(0.7, 1.3))):
            at = dt.datetime(day.year, day.month, day.day, rng.randrange(8, 23), rng.randrange(60), tzinfo=TZ)
            if rng.random() < 0.22:
                query, found = rng.choice(NOT_FOUND), 0
            else:
                query = rng.choices(FOUND, weights=range(len(FOUND), 0, -1))[0]
                found = results[query]
            searches.append((district.pk, search.mask_numbers(query), found, False, at))
    _insert(SearchQuery, ["district_id", "query", "results", "filtered", "at"], searches)
    stdout.write(f"    公众参与：{len(rows)} 条每日浏览记录（{sum(r[2] for r in rows)} 次浏览），{len(searches)} 次站内检索")


DEMO_STEPS = [DemoStep("catalog", 20, load_catalog), DemoStep("catalog participation", 80, load_participation)]
