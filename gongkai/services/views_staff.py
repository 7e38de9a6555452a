"""Service items, guides and cases on the staff workbench (``/staff/services/``): the item list
with filters and its XLSX export, an item with its guide versions, the forms that register an item
and write, release and revise a guide; the case list with filters, a case with its 差评 follow-up;
the case sources with their column mappings, imports with their progress and rejected rows.

Every read is scoped by ``permissions.py``; every change is one call of an action.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import primary_district_id
from gongkai.audit.history import history
from gongkai.lib import stafflist, xlsximport
from gongkai.lib.forms import add_to_form, validation_messages
from gongkai.orgs.models import Organisation, OrgKind
from gongkai.powers.interface import find_power
from gongkai.services import actions, caseimport, guides, notices, permissions, stats, workflow
from gongkai.services.forms_staff import (
    FollowUpForm,
    GuideForm,
    ImportForm,
    ItemForm,
    MappingForm,
    SourceForm,
)
from gongkai.services.models import (
    BAD_RATINGS,
    CaseSource,
    FollowUp,
    GuideState,
    ImportRun,
    ItemType,
    Rating,
    ServiceGuide,
    ServiceItem,
)


def _district(user) -> Organisation:
    return stafflist.staff_district(user, permissions.can_open, primary_district_id, Organisation.objects)


def _departments(district: Organisation):
    return Organisation.objects.filter(
        district=district, kind__in=[OrgKind.DEPARTMENT, OrgKind.DISTRICT], is_active=True
    ).order_by("sort_order", "id")


# --- items --------------------------------------------------------------------------------------


def _items(request: HttpRequest, district: Organisation):
    filters = stafflist.read_filters(
        request.GET,
        q=stafflist.text(50),
        organisation=stafflist.number,
        type=stafflist.one_of(ItemType.values),
        guide=stafflist.one_of(("none", "draft", "released")),
    )
    items = permissions.visible_items(request.user).filter(district=district)
    items = stafflist.in_organisation(
        items, Organisation.objects, filters["organisation"], district, unknown_shows_nothing=False
    )
    items = stafflist.narrowed(items, filters, type="type")
    if filters["q"]:
        items = items.filter(Q(name__icontains=filters["q"]) | Q(code__icontains=filters["q"]))
    has = ServiceGuide.objects.filter(item=OuterRef("pk"))
    if filters["guide"] == "none":
        items = items.exclude(Exists(has))
    elif filters["guide"] == "draft":
        items = items.filter(Exists(has.filter(state=GuideState.DRAFT)))
    elif filters["guide"] == "released":
        items = items.filter(Exists(has.filter(state=GuideState.RELEASED)))
    items = items.select_related("organisation", "department").prefetch_related(
        Prefetch("guides", queryset=ServiceGuide.objects.order_by("-version"))
    )
    return items.order_by("organisation__sort_order", "code"), filters


def _newest(item: ServiceItem) -> ServiceGuide | None:
    found = list(item.guides.all())
    return found[0] if found else None


@login_required
def item_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _district(user)
    items, filters = _items(request, district)
    page = stafflist.page_of(request, items)
    newest = {item.pk: _newest(item) for item in page}
    found = notices.publications(district, [g for g in newest.values() if g])
    rows = []
    for item in page:
        guide = newest[item.pk]
        rows.append(
            {
                "item": item,
                "guide": guide,
                "publication": found.get(guide.pk) if guide else None,
                "missing": guides.missing_elements(guide) if guide else [],
            }
        )
    return render(
        request,
        "services/staff/items.html",
        {
            "page_obj": page,
            "rows": rows,
            "filters": filters,
            "orgs": permissions.visible_orgs(user, district.pk),
            "types": ItemType.choices,
            "figures": stats.guides(_figures_scope(user, district)),
            "can_create": permissions.editable_orgs(user, district.pk).exists(),
            "export_url": stafflist.export_url(request, "services_staff:export"),
        },
    )


def _figures_scope(user, district: Organisation) -> stats.Scope:
    visible = permissions.visible_org_ids(user, district.pk)
    return stats.Scope(district.pk, None if visible is None else frozenset(visible))


EXPORT_HEADERS = [
    "事项编码",
    "事项名称",
    "事项类型",
    "主管部门",
    "实施机关",
    "设定和实施依据",
    "对应权力编码",
    "指南版本",
    "指南状态",
    "缺少的要素",
    "法定时限（工作日）",
    "承诺时限（工作日）",
    "到现场次数",
]


@login_required
def export_xlsx(request: HttpRequest) -> HttpResponse:
    district = _district(request.user)
    items, _filters = _items(request, district)

    def line(item: ServiceItem) -> list:
        guide = _newest(item)
        return [
            item.code,
            item.name,
            item.get_type_display(),
            item.department.name,
            item.organisation.name,
            item.basis,
            item.power_code,
            guide.version if guide else "",
            guide.get_state_display() if guide else _("未编写"),
            "、".join(guides.missing_elements(guide)) if guide else "",
            guide.legal_limit_days if guide else "",
            guide.promised_limit_days if guide else "",
            guide.visits if guide else "",
        ]

    content = xlsximport.export(_("政务服务事项"), EXPORT_HEADERS, (line(i) for i in items), write_only=True)
    return stafflist.xlsx_response(content, f"service-items-{timezone.localdate().isoformat()}.xlsx")


@login_required
def item_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _district(user)
    organisations = permissions.editable_orgs(user, district.pk)
    if not organisations.exists():
        raise PermissionDenied
    form = ItemForm(request.POST or None, organisations=organisations, departments=_departments(district))
    if request.method == "POST" and form.is_valid():
        try:
            item = actions.create_item(actor=user, **form.cleaned_data)
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(
                request, _("已登记事项 %(code)s %(name)s。") % {"code": item.code, "name": item.name}
            )
            return redirect("services_staff:item", item.pk)
    return render(request, "services/staff/item_form.html", {"form": form, "item": None})


def _item_or_404(user, district: Organisation, pk: int) -> ServiceItem:
    return get_object_or_404(
        permissions.visible_items(user)
        .filter(district=district)
        .select_related("organisation", "department"),
        pk=pk,
    )


@login_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    district = _district(user)
    item = _item_or_404(user, district, pk)
    if not permissions.may(user, "edit_item", item.organisation):
        raise PermissionDenied
    initial = {f: getattr(item, f) for f in ("name", "code", "type", "basis", "power_code")}
    initial.update(department=item.department_id, organisation=item.organisation_id)
    form = ItemForm(
        request.POST or None,
        organisations=permissions.editable_orgs(user, district.pk),
        departments=_departments(district),
        editing=True,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.edit_item(item, actor=user, **form.cleaned_data)
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("已保存事项的基本要素。"))
            return redirect("services_staff:item", item.pk)
    return render(request, "services/staff/item_form.html", {"form": form, "item": item})


@login_required
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    district = _district(user)
    item = _item_or_404(user, district, pk)
    versions = list(item.guides.select_related("created_by", "released_by").order_by("-version"))
    found = notices.publications(district, versions)
    rows = []
    for version in versions:
        verbs = {t.verb for t in workflow.verbs_from(version.state)}
        rows.append(
            {
                "guide": version,
                "publication": found[version.pk],
                "missing": guides.missing_elements(version),
                "can_edit": "edit" in verbs and permissions.may(user, "edit", item.organisation),
                "can_release": "release" in verbs and permissions.may(user, "release", item.organisation),
                "can_revise": "revise" in verbs
                and version is versions[0]
                and permissions.may(user, "revise", item.organisation),
            }
        )
    newest = versions[0] if versions else None
    return render(
        request,
        "services/staff/item.html",
        {
            "item": item,
            "rows": rows,
            "newest": newest,
            "materials": guides.material_rows(newest.materials) if newest else [],
            "power": find_power(district, item.power_code) if item.power_code else None,
            "can_start": not versions and permissions.may(user, "edit", item.organisation),
            "can_edit_item": permissions.may(user, "edit_item", item.organisation)
            and not any(v.state == GuideState.RELEASED for v in versions),
            "events": history(item),
        },
    )


@login_required
def guide_edit(request: HttpRequest, pk: int, guide_pk: int | None = None) -> HttpResponse:
    """Write the first version (``guide_pk`` None) or edit a draft."""
    user = request.user
    district = _district(user)
    item = _item_or_404(user, district, pk)
    if not permissions.may(user, "edit", item.organisation):
        raise PermissionDenied
    guide = None
    if guide_pk is not None:
        guide = get_object_or_404(ServiceGuide, pk=guide_pk, item=item)
        if guide.state != GuideState.DRAFT:
            messages.error(request, str(workflow.IllegalTransition("edit", guide.state).message))
            return redirect("services_staff:item", item.pk)
    elif item.guides.exists():
        return redirect("services_staff:item", item.pk)
    initial = {}
    if guide is not None:
        initial = {f: getattr(guide, f) for f in [*guides.GUIDE_FIELDS, "note"]}
        initial["materials"] = guides.materials_text(guide.materials)
    form = GuideForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if guide is None:
                guide = actions.create_guide(item, actor=user, **form.values())
            else:
                guide = actions.edit_guide(guide, actor=user, **form.values())
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            missing = guides.missing_elements(guide)
            if missing:
                messages.warning(
                    request, _("已保存草稿。发布前还须填写：%(missing)s。") % {"missing": "、".join(missing)}
                )
            else:
                messages.success(request, _("已保存草稿，要素齐全，可以提交发布。"))
            return redirect("services_staff:item", item.pk)
    return render(request, "services/staff/guide_form.html", {"form": form, "item": item, "guide": guide})


@login_required
@require_POST
def guide_release(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    district = _district(user)
    guide = get_object_or_404(permissions.visible_guides(user).filter(item__district=district), pk=pk)
    try:
        actions.release_guide(guide, actor=user)
    except PermissionDenied as exc:
        if not permissions.may(user, "release", guide.item.organisation):
            raise
        messages.error(request, str(exc))
    except ValidationError as exc:
        for text in validation_messages(exc):
            messages.error(request, text)
    else:
        messages.success(request, _("已提交发布：办事指南已起草为政府信息，经保密审查和领导审批后公开。"))
    return redirect("services_staff:item", guide.item_id)


@login_required
@require_POST
def guide_revise(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    district = _district(user)
    guide = get_object_or_404(permissions.visible_guides(user).filter(item__district=district), pk=pk)
    try:
        draft = actions.revise_guide(guide, actor=user, note=request.POST.get("note", ""))
    except ValidationError as exc:
        for text in validation_messages(exc):
            messages.error(request, text)
        return redirect("services_staff:item", guide.item_id)
    messages.success(
        request, _("已建立第%(n)s版草稿；发布前，公众看到的仍是已公开的版本。") % {"n": draft.version}
    )
    return redirect("services_staff:guide_edit", guide.item_id, draft.pk)


# --- cases ----------------------------------------------------------------------------------------


def _cases(request: HttpRequest, district: Organisation):
    filters = stafflist.read_filters(
        request.GET,
        q=stafflist.text(64),
        organisation=stafflist.number,
        year=stafflist.number,
        rating=stafflist.one_of([*Rating.values, "bad", "open"]),
        state=stafflist.one_of(("open", "completed", "late")),
    )
    cases = permissions.visible_cases(request.user).filter(source__district=district)
    cases = stafflist.in_organisation(
        cases, Organisation.objects, filters["organisation"], district, unknown_shows_nothing=False
    )
    cases = stafflist.narrowed(cases, filters, year="received_on__year")
    if filters["q"]:
        cases = cases.filter(case_no=filters["q"]) | cases.filter(item__code=filters["q"])
    followed = FollowUp.objects.filter(case=OuterRef("pk"))
    if filters["rating"] == "bad":
        cases = cases.filter(rating__in=BAD_RATINGS)
    elif filters["rating"] == "open":
        cases = cases.filter(rating__in=BAD_RATINGS).exclude(Exists(followed))
    elif filters["rating"]:
        cases = cases.filter(rating=filters["rating"])
    if filters["state"] == "open":
        cases = cases.filter(completed_on__isnull=True)
    elif filters["state"] == "completed":
        cases = cases.filter(completed_on__isnull=False)
    elif filters["state"] == "late":
        cases = cases.filter(completed_on__gt=F("due_on"))
    cases = cases.select_related("item", "organisation", "source").annotate(followed=Exists(followed))
    return cases.order_by("-received_on", "-pk"), filters


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _district(user)
    cases, filters = _cases(request, district)
    scope = _figures_scope(user, district)
    years = stats.case_years(scope)
    year = filters["year"] or (years[0] if years else timezone.localdate().year)
    return render(
        request,
        "services/staff/cases.html",
        {
            "page_obj": stafflist.page_of(request, cases),
            "filters": filters,
            "orgs": permissions.visible_orgs(user, district.pk),
            "years": years,
            "year": year,
            "ratings": Rating.choices,
            "figures": stats.cases(scope, year),
            "licensing": stats.licensing_decisions(scope, year),
            "can_import": permissions.can_import_somewhere(user),
        },
    )


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    district = _district(user)
    case = get_object_or_404(
        permissions.visible_cases(user)
        .filter(source__district=district)
        .select_related("item", "organisation", "source"),
        pk=pk,
    )
    form = None
    if case.is_bad and permissions.may(user, "follow_up", case.organisation):
        form = FollowUpForm(request.POST or None, initial={"done_on": timezone.localdate()})
        if request.method == "POST" and form.is_valid():
            try:
                actions.record_follow_up(case, actor=user, **form.cleaned_data)
            except ValidationError as exc:
                add_to_form(form, exc)
            else:
                messages.success(request, _("已登记差评的整改或回访。"))
                return redirect("services_staff:case", case.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "services/staff/case.html",
        {
            "case": case,
            "follow_ups": case.follow_ups.select_related("recorded_by"),
            "form": form,
            "events": history(case),
        },
    )


# --- sources and imports ------------------------------------------------------------------------


def _importer_district(user) -> Organisation:
    district = _district(user)
    if not permissions.can_import_somewhere(user):
        raise PermissionDenied
    return district


@login_required
def imports(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _importer_district(user)
    sources = list(permissions.visible_sources(user).filter(district=district).select_related("organisation"))
    organisations = permissions.orgs_for(user, "service.import", district.pk)
    form = SourceForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            source = actions.create_source(actor=user, **form.cleaned_data)
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(
                request, _("已登记办件来源“%(name)s”，可核对列对应关系后导入。") % {"name": source.name}
            )
            return redirect("services_staff:source", source.pk)
    runs = (
        permissions.visible_runs(user)
        .filter(source__district=district)
        .select_related("source", "created_by")[:30]
    )
    return render(request, "services/staff/imports.html", {"sources": sources, "runs": runs, "form": form})


def _source_or_404(user, pk: int) -> CaseSource:
    return get_object_or_404(permissions.visible_sources(user).select_related("organisation"), pk=pk)


@login_required
def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _importer_district(user)
    source = _source_or_404(user, pk)
    upload_form = ImportForm()
    mapping_form = MappingForm(mapping=source.mapping)
    if request.method == "POST" and request.POST.get("what") == "mapping":
        mapping_form = MappingForm(request.POST, mapping=source.mapping)
        if mapping_form.is_valid():
            try:
                actions.save_mapping(source, actor=user, mapping=mapping_form.mapping())
            except ValidationError as exc:
                for text in validation_messages(exc):
                    messages.error(request, text)
            else:
                messages.success(request, _("已保存列对应关系。"))
                return redirect("services_staff:source", source.pk)
    elif request.method == "POST":
        upload_form = ImportForm(request.POST, request.FILES)
        if upload_form.is_valid():
            upload = upload_form.cleaned_data["file"]
            try:
                run = actions.start_import(source, actor=user, upload=upload, name=upload.name)
            except ValidationError as exc:
                add_to_form(upload_form, exc)
            else:
                messages.success(request, _("已开始导入，可在本页查看进度。"))
                return redirect("services_staff:run", run.pk)
    runs = source.runs.select_related("created_by")[:20]
    return render(
        request,
        "services/staff/source.html",
        {"source": source, "upload_form": upload_form, "mapping_form": mapping_form, "runs": runs},
    )


def _run_or_404(user, pk: int) -> ImportRun:
    return get_object_or_404(permissions.visible_runs(user).select_related("source", "created_by"), pk=pk)


@login_required
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _importer_district(user)
    run = _run_or_404(user, pk)
    return render(request, "services/staff/run.html", {"run": run, "fields": caseimport.FIELDS})


@login_required
def run_progress(request: HttpRequest, pk: int) -> JsonResponse:
    """What the run page's progress bar reads while the import runs."""
    user = request.user
    _importer_district(user)
    run = _run_or_404(user, pk)
    return JsonResponse(
        {
            "state": run.state,
            "state_label": run.get_state_display(),
            "percent": run.percent,
            "rows_read": run.rows_read,
            "total_rows": run.total_rows,
            "created": run.created,
            "updated": run.updated,
            "unchanged": run.unchanged,
            "rejected": run.rejected,
            "active": run.is_active,
        }
    )


@login_required
def run_rejects(request: HttpRequest, pk: int) -> FileResponse:
    user = request.user
    _importer_district(user)
    run = _run_or_404(user, pk)
    if not run.rejects:
        raise Http404
    return FileResponse(run.rejects.open("rb"), as_attachment=True, filename=f"rejects-{run.pk}.csv")
