"""A hotline ticket's workflow written down in one place: the states (``models.Status``), the verbs,
who may use each verb and from which state to which.

Who may: each verb needs one permission, held for one party of the ticket — the hotline office
that took it (``OFFICE``) or the unit that leads its handling now (``LEAD``; a ticket that nobody
leads has no one who may act as its lead). ``hotline.permissions.may`` answers it, the actions
require it, and the staff ticket page draws its panels from ``PANELS`` and ``permissions.verbs_for``.
``tests/test_workflow_table.py`` walks every (verb, state) pair through the actions.

Intake is not in the table: it makes a ticket (in ``Status.NEW``) rather than moving one, and a
citizen's letter needs no permission at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.hotline.models import Status, Ticket
from gongkai.orgs.models import Organisation

OFFICE = "office"
LEAD = "lead"


@dataclass(frozen=True)
class Transition:
    verb: str
    label: str  # lazily translated
    sources: frozenset[str]
    target: str | None  # None: the status stays as it is
    permission: str
    party: str  # OFFICE or LEAD: where the permission must be held
    refusal: str  # what a ticket in any other state is told
    panel: bool = True  # a panel of its own on the staff ticket page
    # Another reason than the state to refuse (the refusal's words, or "" to allow).
    guard: Callable[[Ticket], str] | None = None

    def refused_by_guard(self, ticket: Ticket) -> str:
        return self.guard(ticket) if self.guard is not None else ""


def _extended(ticket: Ticket) -> str:
    return gettext("每件工单只能延期一次。") if ticket.extension_days else ""


def _no_consent(ticket: Ticket) -> str:
    return "" if ticket.publish_allowed else gettext("来信人未同意公开，该信件不能公开。")


def _not_published(ticket: Ticket) -> str:
    return "" if ticket.published else gettext("该信件未公开。")


_NEW, _DISPATCHED, _REPLIED, _CLOSED = (
    frozenset({Status.NEW}),
    frozenset({Status.DISPATCHED}),
    frozenset({Status.REPLIED}),
    frozenset({Status.CLOSED}),
)

# In the order of the loop, which is also the order of the panels on the ticket page's side.
TRANSITIONS: dict[str, Transition] = {
    t.verb: t
    for t in [
        Transition(
            "dispatch",
            _("派单"),
            _NEW,
            Status.DISPATCHED,
            "ticket.dispatch",
            OFFICE,
            _("只有待派单的工单可以派单。"),
        ),
        Transition(
            "reply",
            _("答复"),
            _DISPATCHED,
            Status.REPLIED,
            "ticket.handle",
            LEAD,
            _("该工单不在办理中，不能答复。"),
        ),
        Transition(
            "callback", _("回访"), _REPLIED, None, "ticket.callback", OFFICE, _("只有已答复的工单可以回访。")
        ),
        Transition(
            "close",
            _("办结"),
            _REPLIED,
            Status.CLOSED,
            "ticket.callback",
            OFFICE,
            _("只有已答复的工单可以办结。"),
        ),
        Transition(
            "escalate",
            _("督办"),
            _DISPATCHED,
            None,
            "ticket.escalate",
            OFFICE,
            _("只有办理中的工单可以督办。"),
        ),
        Transition(
            "extend",
            _("延期"),
            _DISPATCHED,
            None,
            "ticket.escalate",
            OFFICE,
            _("只有办理中的工单可以延期。"),
            guard=_extended,
        ),
        Transition(
            "transfer",
            _("转办"),
            _DISPATCHED,
            None,
            "ticket.dispatch",
            OFFICE,
            _("只有办理中的工单可以转办。"),
        ),
        Transition(
            "return",
            _("退单"),
            _DISPATCHED,
            Status.NEW,
            "ticket.handle",
            LEAD,
            _("该工单不在办理中，不能退单。"),
        ),
        # An unsatisfied callback sends the ticket back to its lead unit (``actions.callback``).
        Transition(
            "reopen",
            _("重新办理"),
            _REPLIED,
            Status.DISPATCHED,
            "ticket.callback",
            OFFICE,
            _("只有已答复的工单可以重新办理。"),
            panel=False,
        ),
        # The mailbox column (信件公开) has its own page.
        Transition(
            "publish",
            _("公开信件"),
            _CLOSED,
            None,
            "hotline.publish",
            OFFICE,
            _("只有已办结的信件可以公开。"),
            panel=False,
            guard=_no_consent,
        ),
        Transition(
            "unpublish",
            _("撤回公开的信件"),
            _CLOSED,
            None,
            "hotline.publish",
            OFFICE,
            _("只有已办结的信件可以撤回公开。"),
            panel=False,
            guard=_not_published,
        ),
    ]
}

PANELS = [t for t in TRANSITIONS.values() if t.panel]


class IllegalTransition(ValidationError):
    """The ticket is not in a state from which this verb may be applied (a ValidationError, so
    every page and the API report it as they report any other refusal of an action)."""

    def __init__(self, verb: str, state: str):
        self.verb, self.state = verb, state
        super().__init__(TRANSITIONS[verb].refusal)


def party(ticket: Ticket, transition: Transition) -> Organisation | None:
    """The organisation for which ``transition``'s permission must be held."""
    return ticket.office if transition.party == OFFICE else ticket.lead


def check(verb: str, ticket: Ticket) -> Transition:
    """The transition, once ``ticket``'s state (and the verb's guard) allow it; else a refusal."""
    transition = TRANSITIONS[verb]
    if ticket.status not in transition.sources:
        raise IllegalTransition(verb, ticket.status)
    reason = transition.refused_by_guard(ticket)
    if reason:
        raise ValidationError(reason)
    return transition


def verbs_from(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if state in t.sources]
