"""A report's states and verbs, written down in one place: which verb may be applied in which
state, to which state it leads, which permission it needs and where (the report's organisation,
or the whole district — the disclosure office).

A department enters its values (``enter``, ``import``, ``explain``) while the report is being
filled in or has been returned, then submits it (``submit``: a frozen version with its checks).
The department's leader confirms it (``confirm``) or sends it back (``return``); the office may
send back a confirmed report for correction (``reopen``), the confirmed figures standing until a
new version is confirmed. A confirmed version is published (``publish``) as an information item
through the catalog's own review workflow.

The actions call ``check``; the staff pages draw their buttons from ``verbs_from``;
``tests/test_workflow_table.py`` walks every (verb, state) pair.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gongkai.sectors.models import ReportState

S = ReportState


@dataclass(frozen=True)
class Transition:
    verb: str
    label: str
    sources: frozenset[str]
    target: str | None  # None: the state stays as it is
    permission: str
    district_wide: bool = False  # the permission is needed for the district (the office), not the unit


OPEN = frozenset({S.DRAFT, S.RETURNED})

TRANSITIONS: dict[str, Transition] = {
    t.verb: t
    for t in [
        Transition("enter", _("填报数值"), OPEN, None, "sector.edit"),
        Transition("import", _("导入填报表"), OPEN, None, "sector.edit"),
        Transition("explain", _("填写情况说明"), OPEN, None, "sector.edit"),
        Transition("submit", _("报送"), OPEN, S.SUBMITTED, "sector.edit"),
        Transition("confirm", _("确认"), frozenset({S.SUBMITTED}), S.CONFIRMED, "sector.confirm"),
        Transition("return", _("退回修改"), frozenset({S.SUBMITTED}), S.RETURNED, "sector.confirm"),
        Transition(
            "reopen",
            _("退回更正"),
            frozenset({S.CONFIRMED}),
            S.RETURNED,
            "sector.confirm",
            district_wide=True,
        ),
        Transition("publish", _("提交公开"), frozenset({S.CONFIRMED}), None, "sector.edit"),
    ]
}


class IllegalTransition(ValidationError):
    """The report is not in a state from which this verb may be applied."""

    def __init__(self, verb: str, state: str):
        self.verb, self.state = verb, state
        label = TRANSITIONS[verb].label if verb in TRANSITIONS else verb
        super().__init__(f"该填报当前状态（{ReportState(state).label}）不能执行“{label}”。")


def check(verb: str, state: str) -> Transition:
    transition = TRANSITIONS[verb]
    if state not in transition.sources:
        raise IllegalTransition(verb, state)
    return transition


def verbs_from(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if state in t.sources]
