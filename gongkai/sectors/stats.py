"""Sector figures for the annual report, the dashboards and the office's completeness board: pure
functions of (a district or an organisation, a year) — no user, no request, no clock.

The rules every figure follows:

- A report's figures are those of its latest confirmed version (a version returned, or one
  still waiting for the leader, never counts; a report sent back for correction keeps its
  confirmed figures until a corrected version is confirmed).
- A figure belongs to the department that reported it (an organisation's figures include the
  units below it).
- Each figure carries its source — the department, the report, the version and the figure's
  own id — so a sentence of the annual report can be traced to who entered it and when.

The annual report cites ``figure(district, 2018, "land.transfer.total")`` → 8.04 万亩, reported by
农业农村局; nothing is typed twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, QuerySet, Subquery

from gongkai.orgs.models import Organisation
from gongkai.sectors import checks
from gongkai.sectors.models import (
    Entry,
    Explanation,
    Figure,
    Indicator,
    Report,
    ReportState,
    Version,
    VersionState,
)


@dataclass(frozen=True)
class FigureValue:
    code: str
    name: str
    unit: str
    decimals: int
    sector: str
    value: Decimal
    organisation_id: int
    organisation: str  # the department's name
    report_id: int
    version: int
    figure_id: int
    entered_at: dt.datetime
    confirmed_at: dt.datetime | None

    @property
    def text(self) -> str:
        """The value as reports print it: its decimal places, then its unit (8.04万亩)."""
        return f"{checks.show(self.value, self.decimals)}{self.unit}"


def _district_and_orgs(of: Organisation | int) -> tuple[int, set[int] | None]:
    if isinstance(of, int):
        return of, None
    if of.is_district:
        return of.pk, None
    return of.district_id, of.descendant_ids()


def confirmed_versions(district_id: int, year: int) -> QuerySet[Version]:
    """Each report's latest confirmed version, of the district's reports of ``year``."""
    latest = (
        Version.objects.filter(report=OuterRef("report"), state=VersionState.CONFIRMED)
        .order_by("-number")
        .values("pk")[:1]
    )
    return Version.objects.filter(
        state=VersionState.CONFIRMED, report__district_id=district_id, report__year=year
    ).filter(pk=Subquery(latest))


def confirmed_figures(district_id: int, year: int) -> QuerySet[Figure]:
    """The figures of ``confirmed_versions``."""
    return Figure.objects.filter(version__in=confirmed_versions(district_id, year))


def figures(of: Organisation | int, year: int) -> dict[str, FigureValue]:
    """Confirmed figures of the year by indicator code, in the catalog's order: with unit and
    source (the department, the report, the version)."""
    district_id, orgs = _district_and_orgs(of)
    rows = confirmed_figures(district_id, year).select_related(
        "indicator", "version", "version__report", "version__report__organisation"
    )
    if orgs is not None:
        rows = rows.filter(version__report__organisation_id__in=orgs)
    out: dict[str, FigureValue] = {}
    for f in rows.order_by("indicator__sort_order", "indicator_id"):
        report = f.version.report
        out[f.indicator.code] = FigureValue(
            code=f.indicator.code,
            name=f.indicator.name,
            unit=f.indicator.unit,
            decimals=f.indicator.decimals,
            sector=f.indicator.sector,
            value=f.value,
            organisation_id=report.organisation_id,
            organisation=report.organisation.name,
            report_id=report.pk,
            version=f.version.number,
            figure_id=f.pk,
            entered_at=f.entered_at,
            confirmed_at=f.version.decided_at,
        )
    return out


def figure(district: Organisation | int, year: int, code: str) -> FigureValue | None:
    """One confirmed figure of the district's year, or None if not (yet) confirmed."""
    return figures(district, year).get(code)


@dataclass(frozen=True)
class OpenCheck:
    report_id: int
    organisation: str
    state: str
    indicator: str  # code
    indicator_name: str
    kind: str
    severity: str
    message: str


