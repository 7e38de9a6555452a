"""A realistic synthetic corpus of disclosure items, the queries citizens type, and the truth.

For search tests and benchmarks (issue #16): everything is seeded, so the same arguments give the
same items and queries on every machine.

* ``items(count, seed=…)`` yields ``Doc``s: title, body paragraphs, document number, keywords and
  summary of a district's published items, with the column, publishing department and date.
  Texts follow the district portals' phrasing (``demo_text``) with content words drawn from a
  Zipf-like distribution (weight 1/(rank + 2.7)) over ``vocabulary()``: 12,000 words of jieba's
  dictionary (``corpus_words.txt``) with the demo's own 215 words among them, its commonest at
  the top (公开, 工作, 信息 … in tens of percent of the items), down to words a few items in a
  million hold. Words are run
  together as Chinese is written, so substrings cross jieba's word boundaries (有力保障 holds 力保,
  资金发放 金发, 推进城乡 进城); ``BOUNDARY_PHRASES`` makes the common ones frequent.
* ``queries(count, seed=…, docs=…)`` returns that many distinct ``Query``s drawn like citizens'
  (one to three words, hot and rare, absent words, boundary-crossing substrings, exact phrases,
  some with a column, department or year filter), co-occurring words taken from ``docs``.
* ``matches(query, doc)`` is the ground truth: a doc matches iff its title, body, document number,
  summary or keywords (each after ``gongkai.lib.segment.normalise``) contain every word of the
  query (split at whitespace, normalised likewise) and it passes the query's filters.
  ``ground_truth(query, docs)`` lists the positions of the matching docs.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import rjieba

from gongkai.catalog.demo_steps import PUBLISHERS as DEMO_PUBLISHERS
from gongkai.catalog.demo_steps import SEED_2018
from gongkai.lib.segment import normalise

SEED = 2018
FIRST_YEAR, LAST_YEAR = 2013, 2019
WORDS_FILE = Path(__file__).with_name("corpus_words.txt")
ZIPF_OFFSET = 2.7  # Zipf–Mandelbrot: weight 1 / (rank + ZIPF_OFFSET)

# Phrases that jieba splits into two words, so that a query for their middle crosses a boundary.
BOUNDARY_PHRASES = [
    "有力保障",
    "资金发放",
    "推进城乡",
    "落实责任",
    "加强监管",
    "全面推进",
    "依法行政",
    "服务群众",
    "统筹推进",
    "补贴发放",
    "信息公开",
    "安全生产",
    "社会救助",
    "环境整治",
    "项目建设",
]

# Columns with their share of items (the demo's 2018 seed) and who publishes in them.
COLUMNS: dict[str, int] = {slug: n for slug, n in SEED_2018.items() if n > 0}
PUBLISHERS: dict[str, list[str]] = DEMO_PUBLISHERS
DEPARTMENTS = sorted({name for names in PUBLISHERS.values() for name in names} | {"区政府办", "教育局"})
# Columns whose items usually carry a document number (文号).
NUMBERED = {"gz", "gfxwj", "qtwj", "zcjd", "rsrm", "ghjh", "tzgg", "zdfw", "ys", "js"}


@dataclass(frozen=True)
class Doc:
    """One published item. ``body`` is the plain text of ``body_html`` (``sanitize.plain_text``)."""

    position: int
    column: str
    organisation: str  # the publishing department's short name (one of DEPARTMENTS)
    published: dt.date
    title: str
    paragraphs: tuple[str, ...]
    doc_number: str = ""
    keywords: str = ""
    summary: str = ""

    @property
    def year(self) -> int:
        return self.published.year

    @property
    def body(self) -> str:
        return "".join(self.paragraphs)

    @property
    def body_html(self) -> str:
        return "".join(f"<p>{p}</p>" for p in self.paragraphs)

    @property
    def text(self) -> str:
        """The searchable fields, each normalised, one per line (query words hold no newline)."""
        return searchable(self.title, self.body, self.doc_number, self.summary, self.keywords)


@dataclass(frozen=True)
class Query:
    """What a citizen types (``text``: words separated by spaces) and the filters they chose."""

    text: str
    kind: str  # hot, rare, two, three, phrase, boundary, absent
    column: str | None = None  # a column slug (one of COLUMNS)
    organisation: str | None = None  # a department's short name
    year: int | None = None

    @property
    def filtered(self) -> bool:
        return bool(self.column or self.organisation or self.year)

    @property
    def terms(self) -> list[str]:
        return query_terms(self.text)


class Vocabulary:
    """Words ranked most frequent first, with the cumulative Zipf weights they are drawn by."""

    def __init__(self, words: list[str], domain: int) -> None:
        self.words = words
        self.domain = domain  # how many of the first words are the demo's own
        self.cumulative = list(
            itertools.accumulate(1 / (rank + ZIPF_OFFSET) for rank in range(1, len(words) + 1))
        )
        self._ranks = {w: i for i, w in enumerate(words)}

    def rank(self, word: str) -> int:
        """0 for the most frequent word; KeyError for a word not in the vocabulary."""
        return self._ranks[word]

    def share(self, word: str) -> float:
        """The probability that one draw gives ``word``."""
        rank = self._ranks[word]
        return (self.cumulative[rank] - (self.cumulative[rank - 1] if rank else 0)) / self.cumulative[-1]


# ---- the oracle ----


def searchable(title: str, body: str, doc_number: str = "", summary: str = "", keywords: str = "") -> str:
    """The fields a query is looked for in, normalised as search does, one per line."""
    return "\n".join(normalise(part) for part in (title, body, doc_number, summary, keywords))


def query_terms(query: str) -> list[str]:
    """The words of a query as search takes them: split at whitespace, normalised."""
    return [normalise(t) for t in query.split() if t.strip()]


def contains_all(terms: Iterable[str], text: str) -> bool:
    return all(term in text for term in terms)


def matches(query: Query, doc: Doc, text: str | None = None) -> bool:
    """Ground truth: ``doc`` passes the filters and holds every query word (``text``: ``doc.text``
    computed beforehand, for speed)."""
    if query.column and doc.column != query.column:
        return False
    if query.organisation and doc.organisation != query.organisation:
        return False
    if query.year and doc.year != query.year:
        return False
    terms = query.terms
    return bool(terms) and contains_all(terms, doc.text if text is None else text)


def ground_truth(query: Query, docs: list[Doc], texts: list[str] | None = None) -> list[int]:
    """Positions in ``docs`` of the docs matching ``query`` (``texts``: their ``.text``, if known)."""
    texts = texts if texts is not None else [d.text for d in docs]
    return [i for i, (d, t) in enumerate(zip(docs, texts, strict=True)) if matches(query, d, t)]


# ---- the vocabulary ----


def _demo_phrases() -> list[str]:
    from gongkai.catalog import demo_text

    phrases = [p for topics in demo_text.TOPICS_BY_COLUMN.values() for p in topics]
    phrases += demo_text.SUBJECTS + demo_text.ACTIONS + demo_text.OBJECTS + demo_text.ENDINGS
    phrases += demo_text.PLACES + BOUNDARY_PHRASES
    return phrases


@cache
def vocabulary() -> Vocabulary:
    """The demo's words (by how often its phrases use them), then jieba's dictionary words."""
    counts: Counter[str] = Counter()
    for phrase in _demo_phrases():
        counts.update(w for w in rjieba.cut(phrase) if len(w) > 1 and _HAN.fullmatch(w))
    domain = sorted(counts, key=lambda w: (-counts[w], w))
    seen = set(domain)
    general = [
        w
        for w in WORDS_FILE.read_text(encoding="utf-8").split("\n")
        if w and not w.startswith("#") and w not in seen
    ]
    # The demo's most used words (公开, 工作, 信息 …) stay at the top; its narrower ones (低保, 征收 …)
    # are spread quadratically further down among the dictionary's, so each holds a realistic share.
    words: list[str] = []
    for i, word in enumerate(domain):
        position = i * i // 4 + i
        words.extend(general[len(words) - i : position - i])
        words.append(word)
    words.extend(general[len(words) - len(domain) :])
    return Vocabulary(words, len(domain))


_HAN = re.compile(r"[\u4e00-\u9fff]+")


def _draw(rng: random.Random, k: int) -> list[str]:
    vocab = vocabulary()
    return rng.choices(vocab.words, cum_weights=vocab.cumulative, k=k)


# ---- items ----

_SUBJECTS = ["全区", "各乡镇（街道）", "区直各单位", "有关部门", "各村（社区）", "各责任单位"]
_ACTIONS = [
    "认真贯彻落实",
    "扎实推进",
    "切实做好",
    "进一步加强",
    "统筹推进",
    "严格落实",
    "全面深化",
    "持续开展",
]
_TAILS = ["工作", "情况", "方案", "管理", "服务", "项目", "制度", "事项"]
_TITLES: dict[str, list[str]] = {
    "gzdt": ["{org}召开{topic}会议", "{org}扎实开展{topic}", "{place}全力推进{topic}"],
    "tzgg": ["关于{topic}的通知", "{org}关于{topic}的公告", "关于做好{topic}的通知"],
    "zcfg": ["北湖区{topic}办法", "关于进一步加强{topic}的实施意见", "北湖区{topic}暂行规定"],
    "shjz": ["{org}{year}年{month}月{topic}情况", "{place}{year}年第{q}季度{topic}名单公示"],
    "zfcg": ["{org}{topic}项目采购公告", "{org}{topic}项目中标结果公告"],
    "xzxk": ["{org}{topic}行政许可决定公示", "{org}{year}年{month}月{topic}许可信息"],
    "xzcf": ["{org}{topic}行政处罚决定书", "{org}行政处罚信息公示（{topic}）"],
}
_DEFAULT_TITLES = [
    "{org}{year}年{topic}",
    "关于{topic}的通知",
    "{org}关于{topic}情况的公示",
    "{place}{topic}",
]
_TITLE_SOURCE = {"gz": "zcfg", "gfxwj": "zcfg", "qtwj": "zcfg", "zcjd": "zcfg"}
_ABBREVIATION = {"区政府办": "政办", "发改局": "发改", "财政局": "财", "民政局": "民", "教育局": "教"}


class _Writer:
    def __init__(self, rng: random.Random) -> None:
        from gongkai.catalog import demo_text

        self.rng = rng
        self.topics = demo_text.TOPICS_BY_COLUMN
        self.objects = demo_text.OBJECTS
        self.endings = demo_text.ENDINGS
        self.places = demo_text.PLACES

    def words(self, k: int) -> str:
        return "".join(_draw(self.rng, k))

    def topic(self, slug: str) -> str:
        rng = self.rng
        if rng.random() < 0.35:
            topics = self.topics.get(_TITLE_SOURCE.get(slug, slug)) or self.topics["gzdt"]
            return rng.choice(topics)
        return self.words(rng.randrange(1, 3)) + rng.choice(_TAILS)

    def title(self, slug: str, org: str, year: int) -> str:
        rng = self.rng
        pattern = rng.choice(_TITLES.get(_TITLE_SOURCE.get(slug, slug), _DEFAULT_TITLES))
        return pattern.format(
            org=org,
            topic=self.topic(slug),
            place=rng.choice(self.places),
            year=year,
            month=rng.randrange(1, 13),
            q=rng.randrange(1, 5),
        )

    def sentence(self) -> str:
        rng = self.rng
        parts = [rng.choice(_SUBJECTS), "要", rng.choice(_ACTIONS)]
        roll = rng.random()
        if roll < 0.15:
            parts.append(rng.choice(self.objects))
        elif roll < 0.3:
            parts.append(rng.choice(BOUNDARY_PHRASES))
        parts.append(self.words(rng.randrange(2, 6)))
        parts.append("，")
        parts.append(self.words(rng.randrange(2, 7)))
        return "".join(parts)

    def paragraphs(self, title: str) -> tuple[str, ...]:
        rng = self.rng
        out = [
            f"{rng.choice(_SUBJECTS)}：",
            f"为{rng.choice(_ACTIONS)}{title.strip('【】')}相关工作，现将有关事项通知如下。",
        ]
        for i in range(rng.randrange(1, 5)):
            sentences = "；".join(self.sentence() for _ in range(rng.randrange(1, 4)))
            ending = rng.choice(self.endings) if rng.random() < 0.6 else self.words(3) + "。"
            out.append(f"{'一二三四'[i]}、{sentences}，{ending}")
        return tuple(out)

    def doc_number(self, slug: str, org: str, year: int, serial: int) -> str:
        if slug not in NUMBERED or self.rng.random() < 0.3:
            return ""
        return f"北{_ABBREVIATION.get(org, org[0])}发〔{year}〕{serial}号"

    def keywords(self, title: str) -> str:
        words = [w for w in rjieba.cut(title) if len(w) > 1 and _HAN.fullmatch(w)]
        return " ".join(dict.fromkeys(words[:4]))

    def summary(self) -> str:
        if self.rng.random() < 0.6:
            return ""
        return f"本文明确了{self.words(2)}、{self.words(2)}等事项，{self.rng.choice(self.endings)}"


def _publication_dates(count: int, first_year: int, last_year: int) -> Iterator[dt.date]:
    """``count`` working days in order, spread evenly from ``first_year`` to ``last_year``."""
    start = dt.date(first_year, 1, 1)
    days = (dt.date(last_year, 12, 31) - start).days
    for i in range(count):
        day = start + dt.timedelta(days=days * i // max(count, 1))
        if day.weekday() >= 5:
            day -= dt.timedelta(days=day.weekday() - 4)
            if day.year < first_year:
                day = start
        yield day


def items(
    count: int, *, seed: int = SEED, first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR
) -> Iterator[Doc]:
    """``count`` items in publication order, the same for the same arguments."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data
    writer = _Writer(rng)
    slugs = list(COLUMNS)
    weights = list(itertools.accumulate(COLUMNS[s] for s in slugs))
    serials: Counter[tuple[str, int]] = Counter()
    for position, day in enumerate(_publication_dates(count, first_year, last_year)):
        slug = slugs[bisect.bisect(weights, rng.random() * weights[-1])]
        org = rng.choice(PUBLISHERS.get(slug, DEPARTMENTS))
        title = writer.title(slug, org, day.year)
        serials[(org, day.year)] += 1
        yield Doc(
            position=position,
            column=slug,
            organisation=org,
            published=day,
            title=title,
            paragraphs=writer.paragraphs(title),
            doc_number=writer.doc_number(slug, org, day.year, serials[(org, day.year)]),
            keywords=writer.keywords(title),
            summary=writer.summary(),
        )


