import random
import statistics

import pytest

from gongkai.bench import cases_catalog as bench_cases
from gongkai.bench import http
from gongkai.bench.registry import discover
from gongkai.catalog import benchdata, corpus
from gongkai.catalog.models import Item, SearchEntry, State
from gongkai.catalog.sanitize import plain_text
from gongkai.catalog.search import index_item, search


def test_the_catalog_benchmarks_are_registered():
    names = {bench.name for bench in discover()}
    assert {
        "item_page_cached",
        "item_page_uncached",
        "search_page",
        "search_latency_district",
        "search_latency_million",
    } <= names


def test_median_and_p95_of_latencies():
    samples = [float(n) for n in range(1, 101)]  # 1 … 100
    random.Random(1).shuffle(samples)
    stats = http.LatencyStats.of(samples)
    assert stats.median == 50.5
    assert stats.p95 == pytest.approx(95.05)  # rank 0.95 × 99 = 94.05, between 95 and 96
    assert (stats.count, stats.max, stats.mean) == (100, 100.0, 50.5)
    assert http.percentile([3.0], 0.95) == 3.0
    assert http.percentile([1.0, 2.0], 0.5) == 1.5
    assert http.percentile(samples, 0.95) == pytest.approx(
        statistics.quantiles(samples, n=20, method="inclusive")[-1]
    )
    with pytest.raises(ValueError):
        http.percentile([], 0.5)


def test_a_latency_ratio_reads_as_search_time_over_index_time():
    ms = 1 / 1000
    search_stats = http.LatencyStats.of([5.1 * ms, 5.1 * ms, 12.3 * ms])
    raw_stats = http.LatencyStats.of([3.2 * ms, 3.2 * ms, 6.8 * ms])
    result = http.LatencyRatio.of(
        "search() latency",
        search_stats,
        "raw FTS5 query",
        raw_stats,
        subject_short="search",
        baseline_short="raw index query",
        scale="at 1,000,000 items",
    )
    assert result.ratio == pytest.approx(search_stats.p95 / raw_stats.p95)
    assert result.line().startswith(
        "search p95 11.6 ms = 1.80 × raw index query p95 6.4 ms (median 5.1 / 3.2 ms)"
    )
    assert result.line().endswith("at 1,000,000 items")
    assert result.as_json()["details"]["subject_latency"]["median_ms"] == 5.1


def test_the_python_client_sends_headers():
    from gongkai.bench import client

    assert client.parse_header("Cookie: sessionid=bench") == ("Cookie", "sessionid=bench")
    with pytest.raises(ValueError):
        client.parse_header("no colon")
    assert http.header_arguments("--header", {"Cookie": "sessionid=bench"}) == [
        "--header=Cookie: sessionid=bench"
    ]
    with pytest.raises(ValueError):
        http.measure(
            "http://127.0.0.1:9/", concurrency=1, duration=0.1, max_requests=1, headers={"X": "a\r\nb"}
        )


def test_the_uncached_comparison_sends_the_cookie_everywhere(monkeypatch, tmp_path):
    import contextlib

    class FakeSite:
        static_root = tmp_path

        @contextlib.contextmanager
        def serve(self, workers=None):
            yield "http://127.0.0.1:9"

    seen = []

    def fake_measure(url, *, concurrency, duration, max_requests, headers=None):
        seen.append(headers)
        return http.Measurement("fake", 10, 10, 0, duration)

    monkeypatch.setattr(http, "render_in_process", lambda path, headers=None: seen.append(headers) or b"x")
    monkeypatch.setattr(http, "_check", lambda url, headers=None: seen.append(headers))
    monkeypatch.setattr(http, "measure", fake_measure)
    result = http.compare_with_static(
        FakeSite(),
        "/xxgk/xx/1/",
        subject="item",
        budget=http.Budget(1.0, 10, 0.5),
        headers=bench_cases.NO_CACHE,
    )
    assert seen and all(h == {"Cookie": "sessionid=bench"} for h in seen)
    assert result.details["headers"] == ["Cookie"]


def test_the_fast_segmentation_is_the_index_own():
    tokenize = benchdata.Tokenizer()
    for doc in corpus.items(40, seed=7):
        title = f"{doc.title} {doc.doc_number} 12431002MB1234567X/2018-00042"
        assert benchdata.tokens_match(title, tokenize)
        assert benchdata.tokens_match(f"{doc.keywords} {doc.summary} {doc.body}", tokenize)
    assert benchdata.fast_normalise("各村（社区）：ＡＢＣ１２３") == "各村(社区):abc123"


def test_the_corpus_generator_writes_items_that_search_finds(db):
    result = benchdata.generate(500, seed=3)
    district = result["district"]
    items = Item.objects.filter(district=district)
    assert items.count() == 500
    assert SearchEntry.objects.filter(district=district).count() == 500
    item = items.select_related("live").order_by("pk")[250]
    assert item.is_public and item.live.state == State.PUBLISHED
    # The rows are the corpus's items, in order, indexed as search.index_item would index them.
    doc = list(corpus.items(500, seed=3))[250]
    assert (item.live.title, item.live.doc_number, item.live.keywords) == (
        doc.title,
        doc.doc_number,
        doc.keywords,
    )
    assert plain_text(item.live.body) == doc.body and item.live.column.slug == doc.column
    assert item.organisation.short_name == doc.organisation and item.first_published_at.year == doc.year
    generated = SearchEntry.objects.values_list("text", "title_tokens", "body_tokens").get(item=item)
    SearchEntry.objects.filter(item=item).delete()
    index_item(item)
    assert SearchEntry.objects.values_list("text", "title_tokens", "body_tokens").get(item=item) == generated

    # The index finds what the raw rows say, through search() and through the raw query alike.
    found = search(item.live.title, district=district, limit=500)
    assert item.pk in [hit.item.pk for hit in found.hits]
    total = search("低保", district=district).total
    assert 0 < total < 500
    assert total <= sum("低保" in text for text in SearchEntry.objects.values_list("text", flat=True))
    raw = bench_cases.raw_index_query(bench_cases.index_tokens("低保"))()
    assert len(raw) == 20


def test_a_second_corpus_adds_up_and_keeps_index_numbers_unique(db):
    benchdata.generate(200, seed=1)
    benchdata.generate(200, seed=2, rebuild_fts=True)  # the bulk path: FTS rebuilt at the end
    assert Item.objects.count() == 400
    assert Item.objects.values("index_no").distinct().count() == 400
    assert search("政府信息公开", district=benchdata.bench_district()).total > 0
