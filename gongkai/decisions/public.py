"""What the public sees of the 双公示 registry, defined once for the portal's pages, the open data,
the public API and the figures (``stats.py``):

- ``published``: decisions released in a batch whose information item is public in the catalog,
  not withdrawn — every decision the district has disclosed, whether still on the portal or past
  its publicity period (the figures count these);
- ``on_portal``: of those, the ones still on the portal on a day: released and not past their
  publicity period's end (the periodic job records the end as ``ENDED``; the day is checked here
  too, so a late run never leaves one up).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from gongkai.decisions import notices
from gongkai.decisions.models import Decision, DecisionState
from gongkai.orgs.models import Organisation


def published(district: Organisation | None) -> QuerySet[Decision]:
    if district is None:
        return Decision.objects.none()
    batches = notices.public_batches(district)
    return Decision.objects.filter(
        district=district,
        state__in=[DecisionState.RELEASED, DecisionState.ENDED],
        batch_id__in=list(batches),
    )


def on_portal(district: Organisation | None, day: dt.date) -> QuerySet[Decision]:
    return published(district).filter(
        Q(publicity_ends_on__isnull=True) | Q(publicity_ends_on__gte=day), state=DecisionState.RELEASED
    )


def withdrawn_after_publication(district: Organisation | None) -> QuerySet[Decision]:
    """Withdrawn decisions whose batch was public: the portal says why they are gone."""
    if district is None:
        return Decision.objects.none()
    batches = notices.public_batches(district)
    return Decision.objects.filter(
        district=district, state=DecisionState.WITHDRAWN, batch_id__in=list(batches)
    )
