"""HTTP load measurements against the production server on a throwaway database.

``Site`` is a deployment made for the benchmark: a temporary DATA_DIR (SQLite there, unless a
DATABASE_URL is given), migrated, its static files collected, filled by callables. ``serve``
starts gunicorn on it exactly as production does (``gongkai.wsgi:application``, DEBUG off,
WhiteNoise for static files), bound to 127.0.0.1 on a free port. ``measure`` drives it from a
separate process: ``wrk`` when installed, else ``gongkai.bench.client``.

``compare_with_static`` is the usual benchmark: a page against a static file of the same size
(a copy of the page's own bytes), which tells how much the page costs beyond moving its bytes.
The two are measured in alternating rounds and each side's best round is compared: on a shared
machine a round is only ever slowed by what is not the code (other tenants, a round whose
connections landed unevenly on the workers); every round's rate is kept in the details.
``headers`` go with every request (e.g. ``Cookie: sessionid=…`` to get past the page cache).

``LatencyStats`` and ``LatencyRatio`` report latencies measured in-process (median, p95) against
a baseline measured in the same run; a latency ratio reads "takes N × as long as" the baseline.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import runpy
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.bench.registry import Ratio

BASE_DIR = Path(__file__).resolve().parent.parent.parent
HOST = "127.0.0.1"
SERVER_CONFIG = BASE_DIR / "gunicorn.conf.py"


def server_settings(workers: int | None = None) -> dict[str, object]:
    """The production server's processes, threads and worker class, as ``serve`` runs it."""
    config = runpy.run_path(str(SERVER_CONFIG))
    return {
        "workers": workers or config["workers"],
        "threads": config["threads"],
        "worker_class": config["worker_class"],
    }


@dataclass(frozen=True)
class Budget:
    """How long each measurement runs, and how many requests it may make at most."""

    duration: float
    max_requests: int
    warmup: float

    @classmethod
    def full(cls) -> Budget:
        return cls(duration=10.0, max_requests=1_000_000, warmup=2.0)

    @classmethod
    def quick(cls) -> Budget:
        return cls(duration=1.0, max_requests=20_000, warmup=0.5)


def bench_environment(data_dir: Path, database_url: str | None = None) -> dict[str, str]:
    """Environment variables for a production-like deployment with throwaway keys."""
    from cryptography.fernet import Fernet

    env = {
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
        "DEBUG": "false",
        "DATA_DIR": str(data_dir),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "PERSONAL_DATA_KEYS": Fernet.generate_key().decode(),
        "PERSONAL_DATA_INDEX_KEY": secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain HTTP on the loopback interface: no redirect to HTTPS.
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "TASK_BACKEND": "database",
        "LOG_LEVEL": "WARNING",
        # The load client is one address: the citizens' search limit (lib/abuse.py) would refuse it.
        "SEARCH_PER_MINUTE": "1000000000",
    }
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def apply_environment(env: dict[str, str]) -> None:
    """Make ``env`` this process's environment for Django (before ``django.setup()``)."""
    os.environ.update(env)
    if "DATABASE_URL" not in env:
        # Never benchmark against the database of the shell that started us.
        os.environ.pop("DATABASE_URL", None)


