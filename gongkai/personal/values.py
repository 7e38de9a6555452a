"""The Python value of an encrypted field: shows its mask wherever it is turned into text."""

from __future__ import annotations

from django.utils.html import escape

from gongkai.personal.masking import mask


class PersonalValue:
    """A piece of personal data in memory.

    ``str()``, f-strings, ``format()``, templates (``__html__``) and ``repr()`` all give the masked
    form, so printing, logging or rendering it never shows the full value. JSON encoders refuse it
    (it is not a ``str``); serialise ``str(value)`` to send the mask.

    The full value comes out only through ``plaintext()``, for system use such as sending a text
    message or printing a reply letter. Showing it to a staff member goes through
    ``gongkai.personal.actions.reveal``, which checks the role and writes the audit trail.
    """

    __slots__ = ("_value", "kind")

    def __init__(self, value: str, kind: str) -> None:
        self._value = value
        self.kind = kind

    @property
    def masked(self) -> str:
        return mask(self.kind, self._value)

    def plaintext(self) -> str:
        """The full value. Not for display to staff: use ``gongkai.personal.actions.reveal``."""
        return self._value

    def __str__(self) -> str:
        return self.masked

    def __html__(self) -> str:
        return escape(self.masked)

    def __format__(self, format_spec: str) -> str:
        return format(self.masked, format_spec)

    def __repr__(self) -> str:
        return f"<PersonalValue {self.kind} {self.masked!r}>"

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PersonalValue):
            return self._value == other._value
        if isinstance(other, str):
            return self._value == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._value)

    def __reduce__(self):
        return (PersonalValue, (self._value, self.kind))
