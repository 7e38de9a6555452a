"""Putting a monthly bulletin on the portal's publication workflow (通报公开)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string

from gongkai.accounts.permissions import has_perm
from gongkai.catalog.interface import draft_item
from gongkai.hotline.bulletins import Bulletin
from gongkai.hotline.offices import hotline_office
from gongkai.orgs.models import Organisation


@transaction.atomic
def publish_bulletin(
    bulletin: Bulletin, *, actor, organisation: Organisation | None = None, slug: str = "tzgg"
):
    """Put the bulletin on the portal's workflow: a DRAFT information item in 通知公告 (``tzgg``;
    ``gzdt`` if the district has no such column), created by ``actor`` for ``organisation`` (the
    hotline office by default). Review, approval and publication then follow the normal catalog
    workflow — nothing is published here.

    ``actor`` needs ``hotline.publish`` for the district and ``item.edit`` for ``organisation``
    (an editor of the office): the catalog's own rule for who may write a draft.
    """
    district = Organisation.objects.get(pk=bulletin.district_id)
    organisation = organisation or hotline_office(district) or district
    if not has_perm(actor, "hotline.publish", organisation):
        raise PermissionDenied("hotline.publish refused")
    if not has_perm(actor, "item.edit", organisation):
        raise PermissionDenied(f"发布通报须由{organisation.name}的信息编辑起草（item.edit）。")
    body = render_to_string("hotline/bulletins/_body.html", {"b": bulletin, "public": True})
    try:
        return draft_item(
            actor=actor,
            organisation=organisation,
            column_slugs=[slug, "gzdt"],
            title=f"区长公开电话通报（{bulletin.year}年{bulletin.number_label}）",
            body=body,
            written_date=bulletin.issued_on,
        )
    except ValidationError:
        raise ValidationError("本区没有“通知公告”或“工作动态”栏目。") from None
