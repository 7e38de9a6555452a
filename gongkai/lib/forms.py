"""Form and validation errors as the messages staff and citizens read: the one place that words
them ("标题：此字段为必填项。"), for pages that show errors in a list or as flash messages."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def form_error_messages(form: forms.BaseForm) -> list[str]:
    """Every error of ``form``, each prefixed with its field's label."""
    texts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        texts.extend(f"{label}：{e}" if label else str(e) for e in errors)
    return texts


def validation_messages(exc: ValidationError) -> list[str]:
    """The messages of a ValidationError, whether it names fields or not."""
    if hasattr(exc, "error_dict"):
        return [m for errors in exc.message_dict.values() for m in errors]
    return list(exc.messages)


def add_to_form(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show an action's ValidationError on ``form``: next to the fields it names that the form has,
    the rest above the form. Nothing is lost."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields and field != NON_FIELD_ERRORS else None, errors)
