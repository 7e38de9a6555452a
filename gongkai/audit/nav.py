"""The audit log's entry in the workbench navigation."""

from django.utils.translation import gettext_lazy as _

from gongkai.lib.registry import NavEntry

WORKBENCH = [NavEntry(_("审计日志"), "audit:list", permission="audit.view", group=_("系统"), order=90)]
