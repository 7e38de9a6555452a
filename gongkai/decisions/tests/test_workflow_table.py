"""The states and verbs table, walked pair by pair: each verb works from the states the table
lists and is refused, with the state named, from every other."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gongkai.decisions import actions, workflow
from gongkai.decisions.models import BatchGroup, Decision, DecisionState
from gongkai.decisions.tests.conftest import penalty_values

pytestmark = pytest.mark.django_db

PAIRS = [(verb, state) for verb in workflow.TRANSITIONS for state in DecisionState.values]


def _in_state(state, record, publish):
    decision = record(penalty_values())
    if state == DecisionState.RECORDED:
        return decision
    publish(decision)
    if state == DecisionState.WITHDRAWN:
        Decision.objects.filter(pk=decision.pk).update(state=state, withdrawn_on=dt.date(2018, 6, 1))
    elif state == DecisionState.ENDED:
        Decision.objects.filter(pk=decision.pk).update(state=state)
    decision.refresh_from_db()
    return decision


def _apply(verb, decision, personas):
    editor = personas.editor
    if verb == "edit":
        actions.update_decision(decision, actor=editor, **penalty_values(title="改名"))
    elif verb == "remove":
        actions.remove_decision(decision, actor=editor)
    elif verb == "release":
        actions.release_batch(
            actor=editor, organisation=personas.department, group=BatchGroup.PENALTY, decisions=[decision]
        )
    elif verb == "withdraw":
        actions.withdraw_decision(decision, actor=editor, on=dt.date(2018, 6, 1), reason="复议撤销")
    elif verb == "end":
        Decision.objects.filter(pk=decision.pk).update(publicity_ends_on=dt.date(2018, 5, 31))
        return actions.end_publicity(dt.date(2018, 6, 1))
    return None


@pytest.mark.parametrize(("verb", "state"), PAIRS)
def test_each_verb_works_only_from_its_states(verb, state, personas, record, publish):
    decision = _in_state(state, record, publish)
    transition = workflow.TRANSITIONS[verb]
    if state in transition.sources:
        _apply(verb, decision, personas)
        if verb == "remove":
            assert not Decision.objects.filter(pk=decision.pk).exists()
            return
        decision.refresh_from_db()
        assert decision.state == (transition.target or state)
    elif verb == "end":
        # The job looks only for released decisions: from any other state it leaves it alone.
        assert _apply(verb, decision, personas) == 0
        decision.refresh_from_db()
        assert decision.state == state
    else:
        with pytest.raises(ValidationError) as excinfo:
            _apply(verb, decision, personas)
        assert str(DecisionState(state).label) in str(excinfo.value)


def test_the_staff_pages_offer_only_a_persons_verbs():
    assert "end" not in {t.verb for t in workflow.verbs_from(DecisionState.RELEASED)}
    assert {t.verb for t in workflow.verbs_from(DecisionState.RECORDED)} == {
        "edit",
        "remove",
        "release",
        "withdraw",
    }
    assert workflow.verbs_from(DecisionState.ENDED) == []
