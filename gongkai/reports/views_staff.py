"""The annual reports on the staff workbench (``/staff/reports/``): the list with its filters and
the form that generates a report, a report's page (the document with every number linked to the
records counted in it, the checks, the figures not held yet, the buttons of its state), the prose
form, what regenerating would change, the downloads, and the office's view of who has published.

Every read is scoped by ``permissions.py``; every change is one call of an action.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import primary_district_id
from gongkai.audit.history import history
from gongkai.lib.bounds import valid_id
from gongkai.lib.forms import validation_messages
from gongkai.orgs.models import Organisation
from gongkai.reports import (
    actions,
    deadlines,
    figures,
    formats,
    notices,
    permissions,
    rendering,
    trace,
    website_form,
    workflow,
)
from gongkai.reports.forms_staff import (
    GenerateForm,
    ProseForm,
    ReopenForm,
    WebsiteEntryForm,
    WebsiteGenerateForm,
)
from gongkai.reports.models import Report, ReportFormat, ReportState, WebsiteForm

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _district(user) -> Organisation:
    if not permissions.can_open(user):
        raise PermissionDenied
    district = Organisation.objects.filter(pk=primary_district_id(user)).first()
    if district is None:
        raise PermissionDenied
    return district


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _report_or_404(user, pk: int) -> Report:
    if not valid_id(pk):
        raise Http404
    return get_object_or_404(
        permissions.visible_reports(user).select_related("organisation", "district"), pk=pk
    )


def _fail(request: HttpRequest, exc: ValidationError) -> None:
    for message in validation_messages(exc):
        messages.error(request, message)


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    district = _district(request.user)
    params = request.GET
    filters = {
        "organisation": _int(params.get("organisation")),
        "year": _int(params.get("year")),
        "state": params.get("state", "") if params.get("state", "") in ReportState.values else "",
    }
    reports = permissions.visible_reports(request.user).filter(district=district).select_related("organisation")
    if filters["organisation"]:
        reports = reports.filter(organisation_id=filters["organisation"])
    if filters["year"]:
        reports = reports.filter(year=filters["year"])
    if filters["state"]:
        reports = reports.filter(state=filters["state"])
    reports = list(reports.order_by("-year", "organisation__sort_order", "organisation_id")[:300])
    found = notices.publications(district, reports)
    creatable = permissions.creatable_orgs(request.user, district.pk)
    form = GenerateForm(organisations=creatable, initial={"year": timezone.localdate().year - 1})
    years = sorted(
        set(permissions.visible_reports(request.user).filter(district=district).values_list("year", flat=True)),
        reverse=True,
    )
    return render(
        request,
        "reports/staff/list.html",
        {
            "rows": [(r, found[r.pk]) for r in reports],
            "filters": filters,
            "orgs": permissions.visible_orgs(request.user, district.pk),
            "years": years,
            "states": ReportState.choices,
            "form": form if creatable.exists() else None,
            "can_see_deadlines": permissions.may(request.user, "view", district),
        },
    )


@login_required
@require_POST
def report_generate(request: HttpRequest) -> HttpResponse:
    district = _district(request.user)
    form = GenerateForm(request.POST, organisations=permissions.creatable_orgs(request.user, district.pk))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("reports_staff:list")
    try:
        report = actions.generate_report(
            form.cleaned_data["organisation"], form.cleaned_data["year"], actor=request.user
        )
    except ValidationError as exc:
        _fail(request, exc)
        return redirect("reports_staff:list")
    messages.success(request, _("已根据平台记录生成%(title)s。") % {"title": report.title})
    return redirect("reports_staff:detail", report.pk)


def _linked(doc: rendering.Document, report: Report) -> rendering.Document:
    for section in doc.sections:
        for table in section.tables:
            for row in table.rows:
                for cell in row:
                    if cell.key and not cell.missing and trace.traceable(cell.key):
                        cell.url = reverse("reports_staff:trace", args=[report.pk]) + "?" + urlencode({"cell": cell.key})
    return doc


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request.user, pk)
    user, org = request.user, report.organisation
    publisher = notices.publisher(report)
    verbs = [
        t
        for t in workflow.verbs_from(report.state)
        if permissions.may(user, t.verb, publisher if t.verb == "release" else org)
    ]
    f = report.figures
    categories = f["narrative"]["proactive"]["categories"]
    return render(
        request,
        "reports/staff/detail.html",
        {
            "report": report,
            "doc": _linked(rendering.document(report), report),
            "figures": f,
            "narrative": f["narrative"],
            "categories": [
                (c, reverse("reports_staff:trace", args=[report.pk]) + "?" + urlencode({"cell": f"narrative.proactive.categories.{c['name']}"}))
                for c in categories
            ],
            "registry": [
                (label, "—" if value is None else value, reverse("reports_staff:trace", args=[report.pk]) + "?" + urlencode({"cell": key}))
                for key, label, value in trace.registry_cells(f)
            ],
            "balance": f["checks"]["balance"],
            "carry_over": f["checks"]["carry_over"],
            "missing": f.get("missing", []),
            "verbs": {t.verb for t in verbs},
            "publication": notices.publication(report),
            "events": history(report),
            "column_labels": dict(formats.THREE_COLUMNS),
            "is_narrative": report.format == ReportFormat.NARRATIVE,
            "reopen_form": ReopenForm(),
        },
    )


@login_required
def report_trace(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request.user, pk)
    key = request.GET.get("cell", "")
    try:
        found = trace.trace(report, key)
    except ValueError:
        raise Http404 from None
    reported = figures.flatten(report.figures).get(key)
    if key.startswith("narrative.proactive.categories."):
        name = key.split(".", 3)[3]
        reported = next((c["count"] for c in report.figures["narrative"]["proactive"]["categories"] if c["name"] == name), None)
    return render(
        request,
        "reports/staff/trace.html",
        {"report": report, "trace": found, "reported": reported, "count": len(found.lines), "key": key},
    )


@login_required
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request.user, pk)
    permissions.require(request.user, "edit", report.organisation)
    fields = formats.PROSE_FIELDS[report.format]
    labels = dict(formats.SECTIONS[report.format])
    if request.method == "POST":
        form = ProseForm(request.POST, fields=fields, labels=labels)
        if form.is_valid():
            try:
                actions.edit_report(report, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for name, errors in exc.message_dict.items():
                        for error in errors:
                            form.add_error(name if name in form.fields else None, error)
                else:
                    form.add_error(None, exc)
            else:
                messages.success(request, _("已保存报告文字。"))
                return redirect("reports_staff:detail", report.pk)
    else:
        form = ProseForm(initial={name: getattr(report, name) for name in fields}, fields=fields, labels=labels)
    return render(request, "reports/staff/edit.html", {"report": report, "form": form})


def _post_verb(request: HttpRequest, pk: int, run, done: str) -> HttpResponse:
    report = _report_or_404(request.user, pk)
    try:
        run(report)
    except ValidationError as exc:
        _fail(request, exc)
    except PermissionDenied as exc:
        message = str(exc)
        if "refused" in message or not message:
            raise
        messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("reports_staff:detail", report.pk)


@login_required
@require_POST
def report_regenerate(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request.user, pk)
    redraft = request.POST.get("redraft") == "1"
    return _post_verb(
        request,
        pk,
        lambda r: actions.generate_report(r.organisation, r.year, actor=request.user, redraft=redraft),
        _("已根据平台记录重新生成数据。") if report else "",
    )


@login_required
@require_POST
def report_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_verb(request, pk, lambda r: actions.approve_report(r, actor=request.user), _("报告已审定，数据和文字已固定。"))


@login_required
@require_POST
def report_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    form = ReopenForm(request.POST)
    reason = form.data.get("reason", "")
    return _post_verb(request, pk, lambda r: actions.reopen_report(r, actor=request.user, reason=reason), _("报告已退回修改。"))


@login_required
@require_POST
def report_release(request: HttpRequest, pk: int) -> HttpResponse:
    return _post_verb(
        request,
        pk,
        lambda r: actions.release_report(r, actor=request.user),
        _("报告已提交发布：已在“政府信息公开年报”栏目起草为政府信息，经保密审查和领导审批后公开。"),
    )


@login_required
def report_compare(request: HttpRequest, pk: int) -> HttpResponse:
    """What regenerating would change: the stored figures against the records as they are now."""
    report = _report_or_404(request.user, pk)
    now = figures.compute(report.organisation, report.year)
    rows = [
        (figures.describe(key, report.format), before, after)
        for key, before, after in figures.differences(report.figures, now)
        if not key.startswith("checks.balance.breaks")
    ]
    return render(request, "reports/staff/compare.html", {"report": report, "rows": rows})


@login_required
def report_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = _report_or_404(request.user, pk)
    name = f"{report.organisation.short_name or report.organisation.name}{report.year}年政府信息公开工作年度报告"
    if fmt == "docx":
        response = HttpResponse(rendering.docx(report), content_type=DOCX)
    elif fmt == "pdf":
        response = HttpResponse(rendering.pdf(report), content_type="application/pdf")
    elif fmt == "html":
        response = HttpResponse(rendering.html_page(report), content_type="text/html; charset=utf-8")
        return response
    elif fmt == "json":
        response = HttpResponse(
            json.dumps(report.figures, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
        )
    else:
        raise Http404
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}.{fmt}"
    return response


@login_required
def report_deadlines(request: HttpRequest) -> HttpResponse:
    """The office's view: which departments have published their report for a year by 31 January."""
    district = _district(request.user)
    permissions.require(request.user, "view", district)
    today = timezone.localdate()
    year = _int(request.GET.get("year"))
    if year is None or not actions.FIRST_YEAR <= year <= today.year:
        if request.GET.get("year"):
            messages.error(request, _("年度须在%(a)s年至%(b)s年之间。") % {"a": actions.FIRST_YEAR, "b": today.year})
        year = today.year - 1
    rows = deadlines.department_reports(district, year, today=today)
    return render(
        request,
        "reports/staff/deadlines.html",
        {
            "year": year,
            "rows": rows,
            "counts": deadlines.counts(rows),
            "flagged": deadlines.flagged(rows),
            "deadline": deadlines.department_deadline(year),
            "district": district,
        },
    )


