"""A citizen follows an application with its number and query code (no account)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from django.test import Client
from django.urls import reverse

from gongkai.accounts.factories import build_personas
from gongkai.applications import actions, letters
from gongkai.applications.models import Application, Channel
from gongkai.applications.outcomes import Outcome
from gongkai.applications.views_public import STATUS_SESSION_KEY

pytestmark = pytest.mark.django_db

STATUS = "/apply/status/"
D = dt.date


@pytest.fixture
def app(make_app):
    with time_machine.travel(dt.datetime(2025, 6, 10, 9, tzinfo=dt.UTC)):
        return make_app(received=D(2025, 6, 9))


def look_up(client: Client, number: str, code: str):
    return client.post(STATUS, {"number": number, "code": code})


def test_the_status_page_asks_for_number_and_code(client, personas):
    html = client.get(STATUS).content.decode()
    assert 'name="number"' in html and 'name="code"' in html and "csrfmiddlewaretoken" in html


def test_the_right_code_opens_the_case_page_with_the_due_date(client, app):
    response = look_up(client, app.number, app.query_code.lower())  # not case-sensitive
    assert response.status_code == 302 and response["Location"] == STATUS
    assert app.query_code not in response["Location"]
    with time_machine.travel(dt.datetime(2025, 6, 12, 9, tzinfo=dt.UTC)):
        html = client.get(STATUS).content.decode()
    assert app.number in html and "已收到" in html
    assert app.organisation.name in html
    assert "2025年7月7日" in html and "第20个工作日" in html
    assert "2025年6月9日" in html
    assert app.query_code not in html


def test_a_wrong_code_and_an_unknown_number_get_the_same_answer(client, app):
    wrong = look_up(client, app.number, "AAAAAAAA").content.decode()
    unknown = look_up(client, "431002-2099-99999", app.query_code).content.decode()
    assert "申请编号或查询码不正确" in wrong and "申请编号或查询码不正确" in unknown
    strip = lambda html: html.replace(app.number, "N").replace("431002-2099-99999", "N")  # noqa: E731
    assert (
        strip(wrong).split('name="csrfmiddlewaretoken"')[0]
        == strip(unknown).split('name="csrfmiddlewaretoken"')[0]
    )
    assert STATUS_SESSION_KEY not in client.session
    assert 'data-testid="number"' not in client.get(STATUS).content.decode()


def test_lookups_are_throttled_after_ten_failures_even_with_the_right_code(client, app):
    for _ in range(10):
        look_up(client, app.number, "WRONGCOD")
    html = look_up(client, app.number, app.query_code).content.decode()
    assert "查询失败次数过多" in html
    assert STATUS_SESSION_KEY not in client.session
    # Another address can still look up.
    other = Client(REMOTE_ADDR="10.1.2.3")
    assert look_up(other, app.number, app.query_code).status_code == 302


def test_the_case_page_shows_personal_data_masked_only(client, app, citizen_data):
    look_up(client, app.number, app.query_code)
    html = client.get(STATUS).content.decode()
    assert "138****8000" in html and "张*" in html
    for plain in ("13800138000", "张晓明", citizen_data["id_number"], "zhang@example.com", "人民路12号"):
        assert plain not in html


def test_leaving_forgets_the_case(client, app):
    look_up(client, app.number, app.query_code)
    client.post(STATUS, {"action": "leave"})
    assert 'data-testid="number"' not in client.get(STATUS).content.decode()


def test_another_districts_application_is_not_found_here(client, personas, citizen_data):
    elsewhere = build_personas(prefix="外区", region="431003")
    foreign, code = actions.submit_application(
        organisation=elsewhere.department,
        data=citizen_data,
        channel=Channel.IN_PERSON,
        actor=elsewhere.coordinator,
    )
    # The default district of this host is the first one (personas.district).
    html = look_up(client, foreign.number, code).content.decode()
    assert "申请编号或查询码不正确" in html


def test_a_clarification_stops_the_clock_and_the_page_says_what_it_waits_for(client, app, personas):
    actions.request_clarification(
        app, actor=personas.editor, sent_on=D(2025, 6, 11), respond_by=D(2025, 6, 25), note="请说明年份"
    )
    look_up(client, app.number, app.query_code)
    html = client.get(STATUS).content.decode()
    assert "计时暂停" in html and "补正" in html and "2025年6月11日" in html


def test_a_closed_application_shows_its_outcome_and_reply_date(client, app, personas):
    actions.close(app, actor=personas.editor, outcome=Outcome.DISCLOSE, replied_on=D(2025, 6, 20))
    look_up(client, app.number, app.query_code)
    html = client.get(STATUS).content.decode()
    assert "已答复" in html and "予以公开" in html and "2025年6月20日" in html


def test_the_reply_letter_is_downloadable_for_online_delivery_only(
    client, app, personas, monkeypatch, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    actions.close(app, actor=personas.editor, outcome=Outcome.DISCLOSE, replied_on=D(2025, 6, 20))
    field = Application._meta.get_field("id_copy")
    stored = FieldFile(app, field, None)
    stored.save("reply.pdf", ContentFile(b"%PDF-1.4 reply"), save=False)
    monkeypatch.setattr(letters, "latest_letter", lambda a: stored if a.pk == app.pk else None)

    assert client.get(reverse("apply:letter")).status_code == 404  # no lookup yet
    look_up(client, app.number, app.query_code)
    html = client.get(STATUS).content.decode()
    assert reverse("apply:letter") in html
    response = client.get(reverse("apply:letter"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 reply"
    assert "attachment" in response["Content-Disposition"]

    Application.objects.filter(pk=app.pk).update(delivery="post")
    assert client.get(reverse("apply:letter")).status_code == 404
    assert reverse("apply:letter") not in client.get(STATUS).content.decode()


def test_no_letter_link_while_no_letter_exists(client, app, personas, monkeypatch):
    actions.close(app, actor=personas.editor, outcome=Outcome.DISCLOSE, replied_on=D(2025, 6, 20))
    monkeypatch.setattr(letters, "latest_letter", lambda a: None)
    look_up(client, app.number, app.query_code)
    assert reverse("apply:letter") not in client.get(STATUS).content.decode()
    assert client.get(reverse("apply:letter")).status_code == 404


PROVISIONAL_NOTE = "暂按法定节假日和周末计算，2027年节假日安排公布后确定，可能前后相差一两天"
RULE = "自收到申请之日起20个工作日内答复；如需延长，最长不超过20个工作日"


def test_an_application_received_in_december_2026_shows_the_rule_and_a_provisional_date_while_2027_is_unknown(
    client, personas, make_app, calendar_without
):
    calendar_without(2027)
    late = make_app(received=D(2026, 12, 21))
    look_up(client, late.number, late.query_code)
    response = client.get(STATUS)
    assert response.status_code == 200
    html = response.content.decode()
    # 12/22–25(4) 12/28–31(8), 元旦 Fri 1/1, 1/4–8(13) 1/11–15(18) 1/18(19) 1/19(20)
    assert RULE in html and PROVISIONAL_NOTE in html
    assert "答复期限暂定至" in html and "2027年1月19日" in html


def test_the_status_page_shows_the_definitive_date_once_the_year_is_entered(
    client, personas, make_app, calendar_without
):
    from gongkai.workcal.calendar import clear_cache
    from gongkai.workcal.models import CalendarYear, DayKind, SpecialDay

    calendar_without(2027)
    late = make_app(received=D(2026, 12, 21))
    look_up(client, late.number, late.query_code)
    assert PROVISIONAL_NOTE in client.get(STATUS).content.decode()
    year = CalendarYear.objects.create(year=2027)
    SpecialDay.objects.create(year=year, date=D(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦")
    SpecialDay.objects.create(year=year, date=D(2027, 1, 4), kind=DayKind.HOLIDAY, name="元旦")
    clear_cache()
    html = client.get(STATUS).content.decode()
    assert PROVISIONAL_NOTE not in html and "答复期限暂定至" not in html
    assert "答复期限至" in html and "2027年1月20日" in html


def test_an_online_application_received_in_december_2026_is_saved(
    client, personas, citizen_data, calendar_without
):
    calendar_without(2027)
    data = {**citizen_data, "organisation": str(personas.department.pk)}
    with time_machine.travel(dt.datetime(2026, 12, 21, 9, tzinfo=dt.UTC)):
        response = client.post("/apply/", data)
        assert response.status_code == 302
        html = client.get(response["Location"]).content.decode()
    assert Application.objects.get().channel == Channel.ONLINE
    assert PROVISIONAL_NOTE in html and RULE in html
