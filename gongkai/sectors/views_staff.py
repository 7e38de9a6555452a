"""Sector figures on the staff workbench (``/staff/sectors/``): the reports with filters, a report's
form (values with units, last year's figures, the checks and their explanations, the versions),
its XLSX form and import, the office's completeness board and the indicator catalog.

Every read is scoped by ``permissions.py``; every change is one call of an action.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import primary_district_id
from gongkai.audit.history import history
from gongkai.lib import stafflist
from gongkai.lib.forms import add_to_form, validation_messages
from gongkai.orgs.models import Organisation
from gongkai.sectors import actions, checks, notices, permissions, sheets, stats, workflow
from gongkai.sectors.forms_staff import ExplainForm, ImportForm, IndicatorForm, ReasonForm, StartForm
from gongkai.sectors.models import Entry, Indicator, Report, ReportState, Sector, Version, VersionState


def _district(user) -> Organisation:
    return stafflist.staff_district(user, permissions.can_open, primary_district_id, Organisation.objects)


def default_year() -> int:
    """The year being reported: last year (annual figures are reported once the year is over)."""
    return timezone.localdate().year - 1


def _report_or_404(user, pk: int) -> Report:
    return get_object_or_404(
        permissions.visible_reports(user).select_related("organisation", "district"), pk=pk
    )


# --- reports ------------------------------------------------------------------------------------


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _district(user)
    filters = stafflist.read_filters(
        request.GET,
        year=stafflist.number,
        organisation=stafflist.number,
        state=stafflist.one_of(ReportState.values),
    )
    reports = permissions.visible_reports(user).filter(district=district).select_related("organisation")
    reports = stafflist.narrowed(reports, filters, year="year", state="state")
    reports = stafflist.in_organisation(reports, Organisation.objects, filters["organisation"], district)
    reports = reports.order_by("-year", "organisation__sort_order", "pk")
    page = stafflist.page_of(request, reports)
    ids = [r.pk for r in page]
    filled: dict[int, int] = {}
    for report_id in Entry.objects.filter(report_id__in=ids, value__isnull=False).values_list(
        "report_id", flat=True
    ):
        filled[report_id] = filled.get(report_id, 0) + 1
    editable = permissions.editable_orgs(user, district.pk).filter(
        pk__in=Indicator.objects.filter(district=district, is_active=True).values("organisation_id")
    )
    years = sorted(
        set(permissions.visible_reports(user).filter(district=district).values_list("year", flat=True))
        | {default_year()},
        reverse=True,
    )
    return render(
        request,
        "sectors/staff/reports.html",
        {
            "page_obj": page,
            "rows": [(r, filled.get(r.pk, 0)) for r in page],
            "filters": filters,
            "orgs": permissions.visible_orgs(user, district.pk).filter(
                pk__in=Indicator.objects.filter(district=district).values("organisation_id")
            ),
            "states": ReportState.choices,
            "years": years,
            "start_form": StartForm(organisations=editable, initial={"year": default_year()})
            if editable.exists()
            else None,
            "can_configure": permissions.can_configure(user, district),
        },
    )


@login_required
@require_POST
def report_start(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _district(user)
    form = StartForm(request.POST, organisations=permissions.editable_orgs(user, district.pk))
    if not form.is_valid():
        messages.error(request, _("请选择填报单位并填写四位年度。"))
        return redirect("sectors_staff:list")
    try:
        report = actions.start_report(
            form.cleaned_data["organisation"], form.cleaned_data["year"], actor=user
        )
    except ValidationError as exc:
        for text in validation_messages(exc):
            messages.error(request, text)
        return redirect("sectors_staff:list")
    return redirect("sectors_staff:report", report.pk)


def _rows(report: Report, indicators: list[Indicator], posted=None, errors=None):
    """The form's rows: each indicator with its value (as typed when the form came back with
    errors, so nothing is lost), note, last year's figure and error."""
    entries = {e.indicator_id: e for e in Entry.objects.filter(report=report).select_related("entered_by")}
    last = actions.last_year_values(report)
    rows = []
    for indicator in indicators:
        entry = entries.get(indicator.pk)
        if posted is not None:
            text = posted.get(f"value_{indicator.pk}", "")
            note = posted.get(f"note_{indicator.pk}", "")
        else:
            text = checks.show(entry.value, indicator.decimals) if entry else ""
            note = entry.note if entry else ""
        rows.append(
            {
                "indicator": indicator,
                "text": text,
                "note": note,
                "entry": entry,
                "last": checks.show(last.get(indicator.pk), indicator.decimals),
                "error": (errors or {}).get(f"value_{indicator.pk}", [""])[0],
            }
        )
    return rows


