"""The workflow table (``hotline/workflow.py``) walked through the actions: every verb from every
state, allowed or refused as the table says; every persona, allowed or refused as worked out by
hand from the role table; and the ticket page offering exactly what the actions accept."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.hotline import actions, workflow
from gongkai.hotline.models import Satisfaction, Status, Ticket
from gongkai.hotline.workflow import IllegalTransition

pytestmark = pytest.mark.django_db

STATES = [Status.NEW, Status.DISPATCHED, Status.REPLIED, Status.CLOSED]

# Who may use each verb on a ticket that the office took and the education bureau leads, worked
# out by hand from accounts/roles.py: the operator and the coordinator work in the office (the
# coordinator district-wide), the editor and the leader in the bureau; the auditor only reads; the
# outsider is an editor and leader of another department.
WHO = {
    "dispatch": {"operator", "coordinator"},
    "reply": {"editor", "leader"},
    "callback": {"operator"},
    "close": {"operator"},
    "escalate": {"coordinator"},
    "extend": {"coordinator"},
    "transfer": {"operator", "coordinator"},
    "return": {"editor", "leader"},
    "reopen": {"operator"},
    "publish": {"coordinator"},
    "unpublish": {"coordinator"},
}
PERSONAS = ["operator", "coordinator", "editor", "leader", "auditor", "outsider"]


def test_the_table_names_every_verb_the_hand_worked_list_names():
    assert set(workflow.TRANSITIONS) == set(WHO)
    assert {t.verb for t in workflow.PANELS} == WHO.keys() - {"reopen", "publish", "unpublish"}


@pytest.fixture
def ticket_in(personas, call):
    """A ticket in ``state``, got there through the actions; its writer agreed to publication."""

    def make(state: str, *, published: bool = False) -> Ticket:
        ticket = call(publish_allowed=True)
        if state != Status.NEW:
            actions.dispatch(ticket, personas.department, actor=personas.operator)
        if state in (Status.REPLIED, Status.CLOSED):
            actions.reply(ticket, actor=personas.editor, text="已协调学校解决")
        if state == Status.CLOSED:
            actions.callback(
                ticket, actor=personas.operator, reached=True, satisfaction=Satisfaction.SATISFIED
            )
            actions.close(ticket, actor=personas.operator)
            if published:
                actions.publish_letter(ticket, actor=personas.coordinator, question="问题", answer="答复")
        return Ticket.objects.get(pk=ticket.pk)

    return make


def _prepare(verb: str, ticket: Ticket, personas) -> None:
    """What a verb needs besides its state: a callback before closing."""
    if verb == "close" and ticket.status == Status.REPLIED:
        actions.callback(ticket, actor=personas.operator, reached=True, satisfaction=Satisfaction.BASIC)


def _run(verb: str, ticket: Ticket, actor, personas):
    """The verb's action with valid input."""
    return {
        "dispatch": lambda: actions.dispatch(ticket, personas.department, actor=actor),
        "reply": lambda: actions.reply(ticket, actor=actor, text="已办理"),
        "callback": lambda: actions.callback(
            ticket, actor=actor, reached=True, satisfaction=Satisfaction.SATISFIED
        ),
        "close": lambda: actions.close(ticket, actor=actor),
        "escalate": lambda: actions.escalate(ticket, actor=actor, note="请加快办理"),
        "extend": lambda: actions.extend(ticket, actor=actor, days=3, reason="涉及多个部门"),
        "transfer": lambda: actions.transfer(
            ticket, personas.other_department, actor=actor, reason="财政事项"
        ),
        "return": lambda: actions.return_ticket(ticket, actor=actor, reason="不属于本单位职责"),
        "reopen": lambda: actions.reopen(ticket, actor=actor, note="答复没有回应诉求"),
        "publish": lambda: actions.publish_letter(ticket, actor=actor, question="问题", answer="答复"),
        "unpublish": lambda: actions.unpublish_letter(ticket, actor=actor, reason="来信人要求撤下"),
    }[verb]()


