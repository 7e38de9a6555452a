"""Staff page for publishing letters in the mailbox column (信件公开); mounted at ``/staff/hotline/publish/``.

- ``hotline_publishing:list``  closed letters whose writers agreed to publication (``hotline.publish``)
- ``hotline_publishing:edit``  the de-identified question and answer, editable; publish / unpublish

The texts shown are already de-identified (``publishing.draft``); ``actions.publish_letter``
de-identifies them once more, whatever was typed.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from gongkai.accounts.permissions import primary_district_id
from gongkai.hotline import actions, publishing
from gongkai.hotline.permissions import can_publish_letters, publishable_letters
from gongkai.lib.forms import add_to_form, validation_messages
from gongkai.orgs.models import Organisation

PER_PAGE = 30


class PublishForm(forms.Form):
    question = forms.CharField(
        label=gettext_lazy("公开的来信内容"),
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": gettext_lazy("请填写公开的来信内容。")},
    )
    answer = forms.CharField(
        label=gettext_lazy("公开的答复内容"),
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": gettext_lazy("请填写公开的答复内容。")},
    )


def _district(user) -> Organisation:
    if not can_publish_letters(user):
        raise PermissionDenied
    district_id = primary_district_id(user)
    if district_id is None:
        raise PermissionDenied
    return get_object_or_404(Organisation, pk=district_id)


@login_required
def publish_list(request: HttpRequest) -> HttpResponse:
    district = _district(request.user)
    tickets = publishable_letters(request.user, district)
    shown = request.GET.get("show", "")
    if shown == "pending":
        tickets = tickets.filter(published=False)
    elif shown == "published":
        tickets = tickets.filter(published=True)
    page = Paginator(tickets, PER_PAGE).get_page(request.GET.get("page"))
    rows = [{"ticket": t, "title": publishing.public_title(t)} for t in page.object_list]
    return render(request, "hotline/publishing/list.html", {"page_obj": page, "rows": rows, "show": shown})


@login_required
@require_http_methods(["GET", "POST"])
def publish_edit(request: HttpRequest, number: str) -> HttpResponse:
    district = _district(request.user)
    ticket = get_object_or_404(publishable_letters(request.user, district), number=number)
    if request.method == "POST" and request.POST.get("action") == "unpublish":
        try:
            actions.unpublish_letter(ticket, actor=request.user, reason=request.POST.get("reason", ""))
        except ValidationError as exc:
            messages.error(request, "；".join(validation_messages(exc)))
        else:
            messages.success(request, _("信件 %(number)s 已撤下。") % {"number": ticket.number})
        return redirect("hotline_publishing:list")
    if request.method == "POST":
        form = PublishForm(request.POST)
        if form.is_valid():
            try:
                actions.publish_letter(
                    ticket,
                    actor=request.user,
                    question=form.cleaned_data["question"],
                    answer=form.cleaned_data["answer"],
                )
            except ValidationError as exc:
                add_to_form(form, exc)
            else:
                messages.success(request, _("信件 %(number)s 已公开。") % {"number": ticket.number})
                return redirect("hotline_publishing:list")
    else:
        question, answer = publishing.draft(ticket)
        form = PublishForm(initial={"question": question, "answer": answer})
    return render(
        request,
        "hotline/publishing/edit.html",
        {"ticket": ticket, "form": form, "title": publishing.public_title(ticket)},
    )
