"""What the public sees of the annual reports, defined once for the portal's column (xxgk/ndbg/),
its open data, the API and anything else that shows reports outside the workbench.

A report is public while it has been released and its information item in the 年报 column is
public in the catalog (``notices.publications``): withdrawing the item takes the report off the
portal. What is shown is the frozen snapshot — the figures and the prose as approved — never the
records as they are now. The figures exported are those of the report's tables and narrative;
the checks (which name applications) and the list of missing figures stay on the workbench.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.http import Http404
from django.utils import timezone

from gongkai.lib.bounds import valid_id
from gongkai.orgs.models import Organisation
from gongkai.reports import figures, notices, trace
from gongkai.reports.models import Report, ReportState

# The parts of the figures the public sees (documented in figures.py).
PUBLIC_PARTS = ("table_two", "table_three", "table_four", "narrative")


@dataclass(frozen=True)
class PublicReport:
    report: Report
    item: notices.ItemRef

    @property
    def published_on(self) -> dt.date | None:
        moment = self.item.published_at
        return timezone.localtime(moment).date() if moment else None

    @property
    def index_no(self) -> str:
        return self.item.index_no

    @property
    def figures(self) -> dict:
        """The published figures under their stable keys (no checks, no missing list)."""
        f = self.report.figures
        return {
            "organisation": f.get("organisation"),
            "year": self.report.year,
            "format": self.report.format,
            **{part: f.get(part) for part in PUBLIC_PARTS},
        }


def public_reports(
    district: Organisation | None, *, organisation: Organisation | None = None, year: int | None = None
) -> list[PublicReport]:
    """The district's public reports (its own and its departments'), latest year first; narrowed
    to one organisation (not the units below it: each publishes its own) or one year."""
    if district is None:
        return []
    reports = Report.objects.filter(district=district, state=ReportState.RELEASED, item_id__isnull=False)
    if organisation is not None:
        reports = reports.filter(organisation=organisation)
    if year is not None:
        reports = reports.filter(year=year)
    reports = list(
        reports.select_related("organisation", "district").order_by(
            "-year", "organisation__sort_order", "organisation_id"
        )
    )
    found = notices.publications(district, reports)
    return [PublicReport(r, found[r.pk].item) for r in reports if found[r.pk].is_public]


def public_report_or_404(district: Organisation | None, pk: int) -> PublicReport:
    if district is None or not valid_id(pk):
        raise Http404
    report = Report.objects.filter(pk=pk, district=district).first()
    if report is None:
        raise Http404
    shown = public_reports(district, organisation=report.organisation, year=report.year)
    if not shown:
        raise Http404
    return shown[0]


def figure_rows(shown: PublicReport) -> list[tuple[str, str, object]]:
    """(key, label, value) of every published figure, in the figures' order: the open data's rows.
    A list's entries (the categories, the sector figures) keep their number only, under their name."""
    labels = trace.REGISTRY_LABELS
    rows = []
    parts = {part: shown.report.figures.get(part) for part in PUBLIC_PARTS}
    for key, value in figures.flatten(parts).items():
        if key.startswith("table_three.columns."):
            continue  # the columns' order, not a figure
        if value is None and key.count(".") <= 1:
            continue  # a part the format or the organisation does not have (表二 of 2018, the hotline of a department)
        if key.startswith(("narrative.proactive.categories.", "narrative.sectors.")) and key.rsplit(".", 1)[1] in (
            "name",
            "code",
            "text",
            "organisation",
        ):
            continue
        rows.append((key, labels.get(key) or figures.describe(key, shown.report.format), value))
    return rows
