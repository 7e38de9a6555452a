"""Which office does what for a district's hotline: the reads that find it, in one place.

Two questions with two answers, on purpose:

- ``mailbox_office``: where a new mailbox letter goes (the district's hotline office by name, else
  the disclosure office of its leading group).
- ``hotline_office``: the office that took the district's calls, for its reports and their rights
  (the one named on its latest ticket, else the hotline office by name).
"""

from __future__ import annotations

from gongkai.hotline.models import Ticket
from gongkai.orgs.models import Organisation, OrgKind

HOTLINE_OFFICE_SUFFIX = "区长公开电话办公室"
HOTLINE_OFFICE_MARK = "公开电话"


def mailbox_office(district: Organisation | None) -> Organisation | None:
    """The office that takes in the district's mailbox letters.

    The district's hotline office (an active organisation of kind "office" whose name contains
    "公开电话", preferring one named "…区长公开电话办公室"); without one, the disclosure office of the
    district's leading group; None when the district has neither.
    """
    if district is None:
        return None
    offices = list(
        Organisation.objects.filter(
            district=district, kind=OrgKind.OFFICE, is_active=True, name__contains=HOTLINE_OFFICE_MARK
        ).order_by("sort_order", "pk")
    )
    if offices:
        return next((o for o in offices if o.name.endswith(HOTLINE_OFFICE_SUFFIX)), offices[0])
    group = getattr(district, "leading_group", None) if district.pk else None
    return group.office if group is not None else None


def hotline_office(district: Organisation) -> Organisation | None:
    """The office that takes the district's calls: the one named on its tickets, else by name."""
    office_id = (
        Ticket.objects.filter(district=district)
        .order_by("-received_at")
        .values_list("office_id", flat=True)
        .first()
    )
    if office_id:
        return Organisation.objects.get(pk=office_id)
    return (
        Organisation.objects.filter(
            district=district, kind=OrgKind.OFFICE, name__contains=HOTLINE_OFFICE_MARK
        )
        .order_by("pk")
        .first()
    )
