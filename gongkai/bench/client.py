"""The fallback load client, used when ``wrk`` is not installed; run in a separate process.

    python -m gongkai.bench.client URL --concurrency 8 --duration 10 --max-requests 100000 \
        [--header "Cookie: sessionid=bench" ...] [--paths FILE]

Threads, each with its own keep-alive connection, request URL until the time or the request
count runs out; with ``--paths`` (a file of paths, one a line) the requests go to those paths of
URL's server in turn instead. The result is printed as one JSON object. Python's client costs
more CPU per request than wrk, so on a small machine it slows the server it measures: ratios from
the two clients are not comparable, and the report says which was used.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit


def parse_header(text: str) -> tuple[str, str]:
    """``"Name: value"`` (curl's and wrk's form) as a pair."""
    name, sep, value = text.partition(":")
    if not sep or not name.strip() or any(c in text for c in "\r\n"):
        raise ValueError(f"a header is 'Name: value', not {text!r}")
    return name.strip(), value.strip()


def run(
    url: str,
    *,
    concurrency: int,
    duration: float,
    max_requests: int,
    host: str | None = None,
    headers: dict[str, str] | None = None,
    paths: list[str] | None = None,
) -> dict:
    parts = urlsplit(url)
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError("the bench client only talks to the loopback interface")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    targets = paths or [path]
    if any(not p.startswith("/") or any(c in p for c in " \r\n") for p in targets):
        raise ValueError("paths start with / and hold no spaces or line breaks")
    headers = {"Host": host or parts.netloc, "User-Agent": "gongkai-bench", **(headers or {})}
    tickets = itertools.count()  # next() on a count is atomic under the GIL
    lock = threading.Lock()
    totals = {"ok": 0, "errors": 0, "bytes": 0}
    start = time.perf_counter()
    deadline = start + duration

    def connect() -> http.client.HTTPConnection:
        return http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=10)

    def worker() -> None:
        ok = errors = size = 0
        conn = connect()
        while time.perf_counter() < deadline and (ticket := next(tickets)) < max_requests:
            try:
                conn.request("GET", targets[ticket % len(targets)], headers=headers)
                response = conn.getresponse()
                body = response.read()
                if response.status == 200:
                    ok += 1
                    size += len(body)
                else:
                    errors += 1
                if response.will_close:
                    conn.close()
                    conn = connect()
            except (OSError, http.client.HTTPException):
                errors += 1
                conn.close()
                conn = connect()
        conn.close()
        with lock:
            totals["ok"] += ok
            totals["errors"] += errors
            totals["bytes"] += size

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - start
    return {
        "client": "python",
        "requests": totals["ok"] + totals["errors"],
        "ok": totals["ok"],
        "errors": totals["errors"],
        "seconds": seconds,
        "bytes": totals["bytes"],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--max-requests", type=int, default=1_000_000)
    parser.add_argument("--host", default=None, help="Host header (default: from the URL)")
    parser.add_argument(
        "--header", action="append", default=[], type=parse_header, help="'Name: value', may repeat"
    )
    parser.add_argument("--paths", type=Path, help="a file of paths (one a line) to request in turn")
    args = parser.parse_args(argv)
    paths = args.paths.read_text().split() if args.paths else None
    result = run(
        args.url,
        concurrency=args.concurrency,
        duration=args.duration,
        max_requests=args.max_requests,
        host=args.host,
        headers=dict(args.header),
        paths=paths,
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