def open_checks(of: Organisation | int, year: int) -> list[OpenCheck]:
    """The checks that still flag a value in the year's reports (their current values): errors,
    and parts or year-on-year checks without an explanation that holds."""
    district_id, orgs = _district_and_orgs(of)
    reports = Report.objects.filter(district_id=district_id, year=year).select_related("organisation")
    if orgs is not None:
        reports = reports.filter(organisation_id__in=orgs)
    reports = list(reports.order_by("organisation__sort_order", "pk"))
    if not reports:
        return []
    indicators = list(Indicator.objects.filter(district_id=district_id).order_by("sort_order", "id"))
    last = dict(confirmed_figures(district_id, year - 1).values_list("indicator_id", "value"))
    values: dict[int, dict[int, Decimal | None]] = {}
    for report_id, indicator_id, value in Entry.objects.filter(report__in=reports).values_list(
        "report_id", "indicator_id", "value"
    ):
        values.setdefault(report_id, {})[indicator_id] = value
    explanations: dict[int, dict] = {}
    for e in Explanation.objects.filter(report__in=reports):
        explanations.setdefault(e.report_id, {})[(e.indicator_id, e.kind)] = e
    out = []
    for report in reports:
        mine = values.get(report.pk, {})
        held = [
            i
            for i in indicators
            if (i.organisation_id == report.organisation_id and i.is_active) or i.pk in mine
        ]
        for finding in checks.findings(held, mine, last):
            if finding.explainable and checks.explained(finding, explanations.get(report.pk, {})):
                continue
            out.append(
                OpenCheck(
                    report_id=report.pk,
                    organisation=report.organisation.name,
                    state=report.state,
                    indicator=finding.indicator.code,
                    indicator_name=finding.indicator.name,
                    kind=finding.kind,
                    severity=finding.severity,
                    message=finding.message,
                )
            )
    return out


@dataclass(frozen=True)
class Completeness:
    organisation: Organisation
    indicators: int  # what it has to report
    filled: int  # values entered so far
    report: Report | None
    state: str  # a ReportState, or "" when not started
    submitted_at: dt.datetime | None
    confirmed_at: dt.datetime | None

    @property
    def is_confirmed(self) -> bool:
        return self.state == ReportState.CONFIRMED


def completeness(district: Organisation | int, year: int) -> list[Completeness]:
    """Every department the catalog asks for figures, with how far its report of ``year`` is."""
    district_id, orgs = _district_and_orgs(district)
    counts: dict[int, int] = {}
    for org_id in Indicator.objects.filter(district_id=district_id, is_active=True).values_list(
        "organisation_id", flat=True
    ):
        counts[org_id] = counts.get(org_id, 0) + 1
    if orgs is not None:
        counts = {k: v for k, v in counts.items() if k in orgs}
    reports = {r.organisation_id: r for r in Report.objects.filter(district_id=district_id, year=year)}
    filled: dict[int, int] = {}
    for report_id in Entry.objects.filter(
        report__district_id=district_id, report__year=year, value__isnull=False
    ).values_list("report_id", flat=True):
        filled[report_id] = filled.get(report_id, 0) + 1
    submitted: dict[int, dt.datetime] = {}
    confirmed: dict[int, dt.datetime] = {}
    for v in Version.objects.filter(report__district_id=district_id, report__year=year).order_by("number"):
        submitted[v.report_id] = v.submitted_at
        if v.state == VersionState.CONFIRMED:
            confirmed[v.report_id] = v.decided_at
    out = []
    for org in Organisation.objects.filter(pk__in=set(counts) | set(reports)).order_by("sort_order", "id"):
        if orgs is not None and org.pk not in orgs:
            continue
        report = reports.get(org.pk)
        out.append(
            Completeness(
                organisation=org,
                indicators=counts.get(org.pk, 0),
                filled=filled.get(report.pk, 0) if report else 0,
                report=report,
                state=report.state if report else "",
                submitted_at=submitted.get(report.pk) if report else None,
                confirmed_at=confirmed.get(report.pk) if report else None,
            )
        )
    return out


def reporting_years(district: Organisation | int) -> list[int]:
    """Years with a confirmed figure, latest first."""
    district_id, _orgs = _district_and_orgs(district)
    years = (
        Version.objects.filter(state=VersionState.CONFIRMED, report__district_id=district_id)
        .order_by()
        .values_list("report__year", flat=True)
        .distinct()
    )
    return sorted(set(years), reverse=True)
