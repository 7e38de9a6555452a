"""The mailbox column (区长信箱 · 信件公开): what it shows, and de-identification.

A letter is published (``actions.publish_letter``; the workflow's ``publish``) only when it is
closed (办结) and the citizen agreed (``publish_allowed``). Whatever the staff member types, the
published texts go through ``deidentify`` once more: phone, ID, bank-account numbers and e-mail
addresses anywhere in the text, and the writer's own name, address, phone and e-mail, are replaced
by their masks (``gongkai.personal.masking``). The Open311 API uses the same function for the
descriptions it shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db.models import QuerySet

from gongkai.hotline.models import Status, Ticket
from gongkai.orgs.models import Organisation
from gongkai.personal.masking import (
    mask_address,
    mask_bank_account,
    mask_email,
    mask_id_number,
    mask_name,
    mask_phone,
    normalise,
)

# ---- de-identification -----------------------------------------------------------------------

_D = "[0-9０-９]"  # digits, half- and full-width (citizens type both)
_NOT_DIGIT_BEFORE = r"(?<![0-9０-９A-Za-z])"
_NOT_DIGIT_AFTER = r"(?![0-9０-９A-Za-z])"

_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
# 18-character ID numbers (GB 11643) and the old 15-digit ones.
_ID_RE = re.compile(rf"{_NOT_DIGIT_BEFORE}{_D}{{17}}[0-9０-９XxＸｘ]{_NOT_DIGIT_AFTER}")
_OLD_ID_RE = re.compile(rf"{_NOT_DIGIT_BEFORE}{_D}{{15}}{_NOT_DIGIT_AFTER}")
# Bank cards and other long account numbers, written in groups or not.
_ACCOUNT_RE = re.compile(
    rf"{_NOT_DIGIT_BEFORE}(?:{_D}{{16,19}}|{_D}{{4}}(?:[ \-]{_D}{{4}}){{3}}(?:[ \-]?{_D}{{1,3}})?){_NOT_DIGIT_AFTER}"
)
# Mobile numbers, with an optional country code and spaces or hyphens between the groups.
_MOBILE_RE = re.compile(
    rf"{_NOT_DIGIT_BEFORE}(?:(?:\+|＋)?(?:86|８６)[ \-]?)?[1１]{_D}{{2}}[ \-]?{_D}{{4}}[ \-]?{_D}{{4}}{_NOT_DIGIT_AFTER}"
)
# Landlines with their area code ("0735-2345678", "(010)12345678", "0735 2345678", "07352345678").
_LANDLINE_RE = re.compile(
    rf"{_NOT_DIGIT_BEFORE}(?:[(（][0０]{_D}{{2,3}}[)）][ \-]?|[0０]{_D}{{2,3}}[ \-]?){_D}{{7,8}}"
    rf"(?:[ \-]?(?:转|-){_D}{{1,6}})?{_NOT_DIGIT_AFTER}"
)
# A bare 7–8 digit local number is only masked after a word that says it is a phone number.
_LOCAL_RE = re.compile(
    rf"(?P<cue>(?:电话|手机|号码|联系方式|热线|座机|TEL|Tel|tel)[：:\s是为]{{0,3}}){_D}{{7,8}}{_NOT_DIGIT_AFTER}"
)


def _mask_old_id(match: re.Match) -> str:
    # A 15-digit number is an old ID number only with a birth date (yymmdd) in digits 7–12;
    # ticket numbers and other serials of that length stay as they are.
    digits = normalise("phone", match[0])
    month, day = int(digits[8:10]), int(digits[10:12])
    return mask_id_number(match[0]) if 1 <= month <= 12 and 1 <= day <= 31 else match[0]


def _mask_local(match: re.Match) -> str:
    return match["cue"] + "****" + match[0][len(match["cue"]) + 4 :]


def deidentify(
    text: str,
    *,
    names: Iterable[str] = (),
    addresses: Iterable[str] = (),
    phones: Iterable[str] = (),
    emails: Iterable[str] = (),
) -> str:
    """``text`` with personal data replaced by masks.

    Patterns (e-mail addresses, ID numbers, bank accounts, mobile and landline numbers) are masked
    wherever they occur; the given names, addresses, phones and e-mails (the writer's own, known
    from the ticket) are masked where they occur literally, however they are written.
    Masking is one-way and idempotent: masked text stays as it is.
    """
    if not text:
        return ""
    out = text
    # The writer's own data first, longest first, so that a name inside an address is not
    # masked before the address is found.
    literals: list[tuple[str, str]] = []
    for address in addresses:
        address = (address or "").strip()
        if len(address) >= 4:
            masked = mask_address(address)
            literals.append((address, masked))
            kept = masked.removesuffix("****")
            rest = address[len(kept) :] if address.startswith(kept) else ""
            if len(rest) >= 4:  # the street part alone ("人民路12号") identifies the home too
                literals.append((rest, "****"))
    for name in names:
        name = re.sub(r"\s+", "", name or "")
        if len(name) >= 2:
            literals.append((name, mask_name(name)))
    for email in emails:
        email = (email or "").strip()
        if email:
            literals.append((email, mask_email(email)))
    for original, masked in sorted(literals, key=lambda pair: -len(pair[0])):
        out = out.replace(original, masked)
    for phone in phones:
        digits = normalise("phone", phone or "")
        if len(digits) >= 7:
            # The same number typed with spaces or hyphens between any of its digits.
            spaced = r"[ \-]?".join(re.escape(d) for d in digits)
            out = re.sub(rf"(?<!\d){spaced}(?!\d)", lambda m: mask_phone(m[0]), out)
    out = _EMAIL_RE.sub(lambda m: mask_email(m[0]), out)
    out = _ID_RE.sub(lambda m: mask_id_number(m[0]), out)
    out = _OLD_ID_RE.sub(_mask_old_id, out)
    out = _ACCOUNT_RE.sub(lambda m: mask_bank_account(m[0]), out)
    out = _MOBILE_RE.sub(lambda m: mask_phone(m[0]), out)
    out = _LANDLINE_RE.sub(lambda m: mask_phone(m[0]), out)
    out = _LOCAL_RE.sub(_mask_local, out)
    return out


def _plain(value) -> str:
    return value.plaintext() if hasattr(value, "plaintext") else (value or "")


def deidentify_for(ticket: Ticket, text: str) -> str:
    """``text`` de-identified with the ticket's own personal data (name, address, phone, e-mail)."""
    return deidentify(
        text,
        names=[_plain(ticket.caller_name)],
        addresses=[_plain(ticket.address)],
        phones=[_plain(ticket.phone)],
        emails=[_plain(ticket.email)],
    )


# ---- what the column shows --------------------------------------------------------------------


def published_letters(district: Organisation) -> QuerySet[Ticket]:
    """The district's letters shown in the mailbox column."""
    return (
        Ticket.objects.filter(district=district, published=True, publish_allowed=True, status=Status.CLOSED)
        .select_related("category", "lead", "office")
        .order_by("-closed_at", "-pk")
    )


def public_title(ticket: Ticket) -> str:
    """The title shown in the column: the letter's title de-identified, or the start of the question."""
    title = deidentify_for(ticket, ticket.title).strip()
    if title:
        return title
    question = (ticket.public_question or "").strip().splitlines()
    first = question[0] if question else ""
    return first[:30] + ("…" if len(first) > 30 else "")


def draft(ticket: Ticket) -> tuple[str, str]:
    """The question and answer to pre-fill the publishing form: saved texts, else the letter and reply,
    de-identified."""
    question = ticket.public_question or ticket.matter
    answer = ticket.public_answer or ticket.reply
    return deidentify_for(ticket, question), deidentify_for(ticket, answer)
