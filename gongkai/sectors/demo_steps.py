"""Demo data for sector figures: the standard indicator catalog, the seed's 2018 figures reported
and confirmed by their departments, and this round's reporting in progress.

The seed (北湖区2018年政府信息公开工作年度报告, 一（二）3–5) quotes each department's yearly figures;
``standard.STANDARD`` holds them. Here every department's 2018 report is history: its values
entered, its one version confirmed in January 2019 and published as an information item in March
(brought in as the old site's, through ``notices.import_notice``), written in bulk without audit
events. The land transfer's parts (7.95 万亩) do not make its total (8.04): the check flags it,
and 农业农村局's explanation (``standard.LAND_EXPLANATION``) is recorded with it.

Then the reporting of last year's figures, through the real actions: the education department's
editor has filled in and submitted its report, which waits for its leader; the other departments
have not started, as the completeness board shows.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from gongkai.lib.registry import DemoStep
from gongkai.orgs.models import Organisation
from gongkai.sectors import actions, checks, notices, standard
from gongkai.sectors.models import (
    CheckKind,
    Entry,
    Explanation,
    Figure,
    Indicator,
    Report,
    ReportState,
    Version,
    VersionState,
)

SEED_YEAR = 2018


def _aware(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _catalog(district: Organisation) -> list[Indicator]:
    """The standard catalog, as the office would install it (departments matched by short name)."""
    orgs = {o.short_name: o for o in Organisation.objects.filter(district=district)}
    by_code: dict[str, Indicator] = {i.code: i for i in Indicator.objects.filter(district=district)}
    for n, spec in enumerate(standard.STANDARD, start=1):
        if spec.code in by_code or spec.department not in orgs:
            continue
        by_code[spec.code] = Indicator.objects.create(
            district=district,
            code=spec.code,
            name=spec.name,
            unit=spec.unit,
            decimals=spec.decimals,
            sector=spec.sector,
            organisation=orgs[spec.department],
            parent=by_code.get(spec.parent) if spec.parent else None,
            parts_rule=spec.parts_rule,
            description=spec.description,
            sort_order=n * 10,
        )
    return sorted(by_code.values(), key=lambda i: (i.sort_order, i.pk))


@transaction.atomic
def _history(district: Organisation, indicators: list[Indicator], stdout) -> None:
    seed = {s.code: s.seed_value for s in standard.STANDARD}
    by_org: dict[int, list[Indicator]] = {}
    for indicator in indicators:
        if indicator.code in seed:
            by_org.setdefault(indicator.organisation_id, []).append(indicator)
    orgs = {o.pk: o for o in Organisation.objects.filter(pk__in=by_org)}
    count = 0
    for n, (org_id, mine) in enumerate(
        sorted(by_org.items(), key=lambda kv: (orgs[kv[0]].sort_order, kv[0]))
    ):
        entered = _aware(dt.date(2019, 1, 8 + n % 10), 9)
        submitted = entered + dt.timedelta(hours=6)
        confirmed = submitted + dt.timedelta(days=1)
        report = Report.objects.create(
            district=district,
            organisation=orgs[org_id],
            year=SEED_YEAR,
            state=ReportState.CONFIRMED,
            created_at=entered,
        )
        values = {i.pk: seed[i.code] for i in mine}
        Entry.objects.bulk_create(
            Entry(report=report, indicator=i, value=values[i.pk], entered_at=entered) for i in mine
        )
        found = checks.findings(mine, values)
        explanations = {}
        for finding in found:
            if finding.kind == CheckKind.PARTS_SUM and finding.indicator.code == "land.transfer.total":
                explanations[(finding.indicator.pk, finding.kind)] = Explanation.objects.create(
                    report=report,
                    indicator=finding.indicator,
                    kind=finding.kind,
                    fingerprint=finding.fingerprint,
                    text=standard.LAND_EXPLANATION,
                    explained_at=entered + dt.timedelta(hours=2),
                )
        assert not checks.blocking(found, explanations), [f.message for f in found]
        version = Version.objects.create(
            report=report,
            number=1,
            state=VersionState.CONFIRMED,
            checks=actions._frozen_checks(found, explanations),
            submitted_at=submitted,
            decided_at=confirmed,
        )
        Figure.objects.bulk_create(
            Figure(version=version, indicator=i, value=values[i.pk], entered_at=entered) for i in mine
        )
        count += len(mine)
        notice = notices.import_notice(version, actor=None, published_at=_aware(dt.date(2019, 3, 15), 10))
        Version.objects.filter(pk=version.pk).update(notice_item_id=notice.id)
    stdout.write(
        f"    行业领域数据指标 {len(indicators)} 项，{SEED_YEAR}年数据 {count} 项（{len(by_org)} 个部门，已确认并公开）"
    )


def _live(district: Organisation) -> None:
    """Last year's round: 教育局's editor fills in and submits; the leader has yet to confirm."""
    from gongkai.accounts.models import User
    from gongkai.accounts.roles import Role

    edu = Organisation.objects.filter(district=district, short_name="教育局").first()
    editor = (
        User.objects.filter(memberships__role=Role.EDITOR, memberships__organisation=edu)
        .order_by("pk")
        .first()
        if edu
        else None
    )
    if editor is None:
        return
    year = timezone.localdate().year - 1
    if year <= SEED_YEAR:
        return
    report = actions.start_report(edu, year, actor=editor)
    if report.state != ReportState.DRAFT or report.entries.exists():
        return
    rng = random.Random(f"sectors-{district.code}-{year}")
    seed = {s.code: s.seed_value for s in standard.STANDARD}
    values = {}
    for indicator in actions.report_indicators(report):
        base = seed.get(indicator.code, Decimal(100))
        moved = base * Decimal(str(round(rng.uniform(0.9, 1.15), 3)))
        values[indicator.pk] = checks.show(moved.quantize(indicator.step), indicator.decimals)
    actions.enter_values(report, actor=editor, values=values)
    actions.submit_report(report, actor=editor)


def load_sectors(district: Organisation, *, stdout) -> None:
    indicators = _catalog(district)
    if not indicators:
        return
    if not Report.objects.filter(district=district, year=SEED_YEAR).exists():
        _history(district, indicators, stdout)
    _live(district)


DEMO_STEPS = [DemoStep("sectors", 62, load_sectors)]
