"""Who may see and do what with publicity lists and notices: the one place staff views and the
actions ask.

The rules about roles live in ``gongkai.accounts.roles`` (``publicity.view``, ``publicity.edit``,
``publicity.publish``). A list belongs to the organisation that publishes it (民政局 for 低保,
住建局 for housing …): its staff (and those of the units above it) see and change it; the disclosure
office's coordinator and the auditor reach the whole district. Seeing a household's full ID number,
phone, bank account or address is a further step: ``gongkai.personal``'s audited reveal, with its
own permission, checked against the same organisation.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from gongkai.accounts.permissions import has_any, has_perm, org_filter, reach, scope
from gongkai.orgs.models import Organisation
from gongkai.publicity.models import Objection, Publicity
from gongkai.publicity.workflow import TRANSITIONS

# The permission each verb needs; the workflow's verbs take theirs from ``workflow.TRANSITIONS``.
VERB_PERMISSIONS: dict[str, str] = {
    "view": "publicity.view",
    "create": "publicity.edit",
    "export": "publicity.view",
    "configure": "publicity.publish",
    **{verb: t.permission for verb, t in TRANSITIONS.items() if t.permission},
}


def may(user, verb: str, organisation: Organisation | None) -> bool:
    """May ``user`` apply ``verb`` to a record of ``organisation``? (Permission only, not state.)"""
    return has_perm(user, VERB_PERMISSIONS[verb], organisation)


def require(user, verb: str, organisation: Organisation | None) -> None:
    """Raise PermissionDenied unless ``may``; every action calls this before it changes anything."""
    if not may(user, verb, organisation):
        raise PermissionDenied(f"{VERB_PERMISSIONS[verb]} refused")


def can_open(user) -> bool:
    """The workbench's publicity pages concern this user."""
    return has_any(user, "publicity.view")


def can_create_somewhere(user) -> bool:
    return has_any(user, "publicity.edit")


def visible_publicities(user) -> QuerySet[Publicity]:
    """Lists and notices of the organisations the user may see, drafts and ended ones included."""
    return scope(Publicity.objects.all(), user, "publicity.view", "organisation")


def visible_objections(user) -> QuerySet[Objection]:
    return scope(Objection.objects.all(), user, "publicity.view", "publicity__organisation")


def editable_orgs(user, district_id: int | None) -> QuerySet[Organisation]:
    """Active organisations of the district for which the user may enter lists (``publicity.edit``)."""
    return scope(
        Organisation.objects.filter(district_id=district_id, is_active=True), user, "publicity.edit", ""
    ).order_by("sort_order", "id")


def visible_orgs(user, district_id: int | None) -> QuerySet[Organisation]:
    """Organisations of the district whose lists the user may see (the list's filter)."""
    return scope(Organisation.objects.filter(district_id=district_id), user, "publicity.view", "").order_by(
        "sort_order", "id"
    )


def can_configure(user, district: Organisation) -> bool:
    """The district's publicity periods are the disclosure office's (a district-wide role)."""
    return district.pk in reach(user, VERB_PERMISSIONS["configure"]).districts


def publishable(user):
    """A Q of the lists whose release waits for this user (the workbench's to-do)."""
    return org_filter(user, "publicity.publish", "organisation")
