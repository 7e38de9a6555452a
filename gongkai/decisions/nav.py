"""Where the 双公示 registry appears in the workbench and on the portal (found by the shells)."""

from django.utils.translation import gettext_lazy as _

from gongkai.lib.registry import NavEntry, PortalSection

WORKBENCH = [
    NavEntry(_("双公示"), "decisions_staff:list", permission="decision.view", group=_("政务公开"), order=42),
    NavEntry(
        _("双公示批次"), "decisions_staff:batches", permission="decision.view", group=_("政务公开"), order=43
    ),
]


PORTAL = [PortalSection("decisions", _("双公示"), "decisions:list", order=15)]
