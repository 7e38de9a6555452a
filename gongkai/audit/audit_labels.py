"""The audit trail's words for sign-ins, which the audit app records itself."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "auth.login": _("登录"),
    "auth.login_failed": _("登录失败"),
}
