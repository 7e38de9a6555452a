"""Who may see and do what with hotline tickets: named reads over ``gongkai.accounts.permissions``.

Every staff view and to-do provider uses these; none re-implements the rules.

- The hotline office (operators, and the district-wide coordinator and auditor) sees the tickets
  it took: ``office`` within their ``ticket.view`` reach (the coordinator's and auditor's reach is
  the whole district).
- A handling unit sees the tickets it leads or co-handles, now or before (a returned or
  transferred ticket stays readable to the unit that had it): ``lead`` or an assignment's
  organisation within reach. An ``Exists`` subquery keeps one row per ticket, without DISTINCT.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from gongkai.accounts.permissions import has_any, has_perm, reach
from gongkai.accounts.roles import roles_with
from gongkai.hotline.models import Assignment, Status, Ticket
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


def can_dispatch(user, ticket: Ticket) -> bool:
    return has_perm(user, "ticket.dispatch", ticket.office)


def can_handle(user, ticket: Ticket) -> bool:
    return ticket.lead is not None and has_perm(user, "ticket.handle", ticket.lead)


def can_callback(user, ticket: Ticket) -> bool:
    return has_perm(user, "ticket.callback", ticket.office)


def can_escalate(user, ticket: Ticket) -> bool:
    return has_perm(user, "ticket.escalate", ticket.office)


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
