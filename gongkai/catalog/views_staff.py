"""Staff workbench pages for proactive disclosure (主动公开): dashboard, item list, draft editing,
the version page with its workflow buttons, and attachments.

Views parse input and call one action. Who sees and may do what is asked of
``gongkai.catalog.permissions``; the actions check again, and a PermissionDenied they raise is a
403. Records outside the user's reach are 404, so staff of another department cannot learn that
they exist. A page the user may not open is the platform's 403 page; a change refused on a record
the user may see is its version page with the reason, status 403.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import OuterRef, Q, Subquery
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import primary_district_id
from gongkai.audit.history import history
from gongkai.catalog import actions, permissions, stats, workflow
from gongkai.catalog.forms import AttachmentForm, RejectForm, VersionForm, WithdrawForm
from gongkai.catalog.models import Attachment, Column, Item, State, Version
from gongkai.catalog.permissions import QUEUES, visible_items, visible_versions
from gongkai.catalog.sanitize import clean_html
from gongkai.catalog.todos import queue_url
from gongkai.catalog.workflow import PENDING_STATES
from gongkai.lib.forms import add_to_form, validation_messages

POST_VERBS = ("submit", "review_pass", "review_reject", "approve", "approve_reject", "unschedule")
REJECT_VERBS = ("review_reject", "approve_reject")
PAGE_SIZE = 20


# --- helpers ----------------------------------------------------------------------------------


def _version_or_404(user, pk: int) -> Version:
    return get_object_or_404(
        visible_versions(user).select_related(
            "item__organisation", "item__live", "column__parent", "topic", "author", "interprets__live"
        ),
        pk=pk,
    )


def _version_url(version: Version, anchor: str = "") -> str:
    return reverse("catalog_staff:version", args=[version.pk]) + (f"#{anchor}" if anchor else "")


# --- dashboard --------------------------------------------------------------------------------


@dataclass
class Card:
    key: str
    title: str
    count: int
    versions: list[Version]
    url: str


# One card per work queue (``permissions.QUEUES``), shown to those it concerns.
CARDS = {
    "drafts": gettext_lazy("我的草稿"),
    "rejected": gettext_lazy("被退回"),
    "review": gettext_lazy("待我保密审查"),
    "approve": gettext_lazy("待我审批"),
    "scheduled": gettext_lazy("定时发布"),
}


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not permissions.can_open_catalog(user):
        raise PermissionDenied
    relevant = permissions.relevant_queues(user)
    counts = permissions.queue_counts(user, relevant)
    cards = []
    for key in relevant:
        versions = []
        if counts[key]:
            versions = list(
                permissions.queue(user, key)
                .select_related("item__organisation", "column__parent")
                .order_by("updated_at", "pk")[:5]
            )
        cards.append(Card(key, str(CARDS[key]), counts[key], versions, queue_url(key)))
    district_id = primary_district_id(user)
    freshness = []
    if district_id is not None:
        scope = stats.Scope(district_id, permissions.visible_org_ids(user, district_id))
        freshness = stats.column_freshness(scope, timezone.localdate())
    return render(
        request,
        "catalog/staff/dashboard.html",
        {"cards": cards, "freshness": freshness, "can_create": permissions.can_create_items(user)},
    )


# --- item list --------------------------------------------------------------------------------


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def item_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not permissions.can_open_catalog(user):
        raise PermissionDenied
    district_id = primary_district_id(user)
    columns = list(Column.objects.filter(district_id=district_id).select_related("parent"))
    orgs = list(permissions.visible_orgs(user, district_id))
    # One row per item: its newest version (a correction in progress shows as the draft it is).
    newest = Version.objects.filter(item=OuterRef("item")).order_by("-number").values("number")[:1]
    versions = visible_versions(user).filter(number=Subquery(newest))

    params = request.GET
    filters = {
        "queue": params.get("queue", ""),
        "state": params.get("state", ""),
        "column": _int(params.get("column")),
        "organisation": _int(params.get("organisation")),
        "year": _int(params.get("year")),
        "q": params.get("q", "").strip()[:100],
    }
    if filters["queue"] in QUEUES:
        versions = versions.filter(QUEUES[filters["queue"]](user))
    else:
        filters["queue"] = ""
    if filters["state"] == "withdrawn":
        versions = versions.filter(item__withdrawn_at__isnull=False)
    elif filters["state"] in State.values:
        versions = versions.filter(state=filters["state"])
    else:
        filters["state"] = ""
    if filters["column"]:
        ids = {filters["column"]} | {c.pk for c in columns if c.parent_id == filters["column"]}
        versions = versions.filter(column_id__in=ids)
    if filters["organisation"]:
        versions = versions.filter(item__organisation_id=filters["organisation"])
    if filters["year"]:
        year = filters["year"]
        versions = versions.filter(
            Q(item__first_published_at__year=year)
            | Q(item__first_published_at__isnull=True, item__created_at__year=year)
        )
    if filters["q"]:
        q = filters["q"]
        versions = versions.filter(
            Q(title__icontains=q) | Q(item__index_no__icontains=q) | Q(doc_number__icontains=q)
        )
    versions = versions.select_related("item__organisation", "column__parent").order_by("-updated_at", "-pk")
    page = Paginator(versions, PAGE_SIZE).get_page(params.get("page"))
    this_year = timezone.localdate().year
    return render(
        request,
        "catalog/staff/items.html",
        {
            "page_obj": page,
            "filters": filters,
            "states": [*State.choices, ("withdrawn", _("已撤回"))],
            "columns": columns,
            "orgs": orgs,
            "years": range(this_year, 2007, -1),
            "queue_title": str(CARDS.get(filters["queue"], "")),
            "can_create": permissions.can_create_items(user),
        },
    )


# --- creating and editing drafts ----------------------------------------------------------------


@login_required
def item_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not permissions.can_create_items(user):
        raise PermissionDenied
    form = VersionForm(request.POST or None, user=user, district_id=primary_district_id(user))
    if request.method == "POST" and form.is_valid():
        content = form.content()
        column = content.pop("column")
        try:
            version = actions.create_item(
                actor=user, organisation=form.cleaned_data["organisation"], column=column, **content
            )
        except ValidationError as exc:
            add_to_form(form, exc)
        except PermissionDenied:
            form.add_error("organisation", _("您不能以该机构的名义发布信息。"))
        else:
            messages.success(request, _("已保存草稿，索引号 %(no)s。") % {"no": version.item.index_no})
            return redirect(_version_url(version))
    return render(request, "catalog/staff/edit.html", {"form": form, "version": None})


@login_required
def version_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    version = _version_or_404(user, pk)
    if not permissions.may(user, "edit", version.item.organisation):
        raise PermissionDenied
    try:
        workflow.check("edit", version.state)
    except workflow.IllegalTransition as exc:
        messages.error(request, str(exc))
        return redirect(_version_url(version))
    form = VersionForm(
        request.POST or None, instance=version, user=user, district_id=version.item.district_id
    )
    if request.method == "POST" and form.is_valid():
        try:
            changes = actions.update_draft(version, actor=user, **form.content())
        except ValidationError as exc:
            add_to_form(form, exc)
        except workflow.IllegalTransition as exc:
            messages.error(request, str(exc))
            return redirect(_version_url(version))
        else:
            messages.success(
                request,
                _("已保存，修改了 %(n)s 项。") % {"n": len(changes)} if changes else _("没有修改。"),
            )
            return redirect(_version_url(version))
    return render(request, "catalog/staff/edit.html", {"form": form, "version": version})


# --- the version page -------------------------------------------------------------------------


def _version_context(request: HttpRequest, version: Version, **extra) -> dict:
    user = request.user
    item = version.item
    org = item.organisation
    buttons, rejects = [], []
    for transition in workflow.verbs_from(version.state):
        if not permissions.can_act(user, transition.verb, version):
            continue
        (rejects if transition.verb in REJECT_VERBS else buttons).append(transition)
    versions = list(item.versions.select_related("author").order_by("-number"))
    pending = next((v for v in versions if v.state in PENDING_STATES), None)
    can_edit = permissions.can_act(user, "edit", version)
    context = {
        "version": version,
        "item": item,
        "body_html": clean_html(version.body),  # stored clean; cleaned again in case of imports
        "attachments": list(version.attachments.all()),
        "buttons": buttons,
        "rejects": rejects,
        "can_edit": can_edit,
        "can_correct": item.live_id is not None and pending is None and permissions.may(user, "correct", org),
        "can_withdraw": item.is_public and permissions.may(user, "withdraw", org),
        "pending": pending if pending is not None and pending.pk != version.pk else None,
        "versions": versions,
        "history": history(item),
        "reject_form": RejectForm(),
        "withdraw_form": WithdrawForm(),
        "attachment_form": AttachmentForm() if can_edit else None,
    }
    context.update(extra)
    return context


def _refuse(request: HttpRequest, version: Version, message: str) -> HttpResponse:
    """403 for a record the user may see: the version page, with the reason as an error message."""
    messages.error(request, message)
    return render(request, "catalog/staff/version.html", _version_context(request, version), status=403)


@login_required
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version_or_404(request.user, pk)
    return render(request, "catalog/staff/version.html", _version_context(request, version))


def _run(version: Version, verb: str, user, data) -> str:
    """Apply ``verb`` through its action; the success message."""
    reason = (data.get("reason") or "").strip()
    if verb == "submit":
        actions.submit(version, actor=user)
        return _("已提交保密审查。")
    if verb == "review_pass":
        actions.review(version, actor=user, passed=True, reason=reason)
        return _("保密审查已通过，已提交领导审批。")
    if verb == "review_reject":
        actions.review(version, actor=user, passed=False, reason=reason)
        return _("已退回编辑修改。")
    if verb == "approve":
        result = actions.approve(version, actor=user, approved=True, reason=reason)
        if result.state == State.SCHEDULED:
            local = timezone.localtime(result.scheduled_at)
            return _("已批准，将于 %(at)s 定时发布。") % {"at": f"{local:%Y-%m-%d %H:%M}"}
        return _("已批准并发布。")
    if verb == "approve_reject":
        actions.approve(version, actor=user, approved=False, reason=reason)
        return _("已退回编辑修改。")
    if verb == "unschedule":
        actions.unschedule(version, actor=user, reason=reason)
        return _("已取消定时发布，信息退回草稿。")
    raise Http404


@login_required
@require_POST
def version_transition(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    if verb not in POST_VERBS:
        raise Http404
    user = request.user
    version = _version_or_404(user, pk)
    transition = workflow.TRANSITIONS[verb]
    try:
        message = _run(version, verb, user, request.POST)
    except workflow.IllegalTransition as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        for text in validation_messages(exc):
            messages.error(request, text)
    except PermissionDenied:
        return _refuse(request, version, _("您没有权限执行“%(label)s”。") % {"label": transition.label})
    else:
        messages.success(request, message)
    return redirect(_version_url(version))


# --- item-level actions: correction and withdrawal ---------------------------------------------


def _item_or_404(user, pk: int) -> Item:
    return get_object_or_404(visible_items(user).select_related("organisation", "live"), pk=pk)


def _page_version(item: Item) -> Version:
    """The version whose page stands for the item: the live one, else the newest.
    Only called once the item's visibility has been checked."""
    version_id = item.live_id or item.versions.order_by("-number").values_list("pk", flat=True).first()
    return get_object_or_404(
        Version.objects.select_related(
            "item__organisation", "item__live", "column__parent", "topic", "author", "interprets__live"
        ),
        pk=version_id,
    )


