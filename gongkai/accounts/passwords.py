"""Password rules for staff accounts (等级保护 2.0: complexity, no reuse, change of initial passwords).

The validators are listed in ``AUTH_PASSWORD_VALIDATORS``; Django's forms and the accounts actions
call them through ``validate_password``. The history itself is written by the actions.
"""

from __future__ import annotations

import unicodedata

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CLASSES = (
    ("upper", lambda c: c.isascii() and c.isupper()),
    ("lower", lambda c: c.isascii() and c.islower()),
    ("digit", lambda c: c.isdigit()),
    ("symbol", lambda c: not c.isalnum() or not c.isascii()),
)


def character_classes(password: str) -> set[str]:
    return {name for name, test in CLASSES for c in password if test(c)}


class CharacterClassesValidator:
    """At least ``minimum`` of the four classes: capitals, small letters, digits, other signs."""

    def __init__(self, minimum: int = 3):
        self.minimum = minimum

    def validate(self, password: str, user=None) -> None:
        if len(character_classes(password)) < self.minimum:
            raise ValidationError(
                _("密码至少要包含大写字母、小写字母、数字、符号这四类中的 %(n)d 类。") % {"n": self.minimum},
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return _("至少包含大写字母、小写字母、数字、符号这四类中的 %(n)d 类。") % {"n": self.minimum}


def _fold(value: str) -> str:
    return unicodedata.normalize("NFKC", value).casefold()


class NotContainingUsernameValidator:
    """The username may not appear in the password, in any case or width."""

    def validate(self, password: str, user=None) -> None:
        username = getattr(user, "username", "") or ""
        if len(username) >= 3 and _fold(username) in _fold(password):
            raise ValidationError(_("密码不能包含用户名。"), code="password_contains_username")

    def get_help_text(self) -> str:
        return _("不能包含用户名。")


class HistoryValidator:
    """Not the current password nor one of the last ``count`` (kept in PasswordHistory)."""

    def __init__(self, count: int = 5):
        self.count = count

    def validate(self, password: str, user=None) -> None:
        if user is None or user.pk is None:
            return
        hashes = [user.password] if user.password else []
        hashes += list(user.password_history.values_list("password", flat=True)[: self.count])
        if any(check_password(password, h) for h in hashes if h):
            raise ValidationError(
                _("不能使用当前密码或最近 %(n)d 次用过的密码。") % {"n": self.count},
                code="password_reused",
            )

    def get_help_text(self) -> str:
        return _("不能与最近 %(n)d 次用过的密码相同。") % {"n": self.count}
