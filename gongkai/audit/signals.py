"""Staff sign-ins, failed attempts and lockouts go to the audit trail (never the password typed),
with the client's address (audit/middleware.py) and the time."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from gongkai.audit.log import record
from gongkai.audit.models import AuditKind


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    record("auth.login", actor=user, target=user, kind=AuditKind.LOGIN)


def _district(request):
    # Attributed to the district whose site was used, so that its office sees attempts on it.
    return getattr(request, "district", None) if request is not None else None


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    # Refused for a lockout in force, before the password was even checked (accounts/backends.py).
    refused = getattr(request, "gongkai_refused_by_lockout", False)
    record(
        "auth.login_refused" if refused else "auth.login_failed",
        kind=AuditKind.LOGIN,
        organisation=_district(request),
        note=f"用户名：{username}",
    )


@receiver(user_locked_out)
def _locked_out(sender, request, username, ip_address, **kwargs):
    # Axes signals a lockout for every attempt during one; the trail records it once, when the
    # failure that reaches the limit makes it.
    if getattr(request, "gongkai_refused_by_lockout", False):
        return
    record(
        "auth.locked_out",
        kind=AuditKind.LOGIN,
        organisation=_district(request),
        note=f"用户名：{str(username or '')[:150]}；地址：{ip_address or '—'}",
    )
