"""The workflow table (workflow.py) walked through the actions: every verb in every state, allowed
or refused as the table says, by someone who may; refused in every state to someone who may not;
and the staff page offers no verb the table refuses."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from gongkai.applications import actions, permissions, workflow
from gongkai.applications.models import Application, ReviewCase, ReviewKind, Status
from gongkai.applications.outcomes import Outcome
from gongkai.applications.tests.test_documents import pdf_upload
from gongkai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
D = dt.date
RECEIVED_ON = D(2025, 6, 9)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def in_state(make_app, personas, state: str, *, open_stop: bool = False) -> Application:
    """An application received on 9 June 2025, brought to ``state`` by the actions themselves;
    with ``open_stop``, with a stop of the clock still open (closed: a fee never paid)."""
    app = make_app(received=RECEIVED_ON)
    editor = personas.editor
    if state == Status.PROCESSING:
        actions.accept(app, actor=editor)
    if open_stop and state != Status.CLOSED:
        actions.start_consultation(
            app, actor=editor, kind="third_party", party="某公司", sent_on=D(2025, 6, 10)
        )
    if state == Status.CLOSED:
        if open_stop:
            actions.issue_fee_notice(
                app, actor=editor, method="per_page", quantity=40, notice_on=D(2025, 6, 10)
            )
            actions.close(app, actor=editor, outcome=Outcome.OTHER_FEE_UNPAID, replied_on=D(2025, 7, 15))
        else:
            actions.close(app, actor=editor, outcome=Outcome.DISCLOSE, replied_on=D(2025, 6, 20))
    return Application.objects.get(pk=app.pk)


def _document(app, actor):
    return actions.attach_document(app, pdf_upload(), actor=actor)


def _case(app):
    # Only a closed application gets a case through the actions; an open one gets it written here,
    # so that deciding it can be tried (and refused) in every state.
    return ReviewCase.objects.create(application=app, kind=ReviewKind.REVIEW, filed_on=D(2025, 7, 21))


# verb -> (needs an open stop, what to prepare, the action applied with valid input)
CALLS = {
    "accept": (False, None, lambda app, who, personas, _: actions.accept(app, actor=who)),
    "transfer": (
        False,
        None,
        lambda app, who, personas, _: actions.transfer(
            app, personas.other_department, actor=who, reason="属其职责"
        ),
    ),
    "clarify": (
        False,
        None,
        lambda app, who, personas, _: actions.request_clarification(
            app, actor=who, sent_on=D(2025, 6, 10), respond_by=D(2025, 6, 24)
        ),
    ),
    "consult": (
        False,
        None,
        lambda app, who, personas, _: actions.start_consultation(
            app, actor=who, kind="co_agency", party="区财政局", sent_on=D(2025, 6, 10)
        ),
    ),
    "fee": (
        False,
        None,
        lambda app, who, personas, _: actions.issue_fee_notice(
            app, actor=who, method="per_page", quantity=40, notice_on=D(2025, 6, 10)
        ),
    ),
    "end_stop": (
        True,
        lambda app, personas: app.clock_stops.get(ended_on__isnull=True),
        lambda app, who, personas, stop: actions.end_stop(stop, actor=who, ended_on=D(2025, 6, 12)),
    ),
    "extend": (
        False,
        None,
        lambda app, who, personas, _: actions.extend(
            app, actor=who, days=10, reason="数量较大", on=D(2025, 6, 20)
        ),
    ),
    "close": (
        False,
        None,
        lambda app, who, personas, _: actions.close(
            app, actor=who, outcome=Outcome.PARTIAL, replied_on=D(2025, 6, 25)
        ),
    ),
    "deliver": (
        False,
        None,
        lambda app, who, personas, _: actions.record_delivery(
            app, actor=who, delivered_on=D(2025, 7, 20), method="post"
        ),
    ),
    "review_add": (
        False,
        None,
        lambda app, who, personas, _: actions.add_review_case(
            app, actor=who, kind=ReviewKind.DIRECT_SUIT, filed_on=D(2025, 7, 21)
        ),
    ),
    "review_decide": (
        False,
        lambda app, personas: _case(app),
        lambda app, who, personas, case: actions.decide_review_case(
            case, actor=who, result="maintained", decided_on=D(2025, 9, 1)
        ),
    ),
    "letter": (
        False,
        None,
        lambda app, who, personas, _: actions.generate_letter(app, actor=who, outcome=Outcome.DISCLOSE),
    ),
    "attach": (False, None, lambda app, who, personas, _: _document(app, who)),
    "detach": (
        False,
        lambda app, personas: _document(app, personas.editor),
        lambda app, who, personas, document: actions.remove_document(document, actor=who),
    ),
}

PAIRS = [(verb, state) for verb in workflow.TRANSITIONS for state in Status.values]


def test_every_verb_of_the_table_is_walked():
    assert set(CALLS) == set(workflow.TRANSITIONS)


@pytest.mark.parametrize(("verb", "state"), PAIRS)
def test_each_verb_is_allowed_or_refused_in_each_state_as_the_table_says(verb, state, make_app, personas):
    needs_stop, prepare, call = CALLS[verb]
    app = in_state(make_app, personas, state, open_stop=needs_stop)
    prepared = prepare(app, personas) if prepare else None
    events = AuditEvent.objects.count()
    who = personas.coordinator  # holds every permission of the table
    transition = workflow.TRANSITIONS[verb]
    if state in transition.sources:
        call(app, who, personas, prepared)
        assert Application.objects.get(pk=app.pk).status == (transition.target or state)
        assert AuditEvent.objects.count() > events
    else:
        with pytest.raises(workflow.IllegalTransition) as refused:
            call(app, who, personas, prepared)
        assert str(transition.refusal) in refused.value.messages
        assert Application.objects.get(pk=app.pk).status == state
        assert AuditEvent.objects.count() == events


@pytest.mark.parametrize(("verb", "state"), PAIRS)
def test_who_may_not_is_refused_in_every_state_before_the_state_is_looked_at(verb, state, make_app, personas):
    needs_stop, prepare, call = CALLS[verb]
    app = in_state(make_app, personas, state, open_stop=needs_stop)
    prepared = prepare(app, personas) if prepare else None
    events = AuditEvent.objects.count()
    refused = [personas.auditor, personas.outsider]
    if workflow.TRANSITIONS[verb].permission != "application.handle":
        refused.append(personas.editor)  # transfer and extension are the disclosure office's
    for who in refused:
        assert not permissions.may(who, verb, app)
        with pytest.raises(PermissionDenied):
            call(app, who, personas, prepared)
    assert Application.objects.get(pk=app.pk).status == state
    assert AuditEvent.objects.count() == events


def test_an_editor_may_do_all_but_transfer_and_extend(make_app, personas):
    app = make_app()
    allowed = {verb for verb in workflow.TRANSITIONS if permissions.may(personas.editor, verb, app)}
    assert allowed == set(workflow.TRANSITIONS) - {"transfer", "extend"}


# Read from the Regulations, by hand: R received (已收到), P processing (办理中), C closed (已答复).
EXPECTED = {
    "accept": "R",
    "transfer": "RP",
    "clarify": "RP",  # Art. 30
    "consult": "RP",  # Art. 32, 34
    "fee": "RP",  # 国办函〔2020〕109号
    "end_stop": "RP",
    "extend": "RP",  # Art. 33
    "close": "RP",  # Art. 36
    "deliver": "C",
    "review_add": "C",  # only a reply can be challenged
    "review_decide": "C",
    "letter": "RPC",  # a draft before the reply
    "attach": "RPC",
    "detach": "RPC",
}
LETTERS = {"R": Status.RECEIVED, "P": Status.PROCESSING, "C": Status.CLOSED}


def test_the_table_is_the_one_read_from_the_regulations():
    table = {
        verb: "".join(k for k, s in LETTERS.items() if s in t.sources)
        for verb, t in workflow.TRANSITIONS.items()
    }
    assert table == EXPECTED


def test_the_states_lead_from_received_through_processing_to_closed():
    assert workflow.INITIAL == Status.RECEIVED
    assert {v: t.target for v, t in workflow.TRANSITIONS.items() if t.target} == {
        "accept": Status.PROCESSING,
        "close": Status.CLOSED,
    }


ACTION_URL = re.compile(r"/staff/applications/(\d+)/([a-z_]+)/")


@pytest.mark.parametrize("state", Status.values)
@pytest.mark.parametrize("open_stop", [False, True])
def test_the_page_posts_only_verbs_the_table_allows_in_the_state(
    client, make_app, personas, state, open_stop
):
    app = in_state(make_app, personas, state, open_stop=open_stop)
    if state == Status.CLOSED:
        _case(app)
    client.force_login(personas.coordinator)
    html = client.get(reverse("applications_staff:detail", args=[app.pk])).content.decode()
    posted = {
        verb for pk, verb in ACTION_URL.findall(html) if pk == str(app.pk) and verb in workflow.TRANSITIONS
    }
    allowed = {t.verb for t in workflow.verbs_from(state)}
    assert posted and posted <= allowed
    assert ("accept" in posted) == (state == Status.RECEIVED)
    assert ("close" in posted) == (state != Status.CLOSED)
    assert ("end_stop" in posted) == (open_stop and state != Status.CLOSED)
    assert ("deliver" in posted) == (state == Status.CLOSED)
