"""The mailbox, its follow-up lookup and the Open311 POST against abuse (lib/abuse.py), with the
production defaults: no captcha for a citizen's first letters, one near the limit; honeypot and
timing refused with the letter kept; over-size requests refused in Chinese — the web form with its
page, Open311 in the GeoReport error format — never a 500."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from captcha.models import CaptchaStore
from django.utils import timezone

from gongkai.hotline.models import Ticket
from gongkai.hotline.throttles import FOLLOW_FAILURES, LETTERS_PER_IP
from gongkai.lib import abuse, throttle

pytestmark = pytest.mark.django_db

FORM = "/mailbox/"
FOLLOW = "/mailbox/follow/"
OPEN311 = "/open311/v2/requests.json"
CONTENT = "城关镇建设路小区门口的路灯坏了两个星期，晚上老人孩子出行很不方便，希望有关部门尽快维修。" * 20


@pytest.fixture
def production(settings):
    settings.ABUSE_CAPTCHA_AFTER = 3
    settings.ABUSE_MIN_FILL_SECONDS = 3
    return settings


def stamp_seconds_ago(seconds: float) -> str:
    with time_machine.travel(timezone.now() - dt.timedelta(seconds=seconds), tick=False):
        return abuse.stamp()


@pytest.fixture
def letter(hotline):
    return {
        "title": "建设路路灯不亮",
        "content": CONTENT,
        "category": str(hotline["城市管理"].pk),
        "name": "赵小明",
        "phone": "13907351234",
        "website": "",
        "issued": stamp_seconds_ago(60),
    }


def captcha_key(html: str) -> str:
    return re.search(r'name="captcha_0" value="([0-9a-f]+)"', html).group(1)


def test_a_citizens_first_letters_see_no_captcha(client, production, letter):
    assert 'name="captcha_1"' not in client.get(FORM).content.decode()
    for n in range(2):
        assert client.post(FORM, {**letter, "title": f"第{n + 1}封"}).status_code == 302
    assert 'name="captcha_1"' not in client.get(FORM).content.decode()


def test_near_the_limit_a_letter_needs_the_captcha_and_goes_through_once_solved(client, production, letter):
    for _ in range(3):
        throttle.hit(LETTERS_PER_IP, "127.0.0.1")
    response = client.post(FORM, letter)
    html = response.content.decode()
    assert response.status_code == 200 and not Ticket.objects.exists()
    assert "请填写验证码" in html and CONTENT in html and 'value="建设路路灯不亮"' in html
    key = captcha_key(html)
    answer = CaptchaStore.objects.get(hashkey=key).response
    response = client.post(FORM, {**letter, "captcha_0": key, "captcha_1": answer})
    assert response.status_code == 302 and Ticket.objects.get().matter == CONTENT


def test_换一张_keeps_the_letter(client, production, letter):
    for _ in range(3):
        throttle.hit(LETTERS_PER_IP, "127.0.0.1")
    key = captcha_key(client.get(FORM).content.decode())
    html = client.post(FORM, {**letter, "captcha_0": key, "captcha_refresh": "1"}).content.decode()
    assert captcha_key(html) != key and CONTENT in html and not Ticket.objects.exists()


def test_the_hard_limit_still_holds_with_the_captcha_and_keeps_the_letter(client, production, letter, settings):
    settings.MAILBOX_LETTERS_PER_IP_PER_HOUR = 4
    for _ in range(4):
        throttle.hit(LETTERS_PER_IP, "127.0.0.1")
    key = captcha_key(client.get(FORM).content.decode())
    answer = CaptchaStore.objects.get(hashkey=key).response
    response = client.post(FORM, {**letter, "captcha_0": key, "captcha_1": answer})
    assert response.status_code == 429 and CONTENT in response.content.decode()
    assert not Ticket.objects.exists()


def test_a_filled_honeypot_is_refused_and_counted(client, production, letter):
    response = client.post(FORM, {**letter, "website": "http://spam.example"})
    assert response.status_code == 400 and CONTENT in response.content.decode()
    assert not Ticket.objects.exists() and throttle.count(LETTERS_PER_IP, "127.0.0.1") == 1
    # A person whose browser autofilled the hidden field submits the form as drawn again: accepted.
    assert client.post(FORM, letter).status_code == 302


def test_a_letter_sent_faster_than_a_person_can_is_sent_back_then_accepted(client, production, letter):
    issued = stamp_seconds_ago(0.5)
    response = client.post(FORM, {**letter, "issued": issued})
    assert response.status_code == 400 and "提交过快" in response.content.decode()
    assert CONTENT in response.content.decode() and not Ticket.objects.exists()
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=10)):
        assert client.post(FORM, {**letter, "issued": issued}).status_code == 302


def test_the_honeypot_is_hidden_from_screen_readers_and_the_keyboard(client, production, hotline):
    html = client.get(FORM).content.decode()
    assert re.search(r'<div class="guard-hp" aria-hidden="true">\s*<label for="id_website">', html)
    assert re.search(r'<input type="text" name="website"[^>]*tabindex="-1"', html)
    assert "/static/css/abuse.css" in html


def test_an_over_size_letter_gets_a_chinese_page_not_a_500(client, production, letter, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 20_000
    response = client.post(FORM, {**letter, "content": "字" * 20_000})
    assert response.status_code == 413 and "文字内容过多" in response.content.decode()


def test_an_over_long_content_is_refused_by_the_field_and_kept(client, production, letter):
    response = client.post(FORM, {**letter, "content": "长" * 4001})
    html = response.content.decode()
    assert response.status_code == 200 and "最多4000个字" in html and "长" * 4001 in html


def test_follow_ups_ask_a_captcha_after_three_failures(client, production, hotline):
    data = {"number": "20251201-0001", "code": "ABCDEFGH"}
    assert 'name="captcha_1"' not in client.get(FOLLOW).content.decode()
    for _ in range(3):
        assert "信件编号或查询码不正确" in client.post(FOLLOW, data).content.decode()
    assert throttle.count(FOLLOW_FAILURES, "127.0.0.1") == 3
    assert 'name="captcha_1"' in client.get(FOLLOW).content.decode()
    html = client.post(FOLLOW, data).content.decode()
    assert "请填写验证码" in html and 'value="20251201-0001"' in html


# ---- Open311: no captcha, its own error format ------------------------------------------------


@pytest.fixture
def request_data(hotline, personas):
    from gongkai.hotline.offices import mailbox_office

    assert mailbox_office(personas.district) is not None
    return {
        "service_code": str(hotline["城市管理"].pk),
        "address_string": "城关镇建设路",
        "description": "路灯坏了两个星期，请尽快维修。",
    }


def test_open311_near_the_limit_still_accepts_without_a_captcha(client, production, request_data):
    for _ in range(3):
        throttle.hit(LETTERS_PER_IP, "127.0.0.1")
    response = client.post(OPEN311, request_data)
    assert response.status_code == 200 and Ticket.objects.count() == 1


def test_open311_beyond_the_limit_answers_429_in_the_georeport_format(client, production, request_data, settings):
    settings.MAILBOX_LETTERS_PER_IP_PER_HOUR = 2
    for _ in range(2):
        throttle.hit(LETTERS_PER_IP, "127.0.0.1")
    response = client.post(OPEN311, request_data)
    assert response.status_code == 429 and response["Retry-After"] == "3600"
    [error] = response.json()
    assert error["code"] == 429 and "每小时来信上限" in error["description"]


def test_open311_over_size_and_too_many_fields_are_georeport_errors(client, request_data, settings):
    settings.ABUSE_MAX_BODY_MB = 1
    response = client.post(OPEN311, {**request_data, "description": "字" * 400_000})
    assert response.status_code == 413 and "提交的内容过大" in response.json()[0]["description"]
    response = client.post(OPEN311, {**request_data, **{f"x{i}": "1" for i in range(80)}})
    assert response.status_code == 400 and response.json()[0]["code"] == 400
    assert "栏目过多" in response.json()[0]["description"]
    assert not Ticket.objects.exists()


@pytest.mark.parametrize("field", ["first_name", "last_name", "email", "phone", "address_id"])
def test_open311_over_long_fields_are_refused_not_truncated(client, request_data, field):
    response = client.post(OPEN311, {**request_data, field: "1" * 300})
    assert response.status_code == 400 and f"{field} 不能超过" in response.json()[0]["description"]
    assert not Ticket.objects.exists()