@login_required
@require_POST
def item_correct(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    item = _item_or_404(user, pk)
    try:
        draft = actions.start_correction(item, actor=user)
    except ValidationError as exc:
        for text in validation_messages(exc):
            messages.error(request, text)
        return redirect(_version_url(_page_version(item)))
    except PermissionDenied:
        return _refuse(request, _page_version(item), _("您没有权限更正该信息。"))
    messages.success(request, _("已建立第 %(n)s 版草稿，修改后重新提交审查。") % {"n": draft.number})
    return redirect("catalog_staff:edit", pk=draft.pk)


@login_required
@require_POST
def item_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    item = _item_or_404(user, pk)
    page_version = _page_version(item)
    if not permissions.may(user, "withdraw", item.organisation):  # asked before the form is read
        return _refuse(request, page_version, _("您没有权限撤回该信息。"))
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("撤回时须填写理由。"))
        return redirect(_version_url(page_version, "withdraw"))
    try:
        actions.withdraw(
            item,
            actor=user,
            reason=form.cleaned_data["reason"],
            public_notice=form.cleaned_data["public_notice"],
        )
    except ValidationError as exc:
        for text in validation_messages(exc):
            messages.error(request, text)
    except PermissionDenied:
        return _refuse(request, page_version, _("您没有权限撤回该信息。"))
    else:
        messages.success(request, _("已撤回，该信息不再在门户网站公开。"))
    return redirect(_version_url(page_version))


