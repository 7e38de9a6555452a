"""Masking (脱敏) of personal data, and the normalisation used to find it by exact value.

The same functions mask encrypted model fields (through ``PersonalValue``) and plain strings in
publicity lists (公示), so the rules live here once. Every function takes any string, returns ``""``
for an empty one and never raises: a value that does not look like its kind is masked more, not
less.

Rules, by kind:

- ID number (身份证号): first 4 and last 4 characters kept, the rest one ``*`` each —
  ``4301**********1234`` for the 18-character number.
- Mobile phone: ``138****5678``. Landline: the area code is kept, the first 4 digits of the local
  number are masked and the rest kept (3 for a 7-digit, 4 for an 8-digit number):
  ``0735-****567``, ``010-****5678``. An extension is dropped.
- E-mail: first character of the mailbox and the domain: ``z***@example.com``.
- Address: the leading administrative part up to and including the first 区/县/旗/镇/乡/街道 (or,
  without one, the first 市/省), then ``****``: ``郴州市北湖区人民路12号`` → ``郴州市北湖区****``.
- Name: the surname (two characters for a known compound surname), then one ``*`` per character:
  ``张*``, ``李**``, ``欧阳**``.
- Bank account: first 4 and last 4 digits kept.
- Anything else: ``****``.

Where a rule keeps both ends, each end keeps at most a quarter of the value, so short values are
still at least half masked; a phone number in no known format is masked that way too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What a piece of personal data is; decides how it is masked and normalised."""

    ID_NUMBER = "id_number", _("身份证号码")
    PHONE = "phone", _("电话号码")
    EMAIL = "email", _("电子邮箱")
    ADDRESS = "address", _("地址")
    NAME = "name", _("姓名")
    BANK_ACCOUNT = "bank_account", _("银行账号")
    OTHER = "other", _("其他")


STAR = "*"
_OPAQUE = "****"


def mask_middle(value: str, head: int, tail: int) -> str:
    """Keep ``head`` characters in front and ``tail`` behind, one ``*`` for each in between.

    Each end keeps at most a quarter of the value, so at least half of it is always masked
    (``12345`` → ``1***5``, ``123`` → ``***``).
    """
    if not value:
        return ""
    head, tail = min(head, len(value) // 4), min(tail, len(value) // 4)
    middle = len(value) - head - tail
    return value[:head] + STAR * middle + (value[len(value) - tail :] if tail else "")


def mask_id_number(value: str) -> str:
    """``430102199001011234`` → ``4301**********1234``."""
    return mask_middle(normalise_id_number(value), 4, 4)


def mask_bank_account(value: str) -> str:
    """``6222 0212 3456 7890`` → ``6222********7890``."""
    return mask_middle(re.sub(r"[\s-]", "", value or ""), 4, 4)


def _digits(value: str) -> str:
    return re.sub(r"\D", "", unicodedata.normalize("NFKC", value or ""))


def _mobile(digits: str) -> str | None:
    """The 11-digit mobile number in ``digits``, without a leading 86 / 0086 country code."""
    for prefix in ("0086", "86", ""):
        rest = digits[len(prefix) :]
        if digits.startswith(prefix) and len(rest) == 11 and rest.startswith("1"):
            return rest
    return None


# Landline written with its area code set apart ("0735-2345678", "(010)12345678", "0735 2345678")
# or without one, then an optional extension ("-801", "转801").
_LANDLINE_RE = re.compile(
    r"^(?:\((?P<bracketed>0\d{2,3})\)\s*|(?P<area>0\d{2,3})[\s-]+)?(?P<local>\d{7,8})"
    r"(?:\s*(?:-|转|ext\.?|x)\s*\d{1,6})?$",
    re.IGNORECASE,
)


def _area_code_length(digits: str) -> int:
    # Beijing (010) and the 02x cities have 3-digit area codes; all others 4.
    return 3 if digits[:2] in ("01", "02") else 4


def mask_phone(value: str) -> str:
    """Mobile ``138****5678``; landline ``0735-****567`` (area code kept, extension dropped)."""
    text = unicodedata.normalize("NFKC", (value or "").strip())
    if not text:
        return ""
    digits = _digits(text)
    mobile = _mobile(digits)
    if mobile:
        return mobile[:3] + STAR * 4 + mobile[7:]
    match = _LANDLINE_RE.match(text)
    if match:
        area, local = match["bracketed"] or match["area"], match["local"]
    elif digits.startswith("0") and len(digits) in (10, 11, 12):
        # Written without a separator: split off the area code by the numbering plan.
        cut = _area_code_length(digits)
        area, local = digits[:cut], digits[cut:]
    else:
        return mask_middle(digits or text, 3, 4)
    if len(local) not in (7, 8):
        return mask_middle(digits, 3, 4)
    masked = STAR * 4 + local[4:]
    return f"{area}-{masked}" if area else masked


def mask_email(value: str) -> str:
    """``zhang.san@example.com`` → ``z***@example.com``."""
    text = (value or "").strip()
    if not text:
        return ""
    local, at, domain = text.rpartition("@")
    if not at or not local or not domain:
        return _OPAQUE
    return f"{local[0]}***@{domain}"


# Administrative suffixes, from the most specific level that may end the kept prefix.
# "小区", "社区", "园区", "校区", "景区" are places, not administrative divisions.
_ADMIN_LOCAL_RE = re.compile(r"(?<![小社园校景片矿])区|县|旗|镇|乡|街道")
_ADMIN_UPPER_RE = re.compile(r"市|省|自治州|盟")
# An administrative prefix is short; a suffix found further in belongs to the street address.
_ADMIN_PREFIX_MAX = 20


def mask_address(value: str) -> str:
    """``郴州市北湖区人民路12号`` → ``郴州市北湖区****``."""
    text = (value or "").strip()
    if not text:
        return ""
    for pattern in (_ADMIN_LOCAL_RE, _ADMIN_UPPER_RE):
        match = pattern.search(text, 0, _ADMIN_PREFIX_MAX)
        if match:
            kept = text[: match.end()]
            return kept + _OPAQUE if len(kept) < len(text) else kept
    return _OPAQUE


# Compound surnames (复姓) in common use; a name starting with one keeps two characters.
COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "宇文",
        "司徒",
        "夏侯",
        "轩辕",
        "令狐",
        "端木",
        "独孤",
        "南宫",
        "西门",
        "万俟",
        "闻人",
        "澹台",
        "公冶",
        "宗政",
        "濮阳",
        "淳于",
        "单于",
        "太叔",
        "申屠",
        "钟离",
        "赫连",
        "呼延",
        "百里",
        "东郭",
        "拓跋",
        "司空",
        "左丘",
        "第五",
        "梁丘",
        "谷梁",
        "乐正",
        "仲孙",
        "叔孙",
        "羊舌",
        "微生",
        "公羊",
        "巫马",
        "公西",
        "漆雕",
        "壤驷",
        "公良",
        "夹谷",
        "宰父",
        "段干",
        "亓官",
        "司寇",
        "子车",
        "颛孙",
        "鲜于",
        "闾丘",
    ]
)


