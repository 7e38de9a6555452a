"""The handling of a disclosure application written down in one place: which verb may be applied in
which state (``Status``), to which state it leads, and which permission it needs.

The actions enforce it (``workflow.check`` before any change), ``permissions.may`` answers who may,
the staff page draws its panels from it, and ``tests/test_workflow_table.py`` walks every (verb,
state) pair through the actions. What else a verb needs (no open stop, one extension only …) is
checked by its action, which says why.

An application starts in ``INITIAL`` when it is submitted or registered (``submit_application``).
The verbs are the ones the staff page posts (``/staff/applications/<pk>/<verb>/``), and the three
about the reply's documents and letter.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gongkai.applications.models import Status

INITIAL = Status.RECEIVED
OPEN = frozenset({Status.RECEIVED, Status.PROCESSING})
CLOSED = frozenset({Status.CLOSED})
ANY = frozenset(Status.values)

HANDLE = "application.handle"
ALREADY_CLOSED = _("该申请已答复办结。")
NOT_REPLIED = _("该申请尚未答复，不能登记针对答复的行政复议或行政诉讼。")


@dataclass(frozen=True)
class Transition:
    verb: str
    label: str
    sources: frozenset[str]
    target: str | None  # None: the status stays as it is
    permission: str
    refusal: str = ""  # why it is refused in another state (else a generic sentence)


TRANSITIONS: dict[str, Transition] = {
    t.verb: t
    for t in [
        Transition(
            "accept",
            _("受理"),
            frozenset({Status.RECEIVED}),
            Status.PROCESSING,
            HANDLE,
            _("只有新收到的申请可以受理。"),
        ),
        Transition("transfer", _("转办"), OPEN, None, "application.route", ALREADY_CLOSED),
        Transition("clarify", _("发出补正通知"), OPEN, None, HANDLE, ALREADY_CLOSED),
        Transition("consult", _("征求意见"), OPEN, None, HANDLE, ALREADY_CLOSED),
        Transition("fee", _("发出收费通知"), OPEN, None, HANDLE, ALREADY_CLOSED),
        Transition("end_stop", _("结束暂停计时"), OPEN, None, HANDLE, ALREADY_CLOSED),
        Transition("extend", _("延期答复"), OPEN, None, "application.extend", ALREADY_CLOSED),
        Transition("close", _("答复办结"), OPEN, Status.CLOSED, HANDLE, ALREADY_CLOSED),
        Transition("deliver", _("登记送达"), CLOSED, None, HANDLE, _("请先作出答复。")),
        Transition("review_add", _("登记复议/诉讼"), CLOSED, None, HANDLE, NOT_REPLIED),
        Transition("review_decide", _("登记复议/诉讼结果"), CLOSED, None, HANDLE, NOT_REPLIED),
        # A letter before the reply is a draft; documents may change until delivery is recorded.
        Transition("letter", _("生成告知书"), ANY, None, HANDLE),
        Transition("attach", _("上传答复材料"), ANY, None, HANDLE),
        Transition("detach", _("删除答复材料"), ANY, None, HANDLE),
    ]
}


class IllegalTransition(ValidationError):
    """The application is not in a state from which this verb may be applied.

    A ValidationError, so every caller that shows an action's refusal shows this one too."""

    def __init__(self, verb: str, state: str):
        self.verb, self.state = verb, state
        transition = TRANSITIONS[verb]
        message = transition.refusal or _("当前状态（%(state)s）不能执行“%(label)s”。") % {
            "state": Status(state).label,
            "label": transition.label,
        }
        super().__init__(message, code="illegal_transition")


def check(verb: str, state: str) -> Transition:
    """The transition of ``verb``; IllegalTransition unless ``state`` is one of its sources."""
    transition = TRANSITIONS[verb]
    if state not in transition.sources:
        raise IllegalTransition(verb, state)
    return transition


def verbs_from(state: str) -> list[Transition]:
    """The transitions an application in ``state`` allows, in the table's order."""
    return [t for t in TRANSITIONS.values() if state in t.sources]
