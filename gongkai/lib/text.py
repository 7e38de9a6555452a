"""Control characters in what citizens and staff type: refused at intake, stripped on output.

A control character (``\\x01``, ``\\x07``, …) has no place in a letter and no representation in
XML: an XLSX or DOCX holding one cannot be written at all. Forms and actions refuse them with
one Chinese message; exports strip any that were stored before the refusal existed.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CONTROL_CHARACTERS_MESSAGE = _("含有无法识别的控制字符，请删除后重新填写。")
_LINE_BREAKS = frozenset("\n\r\t")
# What XML 1.0 cannot hold (the C0 controls but tab and line breaks), and DEL and the C1 controls.
_UNWRITABLE_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def has_control_characters(value: str, *, multiline: bool = False) -> bool:
    allowed = _LINE_BREAKS if multiline else frozenset()
    return any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in value or "")


def reject_control_characters(value: str, *, multiline: bool = False) -> None:
    """Raise a Chinese ``ValidationError`` if ``value`` holds a control character (line breaks and
    tabs allowed when ``multiline``)."""
    if has_control_characters(value, multiline=multiline):
        raise ValidationError(CONTROL_CHARACTERS_MESSAGE, code="control_characters")


def reject_control_characters_multiline(value: str) -> None:
    """The form-field validator for multi-line text."""
    reject_control_characters(value, multiline=True)


def printable(value) -> str:
    """``value`` as text an XLSX cell or a DOCX run can hold: control characters removed."""
    if value is None:
        return ""
    return _UNWRITABLE_RE.sub("", str(value))
