"""Where supervision appears in the workbench (found by the shells): its entries in the left
navigation, and the dashboard panel on the workbench home above the to-do list."""

from django.utils.translation import gettext_lazy as _

from gongkai.lib.registry import NavEntry, StaffHomePanel

WORKBENCH = [
    NavEntry(
        _("督查考核"),
        "supervision_staff:overview",
        permission="supervision.view",
        group=_("政务公开"),
        order=70,
    ),
    NavEntry(
        _("督查问题"),
        "supervision_staff:findings",
        permission="supervision.view",
        group=_("政务公开"),
        order=71,
    ),
    NavEntry(
        _("考核评分"),
        "supervision_staff:scorecards",
        permission="supervision.view",
        group=_("政务公开"),
        order=72,
    ),
    NavEntry(
        _("工作要点"),
        "supervision_staff:plan",
        permission="supervision.view",
        group=_("政务公开"),
        order=73,
    ),
    NavEntry(
        _("网站自查"),
        "supervision_staff:selfcheck",
        permission="supervision.manage",
        group=_("政务公开"),
        order=74,
    ),
    NavEntry(
        _("督查通报"),
        "supervision_staff:bulletins",
        permission="supervision.view",
        group=_("政务公开"),
        order=75,
    ),
]


def _panel(request):
    from gongkai.supervision.views_staff import panel_context

    return panel_context(request)


def _plan_panel(request):
    from gongkai.supervision.views_plan import panel_context

    return panel_context(request)


STAFF_HOME_PANELS = [
    StaffHomePanel("supervision/staff/_home_panel.html", order=10, context=_panel),
    StaffHomePanel("supervision/plan/_home_panel.html", order=11, context=_plan_panel),
]
