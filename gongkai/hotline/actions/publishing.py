"""State changes of the mailbox column (信件公开): publishing a closed letter, with its writer's
consent, and taking it out again (the workflow's ``publish`` and ``unpublish``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.audit.log import record
from gongkai.hotline.actions.tickets import lock_for
from gongkai.hotline.models import Ticket
from gongkai.hotline.publishing import deidentify_for


@transaction.atomic
def publish_letter(ticket: Ticket, *, actor, question: str, answer: str) -> Ticket:
    """Publish a closed letter, with its consent, in the mailbox column; the texts are de-identified."""
    ticket, _step = lock_for("publish", ticket, actor)
    errors = {}
    if not (question or "").strip():
        errors["question"] = "请填写公开的来信内容。"
    if not (answer or "").strip():
        errors["answer"] = "请填写公开的答复内容。"
    if errors:
        raise ValidationError(errors)
    was_published = ticket.published
    ticket.public_question = deidentify_for(ticket, question.strip())
    ticket.public_answer = deidentify_for(ticket, answer.strip())
    ticket.published = True
    ticket.save(update_fields=["public_question", "public_answer", "published"])
    record(
        "ticket.publish",
        actor=actor,
        target=ticket,
        organisation=ticket.office,
        changes={"published": [was_published, True]},
        note="更新公开内容" if was_published else "",
    )
    return ticket


@transaction.atomic
def unpublish_letter(ticket: Ticket, *, actor, reason: str = "") -> Ticket:
    """Take a letter out of the column (the texts are kept, so it can be published again)."""
    ticket, _step = lock_for("unpublish", ticket, actor)
    ticket.published = False
    ticket.save(update_fields=["published"])
    record(
        "ticket.unpublish",
        actor=actor,
        target=ticket,
        organisation=ticket.office,
        changes={"published": [True, False]},
        note=reason.strip(),
    )
    return ticket
