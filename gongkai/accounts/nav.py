"""The staff accounts' entry in the workbench navigation."""

from django.utils.translation import gettext_lazy as _

from gongkai.lib.registry import NavEntry

WORKBENCH = [NavEntry(_("工作人员"), "accounts:list", permission="staff.manage", group=_("机构与人员"), order=81)]
