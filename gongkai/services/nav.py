"""Where the services app appears in the workbench and on the portal (found by the shells)."""

from django.utils.translation import gettext_lazy as _

from gongkai.lib.registry import NavEntry, PortalSection

WORKBENCH = [
    NavEntry(
        _("政务服务事项"), "services_staff:items", permission="service.view", group=_("政务公开"), order=42
    ),
    NavEntry(
        _("办件与好差评"), "services_staff:cases", permission="service.view", group=_("政务公开"), order=43
    ),
    NavEntry(
        _("办件导入"), "services_staff:imports", permission="service.import", group=_("政务公开"), order=44
    ),
]

PORTAL = [PortalSection("services", _("办事指南"), "services:list", order=15)]
