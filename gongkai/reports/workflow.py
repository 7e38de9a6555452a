"""A report's states and verbs, written down in one place: which verb may be applied in which
state, to which state it leads, and which permission it needs.

A report is generated as a draft (``DRAFT``): its figures can be computed again and its prose
edited. Approving it (``approve``) freezes figures and prose (``APPROVED``); it can be sent back
(``reopen``) until it is released. Releasing it (``release``) drafts it as an information item
of the 年报 column: review, approval and publication are then the catalog's own workflow, and the
report is public while that item is (``notices.publication``).

The actions call ``check``; the staff pages draw their buttons from ``verbs_from``;
``tests/test_workflow_table.py`` walks every (verb, state) pair.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gongkai.reports.models import ReportState


@dataclass(frozen=True)
class Transition:
    verb: str
    label: str
    sources: frozenset[str]
    target: str | None  # None: the state stays as it is
    permission: str


DRAFT_ONLY = frozenset({ReportState.DRAFT})
APPROVED_ONLY = frozenset({ReportState.APPROVED})

TRANSITIONS: dict[str, Transition] = {
    t.verb: t
    for t in [
        Transition("generate", _("重新生成数据"), DRAFT_ONLY, None, "report.edit"),
        Transition("edit", _("修改文字"), DRAFT_ONLY, None, "report.edit"),
        Transition("approve", _("审定"), DRAFT_ONLY, ReportState.APPROVED, "report.approve"),
        Transition("reopen", _("退回修改"), APPROVED_ONLY, ReportState.DRAFT, "report.approve"),
        Transition("release", _("提交发布"), APPROVED_ONLY, ReportState.RELEASED, "report.edit"),
    ]
}


class IllegalTransition(ValidationError):
    """The report is not in a state from which this verb may be applied."""

    def __init__(self, verb: str, state: str):
        self.verb, self.state = verb, state
        label = TRANSITIONS[verb].label if verb in TRANSITIONS else verb
        super().__init__(f"年度报告当前状态（{ReportState(state).label}）不能执行“{label}”。")


def check(verb: str, state: str) -> Transition:
    transition = TRANSITIONS[verb]
    if state not in transition.sources:
        raise IllegalTransition(verb, state)
    return transition


def verbs_from(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if state in t.sources]


# The website's yearly form (政府网站工作年度报表) has the same life: generated as a draft whose
# computed figures can be generated again and whose other figures the office enters; approved
# (frozen) or sent back; released into the catalog.
WEBSITE_TRANSITIONS: dict[str, Transition] = {
    t.verb: t
    for t in [
        Transition("generate", _("重新生成数据"), DRAFT_ONLY, None, "report.edit"),
        Transition("enter", _("填报数据"), DRAFT_ONLY, None, "report.edit"),
        Transition("approve", _("审定"), DRAFT_ONLY, ReportState.APPROVED, "report.approve"),
        Transition("reopen", _("退回修改"), APPROVED_ONLY, ReportState.DRAFT, "report.approve"),
        Transition("release", _("提交发布"), APPROVED_ONLY, ReportState.RELEASED, "report.edit"),
    ]
}


def check_website(verb: str, state: str) -> Transition:
    transition = WEBSITE_TRANSITIONS[verb]
    if state not in transition.sources:
        raise IllegalWebsiteTransition(verb, state)
    return transition


def website_verbs_from(state: str) -> list[Transition]:
    return [t for t in WEBSITE_TRANSITIONS.values() if state in t.sources]


class IllegalWebsiteTransition(ValidationError):
    def __init__(self, verb: str, state: str):
        self.verb, self.state = verb, state
        super().__init__(
            f"网站年度报表当前状态（{ReportState(state).label}）不能执行“{WEBSITE_TRANSITIONS[verb].label}”。"
        )
