"""The benchmarks: a registry, the result of one (a ratio measured in one run), and the report.

A benchmark compares two things measured in the same run on the same machine, for example a
dynamic page against a static file of the same size; the ratio is meaningful on a laptop and on
a server alike, where a bare "requests per second" is not. No benchmark passes or fails.

The benchmarks live here, one module per area (``cases.py`` the portal, ``cases_catalog.py``,
``cases_hotline.py``): the bench stands above the apps it measures, which never import it::

    from gongkai.bench.registry import benchmark
    from gongkai.bench.http import compare_with_static

    @benchmark("catalog_list", "目录列表页与同样大小的静态文件")
    def catalog_list(run):
        site = run.site(fill=make_catalog)      # a throwaway database, migrated and filled
        return compare_with_static(site, "/catalog/", subject="catalog list", budget=run.budget)
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gongkai.bench.runner import BenchRun


@dataclass(frozen=True)
class Ratio:
    """``subject`` ran at ``ratio`` times the rate of ``baseline``, both measured in one run."""

    subject: str
    subject_rate: float
    baseline: str
    baseline_rate: float
    unit: str = "req/s"
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float:
        return self.subject_rate / self.baseline_rate if self.baseline_rate else float("nan")

    def line(self) -> str:
        """e.g. ``portal home page: 0.62 × static file of the same size (page 1,840 req/s, …)``."""
        short_subject = self.details.get("subject_short", self.subject)
        short_baseline = self.details.get("baseline_short", self.baseline)
        return (
            f"{self.subject}: {self.ratio:.2f} × {self.baseline} "
            f"({short_subject} {self.subject_rate:,.0f} {self.unit}, "
            f"{short_baseline} {self.baseline_rate:,.0f} {self.unit})"
        )

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "ratio": round(self.ratio, 4)}


BenchFunction = Callable[["BenchRun"], Ratio]


@dataclass(frozen=True)
class Benchmark:
    name: str
    description: str
    func: BenchFunction


_registry: dict[str, Benchmark] = {}


def benchmark(name: str, description: str) -> Callable[[BenchFunction], BenchFunction]:
    """Register the decorated function ``(run) -> Ratio`` as the benchmark ``name``."""

    def decorator(func: BenchFunction) -> BenchFunction:
        existing = _registry.get(name)
        if existing is not None and existing.func.__qualname__ != func.__qualname__:
            raise ValueError(f"benchmark {name!r} is registered twice")
        _registry[name] = Benchmark(name, description, func)
        return func

    return decorator


def discover() -> list[Benchmark]:
    """Import the benchmarks (each ``gongkai.bench.cases*`` module)."""
    for module in CASE_MODULES:
        importlib.import_module(module)
    return benchmarks()


CASE_MODULES = (
    "gongkai.bench.cases",
    "gongkai.bench.cases_catalog",
    "gongkai.bench.cases_hotline",
    "gongkai.bench.cases_reports",
    "gongkai.bench.cases_services",
    "gongkai.bench.cases_supervision",
)


def benchmarks() -> list[Benchmark]:
    return sorted(_registry.values(), key=lambda b: b.name)


def table(rows: list[tuple[str, Ratio | None, str]]) -> str:
    """A plain-text table of (benchmark name, result or None, error) rows."""
    header = ("benchmark", "ratio", "subject", "rate", "baseline", "rate", "client")
    lines = [header]
    for name, result, error in rows:
        if result is None:
            lines.append((name, "—", f"failed: {error}", "", "", "", ""))
            continue
        lines.append(
            (
                name,
                f"{result.ratio:.2f} ×",
                result.subject,
                f"{result.subject_rate:,.0f} {result.unit}",
                result.baseline,
                f"{result.baseline_rate:,.0f} {result.unit}",
                str(result.details.get("client", "")),
            )
        )
    widths = [max(len(row[i]) for row in lines) for i in range(len(header))]
    out = []
    for index, row in enumerate(lines):
        out.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        if index == 0:
            out.append("  ".join("-" * width for width in widths))
    return "\n".join(out)