# --- attachments ------------------------------------------------------------------------------


def _attachment_or_404(user, pk: int) -> Attachment:
    return get_object_or_404(
        Attachment.objects.filter(version__in=visible_versions(user)).select_related(
            "version__item__organisation"
        ),
        pk=pk,
    )


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    version = _version_or_404(user, pk)
    if not permissions.may(user, "attach", version.item.organisation):  # asked before the file is read
        return _refuse(request, version, _("您没有权限上传附件。"))
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
        return redirect(_version_url(version, "attachments"))
    upload = form.cleaned_data["file"]
    try:
        attachment = actions.add_attachment(version, upload, actor=user)
    except workflow.IllegalTransition as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        for text in validation_messages(exc):
            messages.error(request, _("“%(name)s”未上传：%(reason)s") % {"name": upload.name, "reason": text})
    except PermissionDenied:
        return _refuse(request, version, _("您没有权限上传附件。"))
    else:
        messages.success(request, _("已上传附件“%(name)s”。") % {"name": attachment.name})
    return redirect(_version_url(version, "attachments"))


@login_required
@require_POST
def attachment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    attachment = _attachment_or_404(user, pk)
    version = attachment.version
    try:
        actions.remove_attachment(attachment, actor=user)
    except workflow.IllegalTransition as exc:
        messages.error(request, str(exc))
    except PermissionDenied:
        return _refuse(request, _version_or_404(user, version.pk), _("您没有权限删除附件。"))
    else:
        messages.success(request, _("已删除附件“%(name)s”。") % {"name": attachment.name})
    return redirect(_version_url(version, "attachments"))


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = _attachment_or_404(request.user, pk)
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    return FileResponse(
        handle, as_attachment=True, filename=attachment.name, content_type=attachment.content_type
    )