def surname_length(name: str) -> int:
    # A two-character name is surname + given name even when it could start a compound surname.
    return 2 if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES else 1


def mask_name(value: str) -> str:
    """``张三`` → ``张*``, ``欧阳修文`` → ``欧阳**``; a one-character value → ``*``."""
    text = re.sub(r"\s+", "", value or "")
    if not text:
        return ""
    if len(text) == 1:
        return STAR
    keep = surname_length(text)
    return text[:keep] + STAR * (len(text) - keep)


def mask_other(value: str) -> str:
    """Free text that may hold personal data: only whether it is empty shows."""
    return _OPAQUE if (value or "").strip() else ""


_MASKERS: dict[str, Callable[[str], str]] = {
    Kind.ID_NUMBER: mask_id_number,
    Kind.PHONE: mask_phone,
    Kind.EMAIL: mask_email,
    Kind.ADDRESS: mask_address,
    Kind.NAME: mask_name,
    Kind.BANK_ACCOUNT: mask_bank_account,
    Kind.OTHER: mask_other,
}


def mask(kind: str, value: str | None) -> str:
    """Mask ``value`` by the rule for ``kind`` (one of ``Kind``)."""
    if value is None:
        return ""
    try:
        masker = _MASKERS[kind]
    except KeyError:
        raise ValueError(f"unknown kind of personal data: {kind!r}") from None
    return masker(str(value))


# Normalisation for the blind index: two spellings of the same value give the same hash.


def normalise_id_number(value: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", value or "")).upper()


def normalise(kind: str, value: str | None) -> str:
    """The canonical form of ``value`` used for exact-match lookup.

    ID numbers: spaces removed, upper-case (``x`` → ``X``). Phones: digits only, without a country
    code. E-mail: trimmed, lower-case. Bank accounts: digits and letters only. Everything else:
    trimmed, runs of white space collapsed to one space. Full-width characters become half-width.
    """
    text = unicodedata.normalize("NFKC", value or "").strip()
    if kind == Kind.ID_NUMBER:
        return normalise_id_number(text)
    if kind == Kind.PHONE:
        digits = _digits(text)
        return _mobile(digits) or digits
    if kind == Kind.EMAIL:
        return text.lower()
    if kind == Kind.BANK_ACCOUNT:
        return re.sub(r"[\W_]", "", text).upper()
    return re.sub(r"\s+", " ", text)
