"""Every state change of sector figures, one function per verb.

The indicator catalog (the office's):

- ``install_standard``: the standard catalog built from the seed, into a district;
- ``create_indicator`` / ``update_indicator``: an indicator added or changed (retired with
  ``is_active=False``: history keeps it).

A department's report of a year (``workflow.py`` says which verb applies in which state):

- ``start_report``: the report of one department and year, empty;
- ``enter_values``: values typed on the form, all or nothing, each checked against its indicator;
- ``import_form``: a filled form (XLSX) — the same as typing it;
- ``explain``: the department's reason for a value a check flags;
- ``submit_report``: a frozen version with its checks, once nothing blocks it;
- ``confirm_report`` / ``return_report``: the department's leader decides on the version;
- ``reopen_report``: the office sends a confirmed report back for correction;
- ``publish_version``: the confirmed figures drafted as an information item in the catalog.

Each checks permission itself (``permissions.py``) and the report's state (``workflow.py``),
runs in one transaction and writes its audit event.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.audit.log import record
from gongkai.orgs.models import Organisation
from gongkai.sectors import checks, notices, permissions, sheets, standard, stats, workflow
from gongkai.sectors.models import (
    CheckKind,
    Entry,
    Explanation,
    Figure,
    Indicator,
    PartsRule,
    Report,
    ReportState,
    Sector,
    Unit,
    Version,
    VersionState,
)

CODE_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")
FIRST_YEAR, LAST_YEAR = 2000, 2100


# --- the indicator catalog ----------------------------------------------------------------------


def _indicator_errors(district: Organisation, values: dict, instance: Indicator | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    code = values.get("code", "")
    if not code or len(code) > 60 or not CODE_RE.match(code):
        errors["code"] = _("指标代码由小写字母、数字、下划线组成，可用“.”分级，例如 land.transfer.total。")
    elif (
        Indicator.objects.filter(district=district, code=code)
        .exclude(pk=getattr(instance, "pk", None))
        .exists()
    ):
        errors["code"] = _("本区已有代码为 %(code)s 的指标。") % {"code": code}
    if not values.get("name"):
        errors["name"] = _("请填写指标名称。")
    if values.get("unit") not in Unit.values:
        errors["unit"] = _("请选择计量单位。")
    if values.get("sector") not in Sector.values:
        errors["sector"] = _("请选择领域。")
    decimals = values.get("decimals")
    if not isinstance(decimals, int) or not 0 <= decimals <= 6:
        errors["decimals"] = _("小数位数应为 0 到 6。")
    organisation = values.get("organisation")
    if organisation is None or organisation.district_id != district.pk:
        errors["organisation"] = _("请选择本区的填报单位。")
    parent = values.get("parent")
    if values.get("parts_rule", "") not in PartsRule.values:
        errors["parts_rule"] = _("请选择分项关系。")
    if parent is not None:
        if parent.district_id != district.pk:
            errors["parent"] = _("上级指标不属于本区。")
        elif instance is not None and (parent.pk == instance.pk or _is_below(parent, instance)):
            errors["parent"] = _("上级指标不能是本指标或其分项。")
        elif organisation is not None and parent.organisation_id != organisation.pk:
            errors["parent"] = _("分项须与上级指标由同一单位填报。")
        elif parent.unit != values.get("unit") and parent.parts_rule:
            errors["unit"] = _("分项的计量单位须与上级指标相同（%(unit)s）。") % {"unit": parent.unit}
    return errors


def _is_below(candidate: Indicator, indicator: Indicator) -> bool:
    seen = set()
    node = candidate
    while node is not None and node.pk not in seen:
        if node.parent_id == indicator.pk:
            return True
        seen.add(node.pk)
        node = node.parent
    return False


FIELDS = (
    "code",
    "name",
    "unit",
    "decimals",
    "sector",
    "organisation",
    "parent",
    "parts_rule",
    "description",
    "sort_order",
    "is_active",
)


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = dict(values)
    for key in ("code", "name", "description", "parts_rule"):
        if key in cleaned:
            cleaned[key] = (cleaned[key] or "").strip()
    return cleaned


@transaction.atomic
def create_indicator(district: Organisation, *, actor, **values: Any) -> Indicator:
    permissions.require(actor, "configure", district)
    values = _clean(values)
    values.setdefault("parts_rule", "")
    values.setdefault("description", "")
    values.setdefault("is_active", True)
    errors = _indicator_errors(district, values, None)
    if errors:
        raise ValidationError(errors)
    if values.get("sort_order") is None:
        last = Indicator.objects.filter(district=district).order_by("-sort_order").first()
        values["sort_order"] = (last.sort_order + 10) if last else 10
    indicator = Indicator.objects.create(district=district, **{k: values[k] for k in FIELDS if k in values})
    record(
        "sector_indicator.create",
        actor=actor,
        target=indicator,
        organisation=indicator.organisation,
        changes={
            "code": [None, indicator.code],
            "name": [None, indicator.name],
            "unit": [None, indicator.unit],
        },
    )
    return indicator


@transaction.atomic
def update_indicator(indicator: Indicator, *, actor, **values: Any) -> Indicator:
    indicator = (
        Indicator.objects.select_for_update().select_related("district", "organisation").get(pk=indicator.pk)
    )
    permissions.require(actor, "configure", indicator.district)
    values = _clean(values)
    merged = {name: getattr(indicator, name) for name in FIELDS} | values
    errors = _indicator_errors(indicator.district, merged, indicator)
    if errors:
        raise ValidationError(errors)
    if merged["decimals"] < indicator.decimals:
        entered = Entry.objects.filter(indicator=indicator, value__isnull=False).values_list(
            "value", flat=True
        )
        step = Decimal(1).scaleb(-merged["decimals"])
        if any(v != v.quantize(step) for v in entered):
            raise ValidationError(
                {
                    "decimals": _("已有填报数值的小数位多于%(n)s位，不能减少小数位数。")
                    % {"n": merged["decimals"]}
                }
            )
    changes = {}
    for name in FIELDS:
        old, new = getattr(indicator, name), merged[name]
        if old != new:
            changes[name] = [str(old) if old is not None else None, str(new) if new is not None else None]
            setattr(indicator, name, new)
    if changes:
        indicator.save()
        record(
            "sector_indicator.update",
            actor=actor,
            target=indicator,
            organisation=indicator.organisation,
            changes=changes,
        )
    return indicator


@transaction.atomic
def install_standard(district: Organisation, *, actor) -> tuple[int, list[str]]:
    """The standard catalog (``standard.STANDARD``) into ``district``: (indicators added, the
    departments the district does not have, whose indicators were left out). Codes the district
    already has are kept as they are, so installing again adds nothing."""
    permissions.require(actor, "configure", district)
    have = set(Indicator.objects.filter(district=district).values_list("code", flat=True))
    orgs = {o.short_name: o for o in Organisation.objects.filter(district=district, is_active=True)}
    by_code = {i.code: i for i in Indicator.objects.filter(district=district)}
    missing: list[str] = []
    added = 0
    for n, spec in enumerate(standard.STANDARD, start=1):
        if spec.code in have:
            continue
        org = orgs.get(spec.department)
        if org is None:
            if spec.department not in missing:
                missing.append(spec.department)
            continue
        indicator = Indicator.objects.create(
            district=district,
            code=spec.code,
            name=spec.name,
            unit=spec.unit,
            decimals=spec.decimals,
            sector=spec.sector,
            organisation=org,
            parent=by_code.get(spec.parent) if spec.parent else None,
            parts_rule=spec.parts_rule,
            description=spec.description,
            sort_order=n * 10,
        )
        by_code[spec.code] = indicator
        added += 1
    if added:
        record(
            "sector_indicator.install",
            actor=actor,
            organisation=district,
            changes={"count": [0, added]},
            note=_("载入标准指标目录：%(n)s 项") % {"n": added},
        )
    return added, missing


# --- reports ------------------------------------------------------------------------------------


def report_indicators(report: Report) -> list[Indicator]:
    """The indicators a report holds: the active ones its department reports, in order, and any
    retired one it already has a value for."""
    entered = Entry.objects.filter(report=report).values("indicator_id")
    return list(
        Indicator.objects.filter(district_id=report.district_id)
        .filter(Q(organisation_id=report.organisation_id, is_active=True) | Q(pk__in=entered))
        .select_related("parent")
        .order_by("sort_order", "id")
    )


def _locked(report: Report) -> Report:
    return (
        Report.objects.select_for_update(of=("self",))
        .select_related("organisation", "district")
        .get(pk=report.pk)
    )


@transaction.atomic
def start_report(organisation: Organisation, year: int, *, actor) -> Report:
    """The report of ``organisation`` for ``year``; the one it has already if started before."""
    permissions.require(actor, "start", organisation)
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            {"year": _("年度应为 %(a)s 到 %(b)s 之间的四位数字。") % {"a": FIRST_YEAR, "b": LAST_YEAR}}
        )
    found = Report.objects.filter(organisation=organisation, year=year).first()
    if found is not None:
        return found
    if not Indicator.objects.filter(organisation=organisation, is_active=True).exists():
        raise ValidationError(
            _("%(org)s没有需要填报的指标，请公开办在指标目录中指定。") % {"org": organisation.name}
        )
    try:
        with transaction.atomic():
            report = Report.objects.create(
                district_id=organisation.district_id, organisation=organisation, year=year, created_by=actor
            )
    except IntegrityError:  # started at the same moment by someone else
        return Report.objects.get(organisation=organisation, year=year)
    record(
        "sector_report.start",
        actor=actor,
        target=report,
        organisation=organisation,
        changes={"year": [None, year]},
    )
    return report


def _parse_all(
    indicators: list[Indicator], values: Mapping[int, Any]
) -> tuple[dict[int, Decimal | None], dict[str, str]]:
    parsed: dict[int, Decimal | None] = {}
    errors: dict[str, str] = {}
    for indicator in indicators:
        if indicator.pk not in values:
            continue
        try:
            parsed[indicator.pk] = checks.parse_value(values[indicator.pk], indicator)
        except checks.BadValue as exc:
            errors[f"value_{indicator.pk}"] = f"{indicator.name}：{exc}"
    return parsed, errors


def _write_entries(
    report: Report,
    indicators: list[Indicator],
    parsed: dict[int, Decimal | None],
    notes: Mapping[int, str],
    actor,
) -> dict[str, list]:
    """Write the values and notes that changed; the audit event's changes by indicator code."""
    existing = {e.indicator_id: e for e in Entry.objects.filter(report=report)}
    by_id = {i.pk: i for i in indicators}
    changes: dict[str, list] = {}
    now = timezone.now()
    for pk in set(parsed) | set(notes):
        indicator = by_id.get(pk)
        if indicator is None:
            continue
        entry = existing.get(pk)
        value = parsed.get(pk, entry.value if entry else None)
        note = (notes[pk] or "").strip()[:300] if pk in notes else (entry.note if entry else "")
        if entry is None:
            if value is None and not note:
                continue
            Entry.objects.create(
                report=report, indicator=indicator, value=value, note=note, entered_by=actor, entered_at=now
            )
            changes[indicator.code] = [None, checks.show(value, indicator.decimals) or None]
        elif entry.value != value or entry.note != note:
            old = checks.show(entry.value, indicator.decimals) or None
            entry.value, entry.note, entry.entered_by, entry.entered_at = value, note, actor, now
            entry.save(update_fields=["value", "note", "entered_by", "entered_at"])
            new = checks.show(value, indicator.decimals) or None
            if old != new:
                changes[indicator.code] = [old, new]
            else:
                changes[f"{indicator.code}.note"] = ["", note]
    return changes


