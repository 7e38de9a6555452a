"""One run of the benchmarks: the shared throwaway site, the budget, the report."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from gongkai.bench.http import Budget, Site, load_client
from gongkai.bench.registry import Benchmark, Ratio, table


@dataclass
class BenchRun:
    """What a benchmark function receives."""

    budget: Budget
    quick: bool
    minimal_data: bool  # fill with the least data a benchmark needs (smoke tests), not the demo
    _site: Site

    def site(self, fill: Callable[[], object] | None = None) -> Site:
        """The throwaway site, migrated, with ``fill`` run on it once. Benchmarks share the site,
        so fills add up: a fill must cope with data that another fill left."""
        if fill is not None:
            self._site.fill(fill)
        else:
            self._site.prepare()
        return self._site


def run_benchmarks(
    selected: list[Benchmark], run: BenchRun, *, out_dir: Path, echo: Callable[[str], None] = print
) -> tuple[list[tuple[str, Ratio | None, str]], Path]:
    rows: list[tuple[str, Ratio | None, str]] = []
    for bench in selected:
        echo(f"… {bench.name}: {bench.description}")
        try:
            result = bench.func(run)
        except Exception as exc:
            echo(traceback.format_exc())
            rows.append((bench.name, None, f"{type(exc).__name__}: {exc}"))
            continue
        echo(f"  {result.line()}")
        rows.append((bench.name, result, ""))
    echo("")
    echo(table(rows))
    path = write_json(rows, run, out_dir)
    echo(f"\nresults: {path}")
    return rows, path


def write_json(rows: list[tuple[str, Ratio | None, str]], run: BenchRun, out_dir: Path) -> Path:
    now = dt.datetime.now(dt.UTC)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"results-{now:%Y%m%dT%H%M%SZ}.json"
    document = {
        "at": now.isoformat(),
        "quick": run.quick,
        "minimal_data": run.minimal_data,
        "budget": {"duration": run.budget.duration, "max_requests": run.budget.max_requests},
        "client": load_client(),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "system": platform.platform(),
        },
        "results": [
            {"name": name, **(result.as_json() if result else {}), **({"error": error} if error else {})}
            for name, result, error in rows
        ],
    }
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2))
    return path
