"""Bulletins on the staff workbench (``/staff/supervision/bulletins/``): the list and the form that
generates one for a month, quarter or year; a bulletin as the office reads it (each figure a link
to its records), its prose form while a draft, its verbs, and its DOCX.

Reads through ``permissions.visible_bulletins``; every change is one call of an action.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.lib.forms import validation_messages
from gongkai.supervision import actions, bulletins, permissions, publishing
from gongkai.supervision.models import Bulletin, BulletinKind, BulletinState
from gongkai.supervision.views_plan import _district, _home

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

SECTION_LABELS = {
    "overview": gettext_lazy("一、总体情况（文字）"),
    "standing": gettext_lazy("二、各单位考核得分（文字）"),
    "findings": gettext_lazy("三、督查发现的问题（文字）"),
    "plan": gettext_lazy("四、工作要点落实情况（文字）"),
    "requirements": gettext_lazy("五、下一步工作要求"),
}


class GenerateForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("类型"), choices=BulletinKind.choices)
    year = forms.IntegerField(label=gettext_lazy("年度"), min_value=2008, max_value=2100)
    number = forms.IntegerField(label=gettext_lazy("月份或季度"), min_value=1, max_value=12, required=False)


class ProseForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("标题"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in bulletins.PROSE_KEYS:
            self.fields[key] = forms.CharField(
                label=SECTION_LABELS[key],
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 4}),
            )


def _bulletin(request: HttpRequest, pk: int) -> Bulletin:
    bulletin = permissions.visible_bulletins(request.user).filter(pk=pk).select_related("district").first()
    if bulletin is None:
        raise Http404
    return bulletin


@login_required
def bulletin_list(request: HttpRequest) -> HttpResponse:
    district = _district(_home(request))
    may_manage = permissions.may_manage(request.user, district)
    today = timezone.localdate()
    form = GenerateForm(
        request.POST or None,
        initial={"kind": BulletinKind.MONTHLY, "year": today.year, "number": today.month},
    )
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied(_("只有政务公开办公室可以生成通报。"))
        if form.is_valid():
            try:
                bulletin = actions.generate_bulletin(
                    district,
                    form.cleaned_data["kind"],
                    form.cleaned_data["year"],
                    form.cleaned_data["number"],
                    actor=request.user,
                )
            except ValidationError as exc:
                for message in validation_messages(exc):
                    form.add_error(None, message)
            else:
                messages.success(request, _("通报已生成，请修改文字后提交审定。"))
                return redirect("supervision_staff:bulletin", bulletin.pk)
    rows = list(permissions.visible_bulletins(request.user).filter(district=district))
    return render(
        request,
        "supervision/bulletin/list.html",
        {
            "rows": [(b, publishing.publication(b)) for b in rows],
            "form": form,
            "may_manage": may_manage,
        },
    )


@login_required
def bulletin_detail(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = _bulletin(request, pk)
    may_manage = permissions.may_manage(request.user, bulletin.district)
    form = None
    if bulletin.state == BulletinState.DRAFT and may_manage:
        form = ProseForm(request.POST or None, initial={"title": bulletin.title, **bulletin.prose})
        if request.method == "POST" and form.is_valid():
            prose = {k: form.cleaned_data[k] for k in bulletins.PROSE_KEYS}
            try:
                actions.edit_bulletin(
                    bulletin, actor=request.user, title=form.cleaned_data["title"], prose=prose
                )
            except ValidationError as exc:
                for message in validation_messages(exc):
                    form.add_error(None, message)
            else:
                messages.success(request, _("文字已保存；数据和表格每次打开时按记录重新生成。"))
                return redirect("supervision_staff:bulletin", bulletin.pk)
    elif request.method == "POST":
        raise PermissionDenied(_("只能修改草稿状态的通报。"))
    verbs = [
        t
        for t in bulletins.verbs_from(bulletin.state)
        if (t.verb == "release" and permissions.may_release(request.user, bulletin))
        or (t.verb != "release" and may_manage)
    ]
    return render(
        request,
        "supervision/bulletin/detail.html",
        {
            "bulletin": bulletin,
            "body": bulletins.html(bulletin, links=True),
            "form": form,
            "verbs": verbs,
            "publication": publishing.publication(bulletin),
            "may_manage": may_manage,
        },
    )


@login_required
def bulletin_docx(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = _bulletin(request, pk)
    response = HttpResponse(bulletins.docx(bulletin), content_type=DOCX)
    response["Content-Disposition"] = f"attachment; filename=bulletin-{bulletin.period}.docx"
    return response


@login_required
@require_POST
def bulletin_verb(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    bulletin = _bulletin(request, pk)
    try:
        if verb == "submit":
            actions.submit_bulletin(bulletin, actor=request.user)
        elif verb == "approve":
            actions.approve_bulletin(bulletin, actor=request.user)
        elif verb == "return":
            actions.return_bulletin(bulletin, actor=request.user, note=request.POST.get("note", ""))
        elif verb == "release":
            actions.release_bulletin(bulletin, actor=request.user)
        else:
            raise Http404
    except ValidationError as exc:
        for message in validation_messages(exc):
            messages.error(request, message)
    else:
        messages.success(request, _("已%(verb)s。") % {"verb": bulletins.TRANSITIONS[verb].label})
    return redirect("supervision_staff:bulletin", bulletin.pk)