@transaction.atomic
def enter_values(
    report: Report,
    *,
    actor,
    values: Mapping[int, Any],
    notes: Mapping[int, str] | None = None,
    source: str = "",
) -> dict[str, list]:
    """The values typed for ``report`` (text by indicator id; empty clears a value), all or
    nothing: a value that is not a number the indicator can hold is refused with its reason,
    under ``value_<indicator id>``, and nothing is written. Returns what changed."""
    report = _locked(report)
    permissions.require(actor, "enter", report.organisation)
    workflow.check("enter", report.state)
    indicators = report_indicators(report)
    parsed, errors = _parse_all(indicators, values)
    if errors:
        raise ValidationError(errors)
    changes = _write_entries(report, indicators, parsed, notes or {}, actor)
    if changes:
        record(
            "sector_report.import" if source else "sector_report.enter",
            actor=actor,
            target=report,
            organisation=report.organisation,
            changes=changes,
            note=source,
        )
    return changes


@transaction.atomic
def import_form(report: Report, upload: IO[bytes], *, actor, name: str = "") -> sheets.ImportReport:
    """A filled form (the sheet ``sheets.form_workbook`` writes) into ``report``, all or nothing:
    every row is read and checked as if typed; if any row is wrong nothing is written and the
    report says why, row by row. Importing the same sheet twice changes nothing the second time."""
    report = _locked(report)
    permissions.require(actor, "import", report.organisation)
    workflow.check("import", report.state)
    indicators = report_indicators(report)
    result = sheets.read_form(upload, indicators)
    if not result.ok:
        return result
    values = {row.indicator.pk: row.value for row in result.rows}
    notes = {row.indicator.pk: row.note for row in result.rows if row.note is not None}
    parsed, errors = _parse_all(indicators, values)
    assert not errors  # sheets.read_form parsed them the same way
    result.changes = _write_entries(report, indicators, parsed, notes, actor)
    if result.changes:
        record(
            "sector_report.import",
            actor=actor,
            target=report,
            organisation=report.organisation,
            changes=result.changes,
            note=_("导入填报表：%(name)s") % {"name": name},
        )
    return result


