"""A large synthetic corpus of published items, written fast with raw bulk inserts (for benchmarks).

``generate(count)`` writes ``count`` published items — ``catalog_item``, ``catalog_version`` and
``catalog_searchentry`` rows, exactly as the actions and ``search.index_item`` would leave them —
in batches of ``executemany`` inside one transaction. It works on SQLite and PostgreSQL:

* SQLite: the FTS5 index is kept by triggers. For a big load the insert trigger is dropped, the
  index rebuilt in one pass at the end (``INSERT INTO catalog_fts(catalog_fts) VALUES('rebuild')``)
  and the trigger put back. Measured on this 2-core machine, 20,000 items: inserts 7.1 s with the
  trigger, against 2.1 s of inserts + 0.6 s of rebuild without it (2.7 times faster); at a million
  items the rebuild takes 30 s.
* PostgreSQL: the tsvector column is generated, so the rows are indexed as they are inserted; the
  id sequences are moved past the ids written here.

Texts are assembled from the phrases district portals use (``demo_text``'s, plus a wider
vocabulary so that a query word matches a realistic share of the items: a few percent for 低保 or
征收, tens of percent for 政府/信息/公开). Bodies are short (about 100–200 characters).
Segmentation is the index's own (``search_tokens``) applied per run of word characters and
memoised: jieba segments each run between punctuation marks on its own, so the result is the same
as segmenting the whole text (``tokens_match`` checks it; the tests too), at a fraction of the cost.
"""

from __future__ import annotations

import datetime as dt
import importlib
import random
import re
import time
import zoneinfo
from collections import defaultdict
from collections.abc import Callable, Iterator

from django.db import connection, transaction

from gongkai.catalog.demo_steps import PUBLISHERS, SEED_2018, TOPIC_BY_COLUMN
from gongkai.catalog.demo_text import ACTIONS, ENDINGS, OBJECTS, PLACES, SUBJECTS, TOPICS_BY_COLUMN
from gongkai.catalog.models import Column, DocKind, IndexCounter, Item, SearchEntry, State, Topic, Version
from gongkai.lib.segment import normalise, search_tokens

# Bump when the generated rows change: cached benchmark databases are keyed by it.
VERSION = "1"
# At this many items (and more) the SQLite FTS insert trigger is dropped during the load and the
# index rebuilt once at the end (the rebuild reads the whole table, so small loads keep the trigger).
FTS_REBUILD_FROM = 20_000
BATCH = 5_000
TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
FIRST_YEAR, LAST_YEAR = 2013, 2019

