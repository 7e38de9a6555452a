"""Where disclosure applications appear in the workbench and on the portal (found by the shells)."""

from django.utils.translation import gettext_lazy as _

from gongkai.lib.registry import NavEntry, PortalSection

WORKBENCH = [
    NavEntry(_("依申请公开"), "applications_staff:list", permission="application.view", group=_("政务公开"), order=20),
    NavEntry(
        _("告知书模板"), "applications_staff:templates", permission="application.templates", group=_("政务公开"), order=21
    ),
]

PORTAL = [PortalSection("apply", _("依申请公开"), "apply:form", order=20)]
