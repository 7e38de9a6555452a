"""A decision's states and verbs, written down in one place: which verb may be applied in which
state, to which state it leads, and which permission it needs.

A decision is recorded (``RECORDED``: entered by a form or imported) and can be corrected or
removed while nobody outside has seen it. Releasing (``release``) puts it, with the others of its
batch, on the catalog's publication workflow as one information item (``RELEASED``); review,
approval and publication are then the catalog's, and the decision is public while that item is.
A decision revoked, changed or found unlawful is withdrawn (``withdraw``: 撤销, with its date and
reason; 《行政处罚法》第四十八条); a released one leaves the portal when its publicity period ends
(``end``, by the periodic job), its history kept for staff.

The actions call ``check``; the staff pages draw their buttons from ``verbs_from``;
``tests/test_workflow_table.py`` walks every (verb, state) pair.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gongkai.decisions.models import DecisionState

S = DecisionState


@dataclass(frozen=True)
class Transition:
    verb: str
    label: str
    sources: frozenset[str]
    target: str | None  # None: the state stays as it is
    permission: str | None  # None: the system (the periodic job), never a person


RECORDED_ONLY = frozenset({S.RECORDED})

TRANSITIONS: dict[str, Transition] = {
    t.verb: t
    for t in [
        Transition("edit", _("修改"), RECORDED_ONLY, None, "decision.edit"),
        Transition("remove", _("删除"), RECORDED_ONLY, None, "decision.edit"),
        Transition("release", _("提交公示"), RECORDED_ONLY, S.RELEASED, "decision.publish"),
        Transition(
            "withdraw", _("撤销"), frozenset({S.RECORDED, S.RELEASED}), S.WITHDRAWN, "decision.publish"
        ),
        Transition("end", _("公示期满撤下"), frozenset({S.RELEASED}), S.ENDED, None),
    ]
}


class IllegalTransition(ValidationError):
    """The decision is not in a state from which this verb may be applied."""

    def __init__(self, verb: str, state: str):
        self.verb, self.state = verb, state
        label = TRANSITIONS[verb].label if verb in TRANSITIONS else verb
        super().__init__(f"该决定当前状态（{DecisionState(state).label}）不能执行“{label}”。")


def check(verb: str, state: str) -> Transition:
    transition = TRANSITIONS[verb]
    if state not in transition.sources:
        raise IllegalTransition(verb, state)
    return transition


def verbs_from(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if state in t.sources and t.permission is not None]
