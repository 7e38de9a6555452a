"""The annual reports' one link to the catalog (through ``catalog/interface.py``): a released
report is an information item of the portal's 年报 column (政府信息公开年报, ``ndbg``).

Releasing drafts the item under the reporting organisation — a district's report under its
disclosure office, which compiles it (条例 第五十条) — with the frozen report as its body; the
catalog's review, approval and publication follow. Whether a released report is public is asked
of the catalog every time: withdrawing the item takes the report off the portal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from gongkai.catalog.interface import ItemRef, draft_item, import_published_item, item_refs
from gongkai.orgs.models import LeadingGroup, Organisation
from gongkai.reports.models import Report, ReportState

REPORT_COLUMNS = ("ndbg", "tzgg", "gzdt")


def publisher(report: Report) -> Organisation:
    """The organisation the item is published under: a district's report by its disclosure office
    (the leading group's office), anyone else's by itself."""
    if report.organisation.is_district:
        group = LeadingGroup.objects.filter(district=report.organisation).select_related("office").first()
        if group is not None and group.office_id:
            return group.office
    return report.organisation


@dataclass(frozen=True)
class Publication:
    label: str
    is_public: bool
    item: ItemRef | None = None


def publications(district: Organisation, reports: list[Report]) -> dict[int, Publication]:
    """Each report's publication, asking the catalog once for all their items."""
    refs = item_refs(district, [r.item_id for r in reports if r.item_id])
    found = {}
    for report in reports:
        ref = refs.get(report.item_id) if report.item_id else None
        if report.state != ReportState.RELEASED:
            found[report.pk] = Publication(str(ReportState(report.state).label), False, None)
        elif ref is None:
            found[report.pk] = Publication(_("公开信息不存在"), False, None)
        elif ref.is_public:
            found[report.pk] = Publication(_("已公开"), True, ref)
        else:
            found[report.pk] = Publication(_("发布审核中：%(state)s") % {"state": ref.state_label}, False, ref)
    return found


def publication(report: Report) -> Publication:
    return publications(report.district, [report])[report.pk]


def draft_report_item(report: Report, *, actor, body: str) -> ItemRef:
    organisation = publisher(report)
    version = draft_item(
        actor=actor,
        organisation=organisation,
        column_slugs=REPORT_COLUMNS,
        title=report.title,
        body=body,
        written_date=(report.approved_at or report.generated_at).date(),
    )
    return item_refs(report.district, [version.item_id])[version.item_id]


def import_report_item(report: Report, *, actor, body: str, published_at: dt.datetime) -> ItemRef:
    """A report published at ``published_at`` (the old site's, or the demo's), as a published item."""
    return import_published_item(
        actor=actor,
        organisation=publisher(report),
        column_slugs=REPORT_COLUMNS,
        title=report.title,
        body=body,
        doc_number="",
        written_date=published_at.date(),
        published_at=published_at,
        source=f"政府信息公开工作年度报告 {report.year}",
    )


# --- the website's yearly form (政府网站工作年度报表) ------------------------------------------------

# Published on the portal's home page early in the year: the annual-report column where the
# district has one, else its notices.
WEBSITE_FORM_COLUMNS = ("ndbg", "tzgg", "gzdt")


def website_publisher(district: Organisation) -> Organisation:
    """The district's disclosure office, which runs the portal and compiles the form."""
    group = LeadingGroup.objects.filter(district=district).select_related("office").first()
    return group.office if group is not None and group.office_id else district


def draft_website_form_item(form, *, actor, body: str) -> ItemRef:
    version = draft_item(
        actor=actor,
        organisation=website_publisher(form.district),
        column_slugs=WEBSITE_FORM_COLUMNS,
        title=form.title,
        body=body,
        written_date=(form.approved_at or form.generated_at).date(),
    )
    return item_refs(form.district, [version.item_id])[version.item_id]


def website_publication(form) -> Publication:
    if form.state != ReportState.RELEASED:
        return Publication(str(ReportState(form.state).label), False, None)
    ref = item_refs(form.district, [form.item_id]).get(form.item_id) if form.item_id else None
    if ref is None:
        return Publication(_("公开信息不存在"), False, None)
    if ref.is_public:
        return Publication(_("已公开"), True, ref)
    return Publication(_("发布审核中：%(state)s") % {"state": ref.state_label}, False, ref)
