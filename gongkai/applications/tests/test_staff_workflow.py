"""An application walked through the staff page: each form calls one action."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.applications.models import Application, PauseKind, ReviewCase, Status
from gongkai.applications.outcomes import Outcome

pytestmark = pytest.mark.django_db
D = dt.date


def post(client, app, verb, **data):
    return client.post(reverse("applications_staff:action", args=[app.pk, verb]), data, follow=True)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_an_editor_walks_an_application_through_clarification_consultation_and_reply(
    client, personas, make_app
):
    app = make_app(received=D(2025, 6, 9))
    client.force_login(personas.editor)
    assert "已受理。" in messages_of(post(client, app, "accept"))
    response = post(
        client, app, "clarify", sent_on="2025-06-11", respond_by="2025-07-02", note="请写明文件名称"
    )
    assert any("补正期限至2025-07-02" in m for m in messages_of(response))
    stop = app.clock_stops.get()
    post(client, app, "end_stop", stop=stop.pk, ended_on="2025-06-16")
    response = post(
        client, app, "consult", kind=PauseKind.THIRD_PARTY, party="郴州某公司", sent_on="2025-06-18"
    )
    assert any("征求意见" in m for m in messages_of(response))
    consult = app.clock_stops.get(kind=PauseKind.THIRD_PARTY)
    post(client, app, "end_stop", stop=consult.pk, ended_on="2025-06-25")
    app.refresh_from_db()
    # 20 working days from 16 June (the clarification arrived) = 14 July, plus 5 days of consultation
    page = client.get(reverse("applications_staff:detail", args=[app.pk])).content.decode()
    assert "2025年7月21日" in page and "收到补正材料" in page
    response = post(
        client, app, "close", outcome=Outcome.PARTIAL, replied_on="2025-07-10", summary="部分内容涉及个人隐私"
    )
    assert "已答复办结。可以生成答复告知书。" in messages_of(response)
    post(client, app, "deliver", delivered_on="2025-07-11", method="post")
    post(client, app, "review_add", kind="review", filed_on="2025-08-20", body="测试区人民政府")
    case = ReviewCase.objects.get()
    post(
        client,
        app,
        "review_decide",
        **{
            f"case{case.pk}-case": case.pk,
            f"case{case.pk}-result": "maintained",
            f"case{case.pk}-decided_on": "2025-10-15",
            f"case{case.pk}-note": "",
        },
    )
    app.refresh_from_db()
    case.refresh_from_db()
    assert (app.status, app.outcome, app.delivered_on) == (Status.CLOSED, Outcome.PARTIAL, D(2025, 7, 11))
    assert case.result == "maintained"


def test_a_late_clarification_is_refused_with_a_chinese_message(client, personas, make_app):
    app = make_app(received=D(2025, 6, 9))
    client.force_login(personas.editor)
    response = post(client, app, "clarify", sent_on="2025-06-30", respond_by="2025-07-15", note="x")
    assert any("7个工作日内" in m for m in messages_of(response))
    assert not app.clock_stops.exists()


def test_a_form_error_is_reported_with_the_fields_label(client, personas, make_app):
    app = make_app()
    client.force_login(personas.editor)
    response = post(client, app, "close", outcome="", replied_on="2025-07-10")
    assert any(m.startswith("办理结果：") for m in messages_of(response))


def test_an_editor_may_neither_extend_nor_transfer(client, personas, make_app):
    app = make_app()
    client.force_login(personas.editor)
    assert post(client, app, "extend", days=10, reason="x", on="2025-06-20").status_code == 403
    assert post(client, app, "transfer", to=personas.other_department.pk, reason="x").status_code == 403
    app.refresh_from_db()
    assert app.extension_days == 0 and app.organisation == personas.department


def test_the_coordinator_extends_once_and_transfers_within_the_district(client, personas, make_app):
    app = make_app(received=D(2025, 6, 9))
    client.force_login(personas.coordinator)
    response = post(client, app, "extend", days=25, reason="数量较大", on="2025-06-20")
    assert any("延长工作日数" in m for m in messages_of(response))
    response = post(client, app, "extend", days=15, reason="数量较大", on="2025-06-20")
    assert "已延长答复期限15个工作日。" in messages_of(response)
    response = post(client, app, "extend", days=5, reason="再延", on="2025-06-25")
    assert "答复期限只能延长一次。" in messages_of(response)
    response = post(client, app, "transfer", to=personas.other_department.pk, reason="属于财政局职责")
    assert "已转至测试区财政局办理。" in messages_of(response)
    app.refresh_from_db()
    assert app.extension_days == 15 and app.organisation == personas.other_department
    # the department it left no longer sees it
    client.force_login(personas.editor)
    assert client.get(reverse("applications_staff:detail", args=[app.pk])).status_code == 404


def test_a_transfer_to_another_district_is_not_offered_and_not_accepted(client, personas, make_app):
    from gongkai.accounts.factories import build_personas

    other = build_personas(prefix="x", region="431003")
    app = make_app()
    client.force_login(personas.coordinator)
    response = post(client, app, "transfer", to=other.department.pk, reason="x")
    assert response.status_code == 200 and any("转至" in m for m in messages_of(response))
    assert Application.objects.get(pk=app.pk).organisation == personas.department