def current_values(report: Report) -> dict[int, Decimal | None]:
    return dict(Entry.objects.filter(report=report).values_list("indicator_id", "value"))


def last_year_values(report: Report) -> dict[int, Decimal]:
    """Last year's confirmed figures of this report's indicators (by indicator id)."""
    return dict(
        stats.confirmed_figures(report.district_id, report.year - 1).values_list("indicator_id", "value")
    )


def explanations_of(report: Report) -> dict[tuple[int, str], Explanation]:
    return {
        (e.indicator_id, e.kind): e
        for e in Explanation.objects.filter(report=report).select_related("explained_by")
    }


def report_findings(report: Report) -> list[checks.Finding]:
    return checks.findings(report_indicators(report), current_values(report), last_year_values(report))


@transaction.atomic
def explain(report: Report, *, actor, indicator: Indicator, kind: str, text: str) -> Explanation:
    """Record why ``indicator``'s value is right though the check ``kind`` flags it (a parts check
    or a jump from last year). It holds while the values it saw are unchanged."""
    report = _locked(report)
    permissions.require(actor, "explain", report.organisation)
    workflow.check("explain", report.state)
    text = (text or "").strip()
    if len(text) < 5:
        raise ValidationError({"text": _("请写明原因（至少5个字），例如统计口径不同、分项四舍五入等。")})
    finding = next(
        (
            f
            for f in report_findings(report)
            if f.indicator.pk == indicator.pk and f.kind == kind and f.explainable
        ),
        None,
    )
    if finding is None:
        raise ValidationError(_("该项核查已不再提示，无需说明。"))
    old = Explanation.objects.filter(report=report, indicator=indicator, kind=kind).first()
    if old is None:
        explanation = Explanation.objects.create(
            report=report,
            indicator=indicator,
            kind=kind,
            fingerprint=finding.fingerprint,
            text=text,
            explained_by=actor,
        )
    else:
        old_text = old.text
        old.fingerprint, old.text, old.explained_by, old.explained_at = (
            finding.fingerprint,
            text,
            actor,
            timezone.now(),
        )
        old.save(update_fields=["fingerprint", "text", "explained_by", "explained_at"])
        explanation = old
    record(
        "sector_report.explain",
        actor=actor,
        target=report,
        organisation=report.organisation,
        changes={"explanation": [old_text if old else None, text]},
        note=f"{indicator.name}：{CheckKind(kind).label}",
    )
    return explanation


