"""State changes of staff accounts and roles (system administrators of a district), and of the
organisations they work in (the directory and the contact data of the disclosure guide)."""

from __future__ import annotations

from typing import Any

from axes.utils import reset as axes_reset
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.accounts.lockouts import visible_lockouts
from gongkai.accounts.models import Membership, PasswordHistory, User
from gongkai.accounts.permissions import clear_cache, has_any, require
from gongkai.accounts.roles import ADMINISTRATORS, Role
from gongkai.audit.log import diff, record, snapshot
from gongkai.orgs.models import Organisation


@transaction.atomic
def create_staff(
    *,
    actor,
    username: str,
    full_name: str,
    organisation: Organisation,
    password: str,
    role: str = "",
    title: str = "",
) -> User:
    """A new account in ``organisation``'s district. Its roles are the security administrator's to
    give (三员分立): ``role`` only when the actor may also do that, as a platform superuser may."""
    require(actor, "staff.manage", organisation)
    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": "该用户名已被使用。"})
    user = User(username=username, full_name=full_name, title=title, district_id=organisation.district_id)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None
    user.set_password(password)
    user.must_change_password = True  # the administrator knows it: the holder chooses their own
    user.full_clean()
    user.save()
    record(
        "staff.create",
        actor=actor,
        target=user,
        organisation=organisation,
        changes={"username": [None, username]},
    )
    if role:
        grant_role(user, organisation, role, actor=actor)
    return user


@transaction.atomic
def grant_role(user: User, organisation: Organisation, role: str, *, actor) -> Membership:
    require(actor, "staff.roles", organisation)
    if role not in Role.values:
        raise ValidationError({"role": "未知的角色。"})
    if user.pk == actor.pk:
        raise PermissionDenied("不能给自己分配角色。")
    if role in ADMINISTRATORS:
        held = set(user.memberships.filter(role__in=ADMINISTRATORS).values_list("role", flat=True)) - {role}
        if held:
            other = Role(held.pop()).label
            raise ValidationError(
                {
                    "role": f"该工作人员已是{other}。系统管理员、安全管理员、安全审计员须由不同的人担任（三员分立）。"
                }
            )
    if user.district_id and user.district_id != organisation.district_id:
        raise ValidationError({"organisation": "角色所在单位必须属于该工作人员所属的区。"})
    membership, created = Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    if created:
        membership.full_clean()
        record(
            "staff.grant_role",
            actor=actor,
            target=user,
            organisation=organisation,
            changes={"role": [None, f"{organisation.short_name}·{membership.get_role_display()}"]},
        )
        clear_cache(user)
    return membership


@transaction.atomic
def revoke_role(membership: Membership, *, actor) -> None:
    require(actor, "staff.roles", membership.organisation)
    if membership.user_id == actor.pk:
        raise PermissionDenied("不能撤销自己的角色。")
    record(
        "staff.revoke_role",
        actor=actor,
        target=membership.user,
        organisation=membership.organisation,
        changes={"role": [f"{membership.organisation.short_name}·{membership.get_role_display()}", None]},
    )
    membership.delete()
    clear_cache(membership.user)


@transaction.atomic
def set_active(user: User, active: bool, *, actor) -> None:
    org = Organisation.objects.filter(pk=user.district_id).first()
    require(actor, "staff.manage", org)
    if user.pk == actor.pk:
        raise PermissionDenied("不能停用自己的账号。")
    if user.is_active != active:
        record(
            "staff.set_active",
            actor=actor,
            target=user,
            organisation=org,
            changes={"is_active": [user.is_active, active]},
        )
        user.is_active = active
        user.save(update_fields=["is_active"])


# --- passwords ---------------------------------------------------------------------------------

PASSWORD_HISTORY = 5  # as HistoryValidator's count in AUTH_PASSWORD_VALIDATORS


def _validate(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"new_password1": exc.messages}) from None


def _replace_password(user: User, password: str, *, must_change: bool) -> None:
    if user.password:
        PasswordHistory.objects.create(user=user, password=user.password)
        keep = user.password_history.values_list("pk", flat=True)[:PASSWORD_HISTORY]
        user.password_history.exclude(pk__in=list(keep)).delete()
    user.set_password(password)
    user.must_change_password = must_change
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])