def _verbs(user, report: Report) -> dict[str, bool]:
    allowed = {t.verb for t in workflow.verbs_from(report.state)}
    return {
        verb: verb in allowed and permissions.may(user, verb, report.organisation)
        for verb in workflow.TRANSITIONS
    }


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    district = _district(user)
    report = _report_or_404(user, pk)
    verbs = _verbs(user, report)
    indicators = actions.report_indicators(report)
    posted, errors = None, None
    if request.method == "POST":
        if not verbs["enter"]:
            raise PermissionDenied
        values, notes = {}, {}
        for indicator in indicators:
            if f"value_{indicator.pk}" in request.POST:
                values[indicator.pk] = request.POST.get(f"value_{indicator.pk}", "")
            if f"note_{indicator.pk}" in request.POST:
                notes[indicator.pk] = request.POST.get(f"note_{indicator.pk}", "")
        try:
            changes = actions.enter_values(report, actor=user, values=values, notes=notes)
        except ValidationError as exc:
            posted, errors = request.POST, exc.message_dict
            messages.error(
                request,
                _("有 %(n)s 项填写有误，未保存。请按提示修改后再保存（已填写的内容仍在表中）。")
                % {"n": len(errors)},
            )
        else:
            if changes:
                messages.success(request, _("已保存 %(n)s 项。") % {"n": len(changes)})
            else:
                messages.info(request, _("没有改动。"))
            if request.POST.get("then") == "submit" and verbs["submit"]:
                return _submit(request, report)
            return redirect("sectors_staff:report", report.pk)
    found = checks.findings(indicators, actions.current_values(report), actions.last_year_values(report))
    explanations = actions.explanations_of(report)
    flagged = [
        {
            "finding": f,
            "explanation": checks.explained(f, explanations),
            "stale": explanations.get((f.indicator.pk, f.kind))
            if not checks.explained(f, explanations)
            else None,
            "form": ExplainForm(initial={"indicator": f.indicator.pk, "kind": f.kind})
            if f.explainable and verbs["explain"]
            else None,
        }
        for f in found
        if f.kind != "missing"
    ]
    missing = [f for f in found if f.kind == "missing"]
    versions = list(report.versions.select_related("submitted_by", "decided_by").order_by("-number"))
    refs = notices.notices_of(district, versions)
    return render(
        request,
        "sectors/staff/report.html",
        {
            "report": report,
            "rows": _rows(report, indicators, posted, errors),
            "verbs": verbs,
            "flagged": flagged,
            "missing": len(missing),
            "blocking": len(checks.blocking(found, explanations)),
            "versions": [(v, refs.get(v.pk)) for v in versions],
            "confirmed": actions.latest_confirmed(report),
            "reason_form": ReasonForm(),
            "events": history(report),
            "sectors": dict(Sector.choices),
        },
    )


def _submit(request: HttpRequest, report: Report) -> HttpResponse:
    try:
        version = actions.submit_report(report, actor=request.user)
    except ValidationError as exc:
        messages.error(request, _("尚不能报送："))
        for text in validation_messages(exc):
            messages.error(request, text)
    else:
        messages.success(request, _("已报送第%(n)s版，等待单位领导确认。") % {"n": version.number})
    return redirect("sectors_staff:report", report.pk)


@login_required
@require_POST
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    _district(request.user)
    return _submit(request, _report_or_404(request.user, pk))