class Site:
    """The deployment under test; Django in this process must be set up with its environment."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._prepared = False
        self._filled: set[str] = set()

    def prepare(self) -> None:
        if self._prepared:
            return
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)  # the shared rate-limit counts, as scripts/run.sh does
        call_command("collectstatic", interactive=False, verbosity=0)
        self._prepared = True

    def fill(self, func: Callable[[], object]) -> None:
        """Run ``func`` once on this site's database (after migrating it)."""
        self.prepare()
        key = f"{func.__module__}.{func.__qualname__}"
        if key not in self._filled:
            func()
            self._filled.add(key)

    @property
    def static_root(self) -> Path:
        from django.conf import settings

        return Path(settings.STATIC_ROOT)

    @contextlib.contextmanager
    def serve(self, *, workers: int | None = None) -> Iterator[str]:
        """Run gunicorn on this site with the production settings (gunicorn.conf.py; ``workers``
        overrides its number of processes); yields its base URL. Files must be in place
        beforehand: WhiteNoise reads STATIC_ROOT once, at start-up."""
        self.prepare()
        port = free_port()
        log = self.data_dir / "gunicorn.log"
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "gongkai.wsgi:application",
            f"--config={SERVER_CONFIG}",
            f"--bind={HOST}:{port}",
            *([f"--workers={workers}"] if workers else []),
            "--log-level=warning",
            "--graceful-timeout=5",
            f"--error-logfile={log}",
        ]
        with open(os.devnull, "wb") as devnull:
            process = subprocess.Popen(command, cwd=BASE_DIR, stdout=devnull, stderr=subprocess.STDOUT)
        base_url = f"http://{HOST}:{port}"
        try:
            _wait_until_up(process, base_url, log)
            yield base_url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _wait_until_up(process: subprocess.Popen, base_url: str, log: Path, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{_tail(log)}")
        try:
            with urllib.request.urlopen(base_url + "/static/staticfiles.json", timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers; the file need not exist
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s:\n{_tail(log)}")


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


# --- load generation ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Measurement:
    client: str  # "wrk" or "python"
    requests: int
    ok: int
    errors: int
    seconds: float
    extra: dict = field(default_factory=dict)

    @property
    def rate(self) -> float:
        """Successful responses per second."""
        return self.ok / self.seconds if self.seconds > 0 else 0.0


_client_choice = "auto"


def choose_client(name: str) -> None:
    """``auto`` (wrk when installed), ``wrk`` or ``python``."""
    global _client_choice
    if name not in ("auto", "wrk", "python"):
        raise ValueError(f"unknown load client {name!r}")
    if name == "wrk" and not shutil.which("wrk"):
        raise RuntimeError("wrk is not installed (Debian: apt-get install wrk)")
    _client_choice = name


def load_client() -> str:
    if _client_choice != "auto":
        return _client_choice
    return "wrk" if shutil.which("wrk") else "python"


def measure(
    url: str,
    *,
    concurrency: int,
    duration: float,
    max_requests: int,
    headers: dict[str, str] | None = None,
    paths_file: Path | None = None,
) -> Measurement:
    """Request ``url`` from ``concurrency`` connections for ``duration`` seconds, sending ``headers``;
    with ``paths_file`` (paths of ``url``'s server, one a line) request those paths in turn.

    wrk stops at the time limit only; the Python client also at ``max_requests``.
    """
    if not url.startswith(f"http://{HOST}:"):
        raise ValueError("benchmarks run against the loopback interface only")
    headers = _checked_headers(headers)
    paths = {"paths_file": paths_file} if paths_file else {}
    if load_client() == "wrk" and duration >= 1:
        return _measure_wrk(url, concurrency=concurrency, duration=duration, headers=headers, **paths)
    return _measure_python(
        url, concurrency=concurrency, duration=duration, max_requests=max_requests, headers=headers, **paths
    )


def _checked_headers(headers: dict[str, str] | None) -> dict[str, str]:
    for name, value in (headers or {}).items():
        if not re.fullmatch(r"[A-Za-z0-9-]+", name) or any(c in value for c in "\r\n"):
            raise ValueError(f"bad request header {name!r}")
    return dict(headers or {})


def header_arguments(option: str, headers: dict[str, str]) -> list[str]:
    """``["--header=Name: value", …]``: how both load clients take request headers."""
    return [f"{option}={name}: {value}" for name, value in headers.items()]


def _measure_python(
    url: str,
    *,
    concurrency: int,
    duration: float,
    max_requests: int,
    headers: dict[str, str] | None = None,
    paths_file: Path | None = None,
) -> Measurement:
    command = [
        sys.executable,
        "-m",
        "gongkai.bench.client",
        url,
        f"--concurrency={concurrency}",
        f"--duration={duration}",
        f"--max-requests={max_requests}",
        *header_arguments("--header", headers or {}),
        *([f"--paths={paths_file}"] if paths_file else []),
    ]
    done = subprocess.run(
        command, cwd=BASE_DIR, capture_output=True, text=True, timeout=duration + 60, check=True
    )
    data = json.loads(done.stdout)
    return Measurement(
        "python", data["requests"], data["ok"], data["errors"], data["seconds"], {"bytes": data["bytes"]}
    )


_WRK_TOTAL = re.compile(r"(\d+) requests in ([\d.]+)(us|ms|s|m)")
_WRK_NON_2XX = re.compile(r"Non-2xx or 3xx responses: (\d+)")
_WRK_SOCKET = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
_UNIT_SECONDS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}


# wrk requests the paths of a file in turn (each thread from its own place in the list).
WRK_PATHS_SCRIPT = """
local paths = {}
for line in io.lines(os.getenv("GONGKAI_BENCH_PATHS")) do paths[#paths + 1] = line end
local i = 0
function setup(thread) thread:set("offset", i * 7919); i = i + 1 end
local n = 0
function request()
  n = n + 1
  return wrk.format(nil, paths[(offset + n) % #paths + 1])
end
"""


def _measure_wrk(
    url: str,
    *,
    concurrency: int,
    duration: float,
    headers: dict[str, str] | None = None,
    paths_file: Path | None = None,
) -> Measurement:
    env = None
    script: list[str] = []
    if paths_file:
        script_file = paths_file.with_suffix(".lua")
        script_file.write_text(WRK_PATHS_SCRIPT)
        script = [f"--script={script_file}"]
        env = {**os.environ, "GONGKAI_BENCH_PATHS": str(paths_file)}
    command = [
        "wrk",
        f"--threads={max(1, min(2, concurrency))}",
        f"--connections={concurrency}",
        f"--duration={round(duration)}s",
        "--timeout=10s",
        *header_arguments("--header", headers or {}),
        *script,
        url,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60, check=True, env=env)
    return parse_wrk(done.stdout)


def parse_wrk(output: str) -> Measurement:
    total = _WRK_TOTAL.search(output)
    if total is None:
        raise RuntimeError(f"cannot read wrk's output:\n{output}")
    requests = int(total.group(1))
    seconds = float(total.group(2)) * _UNIT_SECONDS[total.group(3)]
    non_2xx = int(m.group(1)) if (m := _WRK_NON_2XX.search(output)) else 0
    socket_errors = sum(int(n) for n in m.groups()) if (m := _WRK_SOCKET.search(output)) else 0
    return Measurement("wrk", requests, requests - non_2xx, non_2xx + socket_errors, seconds)


# --- the usual comparison -----------------------------------------------------------------------


def render_in_process(path: str, host: str = HOST, headers: dict[str, str] | None = None) -> bytes:
    """The page as the site renders it now (through Django's test client, in this process)."""
    from django.test import Client

    response = Client().get(path, HTTP_HOST=host, headers=headers)
    if response.status_code != 200:
        raise RuntimeError(f"GET {path} answered {response.status_code}, not 200")
    return response.content


def compare_with_static(
    site: Site,
    path: str,
    *,
    subject: str,
    budget: Budget,
    concurrency: int = 8,
    workers: int | None = None,
    headers: dict[str, str] | None = None,
) -> Ratio:
    """``path`` on ``site`` against a static file holding the same bytes, served by WhiteNoise.

    ``headers`` are sent with the page's requests (and the static file's, so both cost the same
    to send); e.g. ``{"Cookie": "sessionid=bench"}`` measures a page the page cache would serve.
    """
    with_headers = {"headers": headers} if headers else {}
    body = render_in_process(path, **with_headers)
    return _compare(
        site,
        path,
        body,
        subject=subject,
        budget=budget,
        concurrency=concurrency,
        workers=workers,
        headers=headers,
        details={"path": path},
    )


def compare_paths_with_static(
    site: Site,
    paths: list[str],
    *,
    subject: str,
    budget: Budget,
    concurrency: int = 8,
    workers: int | None = None,
    headers: dict[str, str] | None = None,
    sample: int = 40,
) -> Ratio:
    """Many pages, requested in turn (e.g. a search page for a thousand queries), against a static
    file of their typical size: the median size of ``sample`` of them, rendered in this process
    beforehand (which also checks they answer 200). Each page is requested about equally often."""
    if not paths:
        raise ValueError("no paths")
    if any(not p.startswith("/") or any(c in p for c in " \r\n") for p in paths):
        raise ValueError("paths start with / and hold no spaces or line breaks (quote them)")
    with_headers = {"headers": headers} if headers else {}
    step = max(1, len(paths) // sample)
    rendered = sorted((render_in_process(p, **with_headers) for p in paths[::step][:sample]), key=len)
    body = rendered[len(rendered) // 2]
    paths_file = site.data_dir / f"bench-paths-{len(paths)}.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    sizes = [len(b) for b in rendered]
    return _compare(
        site,
        paths[0],
        body,
        subject=subject,
        budget=budget,
        concurrency=concurrency,
        workers=workers,
        headers=headers,
        paths_file=paths_file,
        details={
            "paths": len(paths),
            "distinct_paths": len(set(paths)),
            "first_paths": paths[:5],
            "sampled_bytes": {"min": sizes[0], "median": len(body), "max": sizes[-1]},
        },
    )


def _compare(
    site: Site,
    path: str,
    body: bytes,
    *,
    subject: str,
    budget: Budget,
    concurrency: int,
    workers: int | None,
    headers: dict[str, str] | None,
    details: dict,
    paths_file: Path | None = None,
) -> Ratio:
    """``path`` (or the paths in ``paths_file``, in turn) against a static file holding ``body``."""
    with_headers = {"headers": headers} if headers else {}
    with_paths = {"paths_file": paths_file} if paths_file else {}
    static_name = f"bench/page-{len(body)}.html"
    target = site.static_root / static_name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(body)

    # Rounds are slowed, never sped up, by what is not the code under test: this machine's speed
    # drifts (a shared virtual machine), and each round's connections are accepted by whichever
    # worker wakes first. How the 8 connections land decides a round's rate on either side: seen
    # on 2 cores with 5 workers, [7, 1] connections per worker served 1,960 pages/s, [5, 1, 1, 1]
    # 730 (four processes taking turns on two cores). Page and static file are measured in
    # alternating rounds, and each side's best round — the server's capacity when nothing
    # interfered — is compared; rounds of a second (up to 10) give each side more draws than 5
    # rounds of two did (the ratio ranged 0.26–0.40 over three runs with 5, 0.34–0.42 over four
    # with 10, same code).
    rounds = max(1, min(10, int(budget.duration)))
    duration = budget.duration / rounds
    with site.serve(workers=workers) as base_url:
        page_url, static_url = base_url + path, f"{base_url}/static/{static_name}"
        samples: dict[str, list[Measurement]] = {"page": [], "static": []}
        for label, url in (("page", page_url), ("static", static_url)):
            _check(url, **with_headers)
            measure(
                url,
                concurrency=concurrency,
                duration=budget.warmup,
                max_requests=budget.max_requests,
                **with_headers,
                **(with_paths if label == "page" else {}),
            )
        for _ in range(rounds):
            for label, url in (("page", page_url), ("static", static_url)):
                samples[label].append(
                    measure(
                        url,
                        concurrency=concurrency,
                        duration=duration,
                        max_requests=budget.max_requests,
                        **with_headers,
                        **(with_paths if label == "page" else {}),
                    )
                )
    runs = {label: max(runs_, key=lambda m: m.rate) for label, runs_ in samples.items()}
    for label, run in runs.items():
        if run.ok == 0 or run.errors > max(1, run.requests // 100):
            raise RuntimeError(f"{label}: {run.errors} of {run.requests} requests failed")
    page, static = runs["page"], runs["static"]
    return Ratio(
        subject=subject,
        subject_rate=page.rate,
        baseline="static file of the same size",
        baseline_rate=static.rate,
        details={
            "subject_short": "page",
            "baseline_short": "static",
            **details,
            "bytes": len(body),
            "concurrency": concurrency,
            **({"headers": sorted(headers)} if headers else {}),
            **server_settings(workers),
            "rounds": rounds,
            "page_rates": [round(m.rate) for m in samples["page"]],
            "static_rates": [round(m.rate) for m in samples["static"]],
            "client": page.client,
            "page": {"requests": page.requests, "errors": page.errors, "seconds": round(page.seconds, 3)},
            "static": {
                "requests": static.requests,
                "errors": static.errors,
                "seconds": round(static.seconds, 3),
            },
        },
    )


def _check(url: str, headers: dict[str, str] | None = None) -> None:
    request = urllib.request.Request(url, headers=headers or {})
    # The first request of a worker loads the segmenter's dictionary: on a busy machine that takes a while.
    with urllib.request.urlopen(request, timeout=60) as response:
        if response.status != 200:
            raise RuntimeError(f"GET {url} answered {response.status}")


# --- latency, measured in-process -----------------------------------------------------------------


def percentile(samples: list[float], fraction: float) -> float:
    """The ``fraction`` quantile (0–1) of ``samples``, interpolated between the closest ranks
    (the "linear" method of numpy and of ``statistics.quantiles(method="inclusive")``)."""
    if not samples:
        raise ValueError("no samples")
    if not 0 <= fraction <= 1:
        raise ValueError("fraction must be between 0 and 1")
    ordered = sorted(samples)
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class LatencyStats:
    """Latencies in seconds: how many, median, 95th percentile, mean, slowest, 99th percentile."""

    count: int
    median: float
    p95: float
    mean: float
    max: float
    p99: float = float("nan")

    @classmethod
    def of(cls, samples: list[float]) -> LatencyStats:
        if not samples:
            raise ValueError("no samples")
        return cls(
            len(samples),
            statistics.median(samples),
            percentile(samples, 0.95),
            statistics.fmean(samples),
            max(samples),
            percentile(samples, 0.99),
        )

    def as_ms(self) -> dict[str, float]:
        return {
            "count": self.count,
            "median_ms": round(self.median * 1000, 3),
            "p95_ms": round(self.p95 * 1000, 3),
            "p99_ms": round(self.p99 * 1000, 3),
            "mean_ms": round(self.mean * 1000, 3),
            "max_ms": round(self.max * 1000, 3),
        }


def timed(func: Callable[[], object]) -> float:
    """Seconds one call of ``func`` takes."""
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


@dataclass(frozen=True)
class LatencyRatio(Ratio):
    """``subject`` takes ``ratio`` times as long as ``baseline`` at the 95th percentile.

    The rates are p95 latencies in microseconds (the table shows whole units); the details hold
    both sides' statistics in milliseconds. Unlike a throughput ratio, lower is better.
    """

    unit: str = "µs p95"

    @classmethod
    def of(
        cls, subject: str, subject_stats: LatencyStats, baseline: str, baseline_stats: LatencyStats, **details
    ) -> LatencyRatio:
        return cls(
            subject=subject,
            subject_rate=subject_stats.p95 * 1e6,
            baseline=baseline,
            baseline_rate=baseline_stats.p95 * 1e6,
            details={
                "kind": "latency (lower is better)",
                "subject_latency": subject_stats.as_ms(),
                "baseline_latency": baseline_stats.as_ms(),
                **details,
            },
        )

    def line(self) -> str:
        """e.g. ``search p95 12.3 ms = 1.81 × raw index query p95 6.8 ms (median 5.1 / 3.2 ms) at …``."""
        subject, baseline = self.details["subject_latency"], self.details["baseline_latency"]
        short_subject = self.details.get("subject_short", self.subject)
        short_baseline = self.details.get("baseline_short", self.baseline)
        scale = self.details.get("scale", "")
        return (
            f"{short_subject} p95 {subject['p95_ms']:,.1f} ms = {self.ratio:.2f} × "
            f"{short_baseline} p95 {baseline['p95_ms']:,.1f} ms "
            f"(median {subject['median_ms']:,.1f} / {baseline['median_ms']:,.1f} ms, "
            f"p99 {subject['p99_ms']:,.1f} / {baseline['p99_ms']:,.1f} ms)"
            + (f"; {self.details['quality']}" if self.details.get("quality") else "")
            + (f" {scale}" if scale else "")
        )
