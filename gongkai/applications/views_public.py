"""The citizen side of disclosure applications (依申请公开), no account needed.

- ``apply:form``     the application form; POST/redirect/GET to ``apply:receipt``
- ``apply:receipt``  number, query code (shown once), receipt and due date
- ``apply:status``   number + query code → the case page (the pair is kept in the session only)
- ``apply:letter``   the latest reply letter of a closed online application
- ``apply:document`` a document delivered online with the reply of that application
- ``apply:deadline`` the public deadline calculator

Personal data is only ever shown masked here: the model's values render as masks.
"""

from __future__ import annotations

import logging
import os

from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from gongkai.applications import actions, deadlines, letters
from gongkai.applications.forms_public import ApplicationForm, DeadlineForm, StatusLookupForm
from gongkai.applications.models import Application, Channel, Delivery
from gongkai.lib import abuse, throttle
from gongkai.lib.forms import add_to_form
from gongkai.lib.throttle import Limit
from gongkai.workcal.calendar import WEEKEND_REASON, SkippedDay

logger = logging.getLogger(__name__)

RECEIPT_SESSION_KEY = "apply.receipt"  # {"pk": …, "code": …}; the code is removed when shown
STATUS_SESSION_KEY = "apply.status"  # {"pk": …, "hash": …} after a successful lookup

LOOKUP_FAILED = gettext_lazy("申请编号或查询码不正确，请核对后重新输入。")


# ---- light throttling in Django's cache ------------------------------------------------------


SUBMISSIONS = Limit("apply-submit", "APPLY_SUBMISSIONS_PER_HOUR", 20, 3600)
LOOKUP_FAILURES = Limit("apply-lookup", "APPLY_LOOKUP_FAILURES_PER_10_MIN", 10, 600)


def limit_reached(limit: Limit, request: HttpRequest) -> bool:
    return throttle.reached(limit, throttle.client_ip(request))


def count_hit(limit: Limit, request: HttpRequest) -> None:
    throttle.hit(limit, throttle.client_ip(request))


# ---- shared helpers --------------------------------------------------------------------------


def holiday_runs(skipped: list[SkippedDay]) -> tuple[list[dict], int]:
    """Skipped holidays as runs of consecutive days (``国庆节、中秋节 10月1日—10月8日``) and the
    number of ordinary weekend days."""
    runs: list[dict] = []
    weekends = 0
    for day in sorted(set(skipped)):
        if day.reason == WEEKEND_REASON:
            weekends += 1
            continue
        last = runs[-1] if runs else None
        if last and (day.date - last["last"]).days == 1:
            last["last"] = day.date
            last["days"] += 1
            last["names"].setdefault(day.reason, None)
        else:
            runs.append({"names": {day.reason: None}, "first": day.date, "last": day.date, "days": 1})
    for run in runs:
        run["name"] = "、".join(run.pop("names"))
    return runs, weekends


PAGES = {
    "form": ("form", gettext_lazy("在线申请")),
    "receipt": ("form", gettext_lazy("申请回执")),
    "status_lookup": ("status", gettext_lazy("办理进度查询")),
    "status": ("status", gettext_lazy("申请办理情况")),
    "deadline": ("deadline", gettext_lazy("答复期限计算")),
}


def _page(request: HttpRequest, name: str, context: dict, status: int = 200) -> HttpResponse:
    tab, label = PAGES[name]
    context = {"tab": tab, "page_label": label, "rule_text": deadlines.RULE_TEXT, **context}
    return render(request, f"applications/public/{name}.html", context, status=status)


def _no_district(request: HttpRequest) -> HttpResponse:
    return render(request, "applications/public/no_district.html", status=404)


def _letter_offered(app: Application) -> bool:
    return app.is_closed and app.delivery == Delivery.ONLINE


def _documents_offered(app: Application) -> bool:
    """The documents are offered once their delivery is recorded: until then staff may change them."""
    return _letter_offered(app) and app.delivered_on is not None


