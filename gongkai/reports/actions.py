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
from gongkai.reports import drafts, figures, formats, notices, permissions, rendering, website_form, workflow
from gongkai.reports.models import Report, ReportState, WebsiteForm

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


# --- the website's yearly form (政府网站工作年度报表) ------------------------------------------------


def _locked_website(form: WebsiteForm) -> WebsiteForm:
    return WebsiteForm.objects.select_for_update(of=("self",)).select_related("district").get(pk=form.pk)


@transaction.atomic
def generate_website_form(district: Organisation, year: int | None, *, actor) -> WebsiteForm:
    """The district's form for ``year`` with its computed fields from the records now: a new draft,
    or a draft's computed fields again (what the office entered is kept)."""
    if not district.is_district:
        raise ValidationError(_("政府网站工作年度报表由区（门户网站的主办单位）填报。"))
    permissions.require_website(actor, "create", district)
    year = _year(year)
    computed = website_form.compute(district, year)
    form = WebsiteForm.objects.filter(district=district, year=year).first()
    if form is None:
        form = WebsiteForm(district=district, year=year, figures=computed, generated_by=actor)
        try:
            with transaction.atomic():
                form.save()
        except IntegrityError:
            raise ValidationError(_("该年度的网站年度报表已由他人生成，请刷新后再试。")) from None
        record("website_form.generate", actor=actor, target=form, organisation=district, changes={"year": [None, year]})
        return form
    form = _locked_website(form)
    workflow.check_website("generate", form.state)
    changed = figures.differences(form.figures, computed)
    form.figures, form.generated_at, form.generated_by = computed, timezone.now(), actor
    form.save(update_fields=["figures", "generated_at", "generated_by"])
    record(
        "website_form.regenerate",
        actor=actor,
        target=form,
        organisation=district,
        changes={key: [old, new] for key, old, new in changed[:50]},
        note=_("%(n)s 项数据变化") % {"n": len(changed)},
    )
    return form


@transaction.atomic
def enter_website_form(form: WebsiteForm, *, actor, data: dict) -> WebsiteForm:
    """The figures the platform holds no records of, entered by the office (a draft's only)."""
    form = _locked_website(form)
    permissions.require_website(actor, "enter", form.district)
    workflow.check_website("enter", form.state)
    given = [key for key in data if key in website_form.FIELDS and website_form.FIELDS[key].computed]
    if given:
        raise ValidationError(
            _("这些数据由平台根据记录计算，不能填报：%(names)s")
            % {"names": "、".join(website_form.FIELDS[k].label for k in given)}
        )
    values, errors = website_form.clean_entered(data)
    if errors:
        raise ValidationError(errors)
    problems = website_form.consistency({**values, **form.figures.get("values", {})})
    if problems:
        raise ValidationError(problems)
    changes = {
        key: [form.entered.get(key), values.get(key)]
        for key in {*form.entered, *values}
        if form.entered.get(key) != values.get(key)
    }
    if changes:
        form.entered = values
        form.save(update_fields=["entered"])
        record("website_form.enter", actor=actor, target=form, organisation=form.district, changes=changes)
    return form


@transaction.atomic
def approve_website_form(form: WebsiteForm, *, actor) -> WebsiteForm:
    """Freeze the form: every figure the office must enter is there, and the figures agree."""
    form = _locked_website(form)
    permissions.require_website(actor, "approve", form.district)
    workflow.check_website("approve", form.state)
    missing = website_form.missing_entries(form.entered)
    if missing:
        raise ValidationError(
            _("还有 %(n)s 项数据未填报：%(names)s")
            % {"n": len(missing), "names": "、".join(f.label for f in missing[:12]) + ("等" if len(missing) > 12 else "")}
        )
    problems = website_form.consistency(website_form.values_of(form))
    if problems:
        raise ValidationError(problems)
    form.state, form.approved_at, form.approved_by = ReportState.APPROVED, timezone.now(), actor
    form.save(update_fields=["state", "approved_at", "approved_by"])
    record(
        "website_form.approve",
        actor=actor,
        target=form,
        organisation=form.district,
        changes={"state": [ReportState.DRAFT, ReportState.APPROVED]},
    )
    return form


@transaction.atomic
def reopen_website_form(form: WebsiteForm, *, actor, reason: str) -> WebsiteForm:
    form = _locked_website(form)
    permissions.require_website(actor, "reopen", form.district)
    workflow.check_website("reopen", form.state)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("退回时须填写理由。")})
    form.state, form.approved_at, form.approved_by = ReportState.DRAFT, None, None
    form.save(update_fields=["state", "approved_at", "approved_by"])
    record(
        "website_form.reopen",
        actor=actor,
        target=form,
        organisation=form.district,
        changes={"state": [ReportState.APPROVED, ReportState.DRAFT]},
        note=reason,
    )
    return form


@transaction.atomic
def release_website_form(form: WebsiteForm, *, actor) -> WebsiteForm:
    """Draft the frozen form as an information item under the disclosure office; the catalog's
    review and approval publish it."""
    form = _locked_website(form)
    publisher = notices.website_publisher(form.district)
    # The organisation that publishes it releases it: the district's disclosure office.
    permissions.require_website(actor, "release", publisher)
    workflow.check_website("release", form.state)
    if not has_perm(actor, "item.edit", publisher):
        raise PermissionDenied(
            _("网站年度报表须以%(org)s的名义起草，请由该单位的信息编辑提交发布。") % {"org": publisher.name}
        )
    item = notices.draft_website_form_item(form, actor=actor, body=website_form.item_body(form))
    form.state, form.item_id, form.released_at, form.released_by = ReportState.RELEASED, item.id, timezone.now(), actor
    form.save(update_fields=["state", "item_id", "released_at", "released_by"])
    record(
        "website_form.release",
        actor=actor,
        target=form,
        organisation=form.district,
        changes={"state": [ReportState.APPROVED, ReportState.RELEASED], "item": [None, item.index_no]},
    )
    return form
