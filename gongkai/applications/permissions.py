"""Who may see and do what with disclosure applications: every staff view, action, to-do provider
and export asks here. The roles behind each permission live in ``gongkai.accounts.permissions``;
which permission each verb needs, in ``workflow.TRANSITIONS``."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from gongkai.accounts.permissions import has_perm, primary_district_id, reach, scope
from gongkai.applications import workflow
from gongkai.applications.models import Application, LedgerImport
from gongkai.orgs.models import Organisation


def visible_applications(user) -> QuerySet[Application]:
    """Applications handled by organisations where the user holds ``application.view``."""
    return scope(Application.objects.all(), user, "application.view", "organisation")


def handled_applications(user) -> QuerySet[Application]:
    """Applications the user may work on (``application.handle``): their to-do list."""
    return scope(Application.objects.all(), user, "application.handle", "organisation")


def may(user, verb: str, app: Application) -> bool:
    """Does ``user`` hold the permission ``verb`` needs on ``app``? (Whether the application's state
    allows it is the workflow's question, answered by the action with its reason.)"""
    return has_perm(user, workflow.TRANSITIONS[verb].permission, app.organisation)


def require(user, verb: str, app: Application) -> None:
    """PermissionDenied unless ``may``: the first check of every action, and of the page that posts
    to it (so a refused user gets the 403 page before their input is even read)."""
    if not may(user, verb, app):
        raise PermissionDenied(f"{workflow.TRANSITIONS[verb].permission} refused")


def offered(user, app: Application) -> dict[str, bool]:
    """Each verb: may ``user`` apply it to ``app`` now (its state allows it and the user may)?"""
    allowed = {t.verb for t in workflow.verbs_from(app.status)}
    return {verb: verb in allowed and may(user, verb, app) for verb in workflow.TRANSITIONS}


def can_see_personal(user, app: Application) -> bool:
    """May the user see the applicant's full data (ID copy, letters)? Each time is audited."""
    return has_perm(user, "application.view", app.organisation) and has_perm(
        user, "personal.reveal", app.organisation
    )


def require_personal(user, app: Application) -> None:
    if not can_see_personal(user, app):
        raise PermissionDenied("personal.reveal refused")


def register_orgs(user) -> QuerySet[Organisation]:
    """Active organisations in which the user may register applications received off-line."""
    return scope(Organisation.objects.filter(is_active=True), user, "application.register", "").order_by(
        "district_id", "sort_order", "id"
    )


def ledger_orgs(user) -> QuerySet[Organisation]:
    """Active organisations whose ledger the user may import: they register and handle its
    applications there (application.register and application.handle)."""
    handled = scope(Organisation.objects.all(), user, "application.handle", "")
    return register_orgs(user).filter(pk__in=handled.values("pk"))


def visible_ledger_imports(user) -> QuerySet[LedgerImport]:
    """The ledger imports of organisations whose applications the user may see."""
    return scope(LedgerImport.objects.all(), user, "application.view", "organisation")


def route_targets(user, app: Application) -> QuerySet[Organisation]:
    """Organisations of the application's district it may be transferred to (``application.route``)."""
    return (
        scope(Organisation.objects.filter(is_active=True), user, "application.route", "")
        .filter(district_id=app.district_id)
        .exclude(pk=app.organisation_id)
        .order_by("sort_order", "id")
    )


def template_district(user) -> Organisation:
    """The district whose reply-letter templates the user edits: their own, if they hold
    ``application.templates`` there; PermissionDenied otherwise."""
    district_id = primary_district_id(user)
    if district_id is None or district_id not in reach(user, "application.templates").districts:
        raise PermissionDenied("application.templates refused")
    return Organisation.objects.get(pk=district_id)
