"""Who may see and do what with hotline tickets: named reads over ``gongkai.accounts.permissions``.

Every staff view, action and to-do provider uses these; none re-implements the rules. Who may use
a verb of the workflow is ``may`` (the permission ``workflow.py`` names, held for the ticket's
office or its lead unit); what the ticket page offers is ``verbs_for``.

- The hotline office (operators, and the district-wide coordinator and auditor) sees the tickets
  it took: ``office`` within their ``ticket.view`` reach (the coordinator's and auditor's reach is
  the whole district).
- A handling unit sees the tickets it leads or co-handles, now or before (a returned or
  transferred ticket stays readable to the unit that had it): ``lead`` or an assignment's
  organisation within reach. An ``Exists`` subquery keeps one row per ticket, without DISTINCT.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet

from gongkai.accounts.permissions import has_any, has_perm, reach
from gongkai.accounts.roles import roles_with
from gongkai.hotline import workflow
from gongkai.hotline.models import Assignment, Status, Ticket
from gongkai.hotline.offices import hotline_office
from gongkai.orgs.models import Organisation


def _ticket_q(user, permission: str) -> Q | None:
    r = reach(user, permission)
    if not r:
        return None
    q = Q(district_id__in=r.districts) | Q(office_id__in=r.orgs) | Q(lead_id__in=r.orgs)
    assigned = Assignment.objects.filter(ticket=OuterRef("pk"), organisation_id__in=r.orgs)
    return q | Q(Exists(assigned))


def visible_tickets(user) -> QuerySet[Ticket]:
    """The tickets ``user`` may read (``ticket.view``); everything else is 404 to them."""
    q = _ticket_q(user, "ticket.view")
    return Ticket.objects.filter(q) if q is not None else Ticket.objects.none()


def handled_tickets(user) -> QuerySet[Ticket]:
    """Open tickets waiting for a reply from one of ``user``'s units (``ticket.handle``): as lead, or
    as a co-handler whose assignment is still active."""
    r = reach(user, "ticket.handle")
    if not r:
        return Ticket.objects.none()
    co = Assignment.objects.filter(
        ticket=OuterRef("pk"),
        organisation_id__in=r.orgs,
        role=Assignment.Role.CO,
        outcome=Assignment.Outcome.ACTIVE,
    )
    lead = Q(lead_id__in=r.orgs) | Q(lead__district_id__in=r.districts)
    return Ticket.objects.filter(Q(status=Status.DISPATCHED) & (lead | Q(Exists(co))))


def office_tickets(user, permission: str) -> QuerySet[Ticket]:
    """Tickets whose hotline office lies within ``user``'s reach for ``permission`` (dispatch,
    callback, escalate: the office's own steps)."""
    r = reach(user, permission)
    if not r:
        return Ticket.objects.none()
    return Ticket.objects.filter(Q(district_id__in=r.districts) | Q(office_id__in=r.orgs))


# --- the verbs of the workflow ---------------------------------------------------------------


def may(user, verb: str, ticket: Ticket) -> bool:
    """May ``user`` use ``verb`` on ``ticket``, as far as who they are goes (``workflow``: the
    verb's permission, held for the ticket's office or its lead unit)? The state is the
    workflow's question, asked by the action."""
    transition = workflow.TRANSITIONS[verb]
    return has_perm(user, transition.permission, workflow.party(ticket, transition))


def require(user, verb: str, ticket: Ticket) -> None:
    """Raise PermissionDenied unless ``may``; every action on a ticket calls this first."""
    if not may(user, verb, ticket):
        raise PermissionDenied(f"{workflow.TRANSITIONS[verb].permission} refused")


def verbs_for(user, ticket: Ticket) -> list[workflow.Transition]:
    """What ``user`` may do with ``ticket`` now: the verbs its state and guards allow, and that
    ``user`` may use (the ticket page shows one panel for each)."""
    return [
        t
        for t in workflow.verbs_from(ticket.status)
        if not t.refused_by_guard(ticket) and may(user, t.verb, ticket)
    ]


def can_handle(user, ticket: Ticket) -> bool:
    """Does one of ``user``'s units lead ``ticket`` now (rather than co-handle it)?"""
    return ticket.lead is not None and has_perm(user, "ticket.handle", ticket.lead)


def in_office(user, ticket: Ticket) -> bool:
    """Does ``user`` work for the office that took ``ticket`` (or district-wide over it)? The office
    calls the citizen back, so it knows who called even when the caller asked for anonymity."""
    return any(
        has_perm(user, permission, ticket.office)
        for permission in ("ticket.dispatch", "ticket.callback", "ticket.escalate", "ticket.view")
    )


def sees_caller(user, ticket: Ticket) -> bool:
    """May ``user`` see who called (masked until revealed)? Never a handling unit of an anonymous
    caller's ticket."""
    return not ticket.anonymous or in_office(user, ticket)


def intake_office(user) -> Organisation | None:
    """The office in which ``user`` records calls: the organisation of their membership in a role
    that holds ``ticket.intake`` (an operator's or the coordinator's office)."""
    if not has_any(user, "ticket.intake"):
        return None
    membership = (
        user.memberships.filter(organisation__is_active=True, role__in=roles_with("ticket.intake"))
        .select_related("organisation")
        .order_by("pk")
        .first()
    )
    return membership.organisation if membership is not None else None


def configurable_districts(user) -> set[int]:
    """Districts whose hotline settings and duty roster ``user`` may change (``hotline.configure``
    held district-wide, or in any organisation of the district, such as the hotline office)."""
    r = reach(user, "hotline.configure")
    if not r:
        return set()
    districts = set(r.districts)
    if r.orgs:
        districts |= set(
            Organisation.objects.filter(pk__in=r.orgs).values_list("district_id", flat=True).distinct()
        )
    return districts


def can_configure(user, district_id: int | None) -> bool:
    return district_id is not None and district_id in configurable_districts(user)


def can_view_roster(user) -> bool:
    """The duty roster's month page: the hotline's staff, and whoever configures it."""
    return has_any(user, "ticket.view") or has_any(user, "hotline.configure")


# --- reports and publishing ----------------------------------------------------------------------


def can_read_reports(user, district: Organisation) -> bool:
    """The district's bulletins and hot issues: ``ticket.view`` over the whole district (a
    district-wide role) or in the office that takes the district's calls (its operators). A
    department's staff see their own tickets, not the district's bulletin."""
    r = reach(user, "ticket.view")
    if district.pk in r.districts:
        return True
    office = hotline_office(district)
    return office is not None and office.pk in r.orgs


def can_publish_bulletin(user, district: Organisation) -> bool:
    """May ``user`` put the district's bulletin on the portal's workflow (``hotline.publish`` for
    the hotline office)? Drafting the item needs ``item.edit`` too, which the catalog checks."""
    return has_perm(user, "hotline.publish", hotline_office(district) or district)


def can_publish_letters(user) -> bool:
    """The mailbox column's page (信件公开): ``hotline.publish`` anywhere."""
    return has_any(user, "hotline.publish")


def publishable_letters(user, district: Organisation) -> QuerySet[Ticket]:
    """Closed letters whose writer agreed to publication, in offices where ``user`` may publish."""
    return (
        office_tickets(user, "hotline.publish")
        .filter(district=district, status=Status.CLOSED, publish_allowed=True)
        .select_related("category", "lead", "office")
        .order_by("published", "-closed_at", "-pk")
    )
