"""When reports are due (条例 第四十九条): a department's by 31 January, a government's own by 31
March of the following year — and which departments have published theirs.

A report counts as published on the day its item in 年报 was first published (the catalog's
record); a department without a report, or with one not public yet, is late once the day has
passed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from gongkai.orgs.models import Organisation, OrgKind
from gongkai.reports import notices
from gongkai.reports.models import Report

REPORTING_KINDS = (OrgKind.DEPARTMENT, OrgKind.TOWN, OrgKind.STREET)


def department_deadline(year: int) -> dt.date:
    return dt.date(year + 1, 1, 31)


def district_deadline(year: int) -> dt.date:
    return dt.date(year + 1, 3, 31)


def deadline_for(organisation: Organisation, year: int) -> dt.date:
    return district_deadline(year) if organisation.is_district else department_deadline(year)


@dataclass(frozen=True)
class Standing:
    organisation: Organisation
    report: Report | None
    published_on: dt.date | None
    status: str  # on_time / late / missing / pending
    label: str
    days_late: int


def department_reports(district: Organisation, year: int, *, today: dt.date) -> list[Standing]:
    """Every department, town and street of the district, with its report for ``year``: published
    on time, published late (how many days), not published and late, or not yet due."""
    due = department_deadline(year)
    organisations = list(
        Organisation.objects.filter(district=district, kind__in=REPORTING_KINDS, is_active=True).order_by(
            "sort_order", "id"
        )
    )
    reports = {
        r.organisation_id: r
        for r in Report.objects.filter(district=district, year=year, organisation__in=organisations)
    }
    found = notices.publications(district, list(reports.values()))
    rows = []
    for org in organisations:
        report = reports.get(org.pk)
        publication = found.get(report.pk) if report else None
        published_on = None
        if publication is not None and publication.is_public and publication.item.published_at:
            published_on = timezone.localtime(publication.item.published_at).date()
            if published_on > today:
                published_on = None  # the standing as it was on ``today``
        if published_on is not None:
            late = (published_on - due).days
            status, label = ("late", f"逾期{late}天公开") if late > 0 else ("on_time", "按时公开")
        elif today > due:
            late = (today - due).days
            status, label = "missing", f"未公开（已逾期{late}天）"
        else:
            late = 0
            status, label = "pending", "未到期"
        rows.append(Standing(org, report, published_on, status, label, max(late, 0)))
    return rows


# A finding of the supervision (督查考核): a department that published late, or has not published
# after the day — 条例 第四十七条 pursues late reports. Until a supervision app records findings, the
# office's standings page and its to-do list flag them.
FLAGGED = ("late", "missing")


def counts(rows: list[Standing]) -> dict[str, int]:
    """How many departments stand in each status (on_time, late, missing, pending)."""
    out = dict.fromkeys(("on_time", "late", "missing", "pending"), 0)
    for row in rows:
        out[row.status] += 1
    return out


def flagged(rows: list[Standing]) -> list[Standing]:
    """The departments to be followed up, latest first."""
    return sorted((r for r in rows if r.status in FLAGGED), key=lambda r: -r.days_late)


def last_due_year(today: dt.date) -> int:
    """The year whose department reports were last due on or before ``today`` (before 1 February
    of a year, the reports of the year before last)."""
    return today.year - 1 if today > department_deadline(today.year - 1) else today.year - 2