def _frozen_checks(
    found: list[checks.Finding], explanations: Mapping[tuple[int, str], Explanation]
) -> list[dict]:
    out = []
    for finding in found:
        held = checks.explained(finding, explanations)
        out.append(
            {
                "kind": finding.kind,
                "kind_label": str(CheckKind(finding.kind).label),
                "severity": finding.severity,
                "indicator": finding.indicator.code,
                "indicator_name": finding.indicator.name,
                "message": finding.message,
                "explanation": held.text if held else "",
                "explained_by": held.explained_by.display_name if held and held.explained_by else "",
                "explained_at": held.explained_at.isoformat() if held else "",
            }
        )
    return out


@transaction.atomic
def submit_report(report: Report, *, actor) -> Version:
    """Freeze the values as a new version for the leader to confirm. Refused, saying why, while a
    value is missing or wrong, or parts that do not add up are not explained."""
    report = _locked(report)
    permissions.require(actor, "submit", report.organisation)
    workflow.check("submit", report.state)
    indicators = report_indicators(report)
    entries = {e.indicator_id: e for e in Entry.objects.filter(report=report)}
    values = {pk: e.value for pk, e in entries.items()}
    found = checks.findings(indicators, values, last_year_values(report))
    explanations = explanations_of(report)
    stopping = checks.blocking(found, explanations)
    if stopping:
        raise ValidationError([f"{f.indicator.name}：{f.message}" for f in stopping])
    last = report.versions.order_by("-number").first()
    version = Version.objects.create(
        report=report,
        number=(last.number + 1) if last else 1,
        checks=_frozen_checks(found, explanations),
        submitted_by=actor,
    )
    Figure.objects.bulk_create(
        Figure(
            version=version,
            indicator_id=i.pk,
            value=entries[i.pk].value,
            note=entries[i.pk].note,
            entered_by_id=entries[i.pk].entered_by_id,
            entered_at=entries[i.pk].entered_at,
        )
        for i in indicators
    )
    old_state = report.state
    report.state = ReportState.SUBMITTED
    report.save(update_fields=["state"])
    record(
        "sector_report.submit",
        actor=actor,
        target=report,
        organisation=report.organisation,
        changes={
            "state": [old_state, report.state],
            "version": [last.number if last else None, version.number],
        },
    )
    return version


