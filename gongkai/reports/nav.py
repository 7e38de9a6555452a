"""Where the annual reports appear in the workbench and on the portal (found by the shells). On the
portal the published reports are items of the catalog's 年报 column (xxgk/nb/); xxgk/ndbg/ lists
the reports themselves with filters, their tables and downloads, and their figures as open data.
The navigation has one 年报 entry, this one (the column page links to it, and it to the column)."""

from django.utils.translation import gettext_lazy as _

from gongkai.lib.registry import NavEntry, PortalSection

WORKBENCH = [
    NavEntry(_("年度报告"), "reports_staff:list", permission="report.view", group=_("政务公开"), order=60),
]

PORTAL = [PortalSection("ndbg", _("信息公开年报"), "reports:list", order=13)]