# A wider vocabulary than the demo's, per column, so that no topic covers more than a few percent.
EXTRA_TOPICS: dict[str, list[str]] = {
    "gzdt": [
        "防范化解重大风险",
        "河长制工作",
        "秸秆禁烧",
        "农村人居环境整治",
        "消防安全检查",
        "食品安全宣传周",
        "禁毒宣传",
        "义务植树活动",
        "退役军人服务保障",
        "重大项目集中开工",
        "政务服务大厅改造",
        "国家卫生城市复审",
        "信访维稳工作",
        "冬季供暖保障",
        "校园周边环境整治",
    ],
    "tzgg": [
        "公开招聘中小学教师",
        "行政许可事项目录",
        "城乡居民养老保险缴费",
        "义务教育招生入学",
        "公共租赁住房资格审核",
        "事业单位公开招聘工作人员",
        "防汛抗旱值班安排",
        "国庆节放假安排",
        "食品安全抽检结果",
        "拟表彰对象公示",
    ],
    "zcfg": [
        "城乡居民最低生活保障",
        "国有土地上房屋征收与补偿",
        "行政许可实施",
        "重大行政决策程序",
        "安全生产领域失信行为惩戒",
        "义务教育阶段学生资助",
        "住房公积金管理",
        "政府投资项目管理",
    ],
    "shjz": ["低保资金发放", "残疾人两项补贴发放", "高龄津贴发放", "医疗救助资金发放"],
    "zfcg": ["教育信息化设备采购", "农村公路建设工程", "污水处理厂运营服务", "医疗设备采购"],
    "zdfw": ["国有土地上房屋征收决定", "集体土地征收补偿安置方案", "征收补偿资金拨付情况"],
    "xzxk": ["行政许可决定", "建设工程规划许可", "取水许可", "食品经营许可", "排污许可"],
    "xzcf": ["行政处罚决定书", "安全生产行政处罚", "环境违法行政处罚", "食品安全行政处罚"],
    "jyxx": ["义务教育均衡发展督导评估", "学前教育资助", "教育经费执行情况", "校园安全专项整治"],
    "ylws": ["家庭医生签约服务", "基本公共卫生服务项目", "疫苗接种工作", "医疗机构校验结果"],
    "jycy": ["就业见习岗位", "创业担保贷款", "高校毕业生就业", "农民工工资支付专项检查"],
    "hjbh": ["环境影响评价审批", "大气污染防治", "环境质量月报", "河道水质监测"],
    "spyp": ["食品安全监督抽检", "药品质量公告", "农贸市场食品安全检查"],
    "aqsc": ["安全生产大检查", "安全生产事故调查报告", "危险化学品安全整治", "安全生产责任制考核"],
    "fpgz": ["扶贫资金使用情况公示", "精准扶贫对象名单", "产业扶贫项目", "易地扶贫搬迁"],
    "ys": ["部门预算公开", "政府预算公开"],
    "js": ["部门决算公开", "政府决算公开"],
    "sgjf": ["三公经费预算", "三公经费决算"],
    "tjxx": ["国民经济运行情况", "统计公报", "固定资产投资统计"],
    "ghjh": ["国民经济和社会发展规划", "城乡建设专项规划"],
}
EXTRA_OBJECTS = [
    "行政许可事项办理",
    "城乡居民最低生活保障",
    "特困人员供养",
    "防汛抗旱准备",
    "森林防火值守",
    "校园安全管理",
    "学前教育资助",
    "基本公共卫生服务",
    "家庭医生签约服务",
    "农村饮水安全",
    "河长制巡河",
    "大气污染防治",
    "建设工程质量监督",
    "农民工工资支付",
    "高校毕业生就业",
    "养老保险参保扩面",
    "医疗保障待遇落实",
    "住房公积金归集",
    "重大行政决策",
    "规范性文件备案审查",
    "双随机一公开监管",
    "营商环境优化",
    "政务服务事项清单",
    "信用体系建设",
    "消防安全隐患排查",
    "危险化学品管理",
    "道路交通安全整治",
    "扫黑除恶专项斗争",
    "退役军人优抚",
    "残疾人两项补贴发放",
    "公共文化服务",
    "全民健身活动",
    "秸秆综合利用",
    "耕地保护",
    "不动产登记",
    "国有资产管理",
    "政府债务管理",
    "审计整改落实",
    "统计数据质量",
    "政府网站内容保障",
]
TITLE_PATTERNS: dict[str, list[str]] = {
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
DEFAULT_PATTERNS = ["{org}{year}年{topic}", "关于{topic}的通知", "{org}关于{topic}情况的公示"]
# Which topic list each column draws from when it has none of its own.
TOPIC_SOURCE = {"gz": "zcfg", "gfxwj": "zcfg", "qtwj": "zcfg", "zcjd": "zcfg", "gwyzk": "jycy", "qt": "gzdt"}
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘"

# Runs of the characters jieba segments together (its "han" blocks); anything else separates them.
_BLOCK_SEPARATOR = re.compile(
    "[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1fa-zA-Z0-9+#&._%\\-]+"
)


class Tokenizer:
    """``search_tokens`` of a text, memoised per block of word characters."""

    def __init__(self, limit: int = 300_000) -> None:
        self._cache: dict[str, list[str]] = {}
        self._limit = limit

    def __call__(self, normalised_text: str) -> list[str]:
        out: list[str] = []
        cache = self._cache
        for block in _BLOCK_SEPARATOR.split(normalised_text):
            if not block:
                continue
            tokens = cache.get(block)
            if tokens is None:
                if len(cache) >= self._limit:
                    cache.clear()
                tokens = cache[block] = search_tokens(block)
            out.extend(tokens)
        return out


_FAST_TABLE: dict[str, str] = {}
_FAST_PATTERN: list[re.Pattern] = []


def fast_normalise(text: str) -> str:
    """``normalise`` character by character: the same for text without combining sequences (all
    of ours), some 6 times faster than ``unicodedata.normalize`` (8 µs against 49 for a body)."""
    if not _FAST_PATTERN:
        for code in range(0x10000):
            if 0xD800 <= code <= 0xDFFF:
                continue
            char = chr(code)
            changed = normalise(char)
            if changed != char:
                _FAST_TABLE[char] = changed
        _FAST_PATTERN.append(re.compile("[" + "".join(re.escape(c) for c in sorted(_FAST_TABLE)) + "]"))
    return _FAST_PATTERN[0].sub(lambda m: _FAST_TABLE[m.group()], text)


def tokens_match(text: str, tokenizer: Tokenizer | None = None) -> bool:
    """Whether the fast normalisation and memoised segmentation of ``text`` are the index's own."""
    tokenizer = tokenizer or Tokenizer()
    return fast_normalise(text) == normalise(text) and tokenizer(fast_normalise(text)) == search_tokens(text)


# ---- texts ----


class Texts:
    """Titles and bodies for the columns, drawn from a seeded random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.topics = {
            slug: TOPICS_BY_COLUMN.get(slug, []) + EXTRA_TOPICS.get(slug, [])
            for slug in set(SEED_2018) | set(TOPICS_BY_COLUMN) | set(EXTRA_TOPICS)
        }
        self.objects = OBJECTS + EXTRA_OBJECTS

    def topic(self, slug: str) -> str:
        choices = self.topics.get(slug) or self.topics.get(TOPIC_SOURCE.get(slug, ""), [])
        return self.rng.choice(choices or self.topics["gzdt"])

    def title(self, slug: str, org_short: str, year: int) -> str:
        rng = self.rng
        pattern = rng.choice(TITLE_PATTERNS.get(slug, DEFAULT_PATTERNS))
        return pattern.format(
            org=org_short,
            topic=self.topic(slug),
            place=rng.choice(PLACES),
            year=year,
            year2=year + 2,
            month=rng.randrange(1, 13),
            q=rng.randrange(1, 5),
            name=rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randrange(1, 3))),
        )

    def body(self, title: str) -> list[str]:
        """The paragraphs of a short body (about 100–200 characters)."""
        rng = self.rng
        paragraphs = [
            f"{rng.choice(SUBJECTS)}：",
            f"为{rng.choice(ACTIONS)}{title.strip('【】')}相关工作，现将有关事项通知如下。",
        ]
        for i in range(rng.randrange(1, 4)):
            sentence = "".join(
                f"{rng.choice(SUBJECTS)}要{rng.choice(ACTIONS)}{rng.choice(self.objects)}，"
                for _ in range(rng.randrange(1, 3))
            )
            paragraphs.append(f"{'一二三'[i]}、{sentence}{rng.choice(ENDINGS)}")
        return paragraphs


# ---- rows ----


class _Table:
    """``INSERT`` of a model's concrete fields: the ``varying`` ones per row, the rest their default."""

    def __init__(self, model, varying: list[str]) -> None:
        meta = model._meta
        fields = {f.attname: f for f in meta.concrete_fields}
        unknown = set(varying) - set(fields)
        if unknown:
            raise ValueError(f"{meta.db_table} has no fields {sorted(unknown)}")
        rest = [f for name, f in fields.items() if name not in varying]
        columns = [fields[name].column for name in varying] + [f.column for f in rest]
        quote = connection.ops.quote_name
        self.sql = (
            f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(columns))})"
        )
        self.tail = tuple(f.get_db_prep_save(f.get_default(), connection) for f in rest)

    def row(self, *values) -> tuple:
        return values + self.tail


