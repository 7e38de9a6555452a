"""Where 公示公告 appears in the workbench and on the portal (found by the shells)."""

from django.utils.translation import gettext_lazy as _

from gongkai.lib.registry import NavEntry, PortalSection

WORKBENCH = [
    NavEntry(_("公示公告"), "publicity_staff:list", permission="publicity.view", group=_("政务公开"), order=60),
]

PORTAL = [PortalSection("publicity", _("公示公告"), "publicity:column", order=18)]
