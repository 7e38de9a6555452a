"""The hotline's public pages, no account needed: the district head's mailbox (区长信箱) and
the duty roster (接听安排).

- ``mailbox:form``           write a letter; POST/redirect/GET to ``mailbox:receipt``
- ``mailbox:receipt``        the letter's number and query code (the code is shown once)
- ``mailbox:follow``         number + query code → ``mailbox:follow_result`` (the pair stays in the session)
- ``mailbox:follow_result``  status, handling unit, dates and the reply; never internal notes
- ``mailbox:letters``        published letters and replies (信件公开); ``mailbox:letter`` one of them
- ``hotline_roster:public``  who answers the district head's hotline this month and next (接听安排)

Personal data is only ever shown masked: the model's values render as masks, and free text goes
through ``publishing.deidentify_for``.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from gongkai.hotline import actions, roster
from gongkai.hotline.deadlines import due_of, limits_of
from gongkai.hotline.forms_public import FollowForm, MailboxForm
from gongkai.hotline.models import Category, Channel, Status, Ticket
from gongkai.hotline.offices import mailbox_office
from gongkai.hotline.publishing import deidentify_for, public_title, published_letters
from gongkai.hotline.throttles import (
    FOLLOW_FAILURES,
    LETTERS_PER_IP,
    count_hit,
    count_letter,
    letters_limit_reached,
    limit_reached,
)
from gongkai.lib import abuse

logger = logging.getLogger(__name__)

RECEIPT_SESSION_KEY = "mailbox.receipt"  # {"pk": …, "code": …}; the code is removed once shown
FOLLOW_SESSION_KEY = "mailbox.follow"  # {"pk": …, "hash": …} after a successful lookup
LETTERS_PER_PAGE = 15


# ---- helpers -----------------------------------------------------------------------------------


def _no_district(request: HttpRequest) -> HttpResponse:
    return render(request, "hotline/public/no_district.html", status=404)


def _page(tab: str, label: str, **context) -> dict:
    return {"tab": tab, "page_label": label, **context}


STEPS = [
    (Status.NEW, gettext_lazy("来信受理")),
    (Status.DISPATCHED, gettext_lazy("转交办理")),
    (Status.REPLIED, gettext_lazy("答复")),
    (Status.CLOSED, gettext_lazy("回访办结")),
]


def _steps(ticket: Ticket) -> list[dict]:
    order = [s for s, _label in STEPS]
    reached = order.index(ticket.status) if ticket.status in order else 0
    return [
        {"label": label, "done": i < reached, "current": i == reached}
        for i, (_status, label) in enumerate(STEPS)
    ]


# ---- writing a letter --------------------------------------------------------------------------


@abuse.public_form
@require_http_methods(["GET", "POST"])
def mailbox(request: HttpRequest) -> HttpResponse:
    district = getattr(request, "district", None)
    if district is None:
        return _no_district(request)
    office = mailbox_office(district)
    captcha = abuse.captcha_needed(request, LETTERS_PER_IP)
    if request.method != "POST":
        form = MailboxForm(district=district, captcha=captcha)
        return render(
            request, "hotline/public/form.html", _page("form", _("我要写信"), form=form, office=office)
        )
    if abuse.refresh_requested(request):  # 换一张: the form again, nothing submitted
        form = abuse.redrawn(MailboxForm, request, district=district)
        return render(
            request, "hotline/public/form.html", _page("form", _("我要写信"), form=form, office=office)
        )

    form = MailboxForm(request.POST, district=district, captcha=captcha)
    status = 200
    refusal = form.refusal()
    if office is None:
        form.add_error(None, _("本区区长信箱暂未开通网上来信，请拨打区长公开电话反映。"))
    elif refusal:
        status = 400
        count_letter(request)
        form.add_error(None, refusal)
    elif form.is_valid():
        if letters_limit_reached(request):
            status = 429  # Too Many Requests: the form again, with everything typed
            form.add_error(
                None,
                _(
                    "您在短时间内提交的信件较多，系统暂时不能受理新的来信，请一小时后再提交。"
                    "您填写的内容已保留在下面；如有急事，请拨打区长公开电话。"
                ),
            )
        else:
            try:
                ticket, code = actions.intake(
                    office=office, channel=Channel.MAILBOX, data=form.ticket_data(), actor=None
                )
            except ValidationError as exc:
                _add_model_errors(form, exc)
            except DatabaseError:
                logger.exception("mailbox letter could not be saved")
                form.add_error(None, _("系统繁忙，信件未能保存。您填写的内容已保留，请稍后再次提交。"))
            else:
                count_letter(request)
                abuse.remember_captcha(request, form)
                request.session[RECEIPT_SESSION_KEY] = {"pk": ticket.pk, "code": code}
                return redirect("mailbox:receipt")
    elif "captcha" in form.errors:
        count_hit(LETTERS_PER_IP, request)  # a wrong answer counts: guessing runs into the hard limit
    abuse.remember_captcha(request, form)
    if abuse.captcha_needed(request, LETTERS_PER_IP):
        abuse.ask_captcha(form)  # the next attempt needs one: show it now, not after another refusal
    return render(
        request,
        "hotline/public/form.html",
        _page("form", _("我要写信"), form=form, office=office),
        status=status,
    )


_MODEL_TO_FORM = {"matter": "content", "caller_name": "name"}


def _add_model_errors(form: MailboxForm, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        name = _MODEL_TO_FORM.get(field, field)
        form.add_error(name if name in form.fields else None, errors)


@never_cache
def receipt(request: HttpRequest) -> HttpResponse:
    """Right after writing: the number and, this once, the query code."""
    stored = request.session.get(RECEIPT_SESSION_KEY)
    ticket = None
    if isinstance(stored, dict):
        ticket = Ticket.objects.select_related("office").filter(pk=stored.get("pk")).first()
    if ticket is None:
        return redirect("mailbox:form")
    code = stored.pop("code", None)
    request.session[RECEIPT_SESSION_KEY] = stored
    limits = limits_of(ticket.district_id)
    return render(
        request,
        "hotline/public/receipt.html",
        _page("form", _("信件已提交"), ticket=ticket, code=code, limit_days=limits.limit_normal),
    )


# ---- following a letter ------------------------------------------------------------------------


@abuse.public_form
@require_http_methods(["GET", "POST"])
def follow(request: HttpRequest) -> HttpResponse:
    district = getattr(request, "district", None)
    if district is None:
        return _no_district(request)
    captcha = abuse.captcha_needed(request, FOLLOW_FAILURES)
    if abuse.refresh_requested(request):
        form = abuse.redrawn(FollowForm, request)
        return render(request, "hotline/public/follow.html", _page("follow", _("信件查询"), form=form))
    form = FollowForm(request.POST or None, captcha=captcha)
    status = 200
    refusal = form.refusal() if request.method == "POST" else None
    if refusal:
        status = 400
        count_hit(FOLLOW_FAILURES, request)
        form.add_error(None, refusal)
    elif request.method == "POST" and form.is_valid():
        if limit_reached(FOLLOW_FAILURES, request):
            status = 429
            form.add_error(None, _("查询失败次数过多，请10分钟后再试。"))
        else:
            ticket = actions.find_by_query(form.cleaned_data["number"], form.cleaned_data["code"])
            if ticket is None or ticket.district_id != district.pk:
                count_hit(FOLLOW_FAILURES, request)
                form.add_error(None, _("信件编号或查询码不正确，请核对后重新输入。"))
            else:
                abuse.remember_captcha(request, form)
                request.session[FOLLOW_SESSION_KEY] = {"pk": ticket.pk, "hash": ticket.query_code_hash}
                return redirect("mailbox:follow_result")
    elif request.method == "POST" and "captcha" in form.errors:
        count_hit(FOLLOW_FAILURES, request)
    if request.method == "POST":
        abuse.remember_captcha(request, form)
        if abuse.captcha_needed(request, FOLLOW_FAILURES):
            abuse.ask_captcha(form)
    return render(
        request, "hotline/public/follow.html", _page("follow", _("信件查询"), form=form), status=status
    )


@never_cache
def follow_result(request: HttpRequest) -> HttpResponse:
    stored = request.session.get(FOLLOW_SESSION_KEY)
    ticket = None
    if isinstance(stored, dict):
        ticket = (
            Ticket.objects.select_related("office", "lead", "category", "place")
            .filter(pk=stored.get("pk"), district=getattr(request, "district", None))
            .first()
        )
    if ticket is None or not stored.get("hash") or ticket.query_code_hash != stored["hash"]:
        return redirect("mailbox:follow")
    replied = ticket.status in (Status.REPLIED, Status.CLOSED) and bool(ticket.reply)
    return render(
        request,
        "hotline/public/follow_result.html",
        _page(
            "follow",
            _("信件办理情况"),
            ticket=ticket,
            title=deidentify_for(ticket, ticket.title),
            matter=deidentify_for(ticket, ticket.matter),
            reply=deidentify_for(ticket, ticket.reply) if replied else "",
            replied=replied,
            due=due_of(ticket) if ticket.status == Status.DISPATCHED else None,
            steps=_steps(ticket),
            unit=ticket.lead.name if ticket.lead_id else ticket.office.name,
        ),
    )


@require_http_methods(["POST"])
def follow_end(request: HttpRequest) -> HttpResponse:
    """Forget the letter being followed (a shared computer)."""
    request.session.pop(FOLLOW_SESSION_KEY, None)
    return redirect("mailbox:follow")


# ---- published letters (信件公开) -----------------------------------------------------------------


def letters(request: HttpRequest) -> HttpResponse:
    district = getattr(request, "district", None)
    if district is None:
        return _no_district(request)
    qs = published_letters(district)
    categories = Category.objects.filter(district=district, is_active=True)
    category = None
    raw = request.GET.get("category", "")
    if raw.isdigit():
        category = categories.filter(pk=int(raw)).first()
        if category is not None:
            qs = qs.filter(category=category)
    page = Paginator(qs, LETTERS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [{"ticket": t, "title": public_title(t)} for t in page.object_list]
    return render(
        request,
        "hotline/public/letters.html",
        _page("letters", _("信件公开"), page=page, rows=rows, categories=categories, category=category),
    )


def letter(request: HttpRequest, number: str) -> HttpResponse:
    district = getattr(request, "district", None)
    if district is None:
        return _no_district(request)
    ticket = published_letters(district).filter(number=number).first()
    if ticket is None:
        raise Http404(_("没有找到这封公开信件。"))
    return render(
        request,
        "hotline/public/letter.html",
        _page("letters", _("信件公开"), ticket=ticket, title=public_title(ticket)),
    )


# ---- the duty roster (接听安排) ------------------------------------------------------------------


def roster_month(request: HttpRequest) -> HttpResponse:
    """Who answers the hotline this month and next: published shifts only (no login; the page
    answers for ``request.district``)."""
    district = getattr(request, "district", None)
    months = []
    if district is not None:
        first = timezone.localdate().replace(day=1)
        second = roster.next_month(first)
        shifts = roster.published_shifts(district, first, roster.next_month(second))
        for start in (first, second):
            rows = [
                {"shift": s, "weekday": roster.WEEKDAYS[s.date.weekday()]}
                for s in shifts
                if start <= s.date < roster.next_month(start)
            ]
            months.append({"month": start, "rows": rows})
    return render(request, "hotline/roster/public.html", {"months": months, "today": timezone.localdate()})
