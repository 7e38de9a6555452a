"""Validators for mainland identity numbers (GB 11643) and unified social credit codes (GB 32100)."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
_ID_RE = re.compile(r"^\d{17}[\dX]$")


def id_check_digit(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits of an identity number."""
    total = sum(int(ch) * w for ch, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11]


def normalise_id_number(value: str) -> str:
    return value.strip().upper().replace(" ", "")


def validate_id_number(value: str, *, today: dt.date | None = None) -> str:
    """Validate an 18-character mainland identity number; return it normalised.

    Checks the character set, the birth date in digits 7–14 (a real date, not in the future,
    not before 1900) and the check character.
    """
    number = normalise_id_number(value)
    if not _ID_RE.match(number):
        raise ValidationError(_("身份证号码应为18位，前17位为数字，最后一位为数字或X。"), code="id_format")
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(_("身份证号码中的出生日期无效。"), code="id_birth") from None
    today = today or dt.date.today()  # noqa: DTZ011 - a calendar date, time zone irrelevant
    if birth > today or birth.year < 1900:
        raise ValidationError(_("身份证号码中的出生日期无效。"), code="id_birth")
    if id_check_digit(number[:17]) != number[17]:
        raise ValidationError(_("身份证号码校验位不正确，请核对。"), code="id_check")
    return number


USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_RE = re.compile(rf"^[{USCC_CHARS}]{{18}}$")


def uscc_check_char(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters of a credit code."""
    total = sum(USCC_CHARS.index(ch) * w for ch, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def validate_uscc(value: str) -> str:
    """Validate an 18-character unified social credit code; return it normalised."""
    code = value.strip().upper().replace(" ", "")
    if not _USCC_RE.match(code):
        raise ValidationError(
            _("统一社会信用代码应为18位，由数字和大写字母组成（不含 I、O、S、V、Z）。"), code="uscc_format"
        )
    if uscc_check_char(code[:17]) != code[17]:
        raise ValidationError(_("统一社会信用代码校验位不正确，请核对。"), code="uscc_check")
    return code
