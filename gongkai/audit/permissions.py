"""Who may read which audit events."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from gongkai.accounts.permissions import reach
from gongkai.audit.models import AuditEvent


def visible_events(user) -> QuerySet[AuditEvent]:
    """Events of the organisations the user may audit; district-wide roles also see district-level events."""
    r = reach(user, "audit.view")
    if not r:
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(Q(district_id__in=r.districts) | Q(organisation_id__in=r.orgs))
