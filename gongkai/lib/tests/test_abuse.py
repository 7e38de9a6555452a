"""The public forms' shared abuse controls (lib/abuse.py): time stamp, honeypot, captcha near a
limit, size limits, and the search limiter — each refusing what it exists for and leaving a
normal citizen alone."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

import pytest
import time_machine
from captcha.models import CaptchaStore
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.test.client import MULTIPART_CONTENT, encode_multipart
from django.utils import timezone
from ninja.errors import HttpError

from gongkai.lib import abuse, throttle
from gongkai.lib.throttle import Limit

pytestmark = pytest.mark.django_db

LIMIT = Limit("abuse-test", "ABUSE_TEST_PER_HOUR", 10, 3600)
ADDRESS = "203.0.113.9"


@pytest.fixture
def production(settings):
    """The production defaults the suite switches off (test_settings.py)."""
    settings.ABUSE_CAPTCHA_AFTER = 3
    settings.ABUSE_MIN_FILL_SECONDS = 3
    settings.SEARCH_PER_MINUTE = 60
    return settings


class Letter(abuse.GuardedForm):
    text = forms.CharField(max_length=100)


def stamp_seconds_ago(seconds: float) -> str:
    with time_machine.travel(timezone.now() - dt.timedelta(seconds=seconds), tick=False):
        return abuse.stamp()


def request_with_session(address: str = ADDRESS):
    from django.contrib.sessions.backends.db import SessionStore

    request = RequestFactory().get("/", REMOTE_ADDR=address)
    request.session = SessionStore()
    return request


# ---- the time stamp and the honeypot -----------------------------------------------------------


def test_the_stamp_tells_how_long_ago_the_form_was_drawn():
    value = stamp_seconds_ago(42)
    assert 41 <= abuse.stamp_age(value) <= 44


def test_a_forged_or_foreign_stamp_is_not_believed():
    value = abuse.stamp()
    assert abuse.stamp_age(value[:-2] + "xx") is None
    assert abuse.stamp_age("1700000000") is None
    assert abuse.stamp_age("") is None
    from django.core import signing

    assert abuse.stamp_age(signing.dumps(1700000000, salt="another.form")) is None


def test_a_citizen_who_took_their_time_is_accepted(production):
    form = Letter({"text": "路灯坏了", "issued": stamp_seconds_ago(40), "website": ""})
    assert form.refusal() is None and form.is_valid()


def test_a_form_submitted_faster_than_a_person_can_is_sent_back_with_its_text(production):
    issued = stamp_seconds_ago(1)
    form = Letter({"text": "路灯坏了", "issued": issued, "website": ""})
    assert "提交过快" in form.refusal()
    # The original stamp stays in the form: a person who simply submits again is accepted.
    assert form.data["issued"] == issued and form.data["text"] == "路灯坏了"
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=5)):
        assert Letter({"text": "路灯坏了", "issued": issued}).refusal() is None


def test_a_post_without_the_forms_stamp_is_sent_back_with_a_fresh_one(production):
    form = Letter({"text": "路灯坏了"})
    assert "页面已过期" in form.refusal()
    assert abuse.stamp_age(form.data["issued"]) is not None and form.data["text"] == "路灯坏了"


def test_without_the_timing_setting_only_the_honeypot_is_checked(settings):
    settings.ABUSE_MIN_FILL_SECONDS = 0
    assert Letter({"text": "路灯坏了"}).refusal() is None
    form = Letter({"text": "路灯坏了", "website": "http://spam.example"})
    assert "隐藏栏被填写" in form.refusal()
    # Drawn again with the hidden field empty: a person whose browser autofilled it submits again.
    assert form.data["website"] == "" and form.data["text"] == "路灯坏了"
    assert Letter(form.data).refusal() is None


def test_the_honeypot_is_hidden_from_people_screen_readers_and_the_keyboard(rf):
    from django.template.loader import render_to_string

    html = render_to_string("abuse/_guard.html", {"form": Letter()}, request=rf.get("/"))
    assert 'class="guard-hp" aria-hidden="true"' in html
    assert 'tabindex="-1"' in html and 'autocomplete="off"' in html
    assert 'name="issued"' in html and 'type="hidden"' in html


# ---- the captcha near a limit ------------------------------------------------------------------


def test_no_captcha_for_the_first_submissions_then_one_near_the_limit(production):
    request = request_with_session()
    for _ in range(2):
        throttle.hit(LIMIT, ADDRESS)
        assert not abuse.captcha_needed(request, LIMIT)
    throttle.hit(LIMIT, ADDRESS)
    assert abuse.captcha_needed(request, LIMIT)
    assert not abuse.captcha_needed(request_with_session("203.0.113.10"), LIMIT)  # another address


def test_a_session_that_solved_a_captcha_is_not_asked_again_for_a_while(production):
    request = request_with_session()
    for _ in range(3):
        throttle.hit(LIMIT, ADDRESS)
    form = Letter(captcha=True)
    form.captcha_solved = True
    abuse.remember_captcha(request, form)
    assert not abuse.captcha_needed(request, LIMIT) and "captcha" not in form.fields
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=production.CAPTCHA_PASS_SECONDS + 5)):
        assert abuse.captcha_needed(request, LIMIT)


def test_the_captcha_can_be_switched_off(production):
    production.ABUSE_CAPTCHA_AFTER = 0
    for _ in range(9):
        throttle.hit(LIMIT, ADDRESS)
    assert not abuse.captcha_needed(request_with_session(), LIMIT)


def _drawn_key(form: forms.Form, html: str | None = None) -> str:
    """The key of the captcha drawn (each drawing makes a new one)."""
    html = html or str(form["captcha"])
    return html.split('name="captcha_0" value="')[1].split('"')[0]


def test_the_captcha_is_an_image_served_here_with_a_chinese_label_and_no_script():
    form = Letter(captcha=True)
    html = str(form["captcha"])
    key = _drawn_key(form, html)
    assert f'src="/captcha/image/{key}/"' in html and "<script" not in html and "onclick" not in html
    assert 'alt="验证码图片：一道算式"' in html and 'inputmode="numeric"' in html
    assert CaptchaStore.objects.filter(hashkey=key).exists()


@pytest.mark.parametrize("typed", ["right", "full-width"])
def test_the_right_answer_passes_in_ascii_or_full_width_digits(typed):
    form = Letter(captcha=True)
    key = _drawn_key(form)
    answer = CaptchaStore.objects.get(hashkey=key).response
    if typed == "full-width":
        answer = "".join(chr(ord(c) + 0xFEE0) for c in answer)
    bound = Letter({"text": "路灯坏了", "captcha_0": key, "captcha_1": answer}, captcha=True)
    assert bound.is_valid(), bound.errors and bound.captcha_solved


def test_a_wrong_or_missing_answer_is_refused_in_chinese_and_the_image_is_spent():
    form = Letter(captcha=True)
    key = _drawn_key(form)
    bound = Letter({"text": "路灯坏了", "captcha_0": key, "captcha_1": "99999"}, captcha=True)
    assert not bound.is_valid() and "验证码不正确" in bound.errors["captcha"][0]
    assert not CaptchaStore.objects.filter(hashkey=key).exists()  # one attempt per image
    empty = Letter({"text": "路灯坏了", "captcha_0": "x", "captcha_1": ""}, captcha=True)
    assert not empty.is_valid() and "请填写验证码" in empty.errors["captcha"][0]


# ---- size limits -------------------------------------------------------------------------------


def _multipart(data: dict):
    body = encode_multipart("BoUnDaRy", data)
    return RequestFactory().generic(
        "POST", "/", body, content_type="multipart/form-data; boundary=BoUnDaRy", REMOTE_ADDR=ADDRESS
    )


def test_a_file_over_the_limit_is_skipped_and_everything_typed_is_kept(settings):
    settings.ABUSE_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10), "application/pdf")
    request = _multipart({"description": "申请公开2025年道路维修的合同。" * 200, "id_copy": big})
    assert abuse.admit(request) is None
    assert request.POST["description"].startswith("申请公开2025年") and "id_copy" not in request.FILES
    assert "文件过大（超过 1 MB）" in request.skipped_uploads["id_copy"]
    form = Letter({"text": "x"})
    form.fields["id_copy"] = forms.FileField(required=False)
    abuse.add_upload_errors(request, form)
    assert not form.is_valid() and "文件过大" in form.errors["id_copy"][0]


def test_a_file_within_the_limit_arrives_whole(settings):
    settings.ABUSE_MAX_UPLOAD_MB = 1
    small = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n" + b"0" * 1000, "application/pdf")
    request = _multipart({"description": "申请", "id_copy": small})
    assert abuse.admit(request) is None
    assert request.FILES["id_copy"].size == 1009 and not request.skipped_uploads


def test_more_files_than_a_form_has_inputs_for_are_skipped(settings):
    files = {f"f{i}": SimpleUploadedFile(f"{i}.png", b"\x89PNG" + b"0" * 10) for i in range(4)}
    request = _multipart({"text": "x", **files})
    assert abuse.admit(request) is None
    assert len(request.FILES) == settings.ABUSE_MAX_FILES and len(request.skipped_uploads) == 2


def test_a_body_over_the_total_limit_is_not_read(settings):
    settings.ABUSE_MAX_BODY_MB = 1
    request = RequestFactory().post("/", {"text": "x" * (1024 * 1024 + 1)})
    status, message = abuse.admit(request)
    assert status == 413 and "提交的内容过大" in message and "上限 1 MB" in message


def test_djangos_own_limits_are_answered_in_chinese(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    status, message = abuse.admit(RequestFactory().post("/", {"text": "字" * 2000}))
    assert status == 413 and "文字内容过多" in message
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    status, message = abuse.admit(RequestFactory().post("/", {f"f{i}": "1" for i in range(10)}))
    assert status == 400 and "栏目或文件过多" in message


def test_more_fields_than_a_public_form_has_are_refused(settings):
    fields = {f"f{i}": "1" for i in range(settings.ABUSE_MAX_FIELDS + 1)}
    status, message = abuse.admit(RequestFactory().post("/", fields, content_type=MULTIPART_CONTENT))
    assert status == 400 and "栏目过多" in message
    assert abuse.admit(RequestFactory().post("/", {"text": "x"})) is None


# ---- the search limiter ------------------------------------------------------------------------


def test_searches_beyond_the_limit_get_a_captcha_with_the_query_kept(client, production):
    production.SEARCH_PER_MINUTE = 3
    for _ in range(3):
        assert client.get("/search/", {"q": "低保"}).status_code == 200
    assert client.get("/search/").status_code == 200  # the empty search form is not counted
    refused = client.get("/search/", {"q": "低保 标准", "year": "2025"})
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert "no-store" in refused["Cache-Control"]
    html = refused.content.decode()
    assert "检索过于频繁" in html and 'value="低保 标准"' in html
    assert '<input type="hidden" name="year" value="2025">' in html and 'name="captcha_1"' in html
    assert not re.findall(r"<script(?![^>]*\bsrc=)", html) and " onclick=" not in html  # no inline script
    # Another address is not bothered.
    assert client.get("/search/", {"q": "低保"}, REMOTE_ADDR="198.51.100.4").status_code == 200


def test_a_solved_search_captcha_gives_the_session_its_own_count(client, production):
    production.SEARCH_PER_MINUTE = 2
    for _ in range(2):
        client.get("/search/", {"q": "低保"})
    html = client.get("/search/", {"q": "低保"}).content.decode()
    key = _drawn_key(None, html)
    wrong = client.get("/search/", {"q": "低保", "captcha_0": key, "captcha_1": "999"})
    assert wrong.status_code == 429 and "验证码不正确" in wrong.content.decode()
    key = _drawn_key(None, wrong.content.decode())
    answer = CaptchaStore.objects.get(hashkey=key).response
    solved = client.get("/search/", {"q": "低保", "year": "2025", "captcha_0": key, "captcha_1": answer})
    assert solved.status_code == 302 and solved["Location"] == "/search/?q=%E4%BD%8E%E4%BF%9D&year=2025"
    # The address is over its limit, this session has its own.
    assert client.get("/search/", {"q": "低保"}).status_code == 200
    assert client.get("/search/", {"q": "低保"}).status_code == 200
    # Over the session's limit too: only waiting helps, no captcha to solve again.
    again = client.get("/search/", {"q": "低保"})
    assert again.status_code == 429 and 'name="captcha_1"' not in again.content.decode()
    assert "操作过于频繁" in again.content.decode()


def test_the_search_api_answers_429_in_its_own_error_format(client, production):
    production.SEARCH_PER_MINUTE = 2
    answers = [client.get("/api/search", {"q": "低保"}).status_code for _ in range(3)]
    assert 429 not in answers[:2] and answers[2] == 429
    refused = client.get("/api/search", {"q": "低保"})
    assert refused.json() == {"detail": "操作过于频繁，请稍等一分钟后再试。"}


def test_the_limiter_raises_the_apis_error_for_an_api_view(production):
    production.SEARCH_PER_MINUTE = 1

    @abuse.rate_limited(abuse.SEARCHES, api=True)
    def view(request):
        return "ok"

    request = RequestFactory().get("/", REMOTE_ADDR=ADDRESS)
    assert view(request) == "ok"
    with pytest.raises(HttpError) as raised:
        view(request)
    assert raised.value.status_code == 429


def test_an_api_operation_keeps_its_own_annotations_under_the_limiter(production):
    """Postponed annotations (this module's ``from __future__ import annotations``) of a limited
    Django Ninja operation are read where they were written: a ``Literal`` is checked."""
    from ninja import Router
    from ninja.testing import TestClient

    router = Router()

    @router.get("/find")
    @abuse.rate_limited(abuse.SEARCHES, api=True)
    def find(request, q: str, sort: Literal["relevance", "date"] = "relevance"):
        return {"q": q, "sort": sort}

    client = TestClient(router)
    assert client.get("/find?q=低保&sort=date").json() == {"q": "低保", "sort": "date"}
    assert client.get("/find?q=低保&sort=colour").status_code == 422
