"""The application form and the status lookup against abuse (lib/abuse.py), with the production
defaults: no captcha for a citizen's first applications, one near the limit; honeypot and timing
refused with everything typed kept; over-size files and requests refused in Chinese, never a 500."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from captcha.models import CaptchaStore
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.applications.models import Application
from gongkai.applications.views_public import LOOKUP_FAILURES, SUBMISSIONS
from gongkai.lib import abuse, throttle

pytestmark = pytest.mark.django_db

FORM = "/apply/"
STATUS = "/apply/status/"
LONG = "申请公开本区2024年至2025年全部道路维修工程的招标文件、中标通知书、施工合同和竣工验收报告。" * 40


@pytest.fixture
def production(settings):
    settings.ABUSE_CAPTCHA_AFTER = 3
    settings.ABUSE_MIN_FILL_SECONDS = 3
    return settings


@pytest.fixture
def natural(personas, citizen_data):
    return {
        **citizen_data,
        "organisation": str(personas.department.pk),
        "description": LONG,
        "issued": stamp_seconds_ago(120),
        "website": "",
    }


def stamp_seconds_ago(seconds: float) -> str:
    with time_machine.travel(timezone.now() - dt.timedelta(seconds=seconds), tick=False):
        return abuse.stamp()


def captcha_key(html: str) -> str:
    return re.search(r'name="captcha_0" value="([0-9a-f]+)"', html).group(1)


def answer_of(key: str) -> str:
    return CaptchaStore.objects.get(hashkey=key).response


def test_a_citizens_first_applications_see_no_captcha(client, production, natural):
    assert "captcha" not in client.get(FORM).content.decode()
    for _ in range(2):
        assert client.post(FORM, natural).status_code == 302
    response = client.get(FORM)
    html = response.content.decode()
    assert 'name="captcha_1"' not in html and 'name="issued"' in html and 'name="website"' in html
    assert "no-store" not in response.get("Cache-Control", "")
    assert Application.objects.count() == 2


def test_near_the_limit_the_captcha_is_asked_and_a_solved_one_lets_the_application_through(
    client, production, natural
):
    for _ in range(3):
        throttle.hit(SUBMISSIONS, "127.0.0.1")
    # A form drawn before the limit came near: the application comes back, everything kept.
    response = client.post(FORM, natural)
    html = response.content.decode()
    assert response.status_code == 200 and Application.objects.count() == 0
    assert "请填写验证码" in html and LONG in html and natural["name"] in html
    assert "no-store" in response["Cache-Control"]  # a drawn captcha is for this visitor, once
    assert 'src="/captcha/image/' in html and "换一张" in html
    key = captcha_key(html)
    response = client.post(FORM, {**natural, "captcha_0": key, "captcha_1": answer_of(key)})
    assert response.status_code == 302 and Application.objects.get().description == LONG
    # The same session is not asked again for a while.
    assert 'name="captcha_1"' not in client.get(FORM).content.decode()


def test_a_wrong_answer_keeps_the_text_and_counts_towards_the_limit(client, production, natural):
    for _ in range(3):
        throttle.hit(SUBMISSIONS, "127.0.0.1")
    key = captcha_key(client.get(FORM).content.decode())
    response = client.post(FORM, {**natural, "captcha_0": key, "captcha_1": "999"})
    html = response.content.decode()
    assert "验证码不正确" in html and LONG in html and Application.objects.count() == 0
    assert captcha_key(html) != key  # a new image
    assert throttle.count(SUBMISSIONS, "127.0.0.1") == 4


def test_换一张_draws_a_new_image_and_keeps_everything_typed(client, production, natural):
    for _ in range(3):
        throttle.hit(SUBMISSIONS, "127.0.0.1")
    key = captcha_key(client.get(FORM).content.decode())
    response = client.post(FORM, {**natural, "captcha_0": key, "captcha_1": "", "captcha_refresh": "1"})
    html = response.content.decode()
    assert response.status_code == 200 and Application.objects.count() == 0
    assert captcha_key(html) != key and LONG in html and "请填写验证码" not in html
    assert 'class="guard-default" hidden' in html  # Enter in a field still submits, not 换一张


def test_a_filled_honeypot_is_refused_with_the_text_kept(client, production, natural):
    response = client.post(FORM, {**natural, "website": "http://spam.example"})
    assert response.status_code == 400 and Application.objects.count() == 0
    html = response.content.decode()
    assert "隐藏栏被填写" in html and LONG in html and "http://spam.example" not in html


def test_an_application_sent_faster_than_a_person_can_is_sent_back_then_accepted(client, production, natural):
    issued = stamp_seconds_ago(1)
    response = client.post(FORM, {**natural, "issued": issued})
    html = response.content.decode()
    assert response.status_code == 400 and "提交过快" in html and LONG in html
    assert Application.objects.count() == 0
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=10)):
        assert client.post(FORM, {**natural, "issued": issued}).status_code == 302
    assert Application.objects.count() == 1


def test_a_post_without_the_forms_stamp_is_sent_back_with_the_text(client, production, natural):
    data = {k: v for k, v in natural.items() if k != "issued"}
    response = client.post(FORM, data)
    assert response.status_code == 400 and LONG in response.content.decode()
    assert Application.objects.count() == 0


def test_an_over_size_file_is_skipped_and_the_long_description_is_kept(client, production, natural, settings):
    settings.ABUSE_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024), "application/pdf")
    response = client.post(FORM, {**natural, "id_copy": big})
    html = response.content.decode()
    assert response.status_code == 200 and Application.objects.count() == 0
    assert "文件过大（超过 1 MB）" in html and LONG in html


def test_an_over_size_request_gets_a_chinese_413_not_a_500(client, production, natural, settings):
    settings.ABUSE_MAX_BODY_MB = 1
    big = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024), "application/pdf")
    response = client.post(FORM, {**natural, "id_copy": big})
    assert response.status_code == 413 and "提交的内容过大" in response.content.decode()


def test_too_many_fields_get_a_chinese_400(client, production, natural):
    response = client.post(FORM, {**natural, **{f"x{i}": "1" for i in range(80)}})
    assert response.status_code == 400 and "栏目过多" in response.content.decode()


def test_every_text_field_has_a_maximum_length(personas):
    from django import forms

    from gongkai.applications.forms_public import ApplicationForm, StatusLookupForm

    for form in (ApplicationForm(district=personas.district, captcha=True), StatusLookupForm()):
        for name, field in form.fields.items():
            if isinstance(field, forms.CharField):
                assert field.max_length and field.max_length <= 5000, name
                assert f'maxlength="{field.max_length}"' in str(form[name]) or field.widget.is_hidden, name


def test_lookups_ask_a_captcha_after_three_failures(client, production, personas):
    data = {"number": "20250609-0001", "code": "ABCDEFGH", "website": ""}
    for _ in range(3):
        html = client.post(STATUS, data).content.decode()
        assert "申请编号或查询码不正确" in html
    assert throttle.count(LOOKUP_FAILURES, "127.0.0.1") == 3
    html = client.get(STATUS).content.decode()
    assert 'name="captcha_1"' in html
    response = client.post(STATUS, data)
    assert "请填写验证码" in response.content.decode() and 'value="20250609-0001"' in response.content.decode()


def test_a_first_lookup_sees_no_captcha_and_needs_no_time_stamp(client, production):
    html = client.get(STATUS).content.decode()
    assert 'name="captcha_1"' not in html
    response = client.post(STATUS, {"number": "20250609-0001", "code": "ABCDEFGH"})
    assert response.status_code == 200 and "申请编号或查询码不正确" in response.content.decode()
