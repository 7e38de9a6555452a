"""A service guide's versions, written down in one place: which verb may be applied to a version
in which state, to which state it leads, and which permission it needs.

A version is written as a draft (``DRAFT``) and edited until it is complete. Releasing it
(``release``) checks that every element is there — a guide missing one is refused, naming each —
freezes it (``RELEASED``) and drafts its notice in the catalog, whose review, approval and
publication make it public (``notices.publication``). A released version never changes again: a
published guide changes by a new version (``revise``: a draft copied from the newest released
one), which goes through review again; until that one is public, the public keeps seeing the old.

The actions call ``check``; the staff pages draw their buttons from ``verbs_from``;
``tests/test_workflow_table.py`` walks every (verb, state) pair.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gongkai.services.models import GuideState


@dataclass(frozen=True)
class Transition:
    verb: str
    label: str
    sources: frozenset[str]
    target: str | None  # None: the state stays as it is (``revise`` makes a new draft beside it)
    permission: str


DRAFT_ONLY = frozenset({GuideState.DRAFT})
RELEASED_ONLY = frozenset({GuideState.RELEASED})

TRANSITIONS: dict[str, Transition] = {
    t.verb: t
    for t in [
        Transition("edit", _("修改指南"), DRAFT_ONLY, None, "service.edit"),
        Transition("release", _("提交发布"), DRAFT_ONLY, GuideState.RELEASED, "service.publish"),
        Transition("revise", _("修订（新版本）"), RELEASED_ONLY, None, "service.edit"),
    ]
}


class IllegalTransition(ValidationError):
    """The version is not in a state from which this verb may be applied."""

    def __init__(self, verb: str, state: str):
        self.verb, self.state = verb, state
        label = TRANSITIONS[verb].label if verb in TRANSITIONS else verb
        super().__init__(f"办事指南当前状态（{GuideState(state).label}）不能执行“{label}”。")


def check(verb: str, state: str) -> Transition:
    transition = TRANSITIONS[verb]
    if state not in transition.sources:
        raise IllegalTransition(verb, state)
    return transition


def verbs_from(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if state in t.sources]