def _pending_version(report: Report) -> Version:
    return (
        report.versions.select_for_update().filter(state=VersionState.SUBMITTED).order_by("-number").first()
    )


@transaction.atomic
def confirm_report(report: Report, *, actor) -> Version:
    """The department's leader confirms the submitted version: its figures become the report's."""
    report = _locked(report)
    permissions.require(actor, "confirm", report.organisation)
    workflow.check("confirm", report.state)
    version = _pending_version(report)
    version.state, version.decided_by, version.decided_at = VersionState.CONFIRMED, actor, timezone.now()
    version.save(update_fields=["state", "decided_by", "decided_at"])
    report.state = ReportState.CONFIRMED
    report.save(update_fields=["state"])
    record(
        "sector_report.confirm",
        actor=actor,
        target=report,
        organisation=report.organisation,
        changes={"state": [ReportState.SUBMITTED, ReportState.CONFIRMED], "version": [None, version.number]},
    )
    return version


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if len(reason) < 4:
        raise ValidationError({"reason": _("请写明退回理由，告诉填报人要改什么。")})
    return reason


@transaction.atomic
def return_report(report: Report, *, actor, reason: str) -> Version:
    """Send the submitted version back to the department with the reason; the values stay for
    it to correct."""
    report = _locked(report)
    permissions.require(actor, "return", report.organisation)
    workflow.check("return", report.state)
    reason = _reason(reason)
    version = _pending_version(report)
    version.state, version.decided_by, version.decided_at, version.reason = (
        VersionState.RETURNED,
        actor,
        timezone.now(),
        reason,
    )
    version.save(update_fields=["state", "decided_by", "decided_at", "reason"])
    report.state = ReportState.RETURNED
    report.save(update_fields=["state"])
    record(
        "sector_report.return",
        actor=actor,
        target=report,
        organisation=report.organisation,
        changes={"state": [ReportState.SUBMITTED, ReportState.RETURNED]},
        note=reason,
    )
    return version


@transaction.atomic
def reopen_report(report: Report, *, actor, reason: str) -> Report:
    """The office sends a confirmed report back for correction. The confirmed figures stand (and
    stay cited) until a corrected version is confirmed."""
    report = _locked(report)
    permissions.require(actor, "reopen", report.organisation)
    workflow.check("reopen", report.state)
    reason = _reason(reason)
    report.state = ReportState.RETURNED
    report.save(update_fields=["state"])
    record(
        "sector_report.reopen",
        actor=actor,
        target=report,
        organisation=report.organisation,
        changes={"state": [ReportState.CONFIRMED, ReportState.RETURNED]},
        note=reason,
    )
    return report


def latest_confirmed(report: Report) -> Version | None:
    return report.versions.filter(state=VersionState.CONFIRMED).order_by("-number").first()


@transaction.atomic
def publish_version(report: Report, *, actor) -> Version:
    """Draft the confirmed figures as an information item of the department; the catalog's review
    and approval then publish it, and with it the figures on the portal."""
    report = _locked(report)
    permissions.require(actor, "publish", report.organisation)
    workflow.check("publish", report.state)
    version = latest_confirmed(report)
    if version is None:  # a confirmed report always has one; kept for clarity
        raise ValidationError(_("该填报还没有确认的版本。"))
    if version.notice_item_id:
        raise ValidationError(_("第%(n)s版已提交公开。") % {"n": version.number})
    if not has_perm(actor, "item.edit", report.organisation):
        raise PermissionDenied(
            _("公开信息须以%(org)s的名义起草，请由该单位的信息编辑提交公开。")
            % {"org": report.organisation.name}
        )
    notice = notices.draft_notice(version, actor=actor)
    version.notice_item_id = notice.id
    version.save(update_fields=["notice_item_id"])
    record(
        "sector_report.publish",
        actor=actor,
        target=report,
        organisation=report.organisation,
        changes={"notice": [None, notice.index_no], "version": [None, version.number]},
    )
    return version
