"""Which organisation owns a record's personal data, and the signed tokens that point at a field.

A model holding personal data either has an ``organisation`` (ForeignKey to orgs.Organisation) or
defines ``personal_data_organisation()`` returning the owning organisation (a ticket's handling
unit, an applicant's agency…). Permission to reveal is checked against that organisation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.conf import settings
from django.core import signing
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from gongkai.personal.fields import EncryptedField

if TYPE_CHECKING:
    from gongkai.orgs.models import Organisation

TOKEN_SALT = "gongkai.personal.reveal"  # noqa: S105 - a signing salt, not a secret


class BadToken(Exception):
    """A reveal token that is forged, expired or points at nothing revealable."""


def organisation_of(obj: models.Model) -> Organisation | None:
    """The organisation whose staff may reveal ``obj``'s personal data."""
    hook = getattr(obj, "personal_data_organisation", None)
    if callable(hook):
        return hook()
    return getattr(obj, "organisation", None)


def encrypted_field(model: type[models.Model] | models.Model, field_name: str) -> EncryptedField:
    """The EncryptedField ``field_name`` of ``model``; ValueError if there is none."""
    try:
        field = model._meta.get_field(field_name)
    except FieldDoesNotExist:
        field = None
    if not isinstance(field, EncryptedField):
        raise ValueError(f"{model._meta.label}.{field_name} is not an encrypted personal-data field")
    return field


def reveal_token(obj: models.Model, field_name: str) -> str:
    """A signed token naming one field of one record, for the reveal endpoint.

    It grants nothing by itself (the endpoint checks the user's role each time); the signature only
    stops a page from asking for fields or records it was never given.
    """
    encrypted_field(obj, field_name)
    return signing.dumps([obj._meta.label_lower, str(obj.pk), field_name], salt=TOKEN_SALT)


def resolve_token(token: str) -> tuple[type[models.Model], Any, str]:
    """(model, pk, field name) from a token made by ``reveal_token``; ``BadToken`` otherwise."""
    try:
        label, pk, field_name = signing.loads(token, salt=TOKEN_SALT, max_age=settings.SESSION_COOKIE_AGE)
        model = apps.get_model(label)
        encrypted_field(model, field_name)
    except (signing.BadSignature, ValueError, TypeError, LookupError):
        raise BadToken from None
    return model, pk, field_name
