"""Hot issues (热点问题): what citizens call about most, where, and what suddenly rises.

- Keywords: the words of the tickets' matters (segmented with jieba), without a stop list of
  function words and of words every ticket uses (反映, 要求, 问题 …). A word counts once per ticket
  that uses it: ten tickets about 噪音 weigh more than one ticket saying 噪音 ten times.
- Spikes: a week in which a category's or a keyword's count is at least ``factor`` times the mean
  of the ``window`` weeks before it, and at least ``minimum`` tickets (so 1 → 3 is no spike).
- Places: tickets by town or street (乡镇街道).

Everything is deterministic: ties are broken by name, weeks start on Monday (local time). The
counts and rows come from ``stats``; this module finds the words and the spikes in them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from gongkai.hotline import stats
from gongkai.hotline.models import Category
from gongkai.hotline.stats import week_of
from gongkai.lib.segment import words
from gongkai.orgs.models import Organisation, OrgKind
from gongkai.personal.deidentify import deidentify

# Function words, and words nearly every matter contains: they say nothing about the topic.
STOP = frozenset(
    """
    的 了 和 是 在 我 有 也 都 就 与 及 或 被 把 对 给 从 向 到 为 等 这 那 其 并 又 还 但 而 后 前 中 内 外
    要求 反映 希望 问题 请 市民 来电 来信 咨询 情况 处理 解决 投诉 举报 相关 部门 有关 尽快 及时 进行
    能够 是否 已经 目前 现在 一直 多次 至今 本人 我们 他们 你们 自己 没有 不是 可以 无法 存在 造成 导致
    严重 非常 一些 很多 这个 那个 这些 那些 什么 怎么 如何 为什么 因为 所以 如果 但是 而且 以及 以上
    政府 领导 工作 有关部门 相关部门 帮助 协调 核实 落实 答复 回复 办理 给予 予以 得到 影响 正常 期间
    区长 信箱 电话 公开 一下 一个 两个 几个 今年 去年 每天 每次 时间 年 月 日 号 元 万元
    街道 社区 小区 附近 楼下 门口 居民 群众 村民 家长 老板 单位 公司 一家 某 申请 困难 经营 不便 严重影响
    """.split()  # noqa: SIM905 - a block of words reads better than a list of quoted strings
)
_NUMBER = re.compile(r"^[\d.%]+$")


def keywords_of(text: str, exclude: frozenset[str] = frozenset()) -> set[str]:
    """The topic words of one matter, each once."""
    return {
        w for w in words(text) if len(w) > 1 and w not in STOP and w not in exclude and not _NUMBER.match(w)
    }


def topic_words(matter: str) -> str:
    """What ``Ticket.keywords`` keeps: the matter's topic words, each once, space-separated (a
    word never holds a space). Counting reads them back with ``split``; the place words are left
    out at counting time, as they are the district's."""
    return " ".join(sorted(keywords_of(matter)))


def _kept(keywords: str, exclude: frozenset[str]) -> list[str]:
    return [w for w in keywords.split() if w not in exclude] if exclude else keywords.split()


def place_words(district: Organisation | int) -> frozenset[str]:
    """The words of the district's town and street names (北湖, 瑶族乡 …): where, not what."""
    district_id = district if isinstance(district, int) else district.pk
    names = Organisation.objects.filter(
        district_id=district_id, kind__in=[OrgKind.TOWN, OrgKind.STREET]
    ).values_list("short_name", flat=True)
    return frozenset(w for name in names for w in words(name))


def top_keywords(
    matters: Iterable[str], n: int = 10, exclude: frozenset[str] = frozenset()
) -> list[tuple[str, int]]:
    """The ``n`` words used by most tickets, as (word, tickets), most first, ties by word."""
    return top_stored_keywords((topic_words(matter) for matter in matters), n, exclude)


def top_stored_keywords(
    keywords: Iterable[str], n: int = 10, exclude: frozenset[str] = frozenset()
) -> list[tuple[str, int]]:
    """``top_keywords`` of tickets' kept ``keywords`` (``topic_words`` of their matters)."""
    counts: Counter[str] = Counter()
    for kept in keywords:
        counts.update(_kept(kept, exclude))
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def weeks_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """The Mondays of the weeks that overlap ``start`` … ``end``."""
    first, last = week_of(start), week_of(end)
    return [first + dt.timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]


@dataclass(frozen=True)
class Spike:
    kind: str  # "category" or "keyword"
    name: str
    week: dt.date  # Monday
    count: int
    trailing_mean: float

    @property
    def factor(self) -> float | None:
        return self.count / self.trailing_mean if self.trailing_mean else None


def find_spikes(
    series: dict[str, dict[dt.date, int]],
    weeks: list[dt.date],
    *,
    kind: str = "category",
    factor: float = 2.0,
    minimum: int = 5,
    window: int = 4,
) -> list[Spike]:
    """Weeks where a series' count ≥ ``minimum`` and ≥ ``factor`` × the mean of the ``window``
    weeks before it. Only weeks with a full window before them are judged. Ordered by week, then
    by count (most first), then name."""
    spikes = []
    for name, counts in series.items():
        values = [counts.get(week, 0) for week in weeks]
        for i in range(window, len(weeks)):
            mean = sum(values[i - window : i]) / window
            if values[i] >= minimum and values[i] >= factor * mean:
                spikes.append(Spike(kind, name, weeks[i], values[i], mean))
    return sorted(spikes, key=lambda s: (s.week, -s.count, s.name))