# --- the website's yearly form (政府网站工作年度报表) ------------------------------------------------


def _website_or_404(user, pk: int) -> WebsiteForm:
    return get_object_or_404(permissions.visible_website_forms(user).select_related("district"), pk=pk)


@login_required
def website_list(request: HttpRequest) -> HttpResponse:
    district = _district(request.user)
    permissions.require_website(request.user, "view", district)
    forms_ = list(permissions.visible_website_forms(request.user).filter(district=district).order_by("-year"))
    return render(
        request,
        "reports/staff/website_list.html",
        {
            "rows": [(f, notices.website_publication(f)) for f in forms_],
            "district": district,
            "form": WebsiteGenerateForm(initial={"year": timezone.localdate().year - 1})
            if permissions.may_website(request.user, "create", district)
            else None,
        },
    )


@login_required
@require_POST
def website_generate(request: HttpRequest) -> HttpResponse:
    district = _district(request.user)
    form = WebsiteGenerateForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("reports_staff:website_list")
    try:
        created = actions.generate_website_form(district, form.cleaned_data["year"], actor=request.user)
    except ValidationError as exc:
        _fail(request, exc)
        return redirect("reports_staff:website_list")
    messages.success(request, _("已根据平台记录生成%(title)s。") % {"title": created.title})
    return redirect("reports_staff:website_detail", created.pk)


