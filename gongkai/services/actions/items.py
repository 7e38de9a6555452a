"""Registering and correcting service items (the six basic elements).

The basic elements are kept uniform nationally: they may be corrected while none of the item's
guide versions has been released; after that they are fixed (a changed item is a new code), so
that what the public saw under an index number is never changed without review.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gongkai.audit.log import record
from gongkai.orgs.models import Organisation
from gongkai.services import guides, permissions
from gongkai.services.models import GuideState, ItemType, ServiceItem

CODE_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._\-]{0,39}$")


def _clean(values: dict[str, Any], district_id: int) -> dict[str, Any]:
    cleaned = {
        "code": (values.get("code") or "").strip(),
        "name": (values.get("name") or "").strip(),
        "type": values.get("type") or "",
        "department": values.get("department"),
        "organisation": values.get("organisation"),
        "basis": (values.get("basis") or "").strip(),
        "power_code": (values.get("power_code") or "").strip(),
    }
    errors: dict[str, str] = {}
    for field, label in guides.ITEM_ELEMENTS:
        if not cleaned[field]:
            errors[field] = _("请填写%(label)s（全国统一的基本要素）。") % {"label": label}
    if cleaned["code"] and not CODE_RE.match(cleaned["code"]):
        errors["code"] = _("事项编码只能由字母、数字和 - _ . 组成，不超过40个字符。")
    if cleaned["type"] and cleaned["type"] not in ItemType.values:
        errors["type"] = _("请选择事项类型。")
    for field in ("department", "organisation"):
        org = cleaned[field]
        if isinstance(org, Organisation) and org.district_id != district_id:
            errors[field] = _("该机构不属于本区。")
    if cleaned["power_code"] and not CODE_RE.match(cleaned["power_code"]):
        errors["power_code"] = _("权力编码只能由字母、数字和 - _ . 组成，不超过40个字符。")
    if errors:
        raise ValidationError(errors)
    return cleaned


def _audit_value(value: Any) -> Any:
    return str(value) if isinstance(value, Organisation) else value


@transaction.atomic
def create_item(*, actor, **values: Any) -> ServiceItem:
    """A service item of ``organisation`` (实施机关) with its six basic elements and, if it
    exercises one, the code of its power in the power list."""
    organisation = values.get("organisation")
    if not isinstance(organisation, Organisation):
        raise ValidationError({"organisation": _("请选择实施机关。")})
    permissions.require(actor, "create_item", organisation)
    cleaned = _clean(values, organisation.district_id)
    if ServiceItem.objects.filter(district_id=organisation.district_id, code=cleaned["code"]).exists():
        raise ValidationError({"code": _("本区已登记事项编码 %(code)s。") % {"code": cleaned["code"]}})
    item = ServiceItem(district_id=organisation.district_id, created_by=actor, **cleaned)
    item.full_clean(
        exclude=["district", "department", "organisation", "created_by"], validate_constraints=False
    )
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:
        raise ValidationError(
            {"code": _("本区已登记事项编码 %(code)s。") % {"code": cleaned["code"]}}
        ) from None
    record(
        "service_item.create",
        actor=actor,
        target=item,
        organisation=organisation,
        changes={k: [None, _audit_value(v)] for k, v in cleaned.items() if v},
    )
    return item


@transaction.atomic
def edit_item(item: ServiceItem, *, actor, **values: Any) -> ServiceItem:
    """Correct an item's basic elements while none of its guide versions is released."""
    item = ServiceItem.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=item.pk)
    permissions.require(actor, "edit_item", item.organisation)
    new_org = values.get("organisation") or item.organisation
    if new_org.pk != item.organisation_id:
        permissions.require(actor, "edit_item", new_org)
    if item.guides.filter(state=GuideState.RELEASED).exists():
        raise ValidationError(
            _("该事项的办事指南已提交发布，基本要素全国统一、不再修改；如确需变更，请登记新的事项编码。")
        )
    cleaned = _clean({**values, "code": item.code, "organisation": new_org}, item.district_id)
    changes = {}
    for field, value in cleaned.items():
        old = getattr(item, field)
        if old != value:
            changes[field] = [_audit_value(old), _audit_value(value)]
            setattr(item, field, value)
    if not changes:
        return item
    item.save()
    record("service_item.edit", actor=actor, target=item, organisation=item.organisation, changes=changes)
    return item