# ---- queries ----

# Words no generated item holds: made of characters that neither the vocabulary nor the phrases use.
ABSENT_WORDS = [
    "鹦鹉",
    "麒麟",
    "螳螂",
    "柠檬",
    "枇杷",
    "琥珀",
    "玛瑙",
    "蜥蜴",
    "鹌鹑",
    "蟋蟀",
    "蜻蜓",
    "橄榄",
    "蟑螂",
    "馄饨",
]
# How often each kind of query is drawn.
KINDS = {"hot": 22, "rare": 16, "two": 20, "three": 8, "phrase": 10, "boundary": 14, "absent": 5, "demo": 5}
FILTERED_SHARE = 0.15


def _han_runs(text: str) -> list[str]:
    return _HAN.findall(text)


def boundary_substrings(text: str) -> list[str]:
    """Substrings of ``text`` that cross a jieba word boundary: a word's last character followed by
    the next word's first one or two (有力保障 → 力保, 力保障)."""
    out = []
    for run in _han_runs(text):
        words = rjieba.cut(run)
        for left, right in itertools.pairwise(words):
            out.append(left[-1] + right[0])
            if len(right) > 1:
                out.append(left[-1] + right[:2])
    return out


def queries(count: int, *, seed: int = SEED, docs: list[Doc] | None = None) -> list[Query]:
    """``count`` distinct queries (text and filters), drawn like citizens': ``docs`` (default: the
    first 2,000 ``items(seed=seed)``) give words that occur together and real filter values."""
    rng = random.Random(seed * 7919 + 1)  # noqa: S311 - synthetic data
    docs = docs if docs is not None else list(items(2_000, seed=seed))
    if not docs:
        raise ValueError("queries need some docs to draw co-occurring words from")
    vocab = vocabulary()
    kinds = list(KINDS)
    kind_weights = list(itertools.accumulate(KINDS.values()))
    demo = _demo_phrases()
    seen: set[Query] = set()
    out: list[Query] = []
    attempts = 0
    while len(out) < count:
        attempts += 1
        if attempts > count * 50:
            raise ValueError(f"could not draw {count} distinct queries")
        kind = kinds[bisect.bisect(kind_weights, rng.random() * kind_weights[-1])]
        doc = rng.choice(docs)
        text = _query_text(kind, rng, doc, vocab, demo)
        if not text:
            continue
        query = Query(text, kind)
        if kind != "absent" and rng.random() < FILTERED_SHARE:
            which = rng.randrange(3)
            query = Query(
                text,
                kind,
                column=doc.column if which == 0 else None,
                organisation=doc.organisation if which == 1 else None,
                year=doc.year if which == 2 else None,
            )
        if query not in seen:
            seen.add(query)
            out.append(query)
    return out