@login_required
@require_POST
def report_explain(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _district(user)
    report = _report_or_404(user, pk)
    form = ExplainForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写情况说明。"))
        return redirect("sectors_staff:report", report.pk)
    indicator = Indicator.objects.filter(
        pk=form.cleaned_data["indicator"], district_id=report.district_id
    ).first()
    if indicator is None:
        raise Http404
    try:
        actions.explain(
            report,
            actor=user,
            indicator=indicator,
            kind=form.cleaned_data["kind"],
            text=form.cleaned_data["text"],
        )
    except ValidationError as exc:
        for text in validation_messages(exc):
            messages.error(request, text)
    else:
        messages.success(request, _("已记录情况说明：%(name)s。") % {"name": indicator.name})
    return redirect("sectors_staff:report", report.pk)


def _decide(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    user = request.user
    _district(user)
    report = _report_or_404(user, pk)
    try:
        if verb == "confirm":
            version = actions.confirm_report(report, actor=user)
            messages.success(request, _("已确认第%(n)s版，数据可供年度报告等引用。") % {"n": version.number})
        elif verb == "publish":
            actions.publish_version(report, actor=user)
            messages.success(
                request, _("已提交公开：数据已起草为政府信息，经保密审查和领导审批后在门户网站公开。")
            )
        else:
            form = ReasonForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            if verb == "return":
                actions.return_report(report, actor=user, reason=reason)
            else:
                actions.reopen_report(report, actor=user, reason=reason)
            messages.success(request, _("已退回，填报单位修改后重新报送。"))
    except PermissionDenied as exc:
        if not permissions.may(user, verb, report.organisation):
            raise
        messages.error(request, str(exc))
    except ValidationError as exc:
        for text in validation_messages(exc):
            messages.error(request, text)
    return redirect("sectors_staff:report", report.pk)


@login_required
@require_POST
def report_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, "confirm")


@login_required
@require_POST
def report_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, "return")


@login_required
@require_POST
def report_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, "reopen")


@login_required
@require_POST
def report_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, "publish")


@login_required
def report_form_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    _district(request.user)
    report = _report_or_404(request.user, pk)
    indicators = actions.report_indicators(report)
    entries = {e.indicator_id: e for e in Entry.objects.filter(report=report)}
    content = sheets.form_workbook(
        title=_("%(org)s %(year)s年行业领域数据填报表")
        % {"org": report.organisation.name, "year": report.year},
        indicators=indicators,
        values={pk: e.value for pk, e in entries.items()},
        notes={pk: e.note for pk, e in entries.items()},
        last_year=actions.last_year_values(report),
    )
    return stafflist.xlsx_response(content, f"sector-report-{report.year}-{report.organisation.code}.xlsx")


