"""公示公告 on the staff workbench (``/staff/publicity/``): the lists and notices with filters and
their XLSX export, a publicity's page (its facts, its households masked with the audited reveal,
its objections, its publication and history), and the forms that enter, import, release, record
objections and set the periods.

Every read is scoped by ``permissions.py``; every change is one call of an action.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, Sum
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
from gongkai.publicity import actions, importer, notices, permissions, workflow
from gongkai.publicity.forms_staff import (
    EntryForm,
    ImportForm,
    LinkForm,
    ObjectionForm,
    PeriodForm,
    PublicityForm,
    ResolveForm,
)
from gongkai.publicity.kinds import SPECS, Kind, spec
from gongkai.publicity.models import Entry, Objection, Publicity, PublicRow, State, period_days_for

ENTRY_PAGE_SIZE = 50


def _district(user) -> Organisation:
    return stafflist.staff_district(user, permissions.can_open, primary_district_id, Organisation.objects)


def _publicity_or_404(user, pk: int) -> Publicity:
    return get_object_or_404(
        permissions.visible_publicities(user).select_related("organisation", "district"), pk=pk
    )


_xlsx = stafflist.xlsx_response


# --- the list -------------------------------------------------------------------------------------


def _filtered(request: HttpRequest, district: Organisation):
    filters = stafflist.read_filters(
        request.GET,
        organisation=stafflist.number,
        year=stafflist.number,
        kind=stafflist.one_of(Kind.values),
        state=stafflist.one_of(State.values),
        q=stafflist.text(50),
    )
    found = permissions.visible_publicities(request.user).filter(district=district)
    found = stafflist.in_organisation(found, Organisation.objects, filters["organisation"], district)
    found = stafflist.narrowed(found, filters, year="year", kind="kind", state="state", q="title__icontains")
    return found.select_related("organisation").order_by("-year", "-month", "-created_at", "-pk"), filters


def _annotate(publicities: list[Publicity]) -> list[Publicity]:
    """Each publicity's households, people and amount as entered, and its objections (open and
    all), in two grouped queries."""
    ids = [p.pk for p in publicities]
    sums = {
        r["publicity_id"]: r
        for r in Entry.objects.filter(publicity_id__in=ids)
        .order_by()
        .values("publicity_id")
        .annotate(n=Count("pk"), people=Sum("people"), amount=Sum("amount"))
    }
    objections = {
        r["publicity_id"]: r
        for r in Objection.objects.filter(publicity_id__in=ids)
        .order_by()
        .values("publicity_id")
        .annotate(n=Count("pk"), open=Count("pk", filter=Q(outcome="")))
    }
    for p in publicities:
        found = sums.get(p.pk, {})
        p.households, p.people = found.get("n", 0), found.get("people") or 0
        p.amount = notices.cents(found.get("amount"))
        p.objection_count = objections.get(p.pk, {}).get("n", 0)
        p.open_objections = objections.get(p.pk, {}).get("open", 0)
    return publicities


@login_required
def publicity_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _district(user)
    found, filters = _filtered(request, district)
    page = stafflist.page_of(request, found)
    _annotate(page.object_list)
    found_pubs = notices.publications(district, list(page))
    years = sorted(
        set(permissions.visible_publicities(user).filter(district=district).values_list("year", flat=True)), reverse=True
    )
    return render(
        request,
        "publicity/staff/list.html",
        {
            "page_obj": page,
            "rows": [(p, found_pubs[p.pk]) for p in page],
            "filters": filters,
            "orgs": permissions.visible_orgs(user, district.pk),
            "kinds": Kind.choices,
            "states": State.choices,
            "years": years,
            "export_url": stafflist.export_url(request, "publicity_staff:export"),
            "can_create": permissions.editable_orgs(user, district.pk).exists(),
            "can_configure": permissions.can_configure(user, district),
        },
    )


@login_required
def export_xlsx(request: HttpRequest) -> HttpResponse:
    district = _district(request.user)
    found, _filters = _filtered(request, district)
    rows = [
        (
            p.title,
            p.get_kind_display(),
            p.organisation.name,
            p.year,
            p.month or "",
            p.get_state_display(),
            p.period_label(),
            p.ended_on.isoformat() if p.ended_on else "",
            p.households if p.is_list else "",
            p.people if p.is_list else "",
            p.amount if p.is_list and p.amount is not None else "",
            p.objection_count,
        )
        for p in _annotate(list(found))
    ]
    return _xlsx(importer.export_publicities(rows), f"publicity-{timezone.localdate().isoformat()}.xlsx")


# --- one publicity --------------------------------------------------------------------------------


@login_required
def publicity_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _district(user)
    organisations = permissions.editable_orgs(user, district.pk)
    if not organisations.exists():
        raise PermissionDenied
    kind = request.GET.get("kind", "")
    if kind not in SPECS:
        return render(
            request,
            "publicity/staff/choose_kind.html",
            {"lists": [s for s in SPECS.values() if s.is_list], "notices": [s for s in SPECS.values() if not s.is_list]},
        )
    today = timezone.localdate()
    initial = {
        "year": today.year,
        "month": today.month if spec(kind).is_list else None,
        "period_days": period_days_for(district.pk, kind),
        "title": _("%(year)s年%(kind)s公示") % {"year": today.year, "kind": spec(kind).label},
    }
    form = PublicityForm(request.POST or None, kind=kind, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            publicity = actions.create_publicity(actor=user, kind=kind, **form.values())
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("已登记：%(title)s。") % {"title": publicity.title})
            return redirect("publicity_staff:detail", publicity.pk)
    return render(request, "publicity/staff/form.html", {"form": form, "kind_spec": spec(kind), "publicity": None})


@login_required
def publicity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _district(user)
    publicity = _publicity_or_404(user, pk)
    if not permissions.may(user, "edit", publicity.organisation):
        raise PermissionDenied
    if publicity.state != State.DRAFT:
        messages.error(request, str(workflow.IllegalTransition("edit", publicity.state).message))
        return redirect("publicity_staff:detail", publicity.pk)
    initial = {f: getattr(publicity, f) for f in actions.EDITABLE}
    initial.update({f"fact_{k}": v for k, v in publicity.facts.items()})
    form = PublicityForm(request.POST or None, kind=publicity.kind, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_publicity(publicity, actor=user, **form.values())
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("publicity_staff:detail", publicity.pk)
    return render(
        request, "publicity/staff/form.html", {"form": form, "kind_spec": spec(publicity.kind), "publicity": publicity}
    )


@login_required
def publicity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    district = _district(user)
    publicity = _publicity_or_404(user, pk)
    verbs = {t.verb for t in workflow.verbs_from(publicity.state)}
    org = publicity.organisation
    may_edit = permissions.may(user, "edit", org)
    may_publish = permissions.may(user, "release", org)
    entries = Entry.objects.filter(publicity=publicity).select_related("publicity__organisation").order_by("number", "id")
    town = request.GET.get("town", "")
    if town:
        entries = entries.filter(town=town)
    totals = Entry.objects.filter(publicity=publicity).aggregate(n=Count("pk"), people=Sum("people"), amount=Sum("amount"))
    totals["amount"] = notices.cents(totals["amount"])
    public_totals = PublicRow.objects.filter(publicity=publicity).aggregate(n=Count("pk"))
    objections = list(publicity.objections.select_related("entry", "publicity__organisation").order_by("-received_on", "-pk"))
    has_entries = totals["n"] > 0
    ready = has_entries or not publicity.is_list
    return render(
        request,
        "publicity/staff/detail.html",
        {
            "publicity": publicity,
            "spec": spec(publicity.kind),
            "publication": notices.publications(district, [publicity])[publicity.pk],
            "page_obj": stafflist.page_of(request, entries, ENTRY_PAGE_SIZE) if publicity.is_list else None,
            "towns": Entry.objects.filter(publicity=publicity).order_by("town").values_list("town", flat=True).distinct(),
            "town": town,
            "totals": totals,
            "public_rows": public_totals["n"],
            "columns": importer.columns(publicity.kind) if publicity.is_list else [],
            "fact_rows": [(f, publicity.facts.get(f.key)) for f in spec(publicity.kind).facts],
            "can_edit": "edit" in verbs and may_edit,
            "can_add": "add_entry" in verbs and may_edit and publicity.is_list,
            "can_release": "release" in verbs and may_publish and ready,
            "link_form": LinkForm() if "link" in verbs and may_publish and ready else None,
            "entry_form": EntryForm(kind=publicity.kind) if "add_entry" in verbs and may_edit and publicity.is_list else None,
            "objection_form": ObjectionForm(initial={"received_on": timezone.localdate()})
            if "object" in verbs and may_edit and publicity.period_days
            else None,
            "resolve_form": ResolveForm(initial={"resolved_on": timezone.localdate()})
            if "resolve" in verbs and may_edit
            else None,
            "objections": objections,
            "events": history(publicity),
        },
    )


@login_required
@require_POST
def entry_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _district(user)
    publicity = _publicity_or_404(user, pk)
    form = EntryForm(request.POST, kind=publicity.kind)
    if form.is_valid():
        try:
            entry = actions.add_entry(publicity, actor=user, **form.cleaned_data)
        except ValidationError as exc:
            add_to_form(form, exc)
            return _detail_with_entry_form(request, publicity, form)
        messages.success(request, _("已登记第 %(n)s 户：%(name)s。") % {"n": entry.number, "name": entry.name.masked})
    else:
        return _detail_with_entry_form(request, publicity, form)
    return redirect("publicity_staff:detail", publicity.pk)


def _detail_with_entry_form(request: HttpRequest, publicity: Publicity, form: EntryForm) -> HttpResponse:
    # Nothing typed is lost: the form comes back with what was entered and the reasons.
    return render(
        request,
        "publicity/staff/entry_form.html",
        {"publicity": publicity, "form": form, "spec": spec(publicity.kind)},
    )


@login_required
@require_POST
def entry_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _district(user)
    entry = get_object_or_404(
        Entry.objects.filter(publicity__in=permissions.visible_publicities(user)).select_related("publicity"), pk=pk
    )
    try:
        actions.remove_entry(entry, actor=user)
    except ValidationError as exc:
        for text in validation_messages(exc):
            messages.error(request, text)
    else:
        messages.success(request, _("已删除第 %(n)s 户。") % {"n": entry.number})
    return redirect("publicity_staff:detail", entry.publicity_id)


@login_required
def entries_export(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _district(user)
    publicity = _publicity_or_404(user, pk)
    if not publicity.is_list:
        raise Http404
    entries = Entry.objects.filter(publicity=publicity).order_by("number", "id")
    return _xlsx(importer.export_entries(publicity, entries), f"publicity-{publicity.pk}-entries.xlsx")


@login_required
def entries_import(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _district(user)
    publicity = _publicity_or_404(user, pk)
    if not permissions.may(user, "import", publicity.organisation) or not publicity.is_list:
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            upload = stafflist.xlsx_upload(form)
            report = actions.import_entries(publicity, upload, actor=user, name=upload.name)
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            if report.ok:
                messages.success(
                    request,
                    _("已导入：登记 %(created)s 户，%(unchanged)s 户此前已导入、未变。")
                    % {"created": report.created, "unchanged": report.unchanged},
                )
                return redirect("publicity_staff:detail", publicity.pk)
            messages.error(request, _("表格有误，未导入任何内容。请按下面的提示修改后重新上传。"))
    return render(
        request,
        "publicity/staff/import.html",
        {"form": form, "report": report, "publicity": publicity, "columns": importer.columns(publicity.kind)},
    )


@login_required
def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    _district(request.user)
    if kind not in SPECS or not spec(kind).is_list:
        raise Http404
    return _xlsx(importer.template_workbook(kind), f"publicity-{kind}-template.xlsx")


@login_required
@require_POST
def publicity_release(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _district(user)
    publicity = _publicity_or_404(user, pk)
    try:
        actions.release_publicity(publicity, actor=user)
    except PermissionDenied as exc:
        if not permissions.may(user, "release", publicity.organisation):
            raise
        messages.error(request, str(exc))
    except ValidationError as exc:
        for text in validation_messages(exc):
            messages.error(request, text)
    else:
        messages.success(request, _("已提交发布：公告已起草为政府信息，经保密审查和领导审批后公开，公示期自发布之日起计算。"))
    return redirect("publicity_staff:detail", publicity.pk)


@login_required
@require_POST
def publicity_link(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _district(user)
    publicity = _publicity_or_404(user, pk)
    form = LinkForm(request.POST)
    if form.is_valid():
        try:
            actions.link_notice(publicity, actor=user, index_no=form.cleaned_data["index_no"])
        except ValidationError as exc:
            for text in validation_messages(exc):
                messages.error(request, text)
        else:
            messages.success(request, _("已关联公告，名单随该信息公开。"))
    else:
        messages.error(request, _("请填写公告的索引号。"))
    return redirect("publicity_staff:detail", publicity.pk)


@login_required
@require_POST
def objection_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _district(user)
    publicity = _publicity_or_404(user, pk)
    form = ObjectionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        entry = None
        if data["entry_number"]:
            entry = Entry.objects.filter(publicity=publicity, number=data["entry_number"]).first()
            if entry is None:
                messages.error(request, _("名单中没有序号为 %(n)s 的条目。") % {"n": data["entry_number"]})
                return redirect("publicity_staff:detail", publicity.pk)
        try:
            actions.record_objection(
                publicity,
                actor=user,
                received_on=data["received_on"],
                content=data["content"],
                objector=data["objector"],
                objector_phone=data["objector_phone"],
                entry=entry,
            )
        except ValidationError as exc:
            for text in validation_messages(exc):
                messages.error(request, text)
        else:
            messages.success(request, _("已登记异议。"))
    else:
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
    return redirect("publicity_staff:detail", publicity.pk)


@login_required
@require_POST
def objection_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _district(user)
    objection = get_object_or_404(permissions.visible_objections(user).select_related("publicity"), pk=pk)
    form = ResolveForm(request.POST)
    if form.is_valid():
        try:
            actions.resolve_objection(objection, actor=user, **form.cleaned_data)
        except ValidationError as exc:
            for text in validation_messages(exc):
                messages.error(request, text)
        else:
            messages.success(request, _("异议已办结。"))
    else:
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
    return redirect("publicity_staff:detail", objection.publicity_id)


# --- periods --------------------------------------------------------------------------------------


@login_required
def periods(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _district(user)
    if not permissions.can_configure(user, district):
        raise PermissionDenied
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        form = PeriodForm(request.POST)
        if form.is_valid():
            try:
                actions.set_period(district, kind, actor=user, period_days=form.cleaned_data["period_days"])
            except ValidationError as exc:
                for text in validation_messages(exc):
                    messages.error(request, text)
            else:
                messages.success(request, _("已保存%(kind)s的公示期。") % {"kind": Kind(kind).label if kind in Kind.values else kind})
                return redirect("publicity_staff:periods")
        else:
            messages.error(request, _("公示期应为1到365天的整数；留空表示长期公开。"))
    rows = [(s, period_days_for(district.pk, s.kind)) for s in SPECS.values()]
    return render(request, "publicity/staff/periods.html", {"rows": rows})

