"""A procurement project's steps, written down in one place: which verb may be applied in which
state, to which state it leads, and which permission it needs.

    计划 ──start──▶ 采购中 ──award──▶ 已确定供应商 ──contract──▶ 已签订合同
     │ intention     │ tender          │ result                   │ result
     └──terminate────┴──terminate──────┘                          ▼
                      ▼                                        (savings counted)
                   已终止

A project is entered as planned (``record``), edited while nothing binding has happened yet
(``edit``: planned or procuring) and removed only while planned with no notice (``remove``).
Each notice is drafted as an information item in the catalog (``intention`` while planned,
``tender`` once procuring, ``result`` once the supplier is chosen) or linked to an item the catalog
already holds (``link``); review, approval and publication are then the catalog's own workflow.

The actions call ``check``; the staff pages draw their buttons from ``verbs_from``;
``tests/test_workflow_table.py`` walks every (verb, state) pair.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gongkai.procurement.models import NoticeKind, ProjectState

S = ProjectState


@dataclass(frozen=True)
class Transition:
    verb: str
    label: str
    sources: frozenset[str]
    target: str | None  # None: the state stays as it is
    permission: str


OPEN = frozenset({S.PLANNED, S.PROCURING, S.AWARDED, S.CONTRACTED})

TRANSITIONS: dict[str, Transition] = {
    t.verb: t
    for t in [
        Transition("edit", _("修改项目"), frozenset({S.PLANNED, S.PROCURING}), None, "procurement.edit"),
        Transition("remove", _("删除项目"), frozenset({S.PLANNED}), None, "procurement.edit"),
        Transition("start", _("开始采购"), frozenset({S.PLANNED}), S.PROCURING, "procurement.edit"),
        Transition("award", _("确定供应商"), frozenset({S.PROCURING}), S.AWARDED, "procurement.edit"),
        Transition("contract", _("登记合同"), frozenset({S.AWARDED}), S.CONTRACTED, "procurement.edit"),
        Transition(
            "terminate",
            _("终止采购"),
            frozenset({S.PLANNED, S.PROCURING, S.AWARDED}),
            S.TERMINATED,
            "procurement.edit",
        ),
        Transition("intention", _("起草采购意向公开"), frozenset({S.PLANNED}), None, "procurement.publish"),
        Transition("tender", _("起草采购公告"), frozenset({S.PROCURING}), None, "procurement.publish"),
        Transition(
            "result", _("起草结果公告"), frozenset({S.AWARDED, S.CONTRACTED}), None, "procurement.publish"
        ),
        Transition("link", _("关联已发布信息"), OPEN, None, "procurement.publish"),
    ]
}

# The verb that drafts each kind of notice.
NOTICE_VERBS: dict[str, str] = {
    NoticeKind.INTENTION: "intention",
    NoticeKind.TENDER: "tender",
    NoticeKind.RESULT: "result",
}

# Verbs the staff project page offers as forms of their own (the notice verbs are buttons).
FORM_VERBS = ("edit", "start", "award", "contract", "terminate")


class IllegalTransition(ValidationError):
    """The project is not in a state from which this verb may be applied (a ValidationError, so
    pages and reports show it as any other refusal of an action)."""

    def __init__(self, verb: str, state: str):
        self.verb, self.state = verb, state
        label = TRANSITIONS[verb].label if verb in TRANSITIONS else verb
        super().__init__(f"采购项目当前状态（{ProjectState(state).label}）不能执行“{label}”。")


def check(verb: str, state: str) -> Transition:
    transition = TRANSITIONS[verb]
    if state not in transition.sources:
        raise IllegalTransition(verb, state)
    return transition


def verbs_from(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if state in t.sources]
