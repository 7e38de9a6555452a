"""Staff workbench pages for organisations: the directory and the contact data of the disclosure guide."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from gongkai.accounts import actions
from gongkai.accounts.forms_orgs import ContactsForm
from gongkai.accounts.permissions import has_perm, visible_orgs
from gongkai.orgs.models import OrgKind


def _visible_org_or_404(user, pk: int):
    # 404, not 403: staff of another department must not learn that the record exists.
    return get_object_or_404(visible_orgs(user).select_related("parent", "district"), pk=pk)


@login_required
def org_list(request):
    orgs = visible_orgs(request.user).select_related("parent").annotate(staff_count=Count("memberships"))
    kind = request.GET.get("kind", "")
    if kind in OrgKind.values:
        orgs = orgs.filter(kind=kind)
    q = request.GET.get("q", "").strip()
    if q:
        orgs = orgs.filter(Q(name__icontains=q) | Q(short_name__icontains=q))
    return render(
        request,
        "orgs/list.html",
        {
            "orgs": orgs.order_by("district_id", "kind", "sort_order", "id"),
            "kinds": OrgKind.choices,
            "kind": kind,
            "q": q,
        },
    )


@login_required
def org_detail(request, pk: int):
    org = _visible_org_or_404(request.user, pk)
    children = visible_orgs(request.user).filter(parent=org).order_by("sort_order", "id")
    return render(
        request,
        "orgs/detail.html",
        {
            "org": org,
            "children": children,
            "can_edit": has_perm(request.user, "org.edit_contacts", org),
        },
    )


@login_required
def org_edit_contacts(request, pk: int):
    org = _visible_org_or_404(request.user, pk)
    if not has_perm(request.user, "org.edit_contacts", org):
        raise Http404
    form = ContactsForm(request.POST or None, instance=org)
    if request.method == "POST" and form.is_valid():
        try:
            changes = actions.update_contacts(org, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"已保存，修改了 {len(changes)} 项。" if changes else "没有修改。")
            return redirect("orgs:detail", pk=org.pk)
    return render(request, "orgs/edit_contacts.html", {"org": org, "form": form})
