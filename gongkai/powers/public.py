"""What the public sees of the power list: the changes of released documents whose notice is
public in the catalog (``notices.public_document_ids``). The portal, the open-data exports, the
public API and the figures (``stats.py``) all read through here, so they show the same list."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from gongkai.orgs.models import Organisation
from gongkai.powers import notices
from gongkai.powers.models import Power, PowerChange


def public_changes(district: Organisation | None) -> QuerySet[PowerChange]:
    """Every change the public sees in the district, of any date."""
    if district is None:
        return PowerChange.objects.none()
    documents = notices.public_document_ids(district)
    return PowerChange.objects.filter(power__district=district, document_id__in=documents)


def public_power_or_404(district: Organisation | None, code: str) -> tuple[Power, list[PowerChange]]:
    """A power with at least one public change, and its public changes in order."""
    changes = list(
        public_changes(district)
        .filter(power__code=code)
        .select_related("power", "organisation", "document")
        .order_by("effective_on", "pk")
    )
    if not changes:
        raise Http404("没有这项权力。")
    return changes[0].power, changes
