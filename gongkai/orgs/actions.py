"""State changes of organisations. Views and API handlers parse input and call one of these."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.accounts.permissions import require
from gongkai.audit.log import diff, record, snapshot
from gongkai.orgs.models import Organisation

CONTACT_FIELDS = ("address", "postcode", "office_hours", "phone", "fax", "email", "website", "duties")


@transaction.atomic
def update_contacts(org: Organisation, values: dict[str, Any], *, actor) -> dict[str, list[Any]]:
    """Change the contact data that the disclosure guide shows; returns the changes made."""
    org = Organisation.objects.select_for_update().get(pk=org.pk)
    require(actor, "org.edit_contacts", org)
    unknown = set(values) - set(CONTACT_FIELDS)
    if unknown:
        raise ValidationError(f"不能修改这些字段：{', '.join(sorted(unknown))}")
    before = snapshot(org, CONTACT_FIELDS)
    for name, value in values.items():
        setattr(org, name, (value or "").strip() if isinstance(value, str) or value is None else value)
    org.full_clean()
    changes = diff(before, snapshot(org, CONTACT_FIELDS))
    if changes:
        org.save(update_fields=list(changes))
        record("org.update_contacts", actor=actor, target=org, changes=changes)
    return changes


@transaction.atomic
def create_organisation(*, actor, parent: Organisation, **fields: Any) -> Organisation:
    """Add an organisation under ``parent`` (the office or a system administrator only)."""
    require(actor, "org.manage", parent)
    org = Organisation(parent=parent, **fields)
    org.full_clean()
    org.save()
    record("org.create", actor=actor, target=org, changes={k: [None, str(v)] for k, v in fields.items()})
    return org