@transaction.atomic
def change_own_password(user: User, *, old_password: str, new_password: str) -> None:
    """The holder changes their password: the old one must be right, the new one pass every rule."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active:
        raise PermissionDenied("账号已停用。")
    if not user.check_password(old_password):
        raise ValidationError({"old_password": "原密码不正确。"})
    _validate(new_password, user)
    was_forced = user.must_change_password
    _replace_password(user, new_password, must_change=False)
    record(
        "staff.change_password",
        actor=user,
        target=user,
        organisation=Organisation.objects.filter(pk=user.district_id).first(),
        note="首次登录或重置后修改初始密码" if was_forced else "",
    )


@transaction.atomic
def reset_password(user: User, new_password: str, *, actor) -> None:
    """An administrator gives a new password; the holder must change it at the next sign-in."""
    user = User.objects.select_for_update().get(pk=user.pk)
    org = Organisation.objects.filter(pk=user.district_id).first()
    require(actor, "staff.manage", org)
    if user.pk == actor.pk:
        raise PermissionDenied("请在“修改密码”页修改自己的密码。")
    _validate(new_password, user)
    _replace_password(user, new_password, must_change=True)
    # A reset is what a member of staff who lost their phone asks for: the second factor goes too,
    # to be enrolled again.
    devices, _ = TOTPDevice.objects.filter(user=user).delete()
    record(
        "staff.reset_password",
        actor=actor,
        target=user,
        organisation=org,
        note="同时解除了动态验证码绑定" if devices else "",
    )


# --- the optional second factor (TOTP) ------------------------------------------------------------


def _own_district(user: User) -> Organisation | None:
    return Organisation.objects.filter(pk=user.district_id).first()


@transaction.atomic
def start_totp(user: User) -> TOTPDevice:
    """A new, unconfirmed device for ``user``'s authenticator app (a fresh key each time)."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise ValidationError("已经绑定了动态验证码；如需更换，请先解除绑定。")
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="工作台", confirmed=False)


def confirm_totp(user: User, token: str) -> TOTPDevice:
    """The first code from the app confirms the device: from then on it is asked at every sign-in.

    A wrong code is refused after its transaction commits, so that django-otp's throttle of the
    device (a growing wait after each wrong code) is kept, not rolled back with the refusal."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
        if device is None:
            raise ValidationError("请先点击“开始绑定”。")
        verified = device.verify_token(token.strip())
        if verified:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            record("staff.totp_enable", actor=user, target=user, organisation=_own_district(user))
    if not verified:
        raise ValidationError({"token": "验证码不正确或已过期，请输入验证器应用当前显示的 6 位数字。"})
    return device


def remove_totp(user: User, token: str) -> None:
    """The holder removes their second factor, proving it with a current code (throttled as above)."""
    with transaction.atomic():
        devices = list(TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True))
        if not devices:
            raise ValidationError("没有绑定动态验证码。")
        verified = any(device.verify_token(token.strip()) for device in devices)
        if verified:
            TOTPDevice.objects.filter(user=user).delete()
            record("staff.totp_disable", actor=user, target=user, organisation=_own_district(user))
    if not verified:
        raise ValidationError({"token": "验证码不正确或已过期。"})


# --- sign-in lockouts ----------------------------------------------------------------------------


@transaction.atomic
def unlock_login(*, actor, username: str = "", ip: str = "") -> int:
    """Lift the lockout of an account or of an address before its period ends; returns the number
    of axes' attempt rows cleared. Only a lockout the actor's office may see (lockouts.py)."""
    if bool(username) == bool(ip):
        raise ValidationError("请指定要解除锁定的账号或地址之一。")
    if not has_any(actor, "staff.unlock") and not actor.is_superuser:
        raise PermissionDenied("staff.unlock refused")
    accounts, addresses = visible_lockouts(actor)
    lock = next((lk for lk in (accounts if username else addresses) if lk.value == (username or ip)), None)
    if lock is None:
        # Another district's lockout is not seen at all, as one that has lapsed.
        raise ValidationError("没有找到该锁定，可能已到期自动解除或已被他人解除。")
    org = Organisation.objects.filter(pk=lock.person.district_id).first() if lock.person else None
    if org is not None and not actor.is_superuser:
        require(actor, "staff.unlock", org)
    cleared = axes_reset(username=username) if username else axes_reset(ip=ip)
    record(
        "auth.unlock",
        actor=actor,
        target=lock.person,
        organisation=org,
        note=(f"解除账号锁定：{username}" if username else f"解除地址锁定：{ip}")
        + f"（锁定前失败 {lock.failures} 次）",
    )
    return cleared


# --- organisations ---------------------------------------------------------------------------

CONTACT_FIELDS = ("address", "postcode", "office_hours", "phone", "fax", "email", "website", "duties")


@transaction.atomic
def update_contacts(org: Organisation, values: dict[str, Any], *, actor) -> dict[str, list[Any]]:
    """Change the contact data that the disclosure guide shows; returns the changes made."""
    org = Organisation.objects.select_for_update().get(pk=org.pk)
    require(actor, "org.edit_contacts", org)
    unknown = set(values) - set(CONTACT_FIELDS)
    if unknown:
        raise ValidationError(f"不能修改这些字段：{', '.join(sorted(unknown))}")
    before = snapshot(org, CONTACT_FIELDS)
    for name, value in values.items():
        setattr(org, name, (value or "").strip() if isinstance(value, str) or value is None else value)
    org.full_clean()
    changes = diff(before, snapshot(org, CONTACT_FIELDS))
    if changes:
        org.save(update_fields=list(changes))
        record("org.update_contacts", actor=actor, target=org, changes=changes)
    return changes


@transaction.atomic
def create_organisation(*, actor, parent: Organisation, **fields: Any) -> Organisation:
    """Add an organisation under ``parent`` (the office or a system administrator only)."""
    require(actor, "org.manage", parent)
    org = Organisation(parent=parent, **fields)
    org.full_clean()
    org.save()
    record("org.create", actor=actor, target=org, changes={k: [None, str(v)] for k, v in fields.items()})
    return org
