"""The public mailbox (区长信箱): writing a letter, the receipt, following the letter."""

import re

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from gongkai.accounts.factories import make_org
from gongkai.hotline import actions
from gongkai.hotline.models import Channel, Satisfaction, Status, Ticket
from gongkai.hotline.offices import mailbox_office
from gongkai.orgs.models import OrgKind

pytestmark = pytest.mark.django_db

PHONE = "13907351234"


@pytest.fixture
def town(personas):
    return make_org("测试区城关镇", OrgKind.TOWN, personas.district)


def letter(hotline, town=None, **overrides):
    data = {
        "title": "小区门口路灯不亮",
        "content": "城关镇建设路小区门口的路灯坏了两个星期，晚上出行不便，请尽快维修。",
        "category": str(hotline["城市管理"].pk),
        "place": str(town.pk) if town else "",
        "place_detail": "建设路小区门口",
        "name": "赵小明",
        "phone": PHONE,
        "email": "zhao@example.com",
        "publish_allowed": "on",
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def submit(client, data):
    return client.post(reverse("mailbox:form"), data)


def test_the_form_shows_the_districts_categories_and_towns(client, hotline, town):
    page = client.get(reverse("mailbox:form")).content.decode()
    assert "城市管理" in page and "测试区城关镇" in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert 'name="website"' in page  # the honeypot is in the form, hidden by CSS


def test_a_citizen_writes_a_letter_and_gets_number_and_code_once(client, personas, hotline, town):
    response = submit(client, letter(hotline, town))
    assert response.status_code == 302 and response["Location"] == reverse("mailbox:receipt")
    ticket = Ticket.objects.get()
    assert ticket.channel == Channel.MAILBOX and ticket.status == Status.NEW
    assert ticket.office == personas.office  # no hotline office in the personas: the disclosure office
    assert ticket.category == hotline["城市管理"] and ticket.place == town
    assert ticket.publish_allowed and not ticket.anonymous and ticket.operator is None
    assert ticket.phone.plaintext() == PHONE and ticket.caller_name.plaintext() == "赵小明"

    receipt = client.get(response["Location"]).content.decode()
    assert ticket.number in receipt
    code = receipt.split("data-query-code>")[1].split("<")[0]
    assert actions.find_by_query(ticket.number, code) == ticket
    again = client.get(reverse("mailbox:receipt")).content.decode()
    assert ticket.number in again and code not in again  # the code is shown once


def test_the_phone_is_stored_encrypted(client, hotline):
    submit(client, letter(hotline))
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone, caller_name, email FROM hotline_ticket")
        phone, name, email = cursor.fetchone()
    assert PHONE not in phone and "赵小明" not in name and "zhao@" not in email
    assert phone.startswith("gAAAA")  # a Fernet token
    assert Ticket.objects.filter(phone=PHONE).exists()  # still found through the blind index


def test_errors_are_in_chinese_next_to_the_fields_and_nothing_typed_is_lost(client, hotline, town):
    data = letter(hotline, town, title="", phone="12345", email="不是邮箱")
    response = submit(client, data)
    assert response.status_code == 200 and not Ticket.objects.exists()
    page = response.content.decode()
    assert "请填写信件标题。" in page
    assert "请填写正确的手机号码" in page
    assert "请填写正确的电子邮箱地址" in page
    for typed in (data["content"], "赵小明", "12345", "不是邮箱", "建设路小区门口"):
        assert typed in page
    assert f'value="{hotline["城市管理"].pk}" selected' in page
    assert f'value="{town.pk}" selected' in page
    assert re.search(r'<input type="checkbox" name="publish_allowed"[^>]* checked', page)


def test_name_and_phone_are_required_unless_the_letter_is_anonymous(client, hotline):
    page = submit(client, letter(hotline, name="", phone="")).content.decode()
    assert "请填写您的姓名" in page and "请填写联系电话" in page
    response = submit(client, letter(hotline, name="赵小明", phone="", anonymous="on"))
    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.anonymous and not ticket.caller_name and not ticket.phone  # no name kept either
    receipt = client.get(response["Location"]).content.decode()
    assert "无法与您联系" in receipt


def test_a_landline_is_accepted(client, hotline):
    assert submit(client, letter(hotline, phone="0735-2345678")).status_code == 302
    assert Ticket.objects.get().phone.plaintext() == "0735-2345678"


def test_a_filled_honeypot_creates_no_ticket(client, hotline):
    response = submit(client, letter(hotline, website="http://spam.example"))
    assert response.status_code == 400 and not Ticket.objects.exists()
    assert "请勿填写此栏" in response.content.decode()


@override_settings(MAILBOX_LETTERS_PER_IP_PER_HOUR=2)
def test_letters_are_throttled_per_ip_and_the_text_is_kept(client, hotline):
    assert submit(client, letter(hotline)).status_code == 302
    assert submit(client, letter(hotline, title="第二封")).status_code == 302
    response = submit(client, letter(hotline, title="第三封信的标题"))
    assert response.status_code == 429 and Ticket.objects.count() == 2
    page = response.content.decode()
    assert "一小时后再提交" in page and "第三封信的标题" in page


@override_settings(MAILBOX_LETTERS_PER_SESSION_PER_HOUR=1)
def test_letters_are_throttled_per_session(client, hotline):
    assert submit(client, letter(hotline)).status_code == 302
    response = submit(client, letter(hotline, title="第二封"))
    assert response.status_code == 429 and Ticket.objects.count() == 1


def test_the_form_is_protected_against_cross_site_posts(hotline):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    assert csrf_client.post(reverse("mailbox:form"), letter(hotline)).status_code == 403
    assert not Ticket.objects.exists()


# ---- the intake office -----------------------------------------------------------------------


def test_without_a_hotline_office_letters_go_to_the_disclosure_office(personas):
    assert mailbox_office(personas.district) == personas.office


def test_the_hotline_office_takes_the_letters_when_there_is_one(client, personas, hotline):
    gov_office = personas.office.parent
    make_org("测试区信访局公开电话科", OrgKind.OFFICE, gov_office)
    hotline_office = make_org("测试区区长公开电话办公室", OrgKind.OFFICE, gov_office)
    assert mailbox_office(personas.district) == hotline_office
    submit(client, letter(hotline))
    assert Ticket.objects.get().office == hotline_office


def test_another_districts_hotline_office_is_not_used(personas):
    from gongkai.accounts.factories import build_personas

    other = build_personas(prefix="外区", region="431003")
    make_org("外区区长公开电话办公室", OrgKind.OFFICE, other.office.parent, region="431003")
    assert mailbox_office(personas.district) == personas.office


# ---- following a letter ------------------------------------------------------------------------


@pytest.fixture
def written(client, hotline):
    submit(client, letter(hotline, content="路灯坏了，我的电话13907351234，身份证430102199001011234。"))
    receipt = client.get(reverse("mailbox:receipt")).content.decode()
    ticket = Ticket.objects.get()
    ticket.query_code = receipt.split("data-query-code>")[1].split("<")[0]
    return ticket


def follow(client, number, code):
    return client.post(reverse("mailbox:follow"), {"number": number, "code": code}, follow=True)


def test_following_with_the_right_code_shows_status_unit_and_reply(client, personas, written):
    page = follow(client, written.number, written.query_code.lower()).content.decode()
    assert "待派单" in page and personas.office.name in page
    assert PHONE not in page and "139****1234" in page
    assert "430102199001011234" not in page and "赵小明" not in page and "赵**" in page

    actions.dispatch(written, personas.department, actor=personas.operator)
    page = client.get(reverse("mailbox:follow_result")).content.decode()
    assert "办理中" in page and personas.department.name in page and "答复期限" in page
    actions.reply(written, actor=personas.editor, text="已安排维修，联系电话13907351234的市民请留意。")
    page = client.get(reverse("mailbox:follow_result")).content.decode()
    assert "已答复待回访" in page and "已安排维修" in page and PHONE not in page


def test_internal_notes_are_never_shown(client, personas, written):
    actions.dispatch(written, personas.department, actor=personas.operator, note="内部备注：此人多次来信")
    actions.escalate(written, actor=personas.coordinator, note="督办意见：内部")
    actions.reply(written, actor=personas.editor, text="已修复路灯。")
    actions.callback(
        written,
        actor=personas.operator,
        reached=True,
        satisfaction=Satisfaction.SATISFIED,
        note="回访记录内部",
    )
    actions.close(written, actor=personas.operator)
    page = follow(client, written.number, written.query_code).content.decode()
    assert "已办结" in page and "已修复路灯" in page
    for secret in ("内部备注", "督办意见", "回访记录内部", personas.operator.full_name):
        assert secret not in page


def test_a_wrong_code_or_number_gives_one_generic_error(client, written):
    for number, code in [(written.number, "WRONG123"), ("431002259999999", written.query_code)]:
        response = follow(client, number, code)
        page = response.content.decode()
        assert response.status_code == 200 and "信件编号或查询码不正确" in page
        assert "办理状态" not in page
    assert client.get(reverse("mailbox:follow_result")).status_code == 302


@override_settings(MAILBOX_FOLLOW_FAILURES_PER_10_MIN=3)
def test_failed_lookups_are_throttled(client, written):
    for _ in range(3):
        follow(client, written.number, "WRONG123")
    page = follow(client, written.number, written.query_code).content.decode()
    assert "查询失败次数过多" in page and "办理状态" not in page


def test_ending_the_lookup_forgets_the_letter(client, written):
    follow(client, written.number, written.query_code)
    assert client.get(reverse("mailbox:follow_result")).status_code == 200
    client.post(reverse("mailbox:follow_end"))
    assert client.get(reverse("mailbox:follow_result")).status_code == 302


def test_the_mailbox_is_in_the_portal_navigation(client, hotline):
    page = client.get(reverse("mailbox:follow")).content.decode()
    nav = page.split('class="site-nav-list"')[1].split("</ul>")[0]
    assert f'<a href="{reverse("mailbox:form")}" aria-current="page">区长信箱</a>' in nav
