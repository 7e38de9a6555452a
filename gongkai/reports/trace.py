"""The records counted in one cell of a report: what the staff view opens from each number.

A cell's key is the figure's key (``table_three.withhold_6.natural``); the records come from the
same app's ``stats.py`` that counted them, with the same filters, so the list has as many entries
as the figure says — as the records stand now (a frozen report may have been counted earlier).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from gongkai.applications import stats as applications_stats
from gongkai.catalog import stats as catalog_stats
from gongkai.reports import formats, sources
from gongkai.reports.models import Report


@dataclass(frozen=True)
class Line:
    """One record counted in a cell, as the trace page lists it."""

    ref: str  # its number or index number
    title: str
    facts: list[str]
    url: str


@dataclass(frozen=True)
class Trace:
    label: str
    lines: list[Line]


def traceable(key: str) -> bool:
    parts = key.split(".")
    return (parts[0] in ("table_three", "table_four") and len(parts) == 3) or key.startswith(
        ("table_two.rules.", "table_two.normative.", "narrative.proactive.categories.")
    )


def _applications(report: Report, row: str, column: str) -> list[Line]:
    qs = applications_stats.cell_applications(
        report.year, row, column, **sources.applications_scope(report.organisation)
    ).select_related("organisation")
    return [
        Line(
            a.number,
            a.description[:60],
            [
                f"收到 {a.received_on:%Y-%m-%d}",
                f"答复 {a.replied_on:%Y-%m-%d}" if a.replied_on else "未答复",
                a.get_category_display(),
                a.get_outcome_display() or "—",
                a.organisation.short_name or a.organisation.name,
            ],
            reverse("applications_staff:detail", args=[a.pk]),
        )
        for a in qs
    ]


def _cases(report: Report, kind: str, result: str) -> list[Line]:
    qs = applications_stats.review_cases(
        report.year, kind, result, **sources.applications_scope(report.organisation)
    )
    return [
        Line(
            c.application.number,
            c.get_kind_display(),
            [f"立案 {c.filed_on:%Y-%m-%d}", c.get_result_display(), c.body or "—"],
            reverse("applications_staff:detail", args=[c.application_id]),
        )
        for c in qs
    ]


def _items(qs) -> list[Line]:
    return [
        Line(
            item.index_no,
            item.live.title if item.live else "",
            [
                item.organisation.short_name or item.organisation.name,
                f"发布 {item.first_published_at:%Y-%m-%d}" if item.first_published_at else "",
                item.live.doc_number if item.live else "",
            ],
            reverse("catalog:item", args=[item.pk]),
        )
        for item in qs
    ]


def trace(report: Report, key: str) -> Trace:
    """The records of cell ``key`` of ``report``; ValueError for a key that names no cell."""
    parts = key.split(".")
    fmt = report.format
    period = catalog_stats.Period.year(report.year)
    if parts[0] == "table_three" and len(parts) == 3:
        row, column = parts[1], parts[2]
        if row not in formats.three_row_keys(fmt) or column not in dict(formats.THREE_COLUMNS):
            raise ValueError(key)
        label = f"{formats.three_row_labels(fmt)[row]} · {dict(formats.THREE_COLUMNS)[column]}"
        return Trace(f"表三 {label}", _applications(report, row, column))
    if parts[0] == "table_four" and len(parts) == 3:
        kind, result = parts[1], parts[2]
        if kind not in dict(formats.FOUR_KINDS) or result not in dict(formats.FOUR_RESULTS):
            raise ValueError(key)
        label = f"表四 {dict(formats.FOUR_KINDS)[kind]} · {dict(formats.FOUR_RESULTS)[result]}"
        return Trace(label, _cases(report, kind, result))
    if parts[0] == "table_two" and len(parts) == 3 and parts[1] in ("rules", "normative"):
        kind = "rule" if parts[1] == "rules" else "normative"
        measures = {"made": "made", "repealed": "repealed", "in_force": "in_force"}
        if parts[2] not in measures:
            raise ValueError(key)
        qs = catalog_stats.document_items(report.organisation, period, kind, measures[parts[2]])
        label = "规章" if kind == "rule" else "行政规范性文件"
        return Trace(f"表二 {label} · {parts[2]}", _items(qs))
    if parts[:3] == ["narrative", "proactive", "categories"] and len(parts) >= 4:
        group = parts[3]
        qs = catalog_stats.category_items(report.organisation, period, group)
        return Trace(f"主动公开 {group}", _items(qs[:2000]))
    raise ValueError(key)
