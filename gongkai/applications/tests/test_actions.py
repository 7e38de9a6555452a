"""The application process: intake, stops of the clock, extension, reply, and who may do what."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.applications import actions, deadlines, fees
from gongkai.applications.models import Application, Channel, ClockStop, PauseKind, Status
from gongkai.applications.outcomes import Outcome
from gongkai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
D = dt.date


def test_an_online_submission_gets_a_number_and_a_query_code(personas, citizen_data):
    app, code = actions.submit_application(organisation=personas.department, data=citizen_data)
    assert app.number.startswith(f"{personas.district.code[2:8]}-") and len(code) == 8
    assert actions.find_by_query(app.number, code) == app
    assert actions.find_by_query(app.number, code.lower()) == app
    assert actions.find_by_query(app.number, "WRONGCOD") is None


def test_numbers_run_per_district_and_year(make_app):
    first, second = make_app(), make_app()
    assert int(second.number[-5:]) == int(first.number[-5:]) + 1


def test_the_audit_trail_holds_no_personal_data(make_app):
    app = make_app()
    for event in AuditEvent.objects.filter(target_id=str(app.pk)):
        text = f"{event.note}{event.changes}{event.target_repr}"
        assert "张晓明" not in text and "13800138000" not in text


def test_receipt_date_follows_article_31():
    assert actions.receipt_date(Channel.IN_PERSON, D(2025, 6, 9)) == D(2025, 6, 9)
    assert actions.receipt_date(Channel.REGISTERED_MAIL, D(2025, 6, 9)) == D(2025, 6, 9)
    assert actions.receipt_date(Channel.LETTER, D(2025, 6, 9), D(2025, 6, 10)) == D(2025, 6, 10)
    with pytest.raises(ValidationError):
        actions.receipt_date(Channel.FAX, D(2025, 6, 9), D(2025, 6, 8))


def test_citizens_cannot_register_offline_channels(personas, citizen_data):
    with pytest.raises(PermissionDenied):
        actions.submit_application(
            organisation=personas.department, data=citizen_data, channel=Channel.IN_PERSON
        )


def test_a_clarification_later_than_seven_working_days_is_refused(make_app, personas):
    app = make_app(received=D(2025, 6, 9))  # 7th working day: 6/18
    with pytest.raises(ValidationError):
        actions.request_clarification(
            app, actor=personas.editor, sent_on=D(2025, 6, 19), respond_by=D(2025, 7, 1)
        )
    actions.request_clarification(
        app, actor=personas.editor, sent_on=D(2025, 6, 18), respond_by=D(2025, 7, 1)
    )
    with pytest.raises(ValidationError, match="一次性"):
        actions.request_clarification(
            app, actor=personas.editor, sent_on=D(2025, 6, 18), respond_by=D(2025, 7, 2)
        )


def test_the_full_path_with_consultation_extension_and_reply(make_app, personas):
    app = make_app(received=D(2025, 9, 15))
    actions.accept(app, actor=personas.editor)
    stop = actions.request_clarification(
        app, actor=personas.editor, sent_on=D(2025, 9, 17), respond_by=D(2025, 10, 15)
    )
    actions.end_stop(stop, actor=personas.editor, ended_on=D(2025, 9, 22))
    consult = actions.start_consultation(
        app, actor=personas.editor, kind=PauseKind.CO_AGENCY, party="区财政局", sent_on=D(2025, 10, 13)
    )
    assert consult.respond_by == D(2025, 11, 3)  # 15 working days
    actions.end_stop(consult, actor=personas.editor, ended_on=D(2025, 10, 20))
    with pytest.raises(PermissionDenied):
        actions.extend(app, actor=personas.editor, days=20, reason="需要调取档案", on=D(2025, 10, 28))
    actions.extend(app, actor=personas.coordinator, days=20, reason="需要调取档案", on=D(2025, 10, 28))
    with pytest.raises(ValidationError):
        actions.extend(app, actor=personas.coordinator, days=5, reason="再延", on=D(2025, 10, 29))
    assert deadlines.deadline_of(Application.objects.get(pk=app.pk)).due == D(2025, 11, 28)
    actions.close(
        app, actor=personas.editor, outcome=Outcome.PARTIAL, replied_on=D(2025, 11, 20), summary="部分公开"
    )
    app.refresh_from_db()
    assert app.status == Status.CLOSED and app.outcome == Outcome.PARTIAL


def test_an_extension_longer_than_twenty_working_days_is_refused(make_app, personas):
    app = make_app()
    with pytest.raises(ValidationError):
        actions.extend(app, actor=personas.coordinator, days=21, reason="x", on=D(2025, 6, 20))


def test_closing_with_an_open_stop_is_refused_unless_it_lapsed(make_app, personas):
    app = make_app(received=D(2025, 6, 9))
    actions.request_clarification(
        app, actor=personas.editor, sent_on=D(2025, 6, 10), respond_by=D(2025, 6, 24)
    )
    with pytest.raises(ValidationError):
        actions.close(app, actor=personas.editor, outcome=Outcome.DISCLOSE, replied_on=D(2025, 6, 20))
    with pytest.raises(ValidationError):
        actions.close(
            app, actor=personas.editor, outcome=Outcome.OTHER_NO_CLARIFICATION, replied_on=D(2025, 6, 20)
        )
    actions.close(
        app, actor=personas.editor, outcome=Outcome.OTHER_NO_CLARIFICATION, replied_on=D(2025, 6, 25)
    )
    assert Application.objects.get(pk=app.pk).status == Status.CLOSED


def test_a_closed_application_cannot_be_closed_again(make_app, personas):
    app = make_app()
    actions.close(app, actor=personas.editor, outcome=Outcome.DISCLOSE, replied_on=D(2025, 6, 20))
    with pytest.raises(ValidationError):
        actions.close(app, actor=personas.editor, outcome=Outcome.PARTIAL, replied_on=D(2025, 6, 21))


def test_another_department_may_not_handle_the_application(make_app, personas):
    app = make_app()
    with pytest.raises(PermissionDenied):
        actions.accept(app, actor=personas.outsider)
    with pytest.raises(PermissionDenied):
        actions.close(app, actor=personas.outsider, outcome=Outcome.DISCLOSE, replied_on=D(2025, 6, 20))
    assert Application.objects.get(pk=app.pk).status == Status.RECEIVED


def test_the_office_transfers_to_the_organisation_holding_the_information(make_app, personas):
    app = make_app()
    with pytest.raises(PermissionDenied):
        actions.transfer(app, personas.other_department, actor=personas.editor, reason="属财政局职责")
    actions.transfer(app, personas.other_department, actor=personas.coordinator, reason="属财政局职责")
    assert Application.objects.get(pk=app.pk).organisation == personas.other_department
    assert AuditEvent.objects.filter(action="application.transfer", note="属财政局职责").exists()


def test_a_fee_notice_stops_the_clock_and_unpaid_fees_abandon(make_app, personas):
    app = make_app(received=D(2025, 6, 9))
    stop = actions.issue_fee_notice(
        app, actor=personas.editor, method="per_page", quantity=150, notice_on=D(2025, 6, 16)
    )
    assert stop.fee_amount == 700 + 50 * 20
    assert stop.respond_by == D(2025, 7, 14)
    actions.close(app, actor=personas.editor, outcome=Outcome.OTHER_FEE_UNPAID, replied_on=D(2025, 7, 15))
    assert ClockStop.objects.get(pk=stop.pk).ended_on is None


def test_a_fee_within_the_free_range_is_refused(make_app, personas):
    app = make_app()
    with pytest.raises(ValidationError):
        actions.issue_fee_notice(
            app, actor=personas.editor, method="per_page", quantity=20, notice_on=D(2025, 6, 16)
        )


def test_the_monthly_rank_counts_the_same_applicant_at_the_same_agency(make_app, personas):
    apps = [make_app(received=D(2025, 6, 9)) for _ in range(3)]
    other = make_app(received=D(2025, 6, 9), id_number="43100219900101001" + "5")
    assert fees.monthly_application_rank(apps[2]) == 3
    assert fees.monthly_application_rank(other) == 1
