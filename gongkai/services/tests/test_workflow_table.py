"""The guide workflow's table, walked: every verb from every state either goes where the table
says or is refused with the state and the verb named."""

import pytest

from gongkai.services import workflow
from gongkai.services.models import GuideState

EXPECTED = {
    ("edit", GuideState.DRAFT): None,
    ("release", GuideState.DRAFT): GuideState.RELEASED,
    ("revise", GuideState.RELEASED): None,
}


@pytest.mark.parametrize("verb", list(workflow.TRANSITIONS))
@pytest.mark.parametrize("state", GuideState.values)
def test_every_verb_from_every_state(verb, state):
    if (verb, state) in EXPECTED:
        assert workflow.check(verb, state).target == EXPECTED[(verb, state)]
    else:
        with pytest.raises(workflow.IllegalTransition) as caught:
            workflow.check(verb, state)
        label = workflow.TRANSITIONS[verb].label
        assert caught.value.messages == [f"办事指南当前状态（{GuideState(state).label}）不能执行“{label}”。"]


def test_the_buttons_follow_the_table():
    assert [t.verb for t in workflow.verbs_from(GuideState.DRAFT)] == ["edit", "release"]
    assert [t.verb for t in workflow.verbs_from(GuideState.RELEASED)] == ["revise"]


def test_every_verb_needs_a_service_permission():
    assert {t.permission for t in workflow.TRANSITIONS.values()} <= {"service.edit", "service.publish"}