def _moments(count: int, rng: random.Random) -> Iterator[dt.datetime]:
    """``count`` publication moments in working hours, in order, spread over the years."""
    start = dt.datetime(FIRST_YEAR, 1, 1, tzinfo=TZ)
    end = dt.datetime(LAST_YEAR, 12, 31, tzinfo=TZ)
    step = (end - start) / max(count, 1)
    for i in range(count):
        day = start + step * i
        if day.weekday() >= 5:
            day -= dt.timedelta(days=day.weekday() - 4)
        yield day.replace(hour=8 + (i * 7) % 10, minute=rng.randrange(60), second=0, microsecond=0)


BENCH_DISTRICT_SERIAL = 99_000_000


def bench_district_or_none():
    from gongkai.accounts.factories import make_uscc
    from gongkai.orgs.models import Organisation

    return Organisation.objects.filter(code=make_uscc(BENCH_DISTRICT_SERIAL)).first()


def bench_district():
    """The district the benchmark corpus belongs to: 北湖区 with its departments (made if missing)."""
    from gongkai.accounts.factories import make_uscc
    from gongkai.orgs.models import Organisation, OrgKind

    code = make_uscc(BENCH_DISTRICT_SERIAL)
    district = Organisation.objects.filter(code=code).first()
    if district is None:
        district = Organisation(name="北湖区人民政府", short_name="北湖区", kind=OrgKind.DISTRICT, code=code)
        district.save()  # seeds the district's columns
    names = sorted({name for names in PUBLISHERS.values() for name in names} | {"区政府办", "教育局"})
    for serial, short in enumerate(names, start=BENCH_DISTRICT_SERIAL + 1):
        Organisation.objects.get_or_create(
            code=make_uscc(serial),
            defaults={
                "name": f"北湖区{short}",
                "short_name": short,
                "kind": OrgKind.DEPARTMENT,
                "parent": district,
            },
        )
    return district


