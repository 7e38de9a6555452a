"""Staff workbench pages for disclosure applications (依申请公开): the list with its deadline filters
and XLSX export, intake of applications received off-line, the application page with one form per
action, reply letters and their templates.

Views parse input and call one action. Who sees and may do what comes from
``applications.permissions``, what each state allows from ``workflow``: the application page draws
its panels from both, and re-decides neither. Applications of organisations outside the user's
reach are 404, so staff of another department cannot learn that they exist. A user who may see an
application but not act on it gets the platform's 403 page: views let PermissionDenied through.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import has_any
from gongkai.applications import actions, fees, ledger, letters, permissions, workflow
from gongkai.applications.forms_staff import (
    ClarificationForm,
    CloseForm,
    ConsultationForm,
    DeliveryForm,
    DocumentForm,
    EndStopForm,
    ExtendForm,
    FeeForm,
    FilterForm,
    IntakeForm,
    LedgerForm,
    LetterForm,
    LetterTemplateForm,
    ReviewCaseForm,
    ReviewDecisionForm,
    TransferForm,
)
from gongkai.applications.models import Application, LetterTemplate, ReplyDocument, ReplyLetter, Status
from gongkai.applications.outcomes import GROUPS, INFO, Outcome
from gongkai.applications.permissions import register_orgs, route_targets, visible_applications
from gongkai.applications.todos import DeadlineState, deadline_state
from gongkai.audit.history import history
from gongkai.lib.forms import add_to_form, form_error_messages, validation_messages
from gongkai.orgs.models import Organisation

PAGE_SIZE = 20
ACK_SESSION_KEY = "applications_ack"

# --- helpers ----------------------------------------------------------------------------------


def _app_or_404(user, pk: int) -> Application:
    return get_object_or_404(
        visible_applications(user).select_related("organisation", "district", "registered_by"), pk=pk
    )


def _detail_url(app: Application, anchor: str = "") -> str:
    return reverse("applications_staff:detail", args=[app.pk]) + (f"#{anchor}" if anchor else "")


def _flash_errors(request: HttpRequest, texts: list[str]) -> None:
    for text in texts:
        messages.error(request, text)


# --- list and export --------------------------------------------------------------------------


def _filter(qs, data: dict):
    if data.get("number"):
        qs = qs.filter(number__icontains=data["number"].strip())
    for name in ("status", "channel", "applicant_type", "outcome"):
        if data.get(name):
            qs = qs.filter(**{name: data[name]})
    if data.get("organisation"):
        qs = qs.filter(organisation_id=data["organisation"])
    if data.get("year"):
        qs = qs.filter(received_on__year=data["year"])
    if data.get("month"):
        qs = qs.filter(received_on__month=data["month"])
    return qs


QUICK_TESTS = {
    "overdue": lambda s: s.overdue,
    "soon": lambda s: s.soon,
    "paused": lambda s: s.paused,
    "lapsed": lambda s: s.lapsed,
}


def _listed(request: HttpRequest):
    """(form, rows or queryset, quick): the user's applications narrowed by the filters.

    The deadline filters follow from the deadline engine, so they are computed per row over the open
    applications; clock stops are prefetched, so the number of queries does not grow with the rows.
    """
    user = request.user
    base = visible_applications(user)
    orgs = Organisation.objects.filter(pk__in=base.values("organisation_id")).order_by("sort_order", "id")
    years = sorted({d.year for d in base.dates("received_on", "year")}, reverse=True)
    form = FilterForm(request.GET or None, orgs=orgs, years=years)
    data = form.cleaned_data if form.is_valid() else {}
    qs = _filter(base, data).select_related("organisation").prefetch_related("clock_stops")
    quick = data.get("quick") or ""
    if quick in QUICK_TESTS:
        today = timezone.localdate()
        test = QUICK_TESTS[quick]
        states = [deadline_state(app, today) for app in qs.exclude(status=Status.CLOSED)]
        return form, [s for s in states if test(s)], quick
    return form, qs, ""


def _rows(items, today) -> list[DeadlineState]:
    return [item if isinstance(item, DeadlineState) else deadline_state(item, today) for item in items]


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    if not has_any(request.user, "application.view"):
        raise PermissionDenied
    form, found, quick = _listed(request)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    return render(
        request,
        "applications/staff/list.html",
        {
            "form": form,
            "page_obj": page,
            "rows": _rows(page.object_list, today),
            "today": today,
            "quick": quick,
            "can_register": has_any(request.user, "application.register"),
            "export_query": request.GET.urlencode(),
        },
    )


EXPORT_COLUMNS = (
    gettext_lazy("申请编号"),
    gettext_lazy("办理机关"),
    gettext_lazy("申请人类型"),
    gettext_lazy("申请人"),
    gettext_lazy("申请方式"),
    gettext_lazy("收到申请之日"),
    gettext_lazy("答复期限"),
    gettext_lazy("剩余工作日"),
    gettext_lazy("状态"),
    gettext_lazy("办理结果"),
    gettext_lazy("答复日期"),
)


@login_required
def application_export(request: HttpRequest) -> HttpResponse:
    """The filtered list as XLSX; personal data masked (the export is not a view of it)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    if not has_any(request.user, "application.view"):
        raise PermissionDenied
    _form, found, _quick = _listed(request)
    today = timezone.localdate()
    book = Workbook()
    sheet = book.active
    sheet.title = _("依申请公开")
    sheet.append([str(c) for c in EXPORT_COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for state in _rows(found, today):
        app = state.app
        sheet.append(
            [
                app.number,
                app.organisation.name,
                app.get_applicant_type_display(),
                app.org_name or str(app.name),  # str() of a personal value is its mask
                app.get_channel_display(),
                app.received_on,
                state.due,
                state.days_left,
                app.get_status_display(),
                app.get_outcome_display(),
                app.replied_on,
            ]
        )
    for column, width in zip("ABCDEFGHIJK", (18, 28, 14, 24, 14, 14, 14, 10, 10, 40, 14), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="applications-{today:%Y%m%d}.xlsx"'
    return response


# --- intake -------------------------------------------------------------------------------------


@login_required
def ledger_import(request: HttpRequest) -> HttpResponse:
    """The ledger of applications an office handled before the platform (依申请公开台账): upload,
    the row report (every bad row with its column and reason; nothing imported then), and the
    imports made so far."""
    user = request.user
    orgs = list(permissions.ledger_orgs(user))
    if not orgs:
        raise PermissionDenied
    form = LedgerForm(request.POST or None, request.FILES or None, organisations=orgs)
    report = None
    if request.method == "POST" and form.is_valid():
        org = next(o for o in orgs if o.pk == form.cleaned_data["organisation"])
        upload = form.cleaned_data["file"]
        try:
            report = actions.import_ledger(org, upload, actor=user, name=upload.name)
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            if report.ok:
                messages.success(
                    request,
                    _("已导入%(org)s的台账：读取 %(rows)s 行，新增申请 %(created)s 件，此前已导入 %(unchanged)s 件。")
                    % {"org": org.name, "rows": len(report.rows), "created": report.created, "unchanged": report.unchanged},
                )
            else:
                messages.error(request, _("台账有误，未导入任何申请。请按下面的提示修改后重新上传。"))
    imports = permissions.visible_ledger_imports(user).select_related("organisation", "imported_by")[:50]
    return render(
        request,
        "applications/staff/ledger.html",
        {"form": form, "report": report, "imports": imports, "columns": ledger.COLUMNS},
    )


@login_required
def ledger_template(request: HttpRequest) -> HttpResponse:
    if not permissions.ledger_orgs(request.user).exists():
        raise PermissionDenied
    if request.GET.get("format") == "csv":
        response = HttpResponse(ledger.template_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = "attachment; filename*=UTF-8''%E4%BE%9D%E7%94%B3%E8%AF%B7%E5%85%AC%E5%BC%80%E5%8F%B0%E8%B4%A6.csv"
        return response
    response = HttpResponse(
        ledger.template_workbook(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = "attachment; filename*=UTF-8''%E4%BE%9D%E7%94%B3%E8%AF%B7%E5%85%AC%E5%BC%80%E5%8F%B0%E8%B4%A6.xlsx"
    return response


@login_required
def application_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    orgs = list(register_orgs(user))
    if not orgs:
        raise PermissionDenied
    form = IntakeForm(request.POST or None, request.FILES or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        org = next(o for o in orgs if o.pk == data["organisation"])
        try:
            app, code = actions.submit_application(
                organisation=org,
                data=data,
                channel=data["channel"],
                actor=user,
                arrived_on=data["arrived_on"],
                confirmed_on=data["confirmed_on"],
                id_copy=data.get("id_copy"),
            )
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            # The query code is the applicant's; it is shown once, on the acknowledgement.
            request.session[ACK_SESSION_KEY] = {"pk": app.pk, "code": code}
            messages.success(request, _("已登记申请，编号 %(number)s。") % {"number": app.number})
            return redirect("applications_staff:acknowledgement", pk=app.pk)
    return render(request, "applications/staff/new.html", {"form": form})


@login_required
def acknowledgement(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable acknowledgement (回执) with the query code, which is shown only this once."""
    app = _app_or_404(request.user, pk)
    ack = request.session.get(ACK_SESSION_KEY) or {}
    code = None
    if ack.get("pk") == app.pk:
        code = ack["code"]
        del request.session[ACK_SESSION_KEY]
    state = deadline_state(app, timezone.localdate())
    return render(
        request, "applications/staff/acknowledgement.html", {"app": app, "code": code, "state": state}
    )


# --- the application page -----------------------------------------------------------------------


def _fee_hint(app: Application) -> dict:
    rank = fees.monthly_application_rank(app)
    return {"rank": rank, "per_application": fees.per_application_fee(rank)}


def _detail_context(request: HttpRequest, app: Application) -> dict:
    """The page and its panels: one per verb the workflow allows in the application's state and the
    user may apply (``permissions.offered``); the forms are drawn for those only."""
    user = request.user
    may = permissions.offered(user, app)
    stops = list(app.clock_stops.all())
    open_stop = next((s for s in stops if s.ended_on is None), None)
    cases = list(app.review_cases.all())
    documents = list(app.documents.select_related("uploaded_by"))
    targets = list(route_targets(user, app)) if may["transfer"] else []
    panels = {
        "accept": may["accept"],
        "transfer": bool(targets),
        # One stop at a time: while one is open, the panel that ends it instead of those that start one.
        "end_stop": may["end_stop"] and open_stop is not None,
        "clarify": may["clarify"] and open_stop is None,
        "consult": may["consult"] and open_stop is None,
        "fee": may["fee"] and open_stop is None,
        "extend": may["extend"] and not app.extension_days,
        "close": may["close"],
        "deliver": may["deliver"],
        "review_add": may["review_add"],
        "review_decide": may["review_decide"] and any(c.result == "pending" for c in cases),
        "letter": may["letter"],
        "documents": may["attach"] and app.delivered_on is None,
    }
    context = {
        "app": app,
        "state": deadline_state(app, timezone.localdate()),
        "stops": stops,
        "open_stop": open_stop,
        "cases": cases,
        "letters": list(app.letters.select_related("generated_by")),
        "documents": documents,
        "history": history(app),
        "panels": panels,
        "handling": any(panels[v] for v in HANDLING_PANELS),
        "can_personal": permissions.can_see_personal(user, app),
        "is_open": app.status in workflow.OPEN,
        "outcome_groups": GROUPS,
        "basis": INFO[app.outcome].basis if app.outcome else "",
    }
    forms = {
        "transfer": lambda: {"transfer_form": TransferForm(targets=targets, auto_id="transfer_%s")},
        "clarify": lambda: {"clarify_form": ClarificationForm(auto_id="clarify_%s")},
        "consult": lambda: {"consult_form": ConsultationForm(auto_id="consult_%s")},
        "fee": lambda: {"fee_form": FeeForm(auto_id="fee_%s"), "fee_hint": _fee_hint(app)},
        "end_stop": lambda: {"end_form": EndStopForm(initial={"stop": open_stop.pk}, auto_id="end_%s")},
        "extend": lambda: {"extend_form": ExtendForm(auto_id="extend_%s")},
        "close": lambda: {"close_form": CloseForm(auto_id="close_%s")},
        "deliver": lambda: {
            "deliver_form": DeliveryForm(initial={"method": app.delivery}, auto_id="deliver_%s")
        },
        "review_add": lambda: {"case_form": ReviewCaseForm(auto_id="case_%s")},
        "review_decide": lambda: {
            "decision_forms": [
                (case, ReviewDecisionForm(initial={"case": case.pk}, prefix=f"case{case.pk}"))
                for case in cases
                if case.result == "pending"
            ]
        },
        # The letter's 附件 start as the uploaded documents; staff may edit the list.
        "letter": lambda: {
            "letter_form": LetterForm(
                initial={"attachments": "\n".join(d.name for d in documents)}, auto_id="letter_%s"
            )
        },
        "documents": lambda: {"document_form": DocumentForm(auto_id="document_%s")},
    }
    for panel, make in forms.items():
        if panels[panel]:
            context.update(make())
    return context


# The panels of the "办理" card (the others are on the cards of letters, documents and cases).
HANDLING_PANELS = ("accept", "transfer", "end_stop", "clarify", "consult", "fee", "extend", "close", "deliver")


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    app = _app_or_404(request.user, pk)
    return render(request, "applications/staff/detail.html", _detail_context(request, app))


@dataclass(frozen=True)
class Posted:
    """How the page posts a verb: the form that parses it and the part of the page to return to."""

    form: type | None
    anchor: str


# The verbs posted to ``<pk>/<verb>/``; what they need and allow is ``workflow.TRANSITIONS``.
POSTED: dict[str, Posted] = {
    "accept": Posted(None, "actions"),
    "transfer": Posted(TransferForm, "transfer"),
    "clarify": Posted(ClarificationForm, "clarify"),
    "consult": Posted(ConsultationForm, "consult"),
    "fee": Posted(FeeForm, "fee"),
    "end_stop": Posted(EndStopForm, "stops"),
    "extend": Posted(ExtendForm, "extend"),
    "close": Posted(CloseForm, "close"),
    "deliver": Posted(DeliveryForm, "deliver"),
    "review_add": Posted(ReviewCaseForm, "cases"),
    "review_decide": Posted(ReviewDecisionForm, "cases"),
    "letter": Posted(LetterForm, "letters"),
}


def _run(verb: str, app: Application, user, data: dict) -> str:
    """Apply ``verb`` through its one action; the success message."""
    if verb == "accept":
        actions.accept(app, actor=user)
        return _("已受理。")
    if verb == "transfer":
        to = get_object_or_404(route_targets(user, app), pk=data["to"])
        actions.transfer(app, to, actor=user, reason=data["reason"])
        return _("已转至%(org)s办理。") % {"org": to.name}
    if verb == "clarify":
        stop = actions.request_clarification(
            app, actor=user, sent_on=data["sent_on"], respond_by=data["respond_by"], note=data["note"]
        )
        return _("已登记补正通知，补正期限至%(d)s，期间暂停计时。") % {"d": f"{stop.respond_by:%Y-%m-%d}"}
    if verb == "consult":
        stop = actions.start_consultation(
            app, actor=user, kind=data["kind"], party=data["party"], sent_on=data["sent_on"]
        )
        return _("已登记征求意见，对方应于%(d)s前答复，期间不计入答复期限。") % {
            "d": f"{stop.respond_by:%Y-%m-%d}"
        }
    if verb == "fee":
        stop = actions.issue_fee_notice(
            app, actor=user, method=data["method"], quantity=data["quantity"], notice_on=data["notice_on"]
        )
        return _("已发出收费通知，金额%(amount)s元，缴费期限至%(d)s。") % {
            "amount": stop.fee_amount,
            "d": f"{stop.respond_by:%Y-%m-%d}",
        }
    if verb == "end_stop":
        stop = get_object_or_404(app.clock_stops, pk=data["stop"])
        actions.end_stop(stop, actor=user, ended_on=data["ended_on"])
        return _("%(kind)s已结束，恢复计时。") % {"kind": stop.get_kind_display()}
    if verb == "extend":
        actions.extend(app, actor=user, days=data["days"], reason=data["reason"], on=data["on"])
        return _("已延长答复期限%(days)s个工作日。") % {"days": data["days"]}
    if verb == "close":
        actions.close(
            app,
            actor=user,
            outcome=data["outcome"],
            replied_on=data["replied_on"],
            summary=data["summary"],
            redirect_to=data["redirect_to"],
        )
        return _("已答复办结。可以生成答复告知书。")
    if verb == "deliver":
        actions.record_delivery(app, actor=user, delivered_on=data["delivered_on"], method=data["method"])
        return _("已登记送达。")
    if verb == "review_add":
        actions.add_review_case(
            app, actor=user, kind=data["kind"], filed_on=data["filed_on"], body=data["body"]
        )
        return _("已登记复议/诉讼案件。")
    if verb == "review_decide":
        case = get_object_or_404(app.review_cases, pk=data["case"])
        actions.decide_review_case(
            case, actor=user, result=data["result"], decided_on=data["decided_on"], note=data["note"]
        )
        return _("已登记复议/诉讼结果。")
    if verb == "letter":
        attachments = (data.get("attachments") or "").splitlines()
        generated = actions.generate_letter(
            app, actor=user, outcome=data.get("outcome") or None, attachments=attachments
        )
        kind = _("草稿") if generated.letter.is_draft else ""
        return _("已生成%(kind)s告知书。") % {"kind": kind}
    raise Http404


@login_required
@require_POST
def application_action(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    """One verb of the page. A user who may see the application but not apply the verb gets the 403
    page before the input is read; the action checks again, with the application's state."""
    posted = POSTED.get(verb)
    if posted is None:
        raise Http404
    user = request.user
    app = _app_or_404(user, pk)
    permissions.require(user, verb, app)
    data: dict = {}
    if posted.form is not None:
        kwargs = {"targets": route_targets(user, app)} if verb == "transfer" else {}
        prefix = None
        if verb == "review_decide":
            prefix = next(
                (k.split("-")[0] for k in request.POST if k.startswith("case") and k.endswith("-case")), None
            )
        form = posted.form(request.POST, prefix=prefix, **kwargs)
        if not form.is_valid():
            _flash_errors(request, form_error_messages(form))
            return redirect(_detail_url(app, posted.anchor))
        data = form.cleaned_data
    try:
        message = _run(verb, app, user, data)
    except ValidationError as exc:
        _flash_errors(request, validation_messages(exc))
    else:
        messages.success(request, message)
    return redirect(_detail_url(app, posted.anchor))


# --- documents delivered with the reply ----------------------------------------------------------


@login_required
@require_POST
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    app = _app_or_404(user, pk)
    permissions.require(user, "attach", app)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        _flash_errors(request, form_error_messages(form))
        return redirect(_detail_url(app, "documents"))
    try:
        document = actions.attach_document(app, form.cleaned_data["file"], actor=user)
    except ValidationError as exc:
        _flash_errors(request, validation_messages(exc))
    else:
        messages.success(request, _("已上传“%(name)s”。") % {"name": document.name})
    return redirect(_detail_url(app, "documents"))


def _document_or_404(user, pk: int) -> ReplyDocument:
    return get_object_or_404(
        ReplyDocument.objects.filter(application__in=visible_applications(user)).select_related(
            "application__organisation", "application__district"
        ),
        pk=pk,
    )


@login_required
@require_POST
def document_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    document = _document_or_404(user, pk)
    app = document.application
    try:
        actions.remove_document(document, actor=user)
    except ValidationError as exc:
        _flash_errors(request, validation_messages(exc))
    else:
        messages.success(request, _("已删除“%(name)s”。") % {"name": document.name})
    return redirect(_detail_url(app, "documents"))


def _file_response(handle, filename: str) -> FileResponse:
    return FileResponse(handle, as_attachment=True, filename=filename)


@login_required
def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    """A delivered document: the government information, not the applicant's data, so anyone who
    may see the application may read it (no personal-view audit)."""
    document = _document_or_404(request.user, pk)
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = _file_response(handle, document.name)
    response["Content-Type"] = document.content_type
    return response


# --- files with personal data: ID copy and letters (opened by actions, which audit) ---------------


@login_required
def id_copy(request: HttpRequest, pk: int) -> HttpResponse:
    app = _app_or_404(request.user, pk)
    try:
        handle = actions.open_id_copy(app, actor=request.user)
    except FileNotFoundError:
        raise Http404 from None
    return _file_response(handle, f"{app.number}-身份证明{_suffix(app.id_copy.name)}")


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:] if dot != -1 and len(name) - dot <= 6 else ""


@login_required
def letter_download(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    if kind not in letters.LETTER_FILES:
        raise Http404
    letter = get_object_or_404(
        ReplyLetter.objects.filter(application__in=visible_applications(request.user)).select_related(
            "application__organisation", "application__district"
        ),
        pk=pk,
    )
    try:
        handle = actions.open_letter(letter, kind, actor=request.user)
    except FileNotFoundError:
        raise Http404 from None
    return _file_response(handle, f"{letter.application.number}-告知书.{kind}")


# --- letter templates ---------------------------------------------------------------------------


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    district = permissions.template_district(request.user)
    own = {t.outcome: t for t in LetterTemplate.objects.filter(district=district)}
    defaults = {t.outcome: t for t in LetterTemplate.objects.filter(district__isnull=True)}
    rows = [
        {
            "outcome": outcome,
            "label": label,
            "template": own.get(outcome) or defaults.get(outcome),
            "own": outcome in own,
        }
        for outcome, label in Outcome.choices
    ]
    return render(request, "applications/staff/templates.html", {"rows": rows, "district": district})


@login_required
def template_edit(request: HttpRequest, outcome: str) -> HttpResponse:
    district = permissions.template_district(request.user)
    if outcome not in Outcome.values:
        raise Http404
    current = letters.template_for(district, outcome)
    own = current.district_id == district.pk
    instance = current if own else LetterTemplate(district=district, outcome=outcome)
    initial = {} if own else {"title": current.title, "body": current.body}
    form = LetterTemplateForm(request.POST or None, instance=instance, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_template(form.instance, actor=request.user)
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("已保存“%(label)s”的告知书模板。") % {"label": Outcome(outcome).label})
            return redirect("applications_staff:templates")
    return render(
        request,
        "applications/staff/template_edit.html",
        {
            "form": form,
            "outcome": outcome,
            "label": Outcome(outcome).label,
            "basis": INFO[outcome].basis,
            "own": own,
            "placeholders": letters.PLACEHOLDERS,
            "district": district,
        },
    )


@login_required
@require_POST
def template_reset(request: HttpRequest, outcome: str) -> HttpResponse:
    district = permissions.template_district(request.user)
    if outcome not in Outcome.values:
        raise Http404
    if actions.reset_template(district, outcome, actor=request.user):
        messages.success(request, _("已恢复“%(label)s”的默认模板。") % {"label": Outcome(outcome).label})
    return redirect("applications_staff:templates")
