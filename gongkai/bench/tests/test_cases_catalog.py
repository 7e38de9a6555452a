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
    assert stats.p99 == pytest.approx(99.01)
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
        "search p95 11.6 ms = 1.80 × raw index query p95 6.4 ms (median 5.1 / 3.2 ms, p99 12.2 / 6.7 ms)"
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


# ---- the search cases: the query mix, the oracle, the quality figures, many pages in turn ----


@pytest.fixture
def generated(db):
    result = benchdata.generate(400, seed=5)
    return result["district"], list(corpus.items(400, seed=5))


def test_the_query_mix_is_drawn_from_the_district_and_addressed_as_the_filter_form_does(generated):
    district, _docs = generated
    mix = bench_cases.query_mix(district, 300)
    assert len(set(mix.queries)) == 300
    assert {q.kind for q in mix.queries} == set(corpus.KINDS)
    paths = [
        bench_cases.search_path(q, mix.organisations, p) for q, p in zip(mix.queries, mix.pages, strict=True)
    ]
    assert len(set(paths)) == 300
    assert all(p.startswith("/search/?q=") and " " not in p for p in paths)
    filtered = [(q, p) for q, p in zip(mix.queries, paths, strict=True) if q.filtered]
    assert filtered
    for query, path in filtered:
        if query.column:
            assert f"lm={query.column}" in path and mix.arguments(query)["column"].slug == query.column
        if query.organisation:
            assert f"org={mix.organisations[query.organisation]}" in path
        if query.year:
            assert f"year={query.year}" in path
    assert {1, 2} <= set(mix.pages)


def test_the_database_oracle_is_the_corpus_oracle(generated):
    district, docs = generated
    mix = bench_cases.query_mix(district, 200)
    ids = list(Item.objects.filter(district=district).order_by("pk").values_list("pk", flat=True))
    truths = bench_cases.oracle(district, mix.queries, mix, chunk=97)  # several chunks
    for query, truth in zip(mix.queries, truths, strict=True):
        assert truth == {ids[i] for i in corpus.ground_truth(query, docs)}, query
    assert any(truths) and any(not t for t in truths)


def test_search_quality_reports_recall_precision_and_counts(generated, monkeypatch):
    district, _docs = generated
    mix = bench_cases.query_mix(district, 60)
    queries = [q for q in mix.queries if not q.filtered][:30]
    honest = bench_cases.search_quality(district, mix, queries, truth_cap=10_000)
    assert honest.checked == 30 and honest.true_matches > 0
    truths = bench_cases.oracle(district, queries, mix)
    assert honest.true_matches == sum(len(t) for t in truths)

    # A search that loses every other hit and adds a false one is caught.
    from gongkai.catalog import search as search_module

    real = search_module.search
    stranger = Item.objects.filter(district=district).order_by("pk").first()

    def lossy(query, **kwargs):
        results = real(query, **kwargs)
        results.hits = [*results.hits[::2], search_module.Hit(stranger, 0.0, "", "")]
        return results

    monkeypatch.setattr(search_module, "search", lossy)
    lossy_quality = bench_cases.search_quality(district, mix, queries, truth_cap=10_000)
    assert lossy_quality.recall < min(honest.recall, 0.9)
    assert lossy_quality.precision < honest.precision
    assert lossy_quality.worst
    line = lossy_quality.line()
    assert line.startswith("recall ") and "precision" in line and "on 30 of 30 queries" in line


def test_search_latency_reports_percentiles_and_quality(generated):
    district, _docs = generated
    mix = bench_cases.query_mix(district, 40)
    result = bench_cases.compare_search_latency(
        district, mix, scale="at 400 items", items=400, quality_sample=10, truth_cap=1_000
    )
    details = result.details
    assert details["timed_queries"] + details["skipped_without_index_tokens"] == 40
    assert details["subject_latency"]["p99_ms"] >= details["subject_latency"]["p95_ms"]
    assert details["recall_precision"]["queries"] == 10
    assert "recall" in result.line() and result.line().startswith("search p95")


def test_many_pages_are_requested_in_turn_against_one_static_file(monkeypatch, tmp_path):
    import contextlib

    class FakeSite:
        static_root = tmp_path / "static"
        data_dir = tmp_path

        @contextlib.contextmanager
        def serve(self, workers=None):
            yield "http://127.0.0.1:9"

    calls = []
    bodies = {f"/search/?q={n}": b"x" * (100 + n) for n in range(50)}

    def fake_measure(url, *, concurrency, duration, max_requests, headers=None, paths_file=None):
        calls.append((url, paths_file))
        return http.Measurement("fake", 10, 10, 0, duration)

    monkeypatch.setattr(http, "render_in_process", lambda path, headers=None: bodies[path])
    monkeypatch.setattr(http, "_check", lambda url, headers=None: None)
    monkeypatch.setattr(http, "measure", fake_measure)
    result = http.compare_paths_with_static(
        FakeSite(), list(bodies), subject="search", budget=http.Budget(2.0, 10, 0.5), sample=10
    )
    page_calls = [c for c in calls if "/static/" not in c[0]]
    static_calls = [c for c in calls if "/static/" in c[0]]
    assert page_calls and static_calls and len(page_calls) == len(static_calls)
    assert all(paths == tmp_path / "bench-paths-50.txt" for _url, paths in page_calls)
    assert all(paths is None for _url, paths in static_calls)
    assert (tmp_path / "bench-paths-50.txt").read_text().split() == list(bodies)
    sizes = result.details["sampled_bytes"]
    assert sizes["min"] < sizes["median"] < sizes["max"]
    assert (FakeSite.static_root / f"bench/page-{sizes['median']}.html").stat().st_size == sizes["median"]
    assert result.details["distinct_paths"] == 50


def test_the_python_client_requests_the_paths_in_turn():
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from gongkai.bench import client

    seen = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            seen.append(self.path)
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        paths = [f"/search/?q=%E4%BD%8E{n}" for n in range(5)]
        result = client.run(
            f"http://127.0.0.1:{server.server_port}/",
            concurrency=2,
            duration=30,
            max_requests=20,
            paths=paths,
        )
    finally:
        server.shutdown()
    assert result["ok"] == 20
    assert sorted(seen) == sorted(paths * 4)
    with pytest.raises(ValueError):
        client.run("http://127.0.0.1:9/", concurrency=1, duration=0.1, max_requests=1, paths=["/a b"])