def _trace(ticket: Ticket) -> tuple:
    t = Ticket.objects.get(pk=ticket.pk)
    events = AuditEvent.objects.filter(target_type="hotline.ticket", target_id=str(t.pk)).count()
    return t.status, t.lead_id, t.extension_days, t.escalated, t.published, t.reopen_count, events


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("verb", list(WHO))
def test_every_verb_from_every_state_is_allowed_or_refused_as_the_table_says(
    verb, state, ticket_in, personas
):
    transition = workflow.TRANSITIONS[verb]
    ticket = ticket_in(state, published=verb == "unpublish")
    actor = getattr(personas, sorted(WHO[verb])[0])
    if state in transition.sources:
        _prepare(verb, ticket, personas)
        _run(verb, ticket, actor, personas)
        assert Ticket.objects.get(pk=ticket.pk).status == (transition.target or state)
        assert AuditEvent.objects.filter(action=f"ticket.{verb}", target_id=str(ticket.pk)).exists()
        return
    before = _trace(ticket)
    # Nobody leads a ticket not yet dispatched: nobody may act as its lead unit.
    refusal = IllegalTransition if workflow.party(ticket, transition) else PermissionDenied
    with pytest.raises(refusal):
        _run(verb, ticket, actor, personas)
    assert _trace(ticket) == before


@pytest.mark.parametrize("who", PERSONAS)
@pytest.mark.parametrize("verb", list(WHO))
def test_each_verb_is_open_only_to_the_party_the_table_names(verb, who, ticket_in, personas):
    transition = workflow.TRANSITIONS[verb]
    (state,) = transition.sources
    ticket = ticket_in(state, published=verb == "unpublish")
    _prepare(verb, ticket, personas)
    before = _trace(ticket)
    if who in WHO[verb]:
        _run(verb, ticket, getattr(personas, who), personas)
        assert _trace(ticket) != before
    else:
        with pytest.raises(PermissionDenied):
            _run(verb, ticket, getattr(personas, who), personas)
        assert _trace(ticket) == before


@pytest.mark.parametrize("who", ["operator", "coordinator", "editor", "leader", "auditor"])
@pytest.mark.parametrize("state", STATES)
def test_the_ticket_page_offers_exactly_the_verbs_the_actions_accept(client, who, state, ticket_in, personas):
    ticket = ticket_in(state)
    client.force_login(getattr(personas, who))
    page = client.get(reverse("hotline_staff:detail", args=[ticket.pk]))
    if state == Status.NEW and who in ("editor", "leader"):
        assert page.status_code == 404  # not yet the bureau's ticket: not even shown
        return
    expected = {t.verb: state in t.sources and who in WHO[t.verb] for t in workflow.PANELS}
    assert page.context["panels"] == expected
    assert page.context["any_panel"] == any(expected.values())


def test_a_second_extension_is_refused_and_no_longer_offered(client, ticket_in, personas):
    ticket = ticket_in(Status.DISPATCHED)
    actions.extend(ticket, actor=personas.coordinator, days=3, reason="涉及多个部门")
    with pytest.raises(ValidationError, match="只能延期一次"):
        actions.extend(ticket, actor=personas.coordinator, days=2, reason="还要再延")
    client.force_login(personas.coordinator)
    panels = client.get(reverse("hotline_staff:detail", args=[ticket.pk])).context["panels"]
    assert panels["escalate"] and not panels["extend"]


def test_a_letter_without_consent_is_never_published(ticket_in, personas):
    ticket = ticket_in(Status.CLOSED)
    Ticket.objects.filter(pk=ticket.pk).update(publish_allowed=False)
    with pytest.raises(ValidationError, match="未同意公开"):
        actions.publish_letter(ticket, actor=personas.coordinator, question="问题", answer="答复")
    with pytest.raises(ValidationError, match="未公开"):
        actions.unpublish_letter(ticket, actor=personas.coordinator)


def test_an_unsatisfied_callback_reopens_through_the_reopen_verb(ticket_in, personas):
    ticket = ticket_in(Status.REPLIED)
    actions.callback(ticket, actor=personas.operator, reached=True, satisfaction=Satisfaction.UNSATISFIED)
    ticket = Ticket.objects.get(pk=ticket.pk)
    assert ticket.status == Status.DISPATCHED and ticket.reopen_count == 1
    codes = list(
        AuditEvent.objects.filter(target_id=str(ticket.pk)).order_by("id").values_list("action", flat=True)
    )
    assert codes[-2:] == ["ticket.callback", "ticket.reopen"]
