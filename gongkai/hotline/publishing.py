"""The mailbox column (区长信箱 · 信件公开): what it shows, and de-identification.

A letter is published (``actions.publish_letter``; the workflow's ``publish``) only when it is
closed (办结) and the citizen agreed (``publish_allowed``). Whatever the staff member types, the
published texts go through ``deidentify`` once more: phone, ID, bank-account numbers and e-mail
addresses anywhere in the text, and the writer's own name, address, phone and e-mail, are replaced
by their masks: ``gongkai.personal.deidentify``, the platform's one de-identifier. The Open311 API
shows only the published text.
"""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.hotline.models import Status, Ticket
from gongkai.orgs.models import Organisation
from gongkai.personal.deidentify import deidentify

__all__ = ["deidentify", "deidentify_for", "draft", "public_title", "published_letters"]

# ---- de-identification -----------------------------------------------------------------------
# The one de-identifier of the platform (gongkai.personal.deidentify), given the ticket's own data.


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
