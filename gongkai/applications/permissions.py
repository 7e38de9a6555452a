"""Reads of disclosure applications that respect permissions. Every staff view, to-do provider and
export uses these; the rules themselves live in ``gongkai.accounts.permissions``."""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.accounts.permissions import has_perm, scope
from gongkai.applications.models import Application
from gongkai.orgs.models import Organisation


def visible_applications(user) -> QuerySet[Application]:
    """Applications handled by organisations where the user holds ``application.view``."""
    return scope(Application.objects.all(), user, "application.view", "organisation")


def handled_applications(user) -> QuerySet[Application]:
    """Applications the user may work on (``application.handle``): their to-do list."""
    return scope(Application.objects.all(), user, "application.handle", "organisation")


def can_handle(user, app: Application) -> bool:
    return has_perm(user, "application.handle", app.organisation)


def can_see_personal(user, app: Application) -> bool:
    """May the user see the applicant's full data (ID copy, letters)? Each time is audited."""
    return has_perm(user, "application.view", app.organisation) and has_perm(
        user, "personal.reveal", app.organisation
    )


def register_orgs(user) -> QuerySet[Organisation]:
    """Active organisations in which the user may register applications received off-line."""
    return scope(Organisation.objects.filter(is_active=True), user, "application.register", "").order_by(
        "district_id", "sort_order", "id"
    )


def route_targets(user, app: Application) -> QuerySet[Organisation]:
    """Organisations of the application's district it may be transferred to (``application.route``)."""
    return (
        scope(Organisation.objects.filter(is_active=True), user, "application.route", "")
        .filter(district_id=app.district_id)
        .exclude(pk=app.organisation_id)
        .order_by("sort_order", "id")
    )