# ---- the application form --------------------------------------------------------------------


@abuse.public_form
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    district = getattr(request, "district", None)
    if district is None:
        return _no_district(request)
    captcha = abuse.captcha_needed(request, SUBMISSIONS)
    if request.method != "POST":
        return _page(request, "form", {"form": ApplicationForm(district=district, captcha=captcha)})
    if abuse.refresh_requested(request):  # 换一张: the form again, nothing submitted
        form = abuse.redrawn(ApplicationForm, request, district=district)
        form.id_copy_dropped = bool(request.FILES.get("id_copy"))
        return _page(request, "form", {"form": form})

    form = ApplicationForm(request.POST, request.FILES, district=district, captcha=captcha)
    status = 200
    abuse.add_upload_errors(request, form)
    refusal = form.refusal()
    if refusal:
        status = 400
        count_hit(SUBMISSIONS, request)
        form.add_error(None, refusal)
    elif form.is_valid():
        if limit_reached(SUBMISSIONS, request):
            status = 429  # Too Many Requests: the form again, with everything typed
            form.add_error(
                None,
                _(
                    "您在短时间内提交的申请较多，系统暂时不能再受理新的网上申请，请一小时后再提交。"
                    "您填写的内容已保留在下面；如有急需，请拨打政府信息公开工作机构的电话。"
                ),
            )
        else:
            try:
                app, code = actions.submit_application(
                    organisation=form.cleaned_data["organisation"],
                    data=form.application_data(),
                    channel=Channel.ONLINE,
                    id_copy=form.cleaned_data.get("id_copy"),
                )
            except ValidationError as exc:
                add_to_form(form, exc)
            except DatabaseError:
                logger.exception("online application could not be saved")
                form.add_error(None, _("系统繁忙，申请未能保存。您填写的内容已保留，请稍后再次提交。"))
            else:
                count_hit(SUBMISSIONS, request)
                abuse.remember_captcha(request, form)
                request.session[RECEIPT_SESSION_KEY] = {"pk": app.pk, "code": code}
                return redirect("apply:receipt")
    elif form.captcha_shown and "captcha" in form.errors:
        count_hit(SUBMISSIONS, request)  # a wrong answer counts: guessing runs into the hard limit
    abuse.remember_captcha(request, form)
    if abuse.captcha_needed(request, SUBMISSIONS):
        abuse.ask_captcha(form)  # the next attempt needs one: show it now, not after another refusal
    if request.FILES.get("id_copy") and "id_copy" not in form.errors:
        # Browsers never fill a file input again: say so rather than lose the file silently.
        form.id_copy_dropped = True
    return _page(request, "form", {"form": form}, status=status)


@never_cache
def receipt(request: HttpRequest) -> HttpResponse:
    """The receipt right after submitting; the query code is in the session for this one view."""
    stored = request.session.get(RECEIPT_SESSION_KEY)
    app = None
    if isinstance(stored, dict):
        app = Application.objects.select_related("organisation").filter(pk=stored.get("pk")).first()
    if app is None:
        return redirect("apply:form")
    code = stored.pop("code", None)
    request.session[RECEIPT_SESSION_KEY] = stored
    return _page(request, "receipt", {"app": app, "code": code, "deadline": deadlines.deadline_of(app)})


# ---- status lookup ---------------------------------------------------------------------------


def _session_app(request: HttpRequest) -> Application | None:
    stored = request.session.get(STATUS_SESSION_KEY)
    if not isinstance(stored, dict):
        return None
    app = Application.objects.select_related("organisation").filter(pk=stored.get("pk")).first()
    if app is None or app.query_code_hash != stored.get("hash"):
        request.session.pop(STATUS_SESSION_KEY, None)
        return None
    return app


