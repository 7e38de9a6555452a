"""Every state change of an annual report, one function per verb.

- ``generate_report``: compute an organisation's report for a year from the records — a new
  draft, or the figures of an existing draft computed again (its prose is kept unless asked);
- ``edit_report``: the prose of a draft (never the computed tables);
- ``approve_report``: freeze figures and prose (审定);
- ``reopen_report``: send an approved report back to draft, with a reason;
- ``release_report``: draft the frozen report as an item of the 年报 column (or, for a report
  the old site or the demo published, import it as published).

Each checks permission itself (``permissions.py``) and the state (``workflow.py``), runs in one
transaction and writes its audit event.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_perm
from gongkai.audit.log import record
from gongkai.orgs.models import Organisation
from gongkai.reports import drafts, figures, formats, notices, permissions, rendering, workflow
from gongkai.reports.models import Report, ReportState

FIRST_YEAR = 2008  # the first year of reports under the 2007 Regulations
PROSE_LIMIT = 20_000


def _locked(report: Report) -> Report:
    return (
        Report.objects.select_for_update(of=("self",))
        .select_related("organisation", "district")
        .get(pk=report.pk)
    )


def _year(year: int | None) -> int:
    latest = timezone.localdate().year
    if year is None or not FIRST_YEAR <= year <= latest:
        raise ValidationError({"year": _("年度须在%(a)s年至%(b)s年之间。") % {"a": FIRST_YEAR, "b": latest}})
    return year


@transaction.atomic
def generate_report(organisation: Organisation, year: int | None, *, actor, redraft: bool = False) -> Report:
    """The report of ``organisation`` for ``year``, computed from the records now: a new draft
    with its prose drafted from the figures, or an existing draft with its figures computed
    again (prose kept, unless ``redraft``). An approved or released report is never recomputed."""
    permissions.require(actor, "create", organisation)
    year = _year(year)
    report = Report.objects.filter(organisation=organisation, year=year).first()
    computed = figures.compute(organisation, year)
    text = drafts.draft(computed, organisation.name)
    if report is None:
        report = Report(
            organisation=organisation,
            district_id=organisation.district_id,
            year=year,
            format=formats.format_for(year),
            figures=computed,
            generated_by=actor,
            **text,
        )
        try:
            with transaction.atomic():
                report.save()
        except IntegrityError:
            raise ValidationError(_("该单位该年度的报告已由他人生成，请刷新后再试。")) from None
        record(
            "report.generate",
            actor=actor,
            target=report,
            organisation=organisation,
            changes={"year": [None, year], "format": [None, report.format]},
        )
        return report
    report = _locked(report)
    workflow.check("generate", report.state)
    changed = figures.differences(report.figures, computed)
    report.figures = computed
    report.generated_at = timezone.now()
    report.generated_by = actor
    fields = ["figures", "generated_at", "generated_by"]
    if redraft:
        for name, value in text.items():
            setattr(report, name, value)
        fields += list(text)
    report.save(update_fields=fields)
    record(
        "report.regenerate",
        actor=actor,
        target=report,
        organisation=organisation,
        changes={key: [old, new] for key, old, new in changed[:50]},
        note=_("%(n)s 项数据变化") % {"n": len(changed)},
    )
    return report


@transaction.atomic
def edit_report(report: Report, *, actor, **prose: str) -> Report:
    """The prose of a draft: ``overview``, ``problems``, ``plans``, ``other`` (those of its format)."""
    report = _locked(report)
    permissions.require(actor, "edit", report.organisation)
    workflow.check("edit", report.state)
    allowed = formats.PROSE_FIELDS[report.format]
    unknown = set(prose) - set(allowed)
    if unknown:
        raise ValidationError(_("该格式的报告没有这些部分：%(names)s") % {"names": "、".join(sorted(unknown))})
    errors, changes = {}, {}
    for name, value in prose.items():
        value = (value or "").replace("\r\n", "\n").strip()
        if len(value) > PROSE_LIMIT:
            errors[name] = _("不能超过%(n)s字。") % {"n": PROSE_LIMIT}
        elif not value and name == "overview":
            errors[name] = _("请填写总体情况。")
        elif value != getattr(report, name):
            changes[name] = [getattr(report, name), value]
            setattr(report, name, value)
    if errors:
        raise ValidationError(errors)
    if changes:
        report.save(update_fields=list(changes))
        record("report.edit", actor=actor, target=report, organisation=report.organisation, changes=changes)
    return report


@transaction.atomic
def approve_report(report: Report, *, actor) -> Report:
    """Freeze the figures and prose: what is released is exactly this. A report whose table 三
    does not balance cannot be approved — the records are corrected first and it is generated again."""
    report = _locked(report)
    permissions.require(actor, "approve", report.organisation)
    workflow.check("approve", report.state)
    balance = report.figures.get("checks", {}).get("balance", {})
    if not balance.get("ok", False):
        numbers = "、".join(b["number"] for b in balance.get("breaks", [])[:10])
        raise ValidationError(
            _("表三“一+二=三+四”不平衡，请先核对这些申请后重新生成：%(numbers)s")
            % {"numbers": numbers or _("（见核对结果）")}
        )
    report.state = ReportState.APPROVED
    report.approved_at = timezone.now()
    report.approved_by = actor
    report.save(update_fields=["state", "approved_at", "approved_by"])
    record(
        "report.approve",
        actor=actor,
        target=report,
        organisation=report.organisation,
        changes={"state": [ReportState.DRAFT, ReportState.APPROVED]},
    )
    return report


@transaction.atomic
def reopen_report(report: Report, *, actor, reason: str) -> Report:
    report = _locked(report)
    permissions.require(actor, "reopen", report.organisation)
    workflow.check("reopen", report.state)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("退回时须填写理由。")})
    report.state = ReportState.DRAFT
    report.approved_at = None
    report.approved_by = None
    report.save(update_fields=["state", "approved_at", "approved_by"])
    record(
        "report.reopen",
        actor=actor,
        target=report,
        organisation=report.organisation,
        changes={"state": [ReportState.APPROVED, ReportState.DRAFT]},
        note=reason,
    )
    return report


@transaction.atomic
def release_report(report: Report, *, actor, published_at: dt.datetime | None = None) -> Report:
    """Draft the frozen report as an item of the 年报 column under its publisher (a district's
    disclosure office); the catalog's review and approval publish it. With ``published_at``, a
    report the old site (or the demo) already published is imported as published, which needs
    the catalog's import permission (``actor`` None: a command at the server)."""
    report = _locked(report)
    publisher = notices.publisher(report)
    if actor is not None or published_at is None:
        # The organisation that publishes it releases it: a district's report its office.
        permissions.require(actor, "release", publisher)
    workflow.check("release", report.state)
    body = rendering.item_body(report)
    if published_at is None:
        if not has_perm(actor, "item.edit", publisher):
            raise PermissionDenied(
                _("年度报告须以%(org)s的名义起草，请由该单位的信息编辑提交发布。") % {"org": publisher.name}
            )
        item = notices.draft_report_item(report, actor=actor, body=body)
    else:
        item = notices.import_report_item(report, actor=actor, body=body, published_at=published_at)
    report.state = ReportState.RELEASED
    report.item_id = item.id
    report.released_at = timezone.now()
    report.released_by = actor
    report.save(update_fields=["state", "item_id", "released_at", "released_by"])
    record(
        "report.release",
        actor=actor,
        target=report,
        organisation=report.organisation,
        changes={"state": [ReportState.APPROVED, ReportState.RELEASED], "item": [None, item.index_no]},
    )
    return report
