"""What the public sees of budgets and final accounts: released disclosures whose information item
is public in the catalog. The portal, the open data, the public API and the figures (``stats.py``)
all read through here, so they show the same disclosures.

Fees are the district's list of administrative fees as recorded (the list itself is what
第二十条第（八）项 asks to be public); ``public_fee_items`` is the one definition of it."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from gongkai.finance import notices
from gongkai.finance.models import Disclosure, FeeItem, State
from gongkai.orgs.models import Organisation


def public_disclosure_ids(district: Organisation | None) -> set[int]:
    if district is None:
        return set()
    released = list(
        Disclosure.objects.filter(district=district, state=State.RELEASED, item_id__isnull=False).only(
            "pk", "state", "item_id"
        )
    )
    return {pk for pk, p in notices.publications(district, released).items() if p.is_public}


def public_disclosures(district: Organisation | None) -> QuerySet[Disclosure]:
    """Every disclosure the public sees in the district."""
    if district is None:
        return Disclosure.objects.none()
    return Disclosure.objects.filter(district=district, pk__in=public_disclosure_ids(district))


def public_disclosure_or_404(district: Organisation | None, pk: int) -> Disclosure:
    disclosure = (
        public_disclosures(district).select_related("unit", "organisation", "district").filter(pk=pk).first()
    )
    if disclosure is None:
        raise Http404("没有这项预决算公开。")
    return disclosure


def public_fee_items(district: Organisation | None) -> QuerySet[FeeItem]:
    if district is None:
        return FeeItem.objects.none()
    return FeeItem.objects.filter(district=district)