def _website_page(request: HttpRequest, form: WebsiteForm, entry: WebsiteEntryForm | None = None, status: int = 200):
    user = request.user
    publisher = notices.website_publisher(form.district)
    verbs = {
        t.verb
        for t in workflow.website_verbs_from(form.state)
        if permissions.may_website(user, t.verb, publisher if t.verb == "release" else form.district)
    }
    if entry is None and "enter" in verbs:
        initial = {}
        for f in website_form.ENTERED:
            value = form.entered.get(f.key)
            initial[f.key] = ("是" if value else "否") if isinstance(value, bool) else ("" if value is None else value)
        entry = WebsiteEntryForm(initial=initial, fields=website_form.ENTERED)
    values = website_form.values_of(form)
    return render(
        request,
        "reports/staff/website_detail.html",
        {
            "wform": form,
            "doc": website_form.document(form, marks=True),
            "entry": entry if "enter" in verbs else None,
            "verbs": verbs,
            "computed": [(f, website_form.display(f, values.get(f.key))) for f in website_form.FIELDS.values() if f.computed],
            "missing": website_form.missing_entries(form.entered),
            "problems": website_form.consistency(values),
            "publication": notices.website_publication(form),
            "events": history(form),
            "reopen_form": ReopenForm(),
        },
        status=status,
    )


@login_required
def website_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _website_page(request, _website_or_404(request.user, pk))


@login_required
@require_POST
def website_action(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    form = _website_or_404(request.user, pk)
    user = request.user
    if verb not in workflow.WEBSITE_TRANSITIONS:
        raise Http404
    if not permissions.may_website(user, verb, notices.website_publisher(form.district) if verb == "release" else form.district):
        raise PermissionDenied
    if verb == "enter":
        entry = WebsiteEntryForm(request.POST, fields=website_form.ENTERED)
        entry.is_valid()
        try:
            actions.enter_website_form(form, actor=user, data=dict(entry.cleaned_data))
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name, errors in exc.message_dict.items():
                    for error in errors:
                        entry.add_error(name if name in entry.fields else None, error)
            else:
                for error in exc.messages:
                    entry.add_error(None, error)
            messages.error(request, _("填报的数据有误，未保存。请按提示修改。"))
            return _website_page(request, form, entry, status=400)
        messages.success(request, _("已保存填报的数据。"))
        return redirect("reports_staff:website_detail", form.pk)
    run = {
        "generate": lambda: actions.generate_website_form(form.district, form.year, actor=user),
        "approve": lambda: actions.approve_website_form(form, actor=user),
        "reopen": lambda: actions.reopen_website_form(form, actor=user, reason=request.POST.get("reason", "")),
        "release": lambda: actions.release_website_form(form, actor=user),
    }[verb]
    done = {
        "generate": _("已根据平台记录重新生成数据，填报的数据保留。"),
        "approve": _("网站年度报表已审定，数据已固定。"),
        "reopen": _("网站年度报表已退回修改。"),
        "release": _("已提交发布：已起草为政府信息，经保密审查和领导审批后在门户网站公开。"),
    }[verb]
    try:
        run()
    except ValidationError as exc:
        _fail(request, exc)
    except PermissionDenied as exc:
        if "refused" in str(exc) or not str(exc):
            raise
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("reports_staff:website_detail", form.pk)


@login_required
def website_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    form = _website_or_404(request.user, pk)
    if fmt == "docx":
        response = HttpResponse(website_form.docx(form), content_type=DOCX)
    elif fmt == "html":
        return HttpResponse(website_form.html_page(form), content_type="text/html; charset=utf-8")
    else:
        raise Http404
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(form.title)}.{fmt}"
    return response
