"""The working-day calendar's entry in the workbench navigation."""

from django.utils.translation import gettext_lazy as _

from gongkai.lib.registry import NavEntry

WORKBENCH = [NavEntry(_("工作日历"), "workcal:year_list", group=_("系统"), order=85)]
