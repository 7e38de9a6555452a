"""Sign-in lockouts (django-axes): what the person locked out sees, and which lockouts an office
member may see and lift. Axes keeps the counts (``AccessAttempt``, one row per account and
address tried); the lifting is ``actions.unlock_login``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai.accounts.forms import StaffAuthenticationForm
from gongkai.accounts.models import User
from gongkai.accounts.permissions import reach


def lockout_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def lockout_message() -> str:
    return (
        f"登录失败次数过多，该账号或当前网络地址已被锁定 {lockout_minutes()} 分钟。"
        "请稍后再试，或联系公开办协调员、系统管理员解除锁定。"
    )


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The login page again, with the lockout said in Chinese (429), for both login pages."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    form = StaffAuthenticationForm(request, initial={"username": str(username)[:150]})
    return render(
        request,
        "workbench/login.html",
        {
            "form": form,
            "lockout_message": lockout_message(),
            "form_action": request.path,
            "next": request.POST.get("next", request.GET.get("next", "")),
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


@dataclass
class Lockout:
    """An account or an address whose failures in the period reached the limit."""

    kind: str  # "username" or "ip"
    value: str
    failures: int = 0
    last_attempt: dt.datetime | None = None
    others: set[str] = field(default_factory=set)  # addresses for an account, accounts for an address
    hidden: int = 0  # names tried from an address that are not the viewer's district's accounts
    person: User | None = None

    @property
    def until(self) -> dt.datetime | None:
        return self.last_attempt + settings.AXES_COOLOFF_TIME if self.last_attempt else None


def _current() -> list[AccessAttempt]:
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return list(AccessAttempt.objects.filter(attempt_time__gte=since).order_by("-attempt_time"))


def _group(attempts: list[AccessAttempt], kind: str) -> dict[str, Lockout]:
    groups: dict[str, Lockout] = {}
    for a in attempts:
        key = a.username if kind == "username" else a.ip_address
        if not key:
            continue
        lock = groups.setdefault(key, Lockout(kind, key))
        lock.failures += a.failures_since_start
        lock.last_attempt = max(filter(None, [lock.last_attempt, a.attempt_time]))
        other = a.ip_address if kind == "username" else a.username
        if other:
            lock.others.add(other)
    return {k: v for k, v in groups.items() if v.failures >= settings.AXES_FAILURE_LIMIT}


def visible_lockouts(user) -> tuple[list[Lockout], list[Lockout]]:
    """The locked accounts and addresses ``user`` may lift (staff.unlock).

    An account is seen by its own district's office; an address by the office of any district
    whose accounts were tried from it (a platform superuser sees every one, addresses that tried
    no known account among them).
    """
    r = reach(user, "staff.unlock")
    if not r and not user.is_superuser:
        return [], []
    attempts = _current()
    accounts = _group(attempts, "username")
    addresses = _group(attempts, "ip")
    names = set(accounts) | {n for lock in addresses.values() for n in lock.others}
    people = User.objects.filter(username__in=names)
    if not user.is_superuser:
        people = people.filter(Q(district_id__in=r.districts) | Q(memberships__organisation_id__in=r.orgs))
    people_by_name = {p.username: p for p in people.distinct()}
    visible_accounts = []
    for name, lock in accounts.items():
        lock.person = people_by_name.get(name)
        if lock.person is not None or user.is_superuser:
            visible_accounts.append(lock)
    visible_addresses = []
    for lock in addresses.values():
        if user.is_superuser or lock.others & set(people_by_name):
            if not user.is_superuser:
                # A name typed that is no account of the district may be a password typed in the
                # wrong box, or another district's account: counted, not shown.
                shown = lock.others & set(people_by_name)
                lock.hidden, lock.others = len(lock.others - shown), shown
            visible_addresses.append(lock)
    order = lambda lock: lock.last_attempt  # noqa: E731
    return sorted(visible_accounts, key=order, reverse=True), sorted(
        visible_addresses, key=order, reverse=True
    )
