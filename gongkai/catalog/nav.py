"""Where proactive disclosure appears in the workbench and on the portal (found by the shells)."""

from django.utils.translation import gettext_lazy as _

from gongkai.catalog.views_public import home_latest_context
from gongkai.lib.registry import HomePanel, NavEntry, PortalSection

WORKBENCH = [
    NavEntry(_("主动公开"), "catalog_staff:dashboard", permission="item.view", group=_("政务公开"), order=10),
    NavEntry(_("信息列表"), "catalog_staff:items", permission="item.view", group=_("政务公开"), order=11),
]

# A short navigation (目录, 指南, 年报): the labels drop "政府" so that the navigation stays short
# and "政府信息公开" names one link only. 年报 is the reports app's entry (xxgk/ndbg/, the reports
# with filters, tables and downloads); the 年报 column's own address (xxgk/nb/) stays the column
# page, which also lists the reports published before the platform, and links to it.
PORTAL = [
    PortalSection("catalog", _("信息公开目录"), "catalog:browse", order=11),
    PortalSection("guide", _("信息公开指南"), "catalog:guide", order=12),
]

HOME_PANELS = [
    HomePanel("catalog/portal/_home_search.html", order=5),
    HomePanel("catalog/portal/_home_latest.html", order=10, context=home_latest_context),
]
