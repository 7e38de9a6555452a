"""Staff sign-ins and failed attempts go to the audit trail (never the password typed)."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from gongkai.audit.log import record
from gongkai.audit.models import AuditKind


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    record("auth.login", actor=user, target=user, kind=AuditKind.LOGIN)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    # Attributed to the district whose site was used, so that its office sees attempts on it.
    district = getattr(request, "district", None) if request is not None else None
    record("auth.login_failed", kind=AuditKind.LOGIN, organisation=district, note=f"用户名：{username}")
