"""A list's or notice's states, written down in one place: which verb may be applied in which
state, to which state it leads, and which permission it needs.

A publicity is entered as a draft (``DRAFT``): its facts edited, its households added one by one
or imported from a sheet, and removed again. Releasing it (``release``: its notice is drafted in
the catalog; ``link``: the notice is an item the catalog already has) makes the masked projection
and freezes it (``RELEASED``). Review, approval and publication are the catalog's own workflow;
the period starts on the day the item is published. Objections are recorded (``object``) while
the period runs and settled (``resolve``) afterwards too. When the period is over the periodic job
takes the list down (``end``: ``ENDED``, with the day it came down); staff keep its history.

The actions call ``check``; the staff pages draw their buttons from ``verbs_from``;
``tests/test_workflow.py`` walks every (verb, state) pair.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gongkai.publicity.models import State


@dataclass(frozen=True)
class Transition:
    verb: str
    label: str
    sources: frozenset[str]
    target: str | None  # None: the state stays as it is
    permission: str | None  # None: the system's own (the periodic job)


DRAFT_ONLY = frozenset({State.DRAFT})
RELEASED_ONLY = frozenset({State.RELEASED})

TRANSITIONS: dict[str, Transition] = {
    t.verb: t
    for t in [
        Transition("edit", _("修改公示"), DRAFT_ONLY, None, "publicity.edit"),
        Transition("add_entry", _("登记名单条目"), DRAFT_ONLY, None, "publicity.edit"),
        Transition("remove_entry", _("删除名单条目"), DRAFT_ONLY, None, "publicity.edit"),
        Transition("import", _("导入名单"), DRAFT_ONLY, None, "publicity.edit"),
        Transition("release", _("提交发布"), DRAFT_ONLY, State.RELEASED, "publicity.publish"),
        Transition("link", _("关联已发布信息"), DRAFT_ONLY, State.RELEASED, "publicity.publish"),
        Transition("object", _("登记异议"), RELEASED_ONLY, None, "publicity.edit"),
        Transition(
            "resolve", _("办结异议"), frozenset({State.RELEASED, State.ENDED}), None, "publicity.edit"
        ),
        Transition("end", _("公示期满撤下"), RELEASED_ONLY, State.ENDED, None),
    ]
}


class IllegalTransition(ValidationError):
    """The publicity is not in a state from which this verb may be applied."""

    def __init__(self, verb: str, state: str):
        self.verb, self.state = verb, state
        label = TRANSITIONS[verb].label if verb in TRANSITIONS else verb
        super().__init__(f"该公示当前状态（{State(state).label}）不能执行“{label}”。")


def check(verb: str, state: str) -> Transition:
    transition = TRANSITIONS[verb]
    if state not in transition.sources:
        raise IllegalTransition(verb, state)
    return transition


def verbs_from(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if state in t.sources]