def _doc_words(doc: Doc) -> list[str]:
    words = [w for run in _han_runs(f"{doc.title}。{doc.body}") for w in rjieba.cut(run)]
    return [w for w in words if len(w) > 1]


def _query_text(kind: str, rng: random.Random, doc: Doc, vocab: Vocabulary, demo: list[str]) -> str:
    if kind == "hot":
        return rng.choice(vocab.words[:300])
    if kind == "rare":
        return rng.choice(vocab.words[len(vocab.words) // 4 :])
    if kind in ("two", "three"):
        words = list(dict.fromkeys(_doc_words(doc)))
        n = 2 if kind == "two" else 3
        if len(words) < n:
            return ""
        return " ".join(rng.sample(words, n))
    if kind == "phrase":
        runs = [r for r in _han_runs(doc.title) if len(r) >= 4]
        if not runs:
            return ""
        run = rng.choice(runs)
        length = rng.randrange(3, min(len(run), 8) + 1)
        start = rng.randrange(0, len(run) - length + 1)
        return run[start : start + length]
    if kind == "boundary":
        # The sentences of the body (not its fixed opening) or the title.
        source = rng.choice(doc.paragraphs[2:] or doc.paragraphs) if rng.random() < 0.7 else doc.title
        crossing = boundary_substrings(source)
        return rng.choice(crossing) if crossing else ""
    if kind == "absent":
        word = rng.choice(ABSENT_WORDS)
        return word if rng.random() < 0.6 else f"{rng.choice(vocab.words[:200])} {word}"
    return rng.choice(demo)  # a phrase of the demo, as a citizen might paste it
