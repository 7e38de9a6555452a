"""Revealing personal data to a staff member: the one way a full value reaches a person."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models, transaction

from gongkai.accounts.permissions import require
from gongkai.audit.log import record
from gongkai.audit.models import AuditKind
from gongkai.personal.access import encrypted_field, organisation_of

if TYPE_CHECKING:
    from gongkai.accounts.models import User

PERMISSION = "personal.reveal"


@transaction.atomic
def reveal(user: User, obj: models.Model, field_name: str, *, purpose: str = "") -> str:
    """The full value of ``obj.<field_name>`` for ``user``, written to the audit trail.

    Allowed to roles holding ``personal.reveal`` in the organisation that owns ``obj`` (see
    ``access.organisation_of``); raises ``PermissionDenied`` otherwise, and for a record without an
    owning organisation. The audit event names the field and the purpose, never the value.
    """
    field = encrypted_field(obj, field_name)
    org = organisation_of(obj)
    require(user, PERMISSION, org)
    value = getattr(obj, field.attname)
    note = str(field.verbose_name)
    if purpose.strip():
        note = f"{note}：{purpose.strip()}"
    record(
        action=PERMISSION,
        kind=AuditKind.PERSONAL_VIEW,
        actor=user,
        target=obj,
        organisation=org,
        note=note,
    )
    return value.plaintext() if value is not None else ""
