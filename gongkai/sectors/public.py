"""What the public sees of sector figures: for each report, its latest confirmed version whose
information item is public in the catalog (``notices.py``). The portal, the open-data exports and
the public API all read through here, so they show the same figures."""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.orgs.models import Organisation
from gongkai.sectors import notices
from gongkai.sectors.models import Figure, Version, VersionState


def public_versions(district: Organisation | None, year: int | None = None) -> list[Version]:
    """Each report's latest public version (of ``year``, or of every year)."""
    if district is None:
        return []
    candidates = Version.objects.filter(
        state=VersionState.CONFIRMED, report__district=district, notice_item_id__isnull=False
    ).select_related("report", "report__organisation")
    if year is not None:
        candidates = candidates.filter(report__year=year)
    candidates = list(candidates.order_by("report_id", "-number"))
    public = notices.public_item_ids(district, [v.notice_item_id for v in candidates])
    chosen: dict[int, Version] = {}
    for version in candidates:
        if version.notice_item_id in public and version.report_id not in chosen:
            chosen[version.report_id] = version
    return list(chosen.values())


def public_figures(district: Organisation | None, year: int | None = None) -> QuerySet[Figure]:
    """The figures of ``public_versions``, with their indicator, report and department."""
    versions = public_versions(district, year)
    return (
        Figure.objects.filter(version__in=[v.pk for v in versions])
        .select_related(
            "indicator", "indicator__parent", "version", "version__report", "version__report__organisation"
        )
        .order_by("-version__report__year", "indicator__sort_order", "indicator_id")
    )


def public_years(district: Organisation | None) -> list[int]:
    return sorted({v.report.year for v in public_versions(district)}, reverse=True)
