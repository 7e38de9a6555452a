"""Where the power list appears in the workbench and on the portal (found by the shells)."""

from django.utils.translation import gettext_lazy as _

from gongkai.lib.registry import NavEntry, PortalSection

WORKBENCH = [
    NavEntry(_("权力清单"), "powers_staff:list", permission="power.view", group=_("政务公开"), order=40),
    NavEntry(
        _("权力清单依据文件"),
        "powers_staff:documents",
        permission="power.view",
        group=_("政务公开"),
        order=41,
    ),
]

PORTAL = [PortalSection("powers", _("权力清单"), "powers:list", order=14)]
