"""Model fields for citizens' personal data: encrypted at rest, masked when shown, found by hash.

Declare the encrypted field, and next to it a blind index for each field that must be searchable::

    from gongkai.personal.fields import BlindIndexField, EncryptedField, Kind

    class Applicant(models.Model):
        organisation = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT)
        name = EncryptedField(_("姓名"), kind=Kind.NAME)
        phone = EncryptedField(_("联系电话"), kind=Kind.PHONE, blank=True)
        phone_hash = BlindIndexField("phone")

    Applicant.objects.filter(phone="138 0013 8000")          # exact match, through phone_hash
    Applicant.objects.filter(**lookup_hash(Applicant, "phone", "13800138000"))  # the same
    applicant.phone                  # PersonalValue: str() / templates show 138****5678
    applicant.phone.plaintext()      # the full value, for system use (sending a text message)
    reveal(user, applicant, "phone") # the full value for a staff member: checked and audited

The blind index is recomputed whenever the model is saved (``save()``, ``create()``,
``bulk_create()``). ``QuerySet.update()`` and ``bulk_update()`` skip it, and ``save(update_fields=...)``
must name the index field along with the encrypted one.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core import checks
from django.core.exceptions import FieldDoesNotExist, FieldError
from django.db import models
from django.db.models.expressions import Col
from django.db.models.lookups import IsNull, Lookup
from django.db.models.query_utils import DeferredAttribute
from django.utils.translation import gettext_lazy as _

from gongkai.personal.crypto import blind_index, decrypt, encrypt
from gongkai.personal.masking import Kind
from gongkai.personal.values import PersonalValue

__all__ = ["BlindIndexField", "EncryptedField", "Kind", "PersonalValue", "lookup_hash"]


class PersonalValueDescriptor(DeferredAttribute):
    """Wraps every value assigned to the field, so that even an unsaved instance shows the mask."""

    def __set__(self, instance: models.Model, value: Any) -> None:
        instance.__dict__[self.field.attname] = self.field.to_python(value)


class PersonalInput(forms.TextInput):
    """A text input that never puts the stored value into the page; it shows the mask as a hint."""

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, PersonalValue):
            return None
        return super().format_value(value)

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        if isinstance(value, PersonalValue) and value:
            context["widget"]["attrs"].setdefault(
                "placeholder", _("%(masked)s（留空则不修改）") % {"masked": value.masked}
            )
        context["widget"]["attrs"].setdefault("autocomplete", "off")
        return context


class PersonalFormField(forms.CharField):
    """Form field for an EncryptedField. An edit form shows only the mask (see ``PersonalInput``),
    so an input left empty means "unchanged": it cleans to the stored value, and a required field
    need not be typed again. (A stored value cannot be cleared through a form.)
    """

    def _clean_bound_field(self, bf: Any) -> Any:
        # The same hook Django's FileField uses to see the initial value while cleaning.
        return self.clean(bf.initial if self.disabled else bf.data, bf.initial)

    def clean(self, value: Any, initial: Any = None) -> Any:
        if value in self.empty_values and isinstance(initial, PersonalValue) and initial:
            return initial
        return super().clean(value)

    def has_changed(self, initial: Any, data: Any) -> bool:
        if data in self.empty_values and isinstance(initial, PersonalValue) and initial:
            return False
        return super().has_changed(initial, data)


class EncryptedField(models.TextField):
    """Personal data stored as a Fernet token in a text column; its Python value is a ``PersonalValue``.

    ``kind`` (a ``Kind``) decides how the value is masked and, for a ``BlindIndexField``,
    normalised. Only ``exact`` (through the blind index) and ``isnull`` lookups are supported: the
    ciphertext is different every time, so comparing or ordering it means nothing.
    """

    descriptor_class = PersonalValueDescriptor
    description = _("加密的个人信息")

    def __init__(self, *args: Any, kind: str = Kind.OTHER, **kwargs: Any) -> None:
        if kind not in Kind.values:
            raise ValueError(f"kind must be one of {Kind.values}, not {kind!r}")
        self.kind = kind
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[str, str, list, dict]:
        name, path, args, kwargs = super().deconstruct()
        kwargs["kind"] = str(self.kind)
        return name, path, args, kwargs

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        errors = super().check(**kwargs)
        for option in ("unique", "db_index", "primary_key"):
            if getattr(self, option):
                errors.append(
                    checks.Error(
                        f"EncryptedField cannot be {option}: the ciphertext differs every time.",
                        hint="Add a BlindIndexField and index or constrain that instead.",
                        obj=self,
                        id="personal.E001",
                    )
                )
        return errors

    # Values: database text ⇄ PersonalValue.

    def to_python(self, value: Any) -> PersonalValue | None:
        if value is None or (isinstance(value, PersonalValue) and value.kind == self.kind):
            return value
        if isinstance(value, PersonalValue):
            return PersonalValue(value.plaintext(), self.kind)
        return PersonalValue(str(value).strip(), self.kind)

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> PersonalValue | None:
        if value is None:
            return None
        return PersonalValue(decrypt(value) if value else "", self.kind)

    def get_prep_value(self, value: Any) -> str | None:
        if value is None:
            return None
        plain = value.plaintext() if isinstance(value, PersonalValue) else str(value).strip()
        # An empty value stays empty so that blank=True works as everywhere else.
        return encrypt(plain) if plain else ""

    def value_to_string(self, obj: models.Model) -> str:
        # Fixtures and dumpdata get the mask, never the value: back up the database instead.
        value = self.value_from_object(obj)
        return "" if value is None else str(value)

    def run_validators(self, value: Any) -> None:
        # Validators (max_length, validate_id_number…) check the value itself, not its mask.
        super().run_validators(value.plaintext() if isinstance(value, PersonalValue) else value)

    # Forms: never render the stored value into an edit form.

    def formfield(self, **kwargs: Any) -> forms.Field:
        defaults = {"form_class": PersonalFormField, "max_length": self.max_length, "widget": PersonalInput}
        defaults.update(kwargs)
        return models.Field.formfield(self, **defaults)

    # Lookups: exact through the blind index, isnull on the column, nothing else.

    def get_lookup(self, lookup_name: str) -> type[Lookup] | None:
        if lookup_name == "exact":
            return BlindIndexExact
        if lookup_name == "isnull":
            return IsNull
        return None

    def get_transform(self, lookup_name: str) -> None:
        return None

    def index_field(self) -> BlindIndexField | None:
        """The ``BlindIndexField`` kept for this field, if the model declares one."""
        for field in self.model._meta.concrete_fields:
            if isinstance(field, BlindIndexField) and field.source == self.name:
                return field
        return None


class BlindIndexField(models.CharField):
    """The keyed hash of an ``EncryptedField``'s normalised value, recomputed on every save.

    ``BlindIndexField("phone")`` next to ``phone = EncryptedField(kind=Kind.PHONE)``; call it
    ``<source>_hash``. Indexed; ``""`` when the source is empty.
    """

    description = _("个人信息检索码")

    def __init__(self, source: str, *args: Any, **kwargs: Any) -> None:
        self.source = source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("db_index", True)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        kwargs["editable"] = False
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[str, str, list, dict]:
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        for option, default in (("max_length", 64), ("db_index", True), ("blank", True), ("default", "")):
            if kwargs.get(option) == default:
                del kwargs[option]
        kwargs.pop("editable", None)
        return name, path, args, kwargs

    def source_field(self) -> EncryptedField:
        field = self.model._meta.get_field(self.source)
        if not isinstance(field, EncryptedField):
            raise FieldError(f"{self.model._meta.label}.{self.name}: {self.source} is not an EncryptedField")
        return field

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        errors = super().check(**kwargs)
        try:
            self.source_field()
        except (FieldError, FieldDoesNotExist) as exc:
            errors.append(checks.Error(str(exc), obj=self, id="personal.E002"))
        return errors

    def compute(self, instance: models.Model) -> str:
        source = self.source_field()
        return blind_index(source.kind, getattr(instance, source.attname))

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value = self.compute(model_instance)
        setattr(model_instance, self.attname, value)
        return value


class BlindIndexExact(Lookup):
    """``field=value`` on an EncryptedField: compares the hash column with the value's hash."""

    lookup_name = "exact"
    prepare_rhs = False

    def get_prep_lookup(self) -> Any:
        if hasattr(self.rhs, "resolve_expression"):
            raise FieldError("encrypted personal data can only be compared with a plain value")
        return self.rhs

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list]:
        field = self.lhs.output_field
        index = field.index_field() if isinstance(field, EncryptedField) else None
        if index is None or not isinstance(self.lhs, Col):
            raise FieldError(
                f"{field.model._meta.label}.{field.name} has no BlindIndexField: "
                "declare one to search this field by exact value"
            )
        sql, params = compiler.compile(index.get_col(self.lhs.alias))
        return f"{sql} = %s", [*params, blind_index(field.kind, self.rhs)]


def lookup_hash(model: type[models.Model], field_name: str, value: str) -> dict[str, str]:
    """Filter arguments matching ``value`` exactly: ``{"phone_hash": "…"}``.

    ``Applicant.objects.filter(**lookup_hash(Applicant, "phone", "138 0013 8000"))`` — the same as
    ``filter(phone=...)``, spelled out for code that wants the hash column in view.
    """
    field = model._meta.get_field(field_name)
    if not isinstance(field, EncryptedField):
        raise FieldError(f"{model._meta.label}.{field_name} is not an EncryptedField")
    index = field.index_field()
    if index is None:
        raise FieldError(f"{model._meta.label}.{field_name} has no BlindIndexField")
    return {index.name: blind_index(field.kind, value)}
