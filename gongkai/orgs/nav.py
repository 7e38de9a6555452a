"""The organisations' entry in the workbench navigation."""

from django.utils.translation import gettext_lazy as _

from gongkai.lib.registry import NavEntry

WORKBENCH = [NavEntry(_("组织机构"), "orgs:list", permission="org.view", group=_("机构与人员"), order=80)]
