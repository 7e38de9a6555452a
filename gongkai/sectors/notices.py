"""Sector figures' one link to the catalog (through ``catalog/interface.py``, the layer
contract's one interface between domain apps): a confirmed version of a report is published as an
information item of its department, its figures as a table in the item's body.

Publishing drafts the item; review, approval and publication are the catalog's. Whether a
version's figures are public is asked here, of the catalog, every time — the catalog is the one
record of what the portal shows, so withdrawing the item takes the figures off the portal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.template.loader import render_to_string

from gongkai.catalog.interface import ItemRef, draft_item, import_published_item, item_refs
from gongkai.orgs.models import Organisation
from gongkai.sectors.models import Figure, Sector, Version

# The catalog column of each sector (民生保障 and 公共监管 have one per area), then fallbacks.
SECTOR_COLUMNS: dict[str, tuple[str, ...]] = {
    Sector.SOCIAL_ASSISTANCE: ("shjz", "msbz"),
    Sector.EDUCATION: ("jyxx", "msbz"),
    Sector.HEALTH: ("ylws", "msbz"),
    Sector.EMPLOYMENT: ("jycy", "msbz"),
    Sector.ENVIRONMENT: ("hjbh", "ggjg"),
    Sector.FOOD_DRUG: ("spyp", "ggjg"),
}
FALLBACK_COLUMNS = ("tjxx", "tzgg", "gzdt")


def columns_for(version: Version) -> tuple[str, ...]:
    sectors = {f.indicator.sector for f in version.figures.select_related("indicator")}
    first = next((SECTOR_COLUMNS[s] for s in Sector.values if s in sectors and s in SECTOR_COLUMNS), ())
    return (*first, *FALLBACK_COLUMNS)


def title_of(version: Version) -> str:
    report = version.report
    return f"{report.organisation.name}{report.year}年行业领域数据"


def notice_body(version: Version) -> str:
    figures = list(
        Figure.objects.filter(version=version)
        .select_related("indicator", "indicator__parent")
        .order_by("indicator__sort_order", "indicator_id")
    )
    return render_to_string(
        "sectors/notice_body.html",
        {"version": version, "report": version.report, "figures": figures, "checks": version.checks},
    )


def draft_notice(version: Version, *, actor) -> ItemRef:
    """The version's figures as a draft item of its department (the catalog checks that ``actor``
    may write one there)."""
    report = version.report
    version_ref = draft_item(
        actor=actor,
        organisation=report.organisation,
        column_slugs=columns_for(version),
        title=title_of(version),
        body=notice_body(version),
        written_date=(version.decided_at or version.submitted_at).date(),
    )
    return item_refs(report.district, [version_ref.item_id])[version_ref.item_id]


def import_notice(version: Version, *, actor, published_at: dt.datetime) -> ItemRef:
    """The figures of a year the old site published, as a published item (the demo's history)."""
    report = version.report
    return import_published_item(
        actor=actor,
        organisation=report.organisation,
        column_slugs=columns_for(version),
        title=title_of(version),
        body=notice_body(version),
        doc_number="",
        written_date=published_at.date(),
        published_at=published_at,
        source=f"行业领域数据 {report.year} {report.organisation.short_name}",
    )


def notices_of(district: Organisation, versions: Iterable[Version]) -> dict[int, ItemRef]:
    """Each version's item (by version id), asking the catalog once for all of them."""
    versions = [v for v in versions if v.notice_item_id]
    refs = item_refs(district, [v.notice_item_id for v in versions])
    return {v.pk: refs[v.notice_item_id] for v in versions if v.notice_item_id in refs}


def public_item_ids(district: Organisation, item_ids: Iterable[int]) -> set[int]:
    """Which of these items the public sees now."""
    return {pk for pk, ref in item_refs(district, item_ids).items() if ref.is_public}
