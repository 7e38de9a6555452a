"""Where participation analytics appears in the workbench (found by the shells)."""

from django.utils.translation import gettext_lazy as _

from gongkai.lib.registry import NavEntry

WORKBENCH = [
    NavEntry(
        _("公众参与分析"),
        "analytics_staff:dashboard",
        permission="analytics.view",
        group=_("政务公开"),
        order=70,
    ),
]
