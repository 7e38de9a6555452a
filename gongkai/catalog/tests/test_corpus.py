"""The generated corpus: deterministic, realistic in its word distribution, and a right oracle."""

from collections import Counter

import rjieba

from gongkai.catalog import corpus, demo_text
from gongkai.catalog.sanitize import plain_text
from gongkai.lib.segment import normalise

DOCS = list(corpus.items(3_000, seed=11))
TEXTS = [d.text for d in DOCS]


def test_the_same_seed_gives_the_same_items_and_queries():
    again = list(corpus.items(3_000, seed=11))
    assert again == DOCS
    assert list(corpus.items(50, seed=12)) != DOCS[:50]
    assert corpus.queries(200, seed=5, docs=DOCS) == corpus.queries(200, seed=5, docs=DOCS)


def test_items_look_like_a_district_portal():
    doc = DOCS[1234]
    assert doc.column in corpus.COLUMNS
    assert doc.organisation in corpus.DEPARTMENTS
    assert corpus.FIRST_YEAR <= doc.year <= corpus.LAST_YEAR
    assert plain_text(doc.body_html) == doc.body
    assert doc.body.count("，") >= 2 and doc.body.endswith("。")
    assert [d.published for d in DOCS] == sorted(d.published for d in DOCS)
    assert all(d.published.weekday() < 5 for d in DOCS)
    assert {d.year for d in DOCS} == set(range(corpus.FIRST_YEAR, corpus.LAST_YEAR + 1))
    numbered = [d for d in DOCS if d.doc_number]
    assert numbered and all(d.column in corpus.NUMBERED and "〔" in d.doc_number for d in numbered)
    assert sum(bool(d.summary) for d in DOCS) > 500 and sum(bool(d.keywords) for d in DOCS) > 2_500
    # Every column and department of the demo publishes, in the seed's proportions.
    columns = Counter(d.column for d in DOCS)
    assert columns.most_common(1)[0][0] == "gzdt"
    assert len(columns) > 20


def test_the_vocabulary_is_large_and_words_follow_a_zipf_like_distribution():
    vocab = corpus.vocabulary()
    assert len(vocab.words) > 10_000 and len(set(vocab.words)) == len(vocab.words)
    assert vocab.domain > 100  # the demo's own words are in it
    assert {"低保", "征收", "公开"} <= set(vocab.words)
    counts = Counter(w for d in DOCS for run in corpus._han_runs(d.body) for w in rjieba.cut(run))
    distinct = [w for w in vocab.words if counts[w]]
    assert len(distinct) > 5_000  # thousands of distinct words in 3,000 short items
    # Frequency falls with rank roughly as 1/rank: the 10th word is far commoner than the 1,000th.
    top, mid, tail = (
        sum(counts[w] for w in vocab.words[a:b]) for a, b in [(0, 10), (1_000, 1_010), (10_000, 10_010)]
    )
    assert top > 20 * mid > 0 and mid > tail
    shares = [sum(w in t for t in TEXTS) / len(TEXTS) for w in ("公开", "工作", "低保", vocab.words[3_000])]
    assert shares[0] > 0.3 and shares[1] > 0.3  # words in tens of percent of the items
    assert 0.01 < shares[2] < 0.5  # a narrower word
    assert shares[3] < 0.05  # a rarer one
    assert vocab.share("公开") > 100 * vocab.share(vocab.words[5_000])


def test_texts_cross_jieba_word_boundaries():
    for phrase, inner in [("有力保障", "力保"), ("资金发放", "金发"), ("推进城乡", "进城")]:
        assert inner not in rjieba.cut(phrase)
        assert sum(inner in t for t in TEXTS) > 30, inner
    assert "力保" in corpus.boundary_substrings("为建设服务型政府提供有力保障")


def test_the_query_mix_is_like_citizens():
    queries = corpus.queries(1_200, seed=3, docs=DOCS)
    assert len(set(queries)) == 1_200
    kinds = Counter(q.kind for q in queries)
    assert set(kinds) == set(corpus.KINDS)
    assert all(1 <= len(q.terms) <= 3 for q in queries)
    assert 0.08 < sum(q.filtered for q in queries) / len(queries) < 0.25
    assert (
        any(q.column for q in queries)
        and any(q.organisation for q in queries)
        and any(q.year for q in queries)
    )
    truths = {q: len(corpus.ground_truth(q, DOCS, TEXTS)) for q in queries[:400]}
    hot = [n for q, n in truths.items() if q.kind == "hot" and not q.filtered]
    assert max(hot) > 1_000  # broad queries
    assert all(n == 0 for q, n in truths.items() if q.kind == "absent")
    assert all(
        n > 0
        for q, n in truths.items()
        if q.kind in ("boundary", "two", "three", "phrase") and not q.filtered
    )
    rare = [n for q, n in truths.items() if q.kind == "rare"]
    assert sorted(rare)[len(rare) // 2] < 30  # rare words are rare


def test_absent_words_cannot_occur():
    used = set("".join(corpus.vocabulary().words)) | set("".join(TEXTS))
    assert not {c for w in corpus.ABSENT_WORDS for c in w} & used


def test_the_oracle_is_substring_matching_after_normalisation():
    doc = corpus.Doc(
        position=0,
        column="tzgg",
        organisation="民政局",
        published=corpus.dt.date(2018, 3, 5),
        title="关于ＡＢＣ低保资金发放的通知",
        paragraphs=("各村（社区）：", "为切实做好工作，提供有力保障。"),
        doc_number="北民发〔2018〕12号",
        keywords="低保 资金",
        summary="本文明确了发放标准。",
    )
    assert doc.text == "\n".join(
        normalise(p) for p in [doc.title, doc.body, doc.doc_number, doc.summary, doc.keywords]
    )

    def q(text, **filters):
        return corpus.matches(corpus.Query(text, "test", **filters), doc)

    assert q("abc") and q("ＡＢＣ 金发") and q("力保") and q("(社区)")  # normalised, across words
    assert q("〔2018〕12号") and q("发放标准") and q("低保 资金 发放")
    assert not q("低保 征收") and not q("") and not q("通知各村")  # every word; nothing across fields
    assert q("低保", column="tzgg") and not q("低保", column="gzdt")
    assert q("低保", year=2018) and not q("低保", year=2017)
    assert q("低保", organisation="民政局") and not q("低保", organisation="教育局")
    assert corpus.ground_truth(corpus.Query("低保", "test"), [doc, DOCS[0]]) == [0] + (
        [1] if "低保" in DOCS[0].text else []
    )


def test_demo_phrases_are_in_the_vocabulary():
    vocab = set(corpus.vocabulary().words)
    words = {w for phrase in demo_text.OBJECTS for w in rjieba.cut(phrase) if len(w) > 1}
    assert words <= vocab | {w for w in words if not corpus._HAN.fullmatch(w)}
