"""Where the annual reports appear in the workbench (found by the shells). On the portal the
published reports are the catalog's 年报 column (xxgk/nb/); xxgk/ndbg/ lists them with filters."""

from django.utils.translation import gettext_lazy as _

from gongkai.lib.registry import NavEntry

WORKBENCH = [
    NavEntry(_("年度报告"), "reports_staff:list", permission="report.view", group=_("政务公开"), order=60),
]
