"""A source document's batch of changes, written down in one place: which verb may be applied in
which state, to which state it leads, and which permission it needs.

A document is recorded as a draft (``DRAFT``): its changes are entered one by one or imported, and
can be removed again. Releasing it (``release``: the notice is drafted in the catalog; ``link``:
the notice is an item the catalog already has) freezes the batch (``RELEASED``). Review, approval
and publication are then the catalog's own workflow: the batch is public while its notice is
(``notices.publication``), so a notice withdrawn in the catalog takes the changes off the portal.

The actions call ``check``; the staff pages draw their buttons from ``verbs_from``;
``tests/test_workflow_table.py`` walks every (verb, state) pair.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gongkai.powers.models import DocumentState


@dataclass(frozen=True)
class Transition:
    verb: str
    label: str
    sources: frozenset[str]
    target: str | None  # None: the state stays as it is
    permission: str


DRAFT_ONLY = frozenset({DocumentState.DRAFT})

TRANSITIONS: dict[str, Transition] = {
    t.verb: t
    for t in [
        Transition("record", _("登记变更"), DRAFT_ONLY, None, "power.edit"),
        Transition("remove", _("删除变更"), DRAFT_ONLY, None, "power.edit"),
        Transition("import", _("导入清单"), DRAFT_ONLY, None, "power.edit"),
        Transition("release", _("提交发布"), DRAFT_ONLY, DocumentState.RELEASED, "power.publish"),
        Transition("link", _("关联已发布信息"), DRAFT_ONLY, DocumentState.RELEASED, "power.publish"),
    ]
}


class IllegalTransition(ValidationError):
    """The document is not in a state from which this verb may be applied (a ValidationError, so
    pages and reports show it as any other refusal of an action)."""

    def __init__(self, verb: str, state: str):
        self.verb, self.state = verb, state
        label = TRANSITIONS[verb].label if verb in TRANSITIONS else verb
        super().__init__(f"依据文件当前状态（{DocumentState(state).label}）不能执行“{label}”。")


def check(verb: str, state: str) -> Transition:
    transition = TRANSITIONS[verb]
    if state not in transition.sources:
        raise IllegalTransition(verb, state)
    return transition


def verbs_from(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if state in t.sources]
