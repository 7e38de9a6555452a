"""``python -m gongkai.bench [NAME ...] [--quick]``: run the benchmarks and print their ratios.

Each benchmark runs against the production server (gunicorn, DEBUG off) on a throwaway
deployment in a temporary directory, and reports a ratio measured in one run. The table is
printed at the end and the results written to var/bench/results-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gongkai.bench", description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help="benchmarks to run (default: all)")
    parser.add_argument("--quick", action="store_true", help="a short smoke run (about 20 s)")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    parser.add_argument("--duration", type=float, help="seconds per measurement (overrides the budget)")
    parser.add_argument("--max-requests", type=int, help="requests per measurement at most (Python client)")
    parser.add_argument(
        "--minimal-data", action="store_true", help="least data each benchmark needs instead of the demo data"
    )
    parser.add_argument(
        "--database-url", help="a THROWAWAY PostgreSQL database to use instead of a temporary SQLite one"
    )
    parser.add_argument(
        "--client",
        choices=["auto", "wrk", "python"],
        default="auto",
        help="load client (auto: wrk if installed)",
    )
    parser.add_argument("--out", type=Path, default=BASE_DIR / "var" / "bench", help="where results go")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (to look at logs)")
    args = parser.parse_args(argv)

    # The throwaway deployment's environment must be in place before Django reads its settings.
    from gongkai.bench.http import Budget, Site, apply_environment, bench_environment, choose_client

    try:
        choose_client(args.client)
    except RuntimeError as exc:
        parser.error(str(exc))

    data_dir = Path(tempfile.mkdtemp(prefix="gongkai-bench-"))
    apply_environment(bench_environment(data_dir, args.database_url))
    try:
        import django

        django.setup()
        from gongkai.bench.registry import discover
        from gongkai.bench.runner import BenchRun, run_benchmarks

        available = {bench.name: bench for bench in discover()}
        if args.list:
            for bench in available.values():
                print(f"{bench.name}: {bench.description}")
            return 0
        unknown = [name for name in args.names if name not in available]
        if unknown:
            parser.error(f"unknown benchmark(s) {', '.join(unknown)}; known: {', '.join(available)}")
        selected = [available[name] for name in args.names] if args.names else list(available.values())

        budget = Budget.quick() if args.quick else Budget.full()
        if args.duration is not None:
            budget = Budget(args.duration, budget.max_requests, min(budget.warmup, args.duration))
        if args.max_requests is not None:
            budget = Budget(budget.duration, args.max_requests, budget.warmup)
        run = BenchRun(budget=budget, quick=args.quick, minimal_data=args.minimal_data, _site=Site(data_dir))
        print(f"gongkai bench: {len(selected)} benchmark(s), load client: {_client()}, site: {data_dir}")
        rows, _path = run_benchmarks(selected, run, out_dir=args.out)
        return 1 if any(result is None for _name, result, _error in rows) else 0
    finally:
        if args.keep:
            print(f"kept {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)


def _client() -> str:
    from gongkai.bench.http import load_client

    return load_client()


if __name__ == "__main__":
    sys.exit(main())
