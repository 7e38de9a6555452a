"""The workflow table: every verb from every state, allowed or refused as the table says."""

import pytest

from gongkai.publicity import workflow
from gongkai.publicity.models import State

EXPECTED = {
    "edit": {State.DRAFT},
    "add_entry": {State.DRAFT},
    "remove_entry": {State.DRAFT},
    "import": {State.DRAFT},
    "release": {State.DRAFT},
    "link": {State.DRAFT},
    "object": {State.RELEASED},
    "resolve": {State.RELEASED, State.ENDED},
    "end": {State.RELEASED},
}


@pytest.mark.parametrize("verb", sorted(EXPECTED))
@pytest.mark.parametrize("state", State.values)
def test_every_verb_is_allowed_exactly_from_the_states_the_table_names(verb, state):
    if state in EXPECTED[verb]:
        assert workflow.check(verb, state).verb == verb
    else:
        with pytest.raises(workflow.IllegalTransition) as refused:
            workflow.check(verb, state)
        assert str(State(state).label) in str(refused.value.message)


def test_the_table_has_no_verb_the_test_does_not_know():
    assert set(workflow.TRANSITIONS) == set(EXPECTED)


def test_release_and_link_freeze_the_list_and_end_takes_it_down():
    assert workflow.TRANSITIONS["release"].target == State.RELEASED
    assert workflow.TRANSITIONS["link"].target == State.RELEASED
    assert workflow.TRANSITIONS["end"].target == State.ENDED
    assert workflow.TRANSITIONS["end"].permission is None  # the periodic job's


def test_the_pages_buttons_come_from_the_table():
    assert {t.verb for t in workflow.verbs_from(State.DRAFT)} == {
        "edit", "add_entry", "remove_entry", "import", "release", "link"
    }
    assert {t.verb for t in workflow.verbs_from(State.ENDED)} == {"resolve"}
