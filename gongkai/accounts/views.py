"""Staff management in the workbench: a district's system administrator keeps accounts and roles."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.password_validation import password_validators_help_texts
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.accounts import actions
from gongkai.accounts.forms import (
    GrantRoleForm,
    PasswordChangeForm,
    PasswordResetForm,
    StaffCreateForm,
    TokenForm,
)
from gongkai.accounts.lockouts import lockout_minutes, visible_lockouts
from gongkai.accounts.models import Membership, User
from gongkai.accounts.permissions import has_any, reach, scope


def _manageable_orgs(user, permission: str = "staff.manage"):
    from gongkai.orgs.models import Organisation

    return scope(Organisation.objects.filter(is_active=True), user, permission, "").order_by(
        "sort_order", "id"
    )


def _manageable_users(user):
    """The accounts the system administrator keeps, or the security administrator gives roles to."""
    q = Q(pk__in=[])
    for permission in ("staff.manage", "staff.roles"):
        r = reach(user, permission)
        q |= Q(district_id__in=r.districts) | Q(memberships__organisation_id__in=r.orgs)
    return User.objects.filter(q).distinct()


def _require_manager(user) -> None:
    if not (has_any(user, "staff.manage") or has_any(user, "staff.roles")):
        raise PermissionDenied


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@login_required
def staff_list(request):
    _require_manager(request.user)
    users = _manageable_users(request.user).prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("organisation"))
    )
    q = request.GET.get("q", "").strip()
    if q:
        users = users.filter(Q(username__icontains=q) | Q(full_name__icontains=q))
    page = Paginator(users.order_by("username"), 50).get_page(request.GET.get("page"))
    return render(request, "accounts/list.html", {"page_obj": page, "q": q, **_can(request.user)})


@login_required
def staff_create(request):
    if not has_any(request.user, "staff.manage"):
        raise PermissionDenied
    form = StaffCreateForm(request.POST or None, organisations=_manageable_orgs(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.create_staff(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, f"已创建账号 {user.username}。")
            return redirect("accounts:detail", pk=user.pk)
    return render(request, "accounts/create.html", {"form": form})


@login_required
def staff_detail(request, pk: int):
    _require_manager(request.user)
    person = get_object_or_404(_manageable_users(request.user), pk=pk)
    if request.method == "POST" and not has_any(request.user, "staff.roles"):
        raise PermissionDenied  # roles are the security administrator's to give (三员分立)
    form = GrantRoleForm(request.POST or None, organisations=_manageable_orgs(request.user, "staff.roles"))
    if request.method == "POST" and form.is_valid():
        try:
            actions.grant_role(
                person, form.cleaned_data["organisation"], form.cleaned_data["role"], actor=request.user
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        except PermissionDenied as exc:
            raise PermissionDenied(str(exc)) from None
        else:
            messages.success(request, "已分配角色。")
            return redirect("accounts:detail", pk=person.pk)
    memberships = person.memberships.select_related("organisation").order_by("organisation__sort_order")
    return render(
        request,
        "accounts/detail.html",
        {
            "person": person,
            "memberships": memberships,
            "form": form,
            "reset_form": PasswordResetForm(),
            **_can(request.user),
        },
    )


def _can(user) -> dict[str, bool]:
    """Which parts of a staff page to draw (三员分立); the actions check again."""
    return {"can_manage": has_any(user, "staff.manage"), "can_roles": has_any(user, "staff.roles")}


@login_required
@require_POST
def password_reset(request, pk: int):
    _require_manager(request.user)
    person = get_object_or_404(_manageable_users(request.user), pk=pk)
    form = PasswordResetForm(request.POST)
    if form.is_valid():
        try:
            actions.reset_password(person, form.cleaned_data["new_password1"], actor=request.user)
        except ValidationError as exc:
            _apply_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc) or "没有权限。")
    if form.errors:
        memberships = person.memberships.select_related("organisation").order_by("organisation__sort_order")
        grant = GrantRoleForm(organisations=_manageable_orgs(request.user, "staff.roles"))
        return render(
            request,
            "accounts/detail.html",
            {
                "person": person,
                "memberships": memberships,
                "form": grant,
                "reset_form": form,
                **_can(request.user),
            },
            status=400,
        )
    messages.success(request, f"已重置 {person.username} 的密码，对方下次登录时须修改。")
    return redirect("accounts:detail", pk=person.pk)


@login_required
def password_change(request):
    """Any staff member changes their own password; the only page open while a change is due."""
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_own_password(
                request.user,
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password1"],
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            request.user.refresh_from_db()
            update_session_auth_hash(request, request.user)  # stay signed in here, out elsewhere
            messages.success(request, "密码已修改。")
            return redirect("workbench:home")
    return render(
        request,
        "accounts/password.html",
        {
            "form": form,
            "forced": request.user.must_change_password,
            "rules": password_validators_help_texts(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def role_revoke(request, pk: int, membership_pk: int):
    _require_manager(request.user)
    person = get_object_or_404(_manageable_users(request.user), pk=pk)
    membership = get_object_or_404(person.memberships.select_related("organisation"), pk=membership_pk)
    try:
        actions.revoke_role(membership, actor=request.user)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or "没有权限。")
    else:
        messages.success(request, "已撤销角色。")
    return redirect("accounts:detail", pk=person.pk)


@login_required
@require_POST
def staff_set_active(request, pk: int):
    _require_manager(request.user)
    person = get_object_or_404(_manageable_users(request.user), pk=pk)
    try:
        actions.set_active(person, request.POST.get("active") == "1", actor=request.user)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or "没有权限。")
    return redirect("accounts:detail", pk=person.pk)


@login_required
def lockouts(request):
    """The accounts and addresses locked out after repeated failed sign-ins, for the office to lift."""
    if not has_any(request.user, "staff.unlock") and not request.user.is_superuser:
        raise PermissionDenied
    if request.method == "POST":
        try:
            actions.unlock_login(
                actor=request.user,
                username=request.POST.get("username", "").strip(),
                ip=request.POST.get("ip", "").strip(),
            )
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            what = request.POST.get("username") or request.POST.get("ip")
            messages.success(request, f"已解除 {what} 的登录锁定。")
        return redirect("accounts:lockouts")
    accounts, addresses = visible_lockouts(request.user)
    return render(
        request,
        "accounts/lockouts.html",
        {
            "accounts": accounts,
            "addresses": addresses,
            "limit": settings.AXES_FAILURE_LIMIT,
            "minutes": lockout_minutes(),
        },
    )


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
def totp(request):
    """Each member of staff binds (or removes) an authenticator app as their second factor."""
    from base64 import b32encode

    from django_otp.plugins.otp_totp.models import TOTPDevice

    form = TokenForm(request.POST or None)
    step = request.POST.get("step", "")
    if request.method == "POST":
        try:
            if step == "start":
                actions.start_totp(request.user)
                return redirect("accounts:totp")
            if form.is_valid():
                if step == "confirm":
                    actions.confirm_totp(request.user, form.cleaned_data["token"])
                    messages.success(request, "已绑定动态验证码。今后登录时须输入验证器应用显示的验证码。")
                    return redirect("accounts:totp")
                if step == "remove":
                    actions.remove_totp(request.user, form.cleaned_data["token"])
                    messages.success(request, "已解除动态验证码绑定。")
                    return redirect("accounts:totp")
        except ValidationError as exc:
            _apply_errors(form, exc)
    devices = TOTPDevice.objects.filter(user=request.user)
    confirmed = next((d for d in devices if d.confirmed), None)
    pending = next((d for d in devices if not d.confirmed), None) if confirmed is None else None
    context = {"form": form, "confirmed": confirmed, "pending": pending}
    if pending is not None:
        context["secret"] = _grouped(b32encode(pending.bin_key).decode())
        context["config_url"] = pending.config_url
    return render(request, "accounts/totp.html", context, status=400 if form.errors else 200)
