"""A disclosure's states and verbs, written down in one place: which verb may be applied in which
state, to which state it leads, and which permission it needs.

A disclosure is entered as a draft (``DRAFT``): its approval date and explanation are edited, its
tables imported from the finance system's sheets (or marked empty with a note), and a table can be
taken off again. Releasing it (``release``: its information item is drafted in the catalog;
``link``: the item is one the catalog already has) freezes it (``RELEASED``). Review, approval and
publication are then the catalog's own workflow: the disclosure is public while its item is.

The actions call ``check``; the staff pages draw their buttons from ``verbs_from``;
``tests/test_workflow_table.py`` walks every (verb, state) pair.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gongkai.finance.models import State


@dataclass(frozen=True)
class Transition:
    verb: str
    label: str
    sources: frozenset[str]
    target: str | None  # None: the state stays as it is
    permission: str


DRAFT_ONLY = frozenset({State.DRAFT})

TRANSITIONS: dict[str, Transition] = {
    t.verb: t
    for t in [
        Transition("edit", _("修改说明"), DRAFT_ONLY, None, "finance.edit"),
        Transition("import", _("导入表格"), DRAFT_ONLY, None, "finance.edit"),
        Transition("mark_empty", _("标为空表"), DRAFT_ONLY, None, "finance.edit"),
        Transition("remove_table", _("删除表格"), DRAFT_ONLY, None, "finance.edit"),
        Transition("release", _("提交发布"), DRAFT_ONLY, State.RELEASED, "finance.publish"),
        Transition("link", _("关联已发布信息"), DRAFT_ONLY, State.RELEASED, "finance.publish"),
    ]
}


class IllegalTransition(ValidationError):
    """The disclosure is not in a state from which this verb may be applied."""

    def __init__(self, verb: str, state: str):
        self.verb, self.state = verb, state
        label = TRANSITIONS[verb].label if verb in TRANSITIONS else verb
        super().__init__(f"该预决算公开当前状态（{State(state).label}）不能执行“{label}”。")


def check(verb: str, state: str) -> Transition:
    transition = TRANSITIONS[verb]
    if state not in transition.sources:
        raise IllegalTransition(verb, state)
    return transition


def verbs_from(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if state in t.sources]
