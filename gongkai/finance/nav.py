"""Where budgets, final accounts and fees appear in the workbench and on the portal."""

from django.utils.translation import gettext_lazy as _

from gongkai.lib.registry import NavEntry, PortalSection

WORKBENCH = [
    NavEntry(_("财政预决算"), "finance_staff:list", permission="finance.view", group=_("政务公开"), order=44),
    NavEntry(
        _("预决算公开完成情况"),
        "finance_staff:board",
        permission="finance.view",
        group=_("政务公开"),
        order=45,
    ),
    NavEntry(
        _("行政事业性收费"), "finance_staff:fees", permission="finance.view", group=_("政务公开"), order=46
    ),
]

PORTAL = [PortalSection("finance", _("财政资金"), "finance:list", order=16)]
