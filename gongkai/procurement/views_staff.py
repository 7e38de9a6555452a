"""Procurement on the staff workbench (``/staff/procurement/``): the projects list with filters, its
figures and its XLSX export; a project's page with its amounts, its notices and their deadlines,
and the forms of each step; entering, editing and importing projects.

Every read is scoped by ``permissions.py``; every change is one call of an action.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
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
from gongkai.procurement import actions, deadlines, importer, money, notices, permissions, workflow
from gongkai.procurement.forms_staff import STEP_FORMS, ImportForm, LinkForm, ProjectForm
from gongkai.procurement.models import Method, NoticeKind, ProcurementType, Project, ProjectState


def _district(user) -> Organisation:
    return stafflist.staff_district(user, permissions.can_open, primary_district_id, Organisation.objects)


def _project_or_404(user, pk: int) -> Project:
    return get_object_or_404(
        permissions.visible_projects(user).select_related("organisation", "district"), pk=pk
    )


# --- the list -----------------------------------------------------------------------------------


def _filtered(request: HttpRequest, district: Organisation):
    """The user's projects narrowed by the list's filters, and the filters."""
    filters = stafflist.read_filters(
        request.GET,
        organisation=stafflist.number,
        year=stafflist.number,
        type=stafflist.one_of(ProcurementType.values),
        method=stafflist.one_of(Method.values),
        state=stafflist.one_of(ProjectState.values),
        q=stafflist.text(50),
    )
    rows = permissions.visible_projects(request.user).filter(district=district)
    rows = stafflist.in_organisation(
        rows, Organisation.objects, filters["organisation"], district, unknown_shows_nothing=False
    )
    rows = stafflist.narrowed(rows, filters, year="year", type="type", method="method", state="state")
    if filters["q"]:
        q = filters["q"]
        rows = rows.filter(Q(name__icontains=q) | Q(code__icontains=q) | Q(supplier_name__icontains=q))
    return rows.select_related("organisation").order_by("-year", "code"), filters


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _district(user)
    rows, filters = _filtered(request, district)
    counted = rows.exclude(state=ProjectState.TERMINATED).values_list("budget", "contract_amount")
    totals = money.totals(counted)
    page = stafflist.page_of(request, rows)
    page_notices = list(notices_of(page))
    refs = notices.refs(district, page_notices)
    by_project: dict[int, list] = {}
    for notice in page_notices:
        by_project.setdefault(notice.project_id, []).append(
            (notice, notices.state_label(refs.get(notice.item_id)))
        )
    years = sorted(
        set(permissions.visible_projects(user).filter(district=district).values_list("year", flat=True)),
        reverse=True,
    )
    return render(
        request,
        "procurement/staff/list.html",
        {
            "page_obj": page,
            "rows": [(p, by_project.get(p.pk, [])) for p in page],
            "filters": filters,
            "totals": totals,
            "orgs": permissions.visible_orgs(user, district.pk),
            "years": years,
            "types": ProcurementType.choices,
            "methods": Method.choices,
            "states": ProjectState.choices,
            "export_url": stafflist.export_url(request, "procurement_staff:export"),
            "can_edit": permissions.can_edit_somewhere(user),
        },
    )


def notices_of(projects):
    from gongkai.procurement.models import Notice

    return Notice.objects.filter(project__in=list(projects)).order_by("project_id", "kind")


@login_required
def export_xlsx(request: HttpRequest) -> HttpResponse:
    district = _district(request.user)
    rows, _filters = _filtered(request, district)
    today = timezone.localdate()
    title = _("政府采购项目%(day)s") % {"day": today.isoformat()}
    return stafflist.xlsx_response(
        importer.export_workbook(rows, title=title), f"procurement-{today.isoformat()}.xlsx"
    )


# --- entering and editing -----------------------------------------------------------------------


@login_required
def project_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _district(user)
    organisations = permissions.editable_orgs(user, district.pk)
    if not organisations.exists():
        raise PermissionDenied
    initial = {"year": timezone.localdate().year}
    if organisations.count() == 1:
        initial["organisation"] = organisations.first().pk
    form = ProjectForm(request.POST or None, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            project = actions.create_project(actor=user, **form.values())
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("已登记采购项目 %(code)s。") % {"code": project.code})
            return redirect("procurement_staff:project", project.pk)
    return render(request, "procurement/staff/project_form.html", {"form": form, "project": None})


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    district = _district(user)
    project = _project_or_404(user, pk)
    if not permissions.may(user, "edit", project.organisation):
        raise PermissionDenied
    if project.state not in workflow.TRANSITIONS["edit"].sources:
        messages.error(request, str(workflow.IllegalTransition("edit", project.state).message))
        return redirect("procurement_staff:project", project.pk)
    initial = {f: getattr(project, f) for f in actions.PLAN_FIELDS}
    initial["organisation"] = project.organisation_id
    form = ProjectForm(
        request.POST or None, organisations=permissions.editable_orgs(user, district.pk), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_project(project, actor=user, **form.values())
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("procurement_staff:project", project.pk)
    return render(request, "procurement/staff/project_form.html", {"form": form, "project": project})


@login_required
@require_POST
def project_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _district(user)
    project = _project_or_404(user, pk)
    try:
        actions.remove_project(project, actor=user)
    except ValidationError as exc:
        for text in validation_messages(exc):
            messages.error(request, text)
        return redirect("procurement_staff:project", project.pk)
    messages.success(request, _("已删除采购项目 %(code)s。") % {"code": project.code})
    return redirect("procurement_staff:list")


# --- a project ----------------------------------------------------------------------------------


@login_required
def project_detail(request: HttpRequest, pk: int, forms: dict | None = None) -> HttpResponse:
    user = request.user
    district = _district(user)
    project = _project_or_404(user, pk)
    project_notices = {n.kind: n for n in project.notices.all()}
    refs = notices.refs(district, project_notices.values())
    today = timezone.localdate()
    rows = []
    for kind, label in NoticeKind.choices:
        notice = project_notices.get(kind)
        ref = refs.get(notice.item_id) if notice else None
        timing = deadlines.timeliness(project, kind, notices.published_on(ref), today=today)
        rows.append(
            {
                "kind": kind,
                "label": label,
                "notice": notice,
                "ref": ref,
                "state": notices.state_label(ref) if notice else "",
                "timing": timing,
            }
        )
    verbs = {t.verb for t in workflow.verbs_from(project.state)}
    may = {verb: permissions.may(user, verb, project.organisation) for verb in workflow.TRANSITIONS}
    offered = forms or {}
    step_forms = [
        (verb, workflow.TRANSITIONS[verb].label, offered.get(verb) or STEP_FORMS[verb](prefix=verb))
        for verb in ("start", "award", "contract", "terminate")
        if verb in verbs and may[verb]
    ]
    drafts = [
        (kind, workflow.TRANSITIONS[verb].label)
        for kind, verb in workflow.NOTICE_VERBS.items()
        if verb in verbs and may[verb] and kind not in project_notices
    ]
    return render(
        request,
        "procurement/staff/project.html",
        {
            "project": project,
            "notice_rows": rows,
            "step_forms": step_forms,
            "drafts": drafts,
            "link_form": (offered.get("link") or LinkForm(prefix="link"))
            if "link" in verbs and may["link"]
            else None,
            "can_edit": "edit" in verbs and may["edit"],
            "can_remove": "remove" in verbs and may["remove"] and not project_notices,
            "events": history(project),
        },
        status=400 if forms else 200,
    )


STEP_ACTIONS = {
    "start": lambda p, user, data: actions.start_procurement(p, actor=user, **data),
    "award": lambda p, user, data: actions.award(p, actor=user, **data),
    "contract": lambda p, user, data: actions.record_contract(p, actor=user, **data),
    "terminate": lambda p, user, data: actions.terminate(p, actor=user, **data),
}
STEP_DONE = {
    "start": _("已登记采购活动开始。"),
    "award": _("已登记中标（成交）结果；结果公告须在2个工作日内公开。"),
    "contract": _("已登记合同签订。"),
    "terminate": _("已终止采购。"),
}


@login_required
@require_POST
def project_step(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    user = request.user
    _district(user)
    if verb not in STEP_ACTIONS:
        raise Http404
    project = _project_or_404(user, pk)
    form = STEP_FORMS[verb](request.POST, prefix=verb)
    if form.is_valid():
        try:
            STEP_ACTIONS[verb](project, user, form.cleaned_data)
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, str(STEP_DONE[verb]))
            return redirect("procurement_staff:project", project.pk)
    messages.error(request, _("未能保存，请按提示修改。"))
    return project_detail(request, pk, forms={verb: form})


@login_required
@require_POST
def notice_draft(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    user = request.user
    _district(user)
    project = _project_or_404(user, pk)
    if kind not in NoticeKind.values:
        raise Http404
    try:
        actions.draft_notice(project, kind, actor=user)
    except PermissionDenied as exc:
        if not permissions.may(user, workflow.NOTICE_VERBS[kind], project.organisation):
            raise
        messages.error(request, str(exc))
    except ValidationError as exc:
        for text in validation_messages(exc):
            messages.error(request, text)
    else:
        messages.success(
            request,
            _("%(kind)s已起草为政府信息，经保密审查和领导审批后公开。") % {"kind": NoticeKind(kind).label},
        )
    return redirect("procurement_staff:project", project.pk)


@login_required
@require_POST
def notice_link(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _district(user)
    project = _project_or_404(user, pk)
    form = LinkForm(request.POST, prefix="link")
    if form.is_valid():
        try:
            actions.link_notice(
                project, form.cleaned_data["kind"], actor=user, index_no=form.cleaned_data["index_no"]
            )
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("已关联公告，随该信息公开。"))
            return redirect("procurement_staff:project", project.pk)
    messages.error(request, _("未能关联，请按提示修改。"))
    return project_detail(request, pk, forms={"link": form})


# --- import -------------------------------------------------------------------------------------


@login_required
def project_import(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _district(user)
    if not permissions.editable_orgs(user, district.pk).exists():
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            upload = stafflist.xlsx_upload(form)
            report = actions.import_projects(upload, actor=user, district=district, name=upload.name)
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            if report.ok:
                messages.success(
                    request,
                    _(
                        "已导入：新登记 %(created)s 个项目，更新 %(updated)s 个，%(unchanged)s 个此前已导入、未变。"
                    )
                    % {"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
                )
                return redirect("procurement_staff:list")
            messages.error(request, _("表格有误，未导入任何内容。请按下面的提示修改后重新上传。"))
    return render(request, "procurement/staff/import.html", {"form": form, "report": report})


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    _district(request.user)
    return stafflist.xlsx_response(importer.template_workbook(), "procurement-template.xlsx")
