"""The entries of 机构与人员 in the workbench navigation: organisations and staff accounts."""

from django.utils.translation import gettext_lazy as _

from gongkai.lib.registry import NavEntry

WORKBENCH = [
    NavEntry(_("组织机构"), "orgs:list", permission="org.view", group=_("机构与人员"), order=80),
    NavEntry(_("工作人员"), "accounts:list", permission="staff.manage", group=_("机构与人员"), order=81),
    NavEntry(_("角色分配"), "accounts:roles", permission="staff.roles", group=_("机构与人员"), order=81),
    NavEntry(_("登录锁定"), "accounts:lockouts", permission="staff.unlock", group=_("机构与人员"), order=82),
]
