"""The 双公示 registry on the staff workbench (``/staff/decisions/``): the list with filters and its
XLSX export, a decision's page with its publication, timeliness and history, the forms that
record, correct, import, release and withdraw, the batches, and the district's rules.

Every read is scoped by ``permissions.py``; every change is one call of an action.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import primary_district_id
from gongkai.audit.history import history
from gongkai.decisions import actions, importer, notices, permissions, rules, stats, view, workflow
from gongkai.decisions.forms_staff import DecisionForm, ImportForm, ReleaseForm, RulesForm, WithdrawForm
from gongkai.decisions.models import (
    ALL_CATEGORY_CHOICES,
    GROUP_OF_KIND,
    BatchGroup,
    Decision,
    DecisionKind,
    DecisionState,
    PartyType,
)
from gongkai.lib import stafflist
from gongkai.lib.forms import add_to_form, validation_messages
from gongkai.lib.validators import normalise_id_number
from gongkai.orgs.models import Organisation
from gongkai.personal.fields import lookup_hash


def _district(user) -> Organisation:
    return stafflist.staff_district(user, permissions.can_open, primary_district_id, Organisation.objects)


def _decision_or_404(user, pk: int) -> Decision:
    return get_object_or_404(
        permissions.visible_decisions(user).select_related("organisation", "source", "batch", "created_by"),
        pk=pk,
    )


# --- the list -----------------------------------------------------------------------------------


def _filtered(request: HttpRequest, district: Organisation):
    user = request.user
    filters = stafflist.read_filters(
        request.GET,
        q=stafflist.text(60),
        organisation=stafflist.number,
        kind=stafflist.one_of(DecisionKind.values),
        category=stafflist.one_of(dict(ALL_CATEGORY_CHOICES)),
        year=stafflist.number,
        state=stafflist.one_of(DecisionState.values),
        party_type=stafflist.one_of(PartyType.values),
    )
    decisions = permissions.visible_decisions(user).filter(district=district)
    decisions = stafflist.in_organisation(
        decisions, Organisation.objects, filters["organisation"], district, unknown_shows_nothing=False
    )
    decisions = stafflist.narrowed(decisions, filters, kind="kind", state="state", party_type="party_type")
    if filters["category"]:
        decisions = decisions.filter(Q(category=filters["category"]) | Q(category_2=filters["category"]))
    if filters["year"]:
        decisions = decisions.filter(decided_on__year=filters["year"])
    q = filters["q"]
    if q:
        match = (
            Q(number__icontains=q)
            | Q(title__icontains=q)
            | Q(party_name__icontains=q)
            | Q(credit_code=q.upper())
        )
        if len(normalise_id_number(q)) == 18:
            # A natural person is found by the exact ID number only (it is stored encrypted).
            match |= Q(**lookup_hash(Decision, "id_number", q))
        decisions = decisions.filter(match)
    return decisions.select_related("organisation", "batch").order_by("-decided_on", "-pk"), filters


@login_required
def decision_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _district(user)
    decisions, filters = _filtered(request, district)
    counts = dict(decisions.order_by().values_list("kind").annotate(n=Count("pk")))
    page = stafflist.page_of(request, decisions)
    rows = list(page)
    late = stats.lateness(rows)
    district_rules = rules.rules_for(district)
    years = sorted(
        {
            d.year
            for d in permissions.visible_decisions(user).filter(district=district).dates("decided_on", "year")
        },
        reverse=True,
    )
    return render(
        request,
        "decisions/staff/list.html",
        {
            "page_obj": page,
            "rows": [(d, late.get(d.pk), rules.due_on(d.decided_on, district_rules).value) for d in rows],
            "filters": filters,
            "orgs": permissions.visible_orgs(user, district.pk),
            "kinds": DecisionKind.choices,
            "categories": ALL_CATEGORY_CHOICES,
            "states": DecisionState.choices,
            "party_types": PartyType.choices,
            "years": years,
            "kind_counts": [
                (label, counts[value]) for value, label in DecisionKind.choices if counts.get(value)
            ],
            "export_url": stafflist.export_url(request, "decisions_staff:export"),
            "can_edit": permissions.can_edit_somewhere(user),
            "today": timezone.localdate(),
        },
    )


@login_required
def export_xlsx(request: HttpRequest) -> HttpResponse:
    district = _district(request.user)
    decisions, _filters = _filtered(request, district)
    day = timezone.localdate().isoformat()
    content = importer.export_workbook(
        decisions.select_related("organisation"), title=_("双公示决定%(day)s") % {"day": day}
    )
    return stafflist.xlsx_response(content, f"decisions-{day}.xlsx")


# --- one decision -------------------------------------------------------------------------------


@login_required
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    district = _district(user)
    decision = _decision_or_404(user, pk)
    publication = (
        notices.publications(district, [decision.batch])[decision.batch_id] if decision.batch else None
    )
    published_on, days_late = stats.lateness([decision]).get(decision.pk, (None, 0))
    verbs = {t.verb for t in workflow.verbs_from(decision.state)}
    org = decision.organisation
    return render(
        request,
        "decisions/staff/detail.html",
        {
            "decision": decision,
            "facts": view.facts(decision),
            "publication": publication,
            "published_on": published_on,
            "days_late": days_late,
            "due": rules.due_on(decision.decided_on, rules.rules_for(district)),
            "can_edit": "edit" in verbs and permissions.may(user, "edit", org),
            "can_remove": "remove" in verbs and permissions.may(user, "remove", org),
            "withdraw_form": WithdrawForm(initial={"on": timezone.localdate()})
            if "withdraw" in verbs and permissions.may(user, "withdraw", org)
            else None,
            "events": history(decision),
        },
    )


def _form_kwargs(user, district: Organisation) -> dict:
    return {
        "organisations": permissions.editable_orgs(user, district.pk),
        "sources": Organisation.objects.filter(district=district, is_active=True).order_by(
            "sort_order", "id"
        ),
    }


@login_required
def decision_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _district(user)
    kwargs = _form_kwargs(user, district)
    if not kwargs["organisations"].exists():
        raise PermissionDenied
    kind = request.GET.get("kind", "")
    if kind not in DecisionKind.values:
        return render(request, "decisions/staff/choose_kind.html", {"kinds": DecisionKind.choices})
    form = DecisionForm(request.POST or None, kind=kind, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            decision = actions.record_decision(
                actor=user, organisation=form.cleaned_data["organisation"], **form.values()
            )
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("已登记决定 %(number)s。") % {"number": decision.number})
            return redirect("decisions_staff:detail", decision.pk)
    return render(
        request,
        "decisions/staff/form.html",
        {"form": form, "kind_label": DecisionKind(kind).label, "decision": None},
    )


@login_required
def decision_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    district = _district(user)
    decision = _decision_or_404(user, pk)
    if not permissions.may(user, "edit", decision.organisation):
        raise PermissionDenied
    if decision.state != DecisionState.RECORDED:
        messages.error(request, str(workflow.IllegalTransition("edit", decision.state).message))
        return redirect("decisions_staff:detail", decision.pk)
    kwargs = _form_kwargs(user, district)
    initial = {
        name: getattr(decision, name)
        for name in actions.FIELDS
        if name not in ("kind", "party_name", "id_number", "source")
    }
    initial.update(organisation=decision.organisation_id, source=decision.source_id)
    if not decision.is_natural_person:
        initial["party_name"] = decision.party_name
    form = DecisionForm(request.POST or None, kind=decision.kind, initial=initial, **kwargs)
    if decision.is_natural_person:
        # Never the stored values in the page: the masks as hints, an empty input keeps them.
        form.fields["party_name"].widget.attrs["placeholder"] = _("%(m)s（留空则不修改）") % {
            "m": decision.party_name
        }
        form.fields["id_number"].widget.attrs["placeholder"] = _("%(m)s（留空则不修改）") % {
            "m": decision.id_number
        }
    if request.method == "POST" and form.is_valid():
        values = form.values()
        if decision.is_natural_person and values["party_type"] == PartyType.NATURAL:
            values["party_name"] = values["party_name"] or decision.person_name.plaintext()
            values["id_number"] = values["id_number"] or decision.id_number.plaintext()
        try:
            if form.cleaned_data["organisation"].pk != decision.organisation_id:
                raise ValidationError(
                    {"organisation": _("决定机关不能修改；如登记错了单位，请删除后重新登记。")}
                )
            actions.update_decision(decision, actor=user, **values)
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("decisions_staff:detail", decision.pk)
    return render(
        request,
        "decisions/staff/form.html",
        {"form": form, "kind_label": decision.get_kind_display(), "decision": decision},
    )


@login_required
@require_POST
def decision_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _district(user)
    decision = _decision_or_404(user, pk)
    try:
        actions.remove_decision(decision, actor=user)
    except ValidationError as exc:
        for text in validation_messages(exc):
            messages.error(request, text)
        return redirect("decisions_staff:detail", decision.pk)
    messages.success(request, _("已删除决定 %(number)s。") % {"number": decision.number})
    return redirect("decisions_staff:list")


@login_required
@require_POST
def decision_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _district(user)
    decision = _decision_or_404(user, pk)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            actions.withdraw_decision(decision, actor=user, **form.cleaned_data)
        except ValidationError as exc:
            for text in validation_messages(exc):
                messages.error(request, text)
        else:
            messages.success(request, _("已撤销，门户不再列出该决定，并公开撤销理由。"))
    else:
        for name, errors in form.errors.items():
            for error in errors:
                messages.error(request, f"{form.fields[name].label}：{error}")
    return redirect("decisions_staff:detail", decision.pk)


# --- import -------------------------------------------------------------------------------------


@login_required
def decision_import(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _district(user)
    organisations = permissions.editable_orgs(user, district.pk)
    if not organisations.exists():
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, organisations=organisations)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            upload = stafflist.xlsx_upload(form)
            report = actions.import_decisions(
                upload, actor=user, organisation=form.cleaned_data["organisation"], name=upload.name
            )
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            if report.ok:
                messages.success(
                    request,
                    _(
                        "已导入：新登记 %(created)s 件，更正 %(updated)s 件，%(unchanged)s 件此前已导入、未变。"
                    )
                    % {"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
                )
                return redirect(
                    reverse("decisions_staff:list") + "?" + urlencode({"state": DecisionState.RECORDED})
                )
            messages.error(request, _("表格有误，未导入任何内容。请按下面的提示修改后重新上传。"))
    return render(request, "decisions/staff/import.html", {"form": form, "report": report})


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    _district(request.user)
    return stafflist.xlsx_response(importer.template_workbook(), "decisions-template.xlsx")


# --- release and batches ------------------------------------------------------------------------


@login_required
def release(request: HttpRequest) -> HttpResponse:
    """Choose an organisation and a group; its recorded decisions are listed, all ticked."""
    user = request.user
    district = _district(user)
    organisations = permissions.publishing_orgs(user, district.pk)
    if not organisations.exists():
        raise PermissionDenied
    data = request.POST if request.method == "POST" else request.GET
    org = organisations.filter(pk=stafflist.int_or_none(data.get("organisation"))).first() or organisations.first()
    group = data.get("group") if data.get("group") in BatchGroup.values else BatchGroup.LICENSING
    kinds = [k for k, g in GROUP_OF_KIND.items() if g == group]
    pending = (
        Decision.objects.filter(organisation=org, state=DecisionState.RECORDED, kind__in=kinds)
        .select_related("organisation")
        .order_by("decided_on", "number")
    )
    form = ReleaseForm(
        request.POST or None,
        organisations=organisations,
        decisions=pending,
        initial={"organisation": org.pk, "group": group, "decisions": list(pending)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            batch = actions.release_batch(
                actor=user,
                organisation=form.cleaned_data["organisation"],
                group=form.cleaned_data["group"],
                decisions=list(form.cleaned_data["decisions"]),
            )
        except PermissionDenied as exc:
            if not permissions.may(user, "release", form.cleaned_data["organisation"]):
                raise
            messages.error(request, str(exc))
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(
                request,
                _("已提交公示：%(title)s 已起草为政府信息，经保密审查和领导审批后公开。")
                % {"title": batch.title},
            )
            return redirect("decisions_staff:batches")
    district_rules = rules.rules_for(district)
    return render(
        request,
        "decisions/staff/release.html",
        {
            "form": form,
            "org": org,
            "group": group,
            "groups": BatchGroup.choices,
            "organisations": organisations,
            "pending": [(d, rules.due_on(d.decided_on, district_rules).value) for d in pending],
            "today": timezone.localdate(),
        },
    )


@login_required
def batch_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _district(user)
    batches = (
        permissions.visible_batches(user)
        .filter(district=district)
        .select_related("organisation")
        .annotate(n=Count("decisions"))
        .order_by("-released_at", "-pk")
    )
    page = stafflist.page_of(request, batches)
    found = notices.publications(district, list(page))
    return render(
        request,
        "decisions/staff/batches.html",
        {
            "page_obj": page,
            "rows": [(b, found[b.pk]) for b in page],
            "can_release": permissions.publishing_orgs(user, district.pk).exists(),
        },
    )


# --- the district's rules -----------------------------------------------------------------------


@login_required
def rules_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _district(user)
    current = rules.rules_for(district)
    may_edit = permissions.may(user, "rules", district)
    form = RulesForm(request.POST or None, instance=current) if may_edit else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                actions.update_rules(district, actor=user, **form.cleaned_data)
            except ValidationError as exc:
                add_to_form(form, exc)
            else:
                messages.success(request, _("已保存双公示规则。此前登记的决定保留原公示期限。"))
                return redirect("decisions_staff:rules")
    return render(request, "decisions/staff/rules.html", {"rules": current, "form": form})
