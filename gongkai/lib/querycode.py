"""Private query codes: what a citizen keys in, with a case number, to follow a case without an
account. Only a keyed hash is stored; a lookup compares in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

# No 0/O and 1/I/L: codes are read out over the phone and copied from paper.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 8


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def code_hash(code: str) -> str:
    key = settings.PERSONAL_DATA_INDEX_KEY.encode()
    return hmac.new(key, code.strip().upper().encode(), hashlib.sha256).hexdigest()


def matches(stored_hash: str, code: str) -> bool:
    return bool(stored_hash) and hmac.compare_digest(stored_hash, code_hash(code))
