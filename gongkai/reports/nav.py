"""Where the annual reports appear in the workbench and on the portal (found by the shells). On the
portal the published reports are items of the catalog's 年报 column (xxgk/nb/); xxgk/ndbg/ lists
the reports themselves with filters, their tables and downloads, and their figures as open data."""

from django.utils.translation import gettext_lazy as _

from gongkai.lib.registry import NavEntry, PortalSection

WORKBENCH = [
    NavEntry(_("年度报告"), "reports_staff:list", permission="report.view", group=_("政务公开"), order=60),
]

PORTAL = [PortalSection("ndbg", _("年度报告查询"), "reports:list", order=13)]