@login_required
def report_import(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _district(user)
    report = _report_or_404(user, pk)
    if not _verbs(user, report)["import"]:
        if not permissions.may(user, "import", report.organisation):
            raise PermissionDenied
        messages.error(request, str(workflow.IllegalTransition("import", report.state).message))
        return redirect("sectors_staff:report", report.pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            upload = stafflist.xlsx_upload(form)
            result = actions.import_form(report, upload, actor=user, name=upload.name)
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            if result.ok:
                messages.success(
                    request,
                    _("已导入：更新 %(changed)s 项，%(same)s 项与表中相同、未变。")
                    % {"changed": len(result.changes), "same": result.unchanged},
                )
                return redirect("sectors_staff:report", report.pk)
            messages.error(request, _("表格有误，未导入任何内容。请按下面的提示修改后重新上传。"))
    return render(request, "sectors/staff/import.html", {"form": form, "result": result, "report": report})


@login_required
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A submitted version: every figure with who entered it and when (what reports cite)."""
    user = request.user
    district = _district(user)
    version = get_object_or_404(
        Version.objects.filter(report__in=permissions.visible_reports(user)).select_related(
            "report", "report__organisation", "submitted_by", "decided_by"
        ),
        pk=pk,
    )
    figures = list(
        version.figures.select_related("indicator", "indicator__parent", "entered_by").order_by(
            "indicator__sort_order", "indicator_id"
        )
    )
    return render(
        request,
        "sectors/staff/version.html",
        {
            "version": version,
            "report": version.report,
            "figures": [(f, checks.show(f.value, f.indicator.decimals)) for f in figures],
            "notice": notices.notices_of(district, [version]).get(version.pk),
            "is_latest_confirmed": version.state == VersionState.CONFIRMED
            and actions.latest_confirmed(version.report) == version,
        },
    )


# --- the office's views -------------------------------------------------------------------------


@login_required
def completeness(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _district(user)
    year = stafflist.int_or_none(request.GET.get("year")) or default_year()
    rows = stats.completeness(district, year)
    if not permissions.sees_whole_district(user, district.pk):
        visible = set(permissions.visible_orgs(user, district.pk).values_list("pk", flat=True))
        rows = [r for r in rows if r.organisation.pk in visible]
    open_checks = stats.open_checks(district, year)
    by_report: dict[int, int] = {}
    for c in open_checks:
        by_report[c.report_id] = by_report.get(c.report_id, 0) + 1
    counts = {state: sum(1 for r in rows if r.state == state) for state in ReportState.values}
    return render(
        request,
        "sectors/staff/completeness.html",
        {
            "year": year,
            "years": sorted({default_year(), year, *stats.reporting_years(district)}, reverse=True),
            "rows": [(r, by_report.get(r.report.pk, 0) if r.report else 0) for r in rows],
            "summary": [(label, counts[value]) for value, label in ReportState.choices],
            "not_started": sum(1 for r in rows if not r.report),
            "total": len(rows),
        },
    )


@login_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _district(user)
    params = request.GET
    filters = stafflist.read_filters(
        params, organisation=stafflist.number, sector=stafflist.one_of(Sector.values), q=stafflist.text(50)
    )
    filters["retired"] = params.get("retired") == "1"
    indicators = Indicator.objects.filter(district=district).select_related("organisation", "parent")
    indicators = stafflist.narrowed(indicators, filters, organisation="organisation_id", sector="sector")
    if filters["q"]:
        from django.db.models import Q

        indicators = indicators.filter(Q(name__icontains=filters["q"]) | Q(code__icontains=filters["q"]))
    if not filters["retired"]:
        indicators = indicators.filter(is_active=True)
    return render(
        request,
        "sectors/staff/indicators.html",
        {
            "indicators": indicators.order_by("sort_order", "id"),
            "filters": filters,
            "orgs": Organisation.objects.filter(
                pk__in=Indicator.objects.filter(district=district).values("organisation_id")
            ).order_by("sort_order", "id"),
            "sectors": Sector.choices,
            "can_configure": permissions.can_configure(user, district),
            "empty_catalog": not Indicator.objects.filter(district=district).exists(),
        },
    )


@login_required
@require_POST
def indicator_install(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _district(user)
    added, missing = actions.install_standard(district, actor=user)
    messages.success(request, _("已载入标准指标 %(n)s 项。") % {"n": added})
    if missing:
        messages.warning(
            request, _("本区没有以下单位，其指标未载入：%(names)s") % {"names": "、".join(missing)}
        )
    return redirect("sectors_staff:indicators")


def _indicator_form(
    request: HttpRequest, district: Organisation, indicator: Indicator | None
) -> HttpResponse:
    user = request.user
    if not permissions.can_configure(user, district):
        raise PermissionDenied
    organisations = Organisation.objects.filter(district=district, is_active=True).order_by(
        "sort_order", "id"
    )
    parents = Indicator.objects.filter(district=district, is_active=True).order_by("sort_order", "id")
    if indicator is not None:
        parents = parents.exclude(pk=indicator.pk)
        initial = {
            f: getattr(indicator, f)
            for f in (
                "code",
                "name",
                "unit",
                "decimals",
                "sector",
                "parts_rule",
                "description",
                "sort_order",
                "is_active",
            )
        }
        initial |= {"organisation": indicator.organisation_id, "parent": indicator.parent_id}
    else:
        initial = {"is_active": True, "decimals": 0}
    form = IndicatorForm(
        request.POST or None, organisations=organisations, indicators=parents, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["parts_rule"] = data.get("parts_rule") or ""
        try:
            if indicator is None:
                indicator = actions.create_indicator(district, actor=user, **data)
                messages.success(request, _("已新增指标：%(name)s。") % {"name": indicator.name})
            else:
                indicator = actions.update_indicator(indicator, actor=user, **data)
                messages.success(request, _("已保存指标：%(name)s。") % {"name": indicator.name})
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            return redirect("sectors_staff:indicators")
    return render(request, "sectors/staff/indicator_form.html", {"form": form, "indicator": indicator})


@login_required
def indicator_new(request: HttpRequest) -> HttpResponse:
    return _indicator_form(request, _district(request.user), None)


@login_required
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    district = _district(request.user)
    return _indicator_form(request, district, get_object_or_404(Indicator, pk=pk, district=district))
