"""Where procurement appears in the workbench and on the portal (found by the shells)."""

from django.utils.translation import gettext_lazy as _

from gongkai.lib.registry import NavEntry, PortalSection

WORKBENCH = [
    NavEntry(
        _("政府采购"), "procurement_staff:list", permission="procurement.view", group=_("政务公开"), order=48
    ),
]

PORTAL = [PortalSection("procurement", _("政府采购"), "procurement:list", order=18)]