def generate(
    count: int,
    *,
    district=None,
    seed: int = 2018,
    batch: int = BATCH,
    rebuild_fts: bool | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict:
    """Write ``count`` published items of ``district`` (default: ``bench_district()``); returns timings.

    ``rebuild_fts`` (SQLite): drop the FTS insert trigger and rebuild the index at the end;
    by default when ``count >= FTS_REBUILD_FROM``.
    """
    from gongkai.orgs.models import Organisation, OrgKind

    started = time.perf_counter()
    say = progress or (lambda message: None)
    rng = random.Random(seed)  # noqa: S311 - synthetic data
    texts = Texts(rng)
    tokenize = Tokenizer()
    sqlite = connection.vendor == "sqlite"
    if rebuild_fts is None:
        rebuild_fts = count >= FTS_REBUILD_FROM
    rebuild_fts = rebuild_fts and sqlite

    with transaction.atomic():
        district = district or bench_district()
        columns = {c.slug: c.pk for c in Column.objects.filter(district=district)}
        topics = {t.name: t.pk for t in Topic.objects.all()}
        departments = list(
            Organisation.objects.filter(
                district=district, kind__in=[OrgKind.DEPARTMENT, OrgKind.TOWN, OrgKind.STREET]
            ).order_by("pk")
        ) or [district]
        by_short: dict[str, list] = defaultdict(list)
        for org in departments:
            by_short[org.short_name].append(org)
        slugs = [slug for slug, n in SEED_2018.items() if n and slug in columns]
        if not slugs:
            raise RuntimeError(f"district {district} has none of the demo's columns")
        publishers = {
            slug: [o for name in PUBLISHERS.get(slug, []) for o in by_short.get(name, [])] or departments
            for slug in slugs
        }
        serials: dict[tuple[int, int], int] = defaultdict(int)
        for counter in IndexCounter.objects.filter(organisation__in=departments):
            serials[(counter.organisation_id, counter.year)] = counter.last
        next_item = (Item.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        next_version = (Version.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1

        item_table = _Table(
            Item,
            ["id", "district_id", "organisation_id", "index_no", "live_id", "first_published_at",
             "created_at", "view_count"],
        )  # fmt: skip
        version_table = _Table(
            Version,
            ["id", "item_id", "number", "state", "column_id", "topic_id", "title", "doc_kind",
             "written_date", "body", "published_at", "created_at", "updated_at"],
        )  # fmt: skip
        entry_table = _Table(
            SearchEntry,
            ["item_id", "district_id", "organisation_id", "column_id", "year", "published_at",
             "title_tokens", "body_tokens", "text"],
        )  # fmt: skip
        adapt_dt = connection.ops.adapt_datetimefield_value
        adapt_date = connection.ops.adapt_datefield_value
        column_choices = rng.choices(slugs, weights=[SEED_2018[s] for s in slugs], k=count)

        with connection.cursor() as cursor:
            if rebuild_fts:
                cursor.execute("DROP TRIGGER IF EXISTS catalog_fts_ai")
            items, versions, entries = [], [], []
            timings = {"generate": 0.0, "insert": 0.0}
            mark = time.perf_counter()
            for i, moment in enumerate(_moments(count, rng)):
                slug = column_choices[i]
                org = rng.choice(publishers[slug])
                year = moment.year
                serials[(org.pk, year)] += 1
                index_no = f"{org.code}/{year}-{serials[(org.pk, year)]:05d}"
                title = texts.title(slug, org.short_name, year)
                paragraphs = texts.body(title)
                body_html = "".join(f"<p>{p}</p>" for p in paragraphs)
                body_text = "".join(paragraphs)
                item_id, version_id = next_item + i, next_version + i
                at = adapt_dt(moment)
                title_text = f"{title} {index_no}"
                if i % 997 == 0 and not (
                    tokens_match(title_text, tokenize) and tokens_match(body_text, tokenize)
                ):
                    raise RuntimeError(
                        f"the fast segmentation differs from the index's for item {i}: {title_text}"
                    )
                items.append(
                    item_table.row(item_id, district.pk, org.pk, index_no, version_id, at, at, 3 + i % 397)
                )
                versions.append(
                    version_table.row(
                        version_id,
                        item_id,
                        1,
                        State.PUBLISHED,
                        columns[slug],
                        topics.get(TOPIC_BY_COLUMN.get(slug, "")),
                        title,
                        DocKind.INFORMATION,
                        adapt_date(moment.date()),
                        body_html,
                        at,
                        at,
                        at,
                    )
                )
                entries.append(
                    entry_table.row(
                        item_id,
                        district.pk,
                        org.pk,
                        columns[slug],
                        year,
                        at,
                        " ".join(tokenize(fast_normalise(title_text))),
                        " ".join(tokenize(fast_normalise(body_text))),
                        fast_normalise(f"{title_text}\n\n{body_text}"),
                    )
                )
                if len(items) >= batch or i == count - 1:
                    now = time.perf_counter()
                    timings["generate"] += now - mark
                    cursor.executemany(item_table.sql, items)
                    cursor.executemany(version_table.sql, versions)
                    cursor.executemany(entry_table.sql, entries)
                    mark = time.perf_counter()
                    timings["insert"] += mark - now
                    items, versions, entries = [], [], []
                    if (i + 1) % (batch * 20) == 0:
                        say(f"    {i + 1:,} items ({time.perf_counter() - started:.0f} s)")
            if rebuild_fts:
                mark = time.perf_counter()
                cursor.execute("INSERT INTO catalog_fts(catalog_fts) VALUES('rebuild')")
                migration = importlib.import_module("gongkai.catalog.migrations.0002_search_index")
                cursor.execute(next(sql for sql in migration.SQLITE_FORWARD if "catalog_fts_ai" in sql))
                timings["fts_rebuild"] = time.perf_counter() - mark
            if connection.vendor == "postgresql":
                from django.core.management.color import no_style

                for sql in connection.ops.sequence_reset_sql(no_style(), [Item, Version]):
                    cursor.execute(sql)
        for (org_id, year), last in serials.items():
            IndexCounter.objects.update_or_create(organisation_id=org_id, year=year, defaults={"last": last})
    timings["total"] = time.perf_counter() - started
    return {"district": district, "count": count, "rebuild_fts": rebuild_fts, "seconds": timings}
