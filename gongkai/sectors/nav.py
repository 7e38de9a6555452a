"""Where sector figures appear in the workbench and on the portal (found by the shells)."""

from django.utils.translation import gettext_lazy as _

from gongkai.lib.registry import NavEntry, PortalSection

WORKBENCH = [
    NavEntry(
        _("行业领域数据"), "sectors_staff:list", permission="sector.view", group=_("政务公开"), order=60
    ),
    NavEntry(
        _("行业数据填报进度"),
        "sectors_staff:completeness",
        permission="sector.view",
        group=_("政务公开"),
        order=61,
    ),
    NavEntry(
        _("行业数据指标目录"),
        "sectors_staff:indicators",
        permission="sector.view",
        group=_("政务公开"),
        order=62,
    ),
]

PORTAL = [PortalSection("sectors", _("行业领域数据"), "sectors:list", order=20)]
