"""The power list on the staff workbench (``/staff/powers/``): the list as of a day with filters
and its XLSX export, a power's page with its whole history, the source documents with their
changes, and the forms that record a change, import a sheet and release a batch.

Every read is scoped by ``permissions.py``; every change is one call of an action.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import primary_district_id
from gongkai.audit.history import history
from gongkai.lib import stafflist
from gongkai.lib.forms import add_to_form, validation_messages
from gongkai.orgs.models import Organisation
from gongkai.powers import actions, importer, listing, notices, permissions, workflow
from gongkai.powers.forms_staff import ChangeForm, DocumentForm, ImportForm, LinkForm
from gongkai.powers.models import ChangeKind, DocumentState, PowerChange, PowerType, SourceDocument
from gongkai.powers.public import public_changes


def _district(user) -> Organisation:
    return stafflist.staff_district(user, permissions.can_open, primary_district_id, Organisation.objects)


def _day(value: str | None) -> dt.date:
    try:
        return dt.date.fromisoformat((value or "").strip())
    except ValueError:
        return timezone.localdate()


def _document_or_404(user, pk: int) -> SourceDocument:
    return get_object_or_404(
        permissions.visible_documents(user).select_related("organisation", "district"), pk=pk
    )


# --- the list -----------------------------------------------------------------------------------


def _entries(request: HttpRequest, district: Organisation):
    """The list on the chosen day as the user may see it, with the filters it was narrowed by."""
    user, params = request.user, request.GET
    filters = {
        "date": _day(params.get("date")),
        "organisation": stafflist.number(params, "organisation"),
        "type": stafflist.one_of(PowerType.values)(params, "type"),
        "q": stafflist.text(50)(params, "q"),
        "basis": "public" if params.get("basis") == "public" else "recorded",
        "cancelled": params.get("cancelled") == "1",
    }
    if filters["basis"] == "public":
        changes = public_changes(district)
    else:
        changes = PowerChange.objects.filter(power__district=district)
    entries = (listing.latest if filters["cancelled"] else listing.in_force)(changes, filters["date"])
    visible = permissions.visible_org_ids(user, district.pk)
    if visible is not None:
        entries = listing.narrowed(entries, organisation_ids=visible)
    chosen = None
    if filters["organisation"]:
        chosen = Organisation.objects.filter(pk=filters["organisation"], district=district).first()
    entries = listing.narrowed(
        entries,
        organisation_ids=chosen.descendant_ids() if chosen else None,
        type=filters["type"],
        q=filters["q"],
    )
    return entries, filters


@login_required
def power_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _district(user)
    entries, filters = _entries(request, district)
    by_kind = dict(entries.order_by().values_list("kind").annotate(n=Count("pk")))
    page = stafflist.page_of(request, listing.for_display(entries))
    documents = {entry.document_id: entry.document for entry in page}
    found = notices.publications(district, list(documents.values()))
    return render(
        request,
        "powers/staff/list.html",
        {
            "page_obj": page,
            "rows": [(entry, found[entry.document_id]) for entry in page],
            "filters": filters,
            "orgs": permissions.visible_orgs(user, district.pk),
            "types": PowerType.choices,
            "kind_counts": [
                (label, by_kind[value]) for value, label in ChangeKind.choices if by_kind.get(value)
            ],
            "export_url": stafflist.export_url(request, "powers_staff:export"),
            "can_edit": permissions.can_edit_somewhere(user),
        },
    )


@login_required
def export_xlsx(request: HttpRequest) -> HttpResponse:
    district = _district(request.user)
    entries, filters = _entries(request, district)
    title = _("权力清单%(day)s") % {"day": filters["date"].isoformat()}
    return stafflist.xlsx_response(
        importer.export_workbook(listing.for_display(entries), title=title),
        f"powers-{filters['date'].isoformat()}.xlsx",
    )


@login_required
def power_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    district = _district(user)
    power = get_object_or_404(permissions.visible_powers(user).filter(district=district), pk=pk)
    changes = list(
        power.changes.select_related("organisation", "document", "recorded_by").order_by("effective_on", "pk")
    )
    documents = {c.document_id: c.document for c in changes}
    found = notices.publications(district, list(documents.values()))
    drafts = [
        d
        for d in permissions.visible_documents(user).filter(district=district, state=DocumentState.DRAFT)
        if d.pk not in documents
    ]
    latest = changes[-1]
    return render(
        request,
        "powers/staff/power.html",
        {
            "power": power,
            "latest": latest,
            "history": [(c, found[c.document_id]) for c in reversed(changes)],
            "drafts": drafts
            if latest.in_force and permissions.may(user, "record", latest.organisation)
            else [],
            "events": history(power),
        },
    )


# --- source documents ---------------------------------------------------------------------------


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _district(user)
    documents = list(
        permissions.visible_documents(user)
        .filter(district=district)
        .select_related("organisation")
        .annotate(n=Count("changes"))
        .order_by("-issued_on", "-pk")
    )
    found = notices.publications(district, documents)
    return render(
        request,
        "powers/staff/documents.html",
        {
            "rows": [(d, found[d.pk]) for d in documents],
            "can_create": permissions.editable_orgs(user, district.pk).exists(),
        },
    )


@login_required
def document_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _district(user)
    organisations = permissions.editable_orgs(user, district.pk)
    if not organisations.exists():
        raise PermissionDenied
    form = DocumentForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            document = actions.create_document(actor=user, **form.cleaned_data)
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("已登记依据文件 %(number)s。") % {"number": document.number})
            return redirect("powers_staff:document", document.pk)
    return render(request, "powers/staff/document_form.html", {"form": form})


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    district = _district(user)
    document = _document_or_404(user, pk)
    changes = list(
        permissions.visible_changes(user)
        .filter(document=document)
        .select_related("power", "organisation")
        .order_by("organisation__sort_order", "power__code")
    )
    total = document.changes.count()
    counts = dict.fromkeys(ChangeKind.values, 0)
    for row in document.changes.order_by().values("kind").annotate(n=Count("pk")):
        counts[row["kind"]] = row["n"]
    verbs = {t.verb for t in workflow.verbs_from(document.state)}
    may_publish = permissions.may(user, "release", document.organisation)
    return render(
        request,
        "powers/staff/document.html",
        {
            "document": document,
            "publication": notices.publications(district, [document])[document.pk],
            "changes": changes,
            "hidden": total - len(changes),
            "total": total,
            "counts": [(label, counts[value]) for value, label in ChangeKind.choices if counts[value]],
            "can_record": "record" in verbs and permissions.editable_orgs(user, district.pk).exists(),
            "can_release": "release" in verbs and may_publish and total > 0,
            "link_form": LinkForm() if "link" in verbs and may_publish and total > 0 else None,
            "events": history(document),
        },
    )


@login_required
def change_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    district = _district(user)
    document = _document_or_404(user, pk)
    organisations = permissions.editable_orgs(user, district.pk)
    if not organisations.exists():
        raise PermissionDenied
    if document.state != DocumentState.DRAFT:
        messages.error(request, str(workflow.IllegalTransition("record", document.state).message))
        return redirect("powers_staff:document", document.pk)
    initial = {"effective_on": document.issued_on}
    code = request.GET.get("code", "").strip()
    power = permissions.visible_powers(user).filter(district=district, code=code).first() if code else None
    if power is not None:
        current = listing.state_on(PowerChange.objects.all(), power.pk, timezone.localdate())
        if current is not None and current.in_force:
            initial.update(
                code=code,
                kind=ChangeKind.ADJUST,
                name=current.name,
                type=current.type,
                basis=current.basis,
                organisation=current.organisation_id,
                responsibilities=current.responsibilities,
            )
    form = ChangeForm(request.POST or None, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            change = actions.record_change(document, actor=user, **form.values())
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(
                request,
                _("已登记：%(kind)s %(code)s %(name)s。")
                % {"kind": change.get_kind_display(), "code": change.power.code, "name": change.name},
            )
            return redirect("powers_staff:document", document.pk)
    return render(request, "powers/staff/change_form.html", {"form": form, "document": document})


@login_required
@require_POST
def change_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _district(user)
    change = get_object_or_404(permissions.visible_changes(user).select_related("power", "document"), pk=pk)
    try:
        actions.remove_change(change, actor=user)
    except ValidationError as exc:
        for text in validation_messages(exc):
            messages.error(request, text)
    else:
        messages.success(request, _("已删除 %(code)s 的变更。") % {"code": change.power.code})
    return redirect("powers_staff:document", change.document_id)


@login_required
def document_import(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    district = _district(user)
    document = _document_or_404(user, pk)
    if not permissions.editable_orgs(user, district.pk).exists():
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            upload = stafflist.xlsx_upload(form)
            report = actions.import_changes(document, upload, actor=user, name=upload.name)
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            if report.ok:
                messages.success(
                    request,
                    _("已导入：登记 %(created)s 项变更，%(unchanged)s 项此前已导入、未变。")
                    % {"created": report.created, "unchanged": report.unchanged},
                )
                return redirect("powers_staff:document", document.pk)
            messages.error(request, _("表格有误，未导入任何内容。请按下面的提示修改后重新上传。"))
    return render(request, "powers/staff/import.html", {"form": form, "report": report, "document": document})


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    _district(request.user)
    return stafflist.xlsx_response(importer.template_workbook(), "power-list-template.xlsx")


@login_required
@require_POST
def document_release(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _district(user)
    document = _document_or_404(user, pk)
    try:
        actions.release_document(document, actor=user)
    except PermissionDenied as exc:
        if not permissions.may(user, "release", document.organisation):
            raise
        messages.error(request, str(exc))
    except ValidationError as exc:
        for text in validation_messages(exc):
            messages.error(request, text)
    else:
        messages.success(request, _("已提交发布：公告已起草为政府信息，经保密审查和领导审批后公开。"))
    return redirect("powers_staff:document", document.pk)


@login_required
@require_POST
def document_link(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _district(user)
    document = _document_or_404(user, pk)
    form = LinkForm(request.POST)
    if form.is_valid():
        try:
            actions.link_notice(document, actor=user, index_no=form.cleaned_data["index_no"])
        except ValidationError as exc:
            for text in validation_messages(exc):
                messages.error(request, text)
        else:
            messages.success(request, _("已关联公告，该文件的变更随公告公开。"))
    else:
        messages.error(request, _("请填写公告的索引号。"))
    return redirect("powers_staff:document", document.pk)
