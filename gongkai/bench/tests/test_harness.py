import contextlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from gongkai.bench import http
from gongkai.bench.registry import Ratio, discover, table

BASE_DIR = Path(__file__).resolve().parents[3]

WRK_OUTPUT = """Running 2s test @ http://127.0.0.1:41234/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    60.12ms   10.00ms  90.00ms   70.00%
    Req/Sec    66.00     10.00    80.00     70.00%
  259 requests in 2.03s, 2.45MB read
  Non-2xx or 3xx responses: 9
  Socket errors: connect 0, read 1, write 0, timeout 0
Requests/sec:    127.59
Transfer/sec:      1.21MB
"""


def test_the_registry_lists_the_portal_benchmark():
    assert "portal_home" in [bench.name for bench in discover()]


def test_a_ratio_reads_as_one_line():
    ratio = Ratio(
        "portal home page",
        1840,
        "static file of the same size",
        2970,
        details={"subject_short": "page", "baseline_short": "static"},
    )
    assert ratio.line() == (
        "portal home page: 0.62 × static file of the same size (page 1,840 req/s, static 2,970 req/s)"
    )
    assert "0.62 ×" in table([("portal_home", ratio, ""), ("other", None, "RuntimeError: boom")])


@pytest.fixture
def compare_fake(monkeypatch, tmp_path):
    """``compare_with_static`` of "/" against a fake server whose successive measurements of each
    address (warm-up first) have the given rates."""

    class FakeSite:
        static_root = tmp_path

        @contextlib.contextmanager
        def serve(self, workers=None):
            yield "http://127.0.0.1:9"

    def compare(page_rates, static_rates, duration):
        rates = {"/": iter(page_rates), "/static/bench/page-5.html": iter(static_rates)}

        def fake_measure(url, *, concurrency, duration, max_requests):
            ok = next(rates[url.removeprefix("http://127.0.0.1:9")]) * duration
            return http.Measurement("fake", int(ok), int(ok), 0, duration)

        monkeypatch.setattr(http, "render_in_process", lambda path: b"hello")
        monkeypatch.setattr(http, "_check", lambda url: None)
        monkeypatch.setattr(http, "measure", fake_measure)
        return http.compare_with_static(FakeSite(), "/", subject="home", budget=http.Budget(duration, 100, 0.5))

    return compare


def test_the_harness_divides_the_page_rate_by_the_static_rate(compare_fake, tmp_path):
    result = compare_fake([620] * 3, [1000] * 3, duration=2.0)  # warm-up and two rounds
    assert result.ratio == pytest.approx(0.62)
    assert (tmp_path / "bench" / "page-5.html").read_bytes() == b"hello"
    assert result.details["bytes"] == 5


def test_each_side_is_its_best_round_and_every_round_is_kept(compare_fake):
    # Warm-up first, then three alternating rounds; the slow ones stand for interference.
    result = compare_fake([1, 500, 620, 300], [1, 1000, 400, 900], duration=3.0)
    assert result.ratio == pytest.approx(0.62)
    assert (result.details["page_rates"], result.details["static_rates"]) == ([500, 620, 300], [1000, 400, 900])
    assert result.details["workers"] >= 1 and result.details["threads"] == 1


@pytest.mark.parametrize(
    ("duration", "rounds"), [(0.5, 1), (1.0, 1), (3.0, 3), (10.0, 10), (25.0, 10)]
)
def test_rounds_last_a_second_or_more_and_are_at_most_ten(compare_fake, duration, rounds):
    result = compare_fake([100] * (rounds + 1), [200] * (rounds + 1), duration=duration)
    assert result.details["rounds"] == len(result.details["page_rates"]) == rounds
    assert result.details["page"]["seconds"] == pytest.approx(duration / rounds)


def test_wrk_output_is_read_as_successful_requests_per_second():
    measurement = http.parse_wrk(WRK_OUTPUT)
    assert (measurement.requests, measurement.ok, measurement.errors) == (259, 250, 10)
    assert measurement.rate == pytest.approx(250 / 2.03)


def test_the_python_client_refuses_anything_but_loopback():
    from gongkai.bench import client

    with pytest.raises(ValueError):
        client.run("http://example.com/", concurrency=1, duration=0.1, max_requests=1)


def test_the_portal_benchmark_runs_against_gunicorn(tmp_path):
    """Smoke test: the real harness, a real gunicorn, a handful of requests."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "gongkai.bench",
            "portal_home",
            "--minimal-data",
            "--duration=0.5",
            "--max-requests=200",
            f"--out={tmp_path}",
        ],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=180,  # a busy CI machine (two lanes on two cores) starts gunicorn slowly
    )
    assert done.returncode == 0, done.stdout + done.stderr
    [path] = tmp_path.glob("results-*.json")
    [result] = json.loads(path.read_text())["results"]
    assert result["name"] == "portal_home"
    assert result["ratio"] > 0
    assert result["details"]["page"]["requests"] > 0
    assert "portal home page:" in done.stdout
