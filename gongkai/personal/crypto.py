"""Encryption and blind indexing of personal data, with the keys from settings.

``PERSONAL_DATA_KEYS`` is a list of Fernet keys: the first encrypts, all decrypt, so a new key can
be put in front and the old one kept until ``manage.py rotate_personal_data_keys`` has re-encrypted
everything. ``PERSONAL_DATA_INDEX_KEY`` keys the HMAC of the blind index; it is not rotated with the
encryption keys (changing it means recomputing every index: ``rotate_personal_data_keys --reindex``).
"""

from __future__ import annotations

import functools
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from gongkai.personal.masking import normalise


class DecryptionError(Exception):
    """A stored value cannot be decrypted with any of the configured keys."""


@functools.lru_cache(maxsize=4)
def _fernets(keys: tuple[str, ...]) -> tuple[MultiFernet, Fernet]:
    if not keys:
        raise ImproperlyConfigured("PERSONAL_DATA_KEYS is empty")
    fernets = [Fernet(key) for key in keys]
    return MultiFernet(fernets), fernets[0]


def _keys() -> tuple[MultiFernet, Fernet]:
    # Read settings on every call (cheap, cached by key list) so that override_settings works.
    return _fernets(tuple(settings.PERSONAL_DATA_KEYS))


def encrypt(plaintext: str) -> str:
    """A Fernet token for ``plaintext``, under the first key."""
    return _keys()[0].encrypt(plaintext.encode()).decode("ascii")


def decrypt(token: str) -> str:
    """The plaintext of a token made under any configured key."""
    try:
        return _keys()[0].decrypt(token.encode("ascii")).decode()
    except (InvalidToken, UnicodeEncodeError):
        raise DecryptionError(
            "personal data cannot be decrypted with PERSONAL_DATA_KEYS (was a key removed too early?)"
        ) from None


def is_current(token: str) -> bool:
    """Is ``token`` encrypted under the first (current) key?"""
    try:
        _keys()[1].decrypt(token.encode("ascii"))
    except (InvalidToken, UnicodeEncodeError):
        return False
    return True


def reencrypt(token: str) -> str:
    """``token`` re-encrypted under the current key (keeping its timestamp)."""
    try:
        return _keys()[0].rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeEncodeError):
        raise DecryptionError("personal data cannot be decrypted with PERSONAL_DATA_KEYS") from None


def blind_index(kind: str, value: object) -> str:
    """The keyed hash by which a value of ``kind`` is found; ``""`` for an empty value.

    HMAC-SHA256 over the normalised value, so ``138 0013 8000`` and ``13800138000`` match. Without
    the index key the hash cannot be checked against guesses, unlike a plain hash of a phone number.
    """
    if value is None:
        return ""
    plain = value.plaintext() if hasattr(value, "plaintext") else str(value)
    canonical = normalise(kind, plain)
    if not canonical:
        return ""
    key = settings.PERSONAL_DATA_INDEX_KEY.encode()
    return hmac.new(key, canonical.encode(), hashlib.sha256).hexdigest()
