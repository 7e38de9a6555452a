"""The hotline workbench's ticket pages: intake, the ticket page and its action endpoints."""

import json

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.hotline import actions
from gongkai.hotline.models import Assignment, Callback, Satisfaction, Status, Ticket

pytestmark = pytest.mark.django_db

STEPS = ("dispatch", "return", "transfer", "extend", "escalate", "reply", "callback", "close")


def _detail(ticket):
    return reverse("hotline_staff:detail", args=[ticket.pk])


def _step(name, ticket):
    return reverse(f"hotline_staff:{name}", args=[ticket.pk])


def _state(ticket):
    t = Ticket.objects.get(pk=ticket.pk)
    return (
        t.status,
        t.lead_id,
        t.escalated,
        t.extension_days,
        t.reply,
        Assignment.objects.filter(ticket=t).count(),
        Callback.objects.filter(ticket=t).count(),
        AuditEvent.objects.filter(target_type="hotline.ticket", target_id=str(t.pk)).count(),
    )


def _messages(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def _history(personas, call, n=6):
    """Past tickets dispatched to the education bureau, so that the suggestion has learned."""
    for i in range(n):
        ticket = call(matter=f"孩子入学划片，学校不接收，第{i}次反映")
        actions.dispatch(ticket, personas.department, actor=personas.operator)
    for i in range(n):
        ticket = call(matter=f"财政补贴资金没有发放到位，第{i}次", category="财政")
        actions.dispatch(ticket, personas.other_department, actor=personas.operator)


def test_outsider_gets_404_on_another_units_ticket_and_every_post(client, personas, call):
    ticket = call()
    actions.dispatch(ticket, personas.department, actor=personas.operator)
    before = _state(ticket)
    client.force_login(personas.outsider)
    assert client.get(_detail(ticket)).status_code == 404
    data = {
        "lead": personas.other_department.pk,
        "reason": "不是我们的",
        "text": "已办",
        "note": "x",
        "days": 3,
        "to": personas.other_department.pk,
        "reached": "1",
        "satisfaction": "satisfied",
        "return-reason": "不是我们的",
        "transfer-to": personas.other_department.pk,
        "transfer-reason": "x",
        "extend-days": 3,
        "extend-reason": "x",
        "escalate-note": "x",
    }
    for step in STEPS:
        assert client.post(_step(step, ticket), data).status_code == 404, step
    assert _state(ticket) == before


def test_auditor_reads_but_every_post_is_refused(client, personas, call):
    ticket = call()
    before = _state(ticket)
    client.force_login(personas.auditor)
    response = client.get(_detail(ticket))
    assert response.status_code == 200
    assert not response.context["any_panel"]
    response = client.post(_step("dispatch", ticket), {"lead": personas.department.pk})
    assert response.status_code == 403
    assert "您没有权限执行“派单”" in response.content.decode()
    assert _state(ticket) == before


def test_operator_records_a_call_and_dispatches_it_with_the_suggestion(client, personas, call, hotline):
    _history(personas, call)
    client.force_login(personas.operator)
    page = client.get(reverse("hotline_staff:new"))
    assert page.status_code == 200
    body = page.content.decode()
    assert 'name="phone"' in body and "autofocus" in body
    response = client.post(
        reverse("hotline_staff:new"),
        {
            "phone": "13812345678",
            "caller_name": "王先生",
            "matter": "小孩今年入学，学校说不在划片范围",
            "category": hotline["教育"].pk,
            "urgency": "normal",
            "channel": "phone",
            "next": "dispatch",
        },
    )
    ticket = Ticket.objects.latest("pk")
    assert response.status_code == 302
    assert response["Location"] == _detail(ticket)
    assert ticket.status == Status.NEW and ticket.operator == personas.operator
    assert ticket.phone == "13812345678"

    page = client.get(response["Location"])
    body = page.content.decode()
    assert page.context["panels"]["dispatch"]
    top = page.context["suggestions"][0]
    assert top["organisation"] == personas.department
    assert f"建议派往：{personas.department.name}（置信度 {top['percent']}%，依据：" in body
    assert "入学" in top["reasons"]
    assert "13812345678" not in body  # masked until revealed
    assert page.context["dispatch_form"].initial["lead"] == personas.department.pk

    response = client.post(
        _step("dispatch", ticket), {"lead": top["organisation"].pk, "co": [personas.other_department.pk]}
    )
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == Status.DISPATCHED and ticket.lead == personas.department
    roles = set(ticket.assignments.values_list("organisation_id", "role"))
    assert roles == {(personas.department.pk, "lead"), (personas.other_department.pk, "co")}


def test_save_and_next_returns_to_an_empty_form(client, personas, hotline):
    client.force_login(personas.operator)
    response = client.post(
        reverse("hotline_staff:new"),
        {"phone": "", "matter": "路灯不亮", "urgency": "normal", "channel": "visit", "next": "another"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("hotline_staff:new")
    assert Ticket.objects.get().channel == "visit"


def test_intake_without_a_matter_shows_the_error(client, personas, hotline):
    client.force_login(personas.operator)
    response = client.post(
        reverse("hotline_staff:new"), {"phone": "13812345678", "urgency": "normal", "channel": "phone"}
    )
    assert response.status_code == 200
    assert "请填写诉求内容" in response.content.decode()
    assert not Ticket.objects.exists()


def test_unit_staff_cannot_open_the_intake_form(client, personas):
    client.force_login(personas.editor)
    assert client.get(reverse("hotline_staff:new")).status_code == 403
    assert client.get(reverse("hotline_staff:lookup"), {"phone": "13907350001"}).status_code == 403


def test_a_repeat_caller_is_found_while_typing_and_flagged_after_saving(client, personas, call, hotline):
    first = call(phone="13907350001")
    client.force_login(personas.operator)
    response = client.get(reverse("hotline_staff:lookup"), {"phone": "139 0735 0001"})
    data = json.loads(response.content)
    assert data["count"] == 1
    assert data["message"] == "重复来电：近7天已来电1次"
    assert data["tickets"][0]["number"] == first.number
    assert "0735" not in response.content.decode().replace(first.number, "")  # no personal data
    assert (
        json.loads(client.get(reverse("hotline_staff:lookup"), {"phone": "13900000000"}).content)["count"]
        == 0
    )

    response = client.post(
        reverse("hotline_staff:new"),
        {
            "phone": "13907350001",
            "matter": "孩子入学划片问题，希望尽快答复",
            "urgency": "normal",
            "channel": "phone",
        },
        follow=True,
    )
    ticket = Ticket.objects.latest("pk")
    assert ticket.is_repeat_caller and ticket.repeat_of_id == first.pk
    body = response.content.decode()
    assert "重复来电" in body and first.number in body


def test_a_unit_replies_and_an_unsatisfied_callback_reopens(client, personas, call):
    ticket = call()
    actions.dispatch(ticket, personas.department, actor=personas.operator)
    client.force_login(personas.editor)
    page = client.get(_detail(ticket))
    assert page.context["panels"]["reply"] and page.context["panels"]["return"]
    assert not page.context["panels"]["dispatch"]
    response = client.post(_step("reply", ticket), {"text": "已协调学校，安排就近入学"})
    assert response.status_code == 302
    assert Ticket.objects.get(pk=ticket.pk).status == Status.REPLIED
    # the unit cannot call back: that is the office's step
    assert (
        client.post(_step("callback", ticket), {"reached": "1", "satisfaction": "satisfied"}).status_code
        == 403
    )

    client.force_login(personas.operator)
    response = client.post(
        _step("callback", ticket), {"reached": "1", "satisfaction": Satisfaction.UNSATISFIED}
    )
    ticket.refresh_from_db()
    assert ticket.status == Status.DISPATCHED and ticket.reopen_count == 1
    assert "退回承办单位重新办理" in " ".join(_messages(client.get(response["Location"])))


def test_closure_is_refused_without_callback_through_the_page(client, personas, call):
    ticket = call()
    actions.dispatch(ticket, personas.department, actor=personas.operator)
    actions.reply(ticket, actor=personas.editor, text="已办理")
    client.force_login(personas.operator)
    response = client.post(_step("close", ticket), follow=True)
    assert "办结前须回访" in " ".join(_messages(response))
    assert Ticket.objects.get(pk=ticket.pk).status == Status.REPLIED

    response = client.post(
        _step("callback", ticket),
        {"reached": "1", "satisfaction": "satisfied", "and_close": "1"},
        follow=True,
    )
    assert "工单已办结" in " ".join(_messages(response))
    assert Ticket.objects.get(pk=ticket.pk).status == Status.CLOSED


def test_a_callback_that_did_not_reach_the_citizen_needs_a_reason(client, personas, call):
    ticket = call()
    actions.dispatch(ticket, personas.department, actor=personas.operator)
    actions.reply(ticket, actor=personas.editor, text="已办理")
    client.force_login(personas.operator)
    response = client.post(_step("callback", ticket), {"reached": "0"}, follow=True)
    assert "请填写未能回访的原因" in " ".join(_messages(response))
    assert not Callback.objects.exists()


def test_a_co_handler_reads_the_ticket_but_may_not_reply(client, personas, call):
    ticket = call()
    actions.dispatch(ticket, personas.department, actor=personas.operator, co=[personas.other_department])
    client.force_login(personas.outsider)
    page = client.get(_detail(ticket))
    assert page.status_code == 200 and not page.context["panels"]["reply"]
    before = _state(ticket)
    assert client.post(_step("reply", ticket), {"text": "我们办了"}).status_code == 403
    assert _state(ticket) == before


def test_extension_beyond_the_district_limit_is_refused(client, personas, call):
    ticket = call()
    actions.dispatch(ticket, personas.department, actor=personas.operator)
    client.force_login(personas.coordinator)
    response = client.post(_step("extend", ticket), {"extend-days": 11, "extend-reason": "复杂"}, follow=True)
    assert any("10" in m for m in _messages(response))
    assert Ticket.objects.get(pk=ticket.pk).extension_days == 0
    client.post(_step("extend", ticket), {"extend-days": 5, "extend-reason": "涉及多个部门"})
    client.post(_step("escalate", ticket), {"escalate-note": "请加快办理"})
    ticket.refresh_from_db()
    assert ticket.extension_days == 5 and ticket.escalated


def test_the_lead_unit_returns_and_the_office_transfers(client, personas, call):
    ticket = call()
    actions.dispatch(ticket, personas.department, actor=personas.operator)
    client.force_login(personas.operator)
    client.post(
        _step("transfer", ticket),
        {"transfer-to": personas.other_department.pk, "transfer-reason": "财政事项"},
    )
    ticket.refresh_from_db()
    assert ticket.lead == personas.other_department
    client.force_login(personas.outsider)
    client.post(_step("return", ticket), {"return-reason": "不属于本单位职责"})
    ticket.refresh_from_db()
    assert ticket.status == Status.NEW and ticket.lead is None


def test_the_ticket_page_shows_duty_history_and_masked_caller(client, personas, call):
    ticket = call()
    actions.dispatch(ticket, personas.department, actor=personas.operator)
    client.force_login(personas.operator)
    body = client.get(_detail(ticket)).content.decode()
    assert "受理登记" in body and "派单" in body
    assert "13907350001" not in body and "139****0001" in body
    assert "李女士" not in body
