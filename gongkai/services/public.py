"""What the public sees of the services app: for each service item, the newest version of its
guide whose notice is public in the catalog (``notices.public_version_ids``); and of the cases,
only figures (``stats.py``) — never a case, never an applicant. The portal, the open data, the
API and the figures all read the guides through here, so they show the same thing."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from gongkai.orgs.models import Organisation
from gongkai.services import notices
from gongkai.services.models import ServiceGuide


def public_guides(district: Organisation | None) -> QuerySet[ServiceGuide]:
    """Each item's newest public guide version in the district."""
    if district is None:
        return ServiceGuide.objects.none()
    ids = notices.public_version_ids(district)
    newest: dict[int, tuple[int, int]] = {}
    for pk, item_id, version in ServiceGuide.objects.filter(pk__in=ids).values_list(
        "pk", "item_id", "version"
    ):
        if item_id not in newest or version > newest[item_id][1]:
            newest[item_id] = (pk, version)
    return ServiceGuide.objects.filter(pk__in=[pk for pk, _v in newest.values()])


def for_display(guides: QuerySet[ServiceGuide]) -> QuerySet[ServiceGuide]:
    return guides.select_related("item", "item__organisation", "item__department").order_by(
        "item__organisation__sort_order", "item__organisation_id", "item__code"
    )


def public_guide_or_404(district: Organisation | None, code: str) -> ServiceGuide:
    guide = for_display(public_guides(district)).filter(item__code=code).first()
    if guide is None:
        raise Http404("没有这项办事指南。")
    return guide
