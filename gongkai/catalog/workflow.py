"""The publication workflow written down in one place: which verb moves a version from which
state, and which permission it needs. The actions (``actions/publishing.py``) enforce it, the
version page offers what it allows, and ``tests/test_workflow_table.py`` walks every pair."""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.catalog.models import State


@dataclass(frozen=True)
class Transition:
    verb: str
    label: str
    sources: frozenset[str]
    permission: str


TRANSITIONS: dict[str, Transition] = {
    t.verb: t
    for t in [
        Transition("submit", "提交审查", frozenset({State.DRAFT}), "item.edit"),
        Transition("review_pass", "保密审查通过", frozenset({State.SUBMITTED}), "item.review"),
        Transition("review_reject", "保密审查退回", frozenset({State.SUBMITTED}), "item.review"),
        Transition("approve", "批准发布", frozenset({State.REVIEWED}), "item.approve"),
        Transition("approve_reject", "审批退回", frozenset({State.REVIEWED}), "item.approve"),
        Transition("unschedule", "取消定时发布", frozenset({State.SCHEDULED}), "item.approve"),
        Transition("edit", "修改", frozenset({State.DRAFT}), "item.edit"),
    ]
}


# The states of a version still on its way to the portal (an item has at most one such version).
PENDING_STATES = (State.DRAFT, State.SUBMITTED, State.REVIEWED, State.SCHEDULED)


class IllegalTransition(Exception):
    """The version is not in a state from which this verb may be applied."""

    def __init__(self, verb: str, state: str):
        self.verb, self.state = verb, state
        label = TRANSITIONS[verb].label if verb in TRANSITIONS else verb
        super().__init__(f"当前状态（{State(state).label}）不能执行“{label}”。")


def check(verb: str, state: str) -> Transition:
    transition = TRANSITIONS[verb]
    if state not in transition.sources:
        raise IllegalTransition(verb, state)
    return transition


def verbs_from(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if state in t.sources and t.verb != "edit"]
