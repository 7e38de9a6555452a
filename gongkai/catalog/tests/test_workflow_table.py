"""The transition table (workflow.TRANSITIONS) walked pair by pair: every verb from every state,
through its action, by someone who may and by someone who may not."""

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.audit.models import AuditEvent
from gongkai.catalog import actions, permissions
from gongkai.catalog.models import State, Version
from gongkai.catalog.workflow import TRANSITIONS, IllegalTransition

pytestmark = pytest.mark.django_db

# verb → (the persona who holds its permission for the department, the action call)
CALLS = {
    "submit": ("editor", lambda v, actor: actions.submit(v, actor=actor)),
    "review_pass": ("reviewer", lambda v, actor: actions.review(v, actor=actor, passed=True)),
    "review_reject": (
        "reviewer",
        lambda v, actor: actions.review(v, actor=actor, passed=False, reason="涉密"),
    ),
    "approve": ("leader", lambda v, actor: actions.approve(v, actor=actor, approved=True)),
    "approve_reject": (
        "leader",
        lambda v, actor: actions.approve(v, actor=actor, approved=False, reason="重写"),
    ),
    "unschedule": ("leader", lambda v, actor: actions.unschedule(v, actor=actor, reason="推迟")),
    "edit": ("editor", lambda v, actor: actions.update_draft(v, actor=actor, title="改过的标题")),
}
PAIRS = [(verb, state) for verb in TRANSITIONS for state in State.values]


def test_the_walk_covers_every_verb_of_the_table():
    assert set(CALLS) == set(TRANSITIONS)


@pytest.fixture
def version_in(make_version):
    def make(state):
        version = make_version()
        Version.objects.filter(pk=version.pk).update(state=state)
        version.refresh_from_db()
        return version

    return make


def _events(version):
    return AuditEvent.objects.filter(target_id=str(version.item_id)).count()


@pytest.mark.parametrize(("verb", "state"), PAIRS, ids=[f"{v}-from-{s}" for v, s in PAIRS])
def test_a_verb_moves_a_version_only_from_the_states_the_table_names(personas, version_in, verb, state):
    persona, call = CALLS[verb]
    actor = getattr(personas, persona)
    version = version_in(state)
    allowed = state in TRANSITIONS[verb].sources
    assert permissions.can_act(actor, verb, version) is allowed  # what the version page offers
    before = _events(version)
    if allowed:
        call(version, actor)
        assert _events(version) > before  # audited
    else:
        with pytest.raises(IllegalTransition):
            call(version, actor)
        version.refresh_from_db()
        assert version.state == state and _events(version) == before


@pytest.mark.parametrize(("verb", "state"), PAIRS, ids=[f"{v}-from-{s}" for v, s in PAIRS])
def test_an_outsider_is_refused_every_verb_from_every_state(personas, version_in, verb, state):
    """The outsider is an editor and a leader, but of another department; the permission is
    asked before the state, so a refusal says nothing about where the version stands."""
    _persona, call = CALLS[verb]
    version = version_in(state)
    assert permissions.can_act(personas.outsider, verb, version) is False
    before = _events(version)
    with pytest.raises(PermissionDenied):
        call(version, personas.outsider)
    version.refresh_from_db()
    assert version.state == state and _events(version) == before