@dataclass
class HotIssues:
    start: dt.date
    end: dt.date
    total: int
    keywords: list[tuple[str, int]]
    categories: list[tuple[str, int]]
    places: list[tuple[str, int]]
    spikes: list[Spike]
    weeks: list[dt.date]


def hot_issues(
    district: Organisation,
    start: dt.date,
    end: dt.date,
    *,
    category: Category | None = None,
    keyword: str = "",
    n: int = 15,
    factor: float = 2.0,
    minimum: int = 5,
    window: int = 4,
) -> HotIssues:
    """Top keywords, categories and places of the period, and the spikes of categories and of the
    top keywords (judged against the ``window`` weeks before, which may lie before ``start``)."""
    tickets = stats.on_topic(stats.received_between(district, start, end), keyword=keyword, category=category)
    weeks = weeks_between(start, end)
    history = stats.on_topic(
        stats.received_between(district, weeks[0] - dt.timedelta(weeks=window), end),
        keyword=keyword,
        category=category,
    )
    cat_series: dict[str, dict[dt.date, int]] = defaultdict(lambda: defaultdict(int))
    word_series: dict[str, dict[dt.date, int]] = defaultdict(lambda: defaultdict(int))
    in_period: Counter[str] = Counter()
    first = weeks[0]
    exclude = place_words(district)
    for week, local, cat, kept in stats.weekly_keywords(history):
        cat_series[cat][week] += 1
        kws = _kept(kept, exclude)
        for w in kws:
            word_series[w][week] += 1
        if start <= local <= end:
            in_period.update(kws)
    keywords = sorted(in_period.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    all_weeks = [first - dt.timedelta(weeks=window - i) for i in range(window)] + weeks
    top_words = {w for w, _n in keywords}
    spikes = find_spikes(
        cat_series, all_weeks, kind="category", factor=factor, minimum=minimum, window=window
    )
    spikes += find_spikes(
        {w: s for w, s in word_series.items() if w in top_words},
        all_weeks,
        kind="keyword",
        factor=factor,
        minimum=minimum,
        window=window,
    )
    spikes.sort(key=lambda s: (s.week, s.kind, -s.count, s.name))
    return HotIssues(
        start=start,
        end=end,
        total=tickets.count(),
        keywords=keywords,
        categories=stats.by_category(tickets),
        places=stats.by_place(tickets),
        spikes=[s for s in spikes if s.week >= first],
        weeks=weeks,
    )


# --- 专题材料: one topic over a period ----------------------------------------------------------


def scrub(text: str, names: Iterable[str] = ()) -> str:
    """A matter fit for a report: the platform's de-identifier with the caller's own name (a
    report goes to leaders, not to the case file)."""
    return deidentify(text, names=names)


@dataclass
class Sample:
    number: str
    received: dt.date
    place: str
    unit: str
    matter: str  # scrubbed


@dataclass
class TopicReport:
    district_name: str
    topic: str
    start: dt.date
    end: dt.date
    total: int
    closed: int
    weekly: list[tuple[dt.date, int]]
    places: list[tuple[str, int]]
    units: list[tuple[str, int]]
    samples: list[Sample] = field(default_factory=list)
    keywords: list[tuple[str, int]] = field(default_factory=list)


def topic_report(
    district: Organisation,
    start: dt.date,
    end: dt.date,
    *,
    keyword: str = "",
    category: Category | None = None,
    samples: int = 5,
) -> TopicReport:
    """The figures of a 专题材料 on a keyword and/or category: counts, weekly trend, places, units,
    and a few sample matters with personal data masked."""
    tickets = stats.on_topic(stats.received_between(district, start, end), keyword=keyword, category=category)
    weekly_counts = stats.weekly_counts(tickets)
    chosen = []
    for t in stats.spread_sample(tickets, samples):
        names = [
            v.plaintext() if hasattr(v, "plaintext") else str(v or "") for v in (t.caller_name, t.address)
        ]
        chosen.append(
            Sample(
                number=t.number,
                received=timezone.localtime(t.received_at).date(),
                place=t.place.short_name if t.place else "未注明",
                unit=t.lead.name if t.lead else "未派单",
                matter=scrub(t.matter, names),
            )
        )
    parts = [p for p in (category.name if category else "", keyword.strip()) if p]
    return TopicReport(
        district_name=district.name,
        topic="、".join(parts) or "全部诉求",
        start=start,
        end=end,
        total=sum(weekly_counts.values()),
        closed=stats.closed(tickets),
        weekly=[(w, weekly_counts.get(w, 0)) for w in weeks_between(start, end)],
        places=stats.by_place(tickets),
        units=stats.by_unit(tickets),
        samples=chosen,
        keywords=top_stored_keywords(stats.keywords(tickets), 10, place_words(district)),
    )