@never_cache
@abuse.public_form
@require_http_methods(["GET", "POST"])
def status(request: HttpRequest) -> HttpResponse:
    captcha = abuse.captcha_needed(request, LOOKUP_FAILURES)
    if request.method == "POST":
        if request.POST.get("action") == "leave":
            request.session.pop(STATUS_SESSION_KEY, None)
            return redirect("apply:status")
        if abuse.refresh_requested(request):
            return _page(request, "status_lookup", {"form": abuse.redrawn(StatusLookupForm, request)})
        form = StatusLookupForm(request.POST, captcha=captcha)
        status = 200
        refusal = form.refusal()
        if refusal:
            status = 400
            count_hit(LOOKUP_FAILURES, request)
            form.add_error(None, refusal)
        elif form.is_valid():
            if limit_reached(LOOKUP_FAILURES, request):
                status = 429
                form.add_error(None, _("查询失败次数过多，请10分钟后再试。"))
            else:
                # On a district's portal another district's number gets the answer of an unknown one.
                app = actions.find_by_query(
                    form.cleaned_data["number"],
                    form.cleaned_data["code"],
                    district=getattr(request, "district", None),
                )
                if app is None:
                    count_hit(LOOKUP_FAILURES, request)
                    form.add_error(None, LOOKUP_FAILED)
                else:
                    abuse.remember_captcha(request, form)
                    request.session.cycle_key()
                    request.session[STATUS_SESSION_KEY] = {"pk": app.pk, "hash": app.query_code_hash}
                    return redirect("apply:status")
        elif "captcha" in form.errors:
            count_hit(LOOKUP_FAILURES, request)
        abuse.remember_captcha(request, form)
        if abuse.captcha_needed(request, LOOKUP_FAILURES):
            abuse.ask_captcha(form)
        return _page(request, "status_lookup", {"form": form}, status=status)

    app = _session_app(request)
    if app is None:
        return _page(request, "status_lookup", {"form": StatusLookupForm(captcha=captcha)})
    letter = letters.latest_letter(app) if _letter_offered(app) else None
    documents = list(app.documents.all()) if _documents_offered(app) else []
    return _page(
        request,
        "status",
        {
            "app": app,
            "deadline": deadlines.deadline_of(app),
            "letter": letter,
            "documents": documents,
            "today": timezone.localdate(),
        },
    )


@never_cache
def letter(request: HttpRequest) -> FileResponse:
    """The latest reply letter, for the application whose number and code were entered."""
    app = _session_app(request)
    if app is None or not _letter_offered(app):
        raise Http404
    fieldfile = letters.latest_letter(app)
    if not fieldfile:
        raise Http404
    ext = os.path.splitext(fieldfile.name)[1].lower()
    return FileResponse(fieldfile.open("rb"), as_attachment=True, filename=f"{app.number}-答复告知书{ext}")


@never_cache
def document(request: HttpRequest, pk: int) -> FileResponse:
    """A document delivered with the reply, for the application whose number and code were entered;
    any other application's document is not found."""
    app = _session_app(request)
    if app is None or not _documents_offered(app):
        raise Http404
    found = app.documents.filter(pk=pk).first()
    if found is None:
        raise Http404
    try:
        handle = found.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=found.name, content_type=found.content_type)


# ---- deadline calculator ---------------------------------------------------------------------


def deadline(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    if "received" in request.GET:
        form = DeadlineForm(request.GET)
    else:
        form = DeadlineForm(initial={"received": today})
    result = None
    if form.is_bound and form.is_valid():
        try:
            result = deadlines.calculator(form.cleaned_data["received"])
        except OverflowError:
            form.add_error("received", _("请选择 1900 年至 2100 年之间的日期。"))
    context = {"form": form, "result": result, "today": today}
    if result:
        context["holidays"], context["weekend_days"] = holiday_runs(result.skipped)
        context["reply_days"] = deadlines.REPLY_DAYS
        context["extension_days"] = deadlines.EXTENSION_MAX_DAYS
    return _page(request, "deadline", context)
