"""The production server (gunicorn, gunicorn.conf.py, several worker processes) on the test
database, for load and fault tests: the test's committed data is what the server sees, and what the
server stores is what the test reads back. Citizens are told apart by address (X-Forwarded-For from
a trusted proxy, as behind the district's reverse proxy), each with its own cookies."""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

BASE_DIR = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(host: str | None = None, port: int | None = None) -> str:
    """The test database as a DATABASE_URL (PostgreSQL optionally through another host/port)."""
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = urllib.parse.quote(s["USER"] or "")
    if s.get("PASSWORD"):
        auth += ":" + urllib.parse.quote(s["PASSWORD"])
    return f"postgresql://{auth}@{host or s['HOST'] or '127.0.0.1'}:{port or s['PORT'] or 5432}/{s['NAME']}"


def server_environment(data_dir: Path, db_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "FAKETIME"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "gongkai.test_settings",  # the suite's keys, static files from the apps
            "DATABASE_URL": db_url,
            "DATA_DIR": str(data_dir),
            "TRUSTED_PROXIES": "127.0.0.1",
            # Behind the district's reverse proxy, which speaks HTTPS to browsers (secure cookies).
            "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO",
            "TASK_BACKEND": "database",  # tasks queued for the worker, as in production
            # The production defaults of the public forms' abuse checks: a citizen's browser meets them.
            "ABUSE_CAPTCHA_AFTER": "3",
            "ABUSE_MIN_FILL_SECONDS": "3",
            "LOG_LEVEL": "WARNING",
        }
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


@contextlib.contextmanager
def serve(data_dir: Path, *, workers: int = 4, db_url: str | None = None) -> Iterator[str]:
    port = free_port()
    log = data_dir / "gunicorn.log"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "gongkai.wsgi:application",
        f"--config={BASE_DIR / 'gunicorn.conf.py'}",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--log-level=warning",
        "--graceful-timeout=5",
        f"--error-logfile={log}",
    ]
    env = server_environment(data_dir, db_url or database_url())
    process = subprocess.Popen(
        command, cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {log.read_text(errors='replace')[-3000:]}")
            try:
                urllib.request.urlopen(base + "/api/orgs", timeout=5).close()
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Answer:
    status: int
    body: str
    location: str


class _BehindTLS(http.cookiejar.DefaultCookiePolicy):
    """The browser speaks HTTPS to the proxy: its secure cookies are sent."""

    def return_ok_secure(self, cookie, request) -> bool:
        return True


class Citizen:
    """One person's browser, behind the reverse proxy: own cookies, own address."""

    def __init__(self, base: str, address: str) -> None:
        self.base = base
        self.origin = "https://" + base.removeprefix("http://")
        self.headers = {
            "X-Forwarded-For": address,
            "X-Forwarded-Proto": "https",
            "User-Agent": "Mozilla/5.0 (gongkai load test)",
        }
        self.jar = http.cookiejar.CookieJar(policy=_BehindTLS())
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def _open(self, request: urllib.request.Request) -> Answer:
        try:
            with self.opener.open(request, timeout=120) as response:
                return Answer(response.status, response.read().decode(), response.headers.get("Location", ""))
        except urllib.error.HTTPError as error:
            return Answer(
                error.code, error.read().decode(errors="replace"), error.headers.get("Location", "")
            )

    def get(self, path: str) -> Answer:
        return self._open(urllib.request.Request(self.base + path, headers=self.headers))

    def post(self, path: str, pairs: list[tuple[str, str]]) -> Answer:
        data = urllib.parse.urlencode(pairs).encode()
        headers = {
            **self.headers,
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": self.origin + path,
        }
        return self._open(urllib.request.Request(self.base + path, data=data, headers=headers, method="POST"))
