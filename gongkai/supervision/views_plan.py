"""The work plan on the staff workbench (``/staff/supervision/plan/``): the year's tasks with their
standing, a task with each unit's reports, the unit's report form with its own published items to
cite, the office's review, and the XLSX template, import and export.

Every read is scoped by ``permissions.py`` (a unit sees its own tasks and its own part of them);
every change is one call of an action.
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

from gongkai.lib.forms import add_to_form, validation_messages
from gongkai.orgs.models import Organisation
from gongkai.supervision import actions, permissions, plans, publishing
from gongkai.supervision.forms_staff import ImportForm, ReportForm, ReviewForm, TaskForm
from gongkai.supervision.models import PlanTask, ProgressReport

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD = 5 * 1024 * 1024


def _home(request: HttpRequest) -> Organisation:
    home = permissions.home_of(request.user)
    if home is None:
        raise PermissionDenied(_("您没有查看督查考核的权限。"))
    return home


def _district(home: Organisation) -> Organisation:
    return home if home.is_district else Organisation.objects.get(pk=home.district_id)


def _year(request: HttpRequest) -> int:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        return today.year
    return year if 2008 <= year <= today.year + 1 else today.year


def _task(request: HttpRequest, pk: int) -> PlanTask:
    task = permissions.visible_tasks(request.user).filter(pk=pk).select_related("district").first()
    if task is None:
        raise Http404
    return task


def _xlsx(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
    return response


def _rows(request: HttpRequest, district: Organisation, year: int) -> list[plans.TaskStatus]:
    tasks = permissions.visible_tasks(request.user).filter(district=district, year=year)
    rows = plans.statuses(tasks, timezone.localdate())
    if not permissions.sees_district(request.user, district):
        # a unit sees its own part only
        for row in rows:
            row.parts = [p for p in row.parts if permissions.may_see_part(request.user, p.unit)]
    return rows


@login_required
def plan(request: HttpRequest) -> HttpResponse:
    home = _home(request)
    district = _district(home)
    year = _year(request)
    rows = _rows(request, district, year)
    state = request.GET.get("state", "")
    shown = [r for r in rows if r.key == state] if state in plans.STATUS_LABELS else rows
    counts = {key: sum(1 for r in rows if r.key == key) for key in plans.STATUS_LABELS}
    return render(
        request,
        "supervision/plan/list.html",
        {
            "rows": shown,
            "total": len(rows),
            "counts": [(key, plans.STATUS_LABELS[key], counts[key]) for key in plans.STATUS_LABELS],
            "state": state,
            "year": year,
            "years": list(range(timezone.localdate().year + 1, timezone.localdate().year - 4, -1)),
            "may_manage": permissions.may_manage(request.user, district),
            "office": permissions.sees_district(request.user, district),
            "pending": sum(len(r.pending) for r in rows),
        },
    )


@login_required
def task_new(request: HttpRequest) -> HttpResponse:
    district = _district(_home(request))
    if not permissions.may_manage(request.user, district):
        raise PermissionDenied(_("只有政务公开办公室可以录入工作要点。"))
    year = _year(request)
    form = TaskForm(request.POST or None, district=district)
    if request.method == "POST" and form.is_valid():
        try:
            task = actions.create_task(district, {**form.task_data(), "year": year}, actor=request.user)
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("任务已录入。"))
            return redirect("supervision_staff:plan_task", task.pk)
    return render(request, "supervision/plan/task_form.html", {"form": form, "year": year, "task": None})


@login_required
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    if not permissions.may_manage(request.user, task.district):
        raise PermissionDenied(_("只有政务公开办公室可以修改工作要点。"))
    units = [tu.unit for tu in task.task_units.select_related("unit").order_by("order", "pk")]
    initial = {
        "number": task.number,
        "text": task.text,
        "category": task.category,
        "due_on": task.due_on,
        "source": task.source,
        "lead": units[0] if units else None,
        "partners": units[1:],
    }
    form = TaskForm(request.POST or None, initial=initial, district=task.district)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_task(task, form.task_data(), actor=request.user)
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("任务已修改。"))
            return redirect("supervision_staff:plan_task", task.pk)
    return render(request, "supervision/plan/task_form.html", {"form": form, "year": task.year, "task": task})


@login_required
@require_POST
def task_delete(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    year = task.year
    try:
        actions.delete_task(task, actor=request.user)
    except ValidationError as exc:
        for message in validation_messages(exc):
            messages.error(request, message)
        return redirect("supervision_staff:plan_task", pk)
    messages.success(request, _("任务已删除。"))
    return redirect(f"{_plan_url()}?year={year}")


def _plan_url() -> str:
    from django.urls import reverse

    return reverse("supervision_staff:plan")


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task(request, pk)
    today = timezone.localdate()
    status = plans.status_of(task, today)
    whole = permissions.sees_whole_task(request.user, task)
    if not whole:
        status.parts = [p for p in status.parts if permissions.may_see_part(request.user, p.unit)]
    evidence_ids = {pk for part in status.parts for r in part.reports for pk in r.evidence}
    evidence = publishing.refs(task.district, evidence_ids)
    reporting = [
        p.unit
        for p in status.parts
        if not p.pending and not p.done_on and permissions.may_report(request.user, task, p.unit)
    ]
    report_form = None
    items = []
    unit = None
    query = request.GET.get("q", "").strip()[:50]
    if reporting:
        chosen_id = request.POST.get("unit") or request.GET.get("unit")
        unit = next((u for u in reporting if str(u.pk) == str(chosen_id)), reporting[0])
        report_form = ReportForm(request.POST or None, units=reporting, initial={"unit": unit.pk})
        items = publishing.unit_items(unit, query=query)
        if request.method == "POST" and report_form.is_valid():
            ids = [int(x) for x in request.POST.getlist("evidence") if x.isdigit()]
            try:
                actions.submit_report(
                    task,
                    unit,
                    actor=request.user,
                    text=report_form.cleaned_data["text"],
                    progress=report_form.cleaned_data["progress"],
                    evidence=ids,
                )
            except ValidationError as exc:
                add_to_form(report_form, exc)
            else:
                messages.success(request, _("进展已报送，等待政务公开办公室审核。"))
                return redirect("supervision_staff:plan_task", task.pk)
    elif request.method == "POST":
        raise PermissionDenied(_("只有责任单位可以报送本单位的进展。"))
    parts = [
        {
            "part": p,
            "reports": [(r, [evidence.get(pk) for pk in r.evidence if pk in evidence]) for r in p.reports],
        }
        for p in status.parts
    ]
    return render(
        request,
        "supervision/plan/task.html",
        {
            "task": task,
            "status": status,
            "parts": parts,
            "may_manage": permissions.may_manage(request.user, task.district),
            "report_form": report_form,
            "report_unit": unit,
            "items": items,
            "checked": {int(x) for x in request.POST.getlist("evidence") if x.isdigit()},
            "query": query,
            "review_form": ReviewForm(),
        },
    )


@login_required
@require_POST
def review(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    report = get_object_or_404(ProgressReport.objects.select_related("task"), pk=pk)
    _task(request, report.task_id)  # not visible: 404
    form = ReviewForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        if verb == "accept":
            actions.accept_report(report, actor=request.user, note=note)
            messages.success(request, _("已审核通过。"))
        elif verb == "return":
            actions.return_report(report, actor=request.user, note=note)
            messages.success(request, _("已退回，责任单位将重新报送。"))
        else:
            raise Http404
    except ValidationError as exc:
        for message in validation_messages(exc):
            messages.error(request, message)
    return redirect("supervision_staff:plan_task", report.task_id)


@login_required
def template(request: HttpRequest) -> HttpResponse:
    _home(request)
    year = _year(request)
    return _xlsx(
        plans.template_xlsx(year),
        f"{year}%E5%B9%B4%E5%B7%A5%E4%BD%9C%E8%A6%81%E7%82%B9%E6%A8%A1%E6%9D%BF.xlsx",
    )


@login_required
def export(request: HttpRequest) -> HttpResponse:
    district = _district(_home(request))
    year = _year(request)
    rows = _rows(request, district, year)
    return _xlsx(plans.export_xlsx(rows), f"{year}%E5%B9%B4%E5%B7%A5%E4%BD%9C%E8%A6%81%E7%82%B9.xlsx")


@login_required
def import_tasks(request: HttpRequest) -> HttpResponse:
    district = _district(_home(request))
    if not permissions.may_manage(request.user, district):
        raise PermissionDenied(_("只有政务公开办公室可以导入工作要点。"))
    year = _year(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            errors = [_("文件不能超过5MB。")]
        else:
            result = plans.read_xlsx(upload.read(), district)
            errors = result.errors
            if not errors:
                try:
                    tasks = actions.import_tasks(district, year, result.rows, actor=request.user)
                except ValidationError as exc:
                    errors = validation_messages(exc)
                else:
                    messages.success(request, _("已导入%(n)s条任务。") % {"n": len(tasks)})
                    return redirect(f"{_plan_url()}?year={year}")
    return render(request, "supervision/plan/import.html", {"form": form, "year": year, "errors": errors})


def panel_context(request: HttpRequest) -> dict | None:
    """The workbench home's work-plan panel (``nav.STAFF_HOME_PANELS``): this year's overdue and
    soon-due tasks the user sees, or None when there are none (or no right to see them)."""
    home = permissions.home_of(request.user)
    if home is None:
        return None
    district = _district(home)
    today = timezone.localdate()
    rows = _rows(request, district, today.year)
    if not rows:
        return None
    overdue = [r for r in rows if r.key == "overdue"]
    # the workbench home hands a panel its context's ``board`` only
    return {
        "board": {
            "plan_year": today.year,
            "plan_total": len(rows),
            "plan_done": sum(1 for r in rows if r.done),
            "plan_overdue": overdue[:10],
            "plan_overdue_count": len(overdue),
            "plan_soon_count": sum(1 for r in rows if r.key == "soon"),
            "plan_pending": sum(len(r.pending) for r in rows),
            "plan_office": permissions.sees_district(request.user, district),
        }
    }
