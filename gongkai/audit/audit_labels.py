"""The audit trail's words for sign-ins, which the audit app records itself."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "auth.login": _("登录"),
    "auth.login_failed": _("登录失败"),
    "auth.locked_out": _("登录锁定"),
    "auth.login_refused": _("锁定期间登录被拒绝"),
}
