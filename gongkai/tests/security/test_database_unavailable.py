"""The database briefly out of reach: the platform's own Chinese page, 503 with a time to retry,
and a citizen's letter given back whole, to be sent again once the database is back — then stored
once. Nothing stored before is touched. (The same through the real server on PostgreSQL, with the
connection itself cut: test_load.py.)"""

from __future__ import annotations

import contextlib
import re
from html import unescape

import pytest
from django.db import OperationalError
from django.db.backends import utils
from django.test import Client

from gongkai.hotline.models import Ticket
from gongkai.lib.errorpages import database_unavailable
from gongkai.tests.security.browserlike import fill, form

pytestmark = [pytest.mark.django_db, pytest.mark.security]

LETTER = "我家楼下的路灯已经坏了三个星期，晚上老人出门很不方便，请尽快派人维修。" * 3


@contextlib.contextmanager
def database_down():
    """Every query fails as when the server has gone away (transaction control still runs, so the
    test's own transaction can be rolled back afterwards)."""
    original = utils.CursorWrapper.execute

    def refuse(self, sql, params=None):
        if sql.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            return original(self, sql, params)
        raise OperationalError("server closed the connection unexpectedly")

    utils.CursorWrapper.execute = refuse
    try:
        yield
    finally:
        utils.CursorWrapper.execute = original


@pytest.fixture
def browser(personas):
    """A citizen's browser; the personas' district takes letters at its disclosure office."""
    return Client(raise_request_exception=False)


def test_a_page_answers_503_in_chinese_with_a_time_to_retry(browser, personas):
    with database_down():
        response = browser.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30" and "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert (
        "系统暂时无法访问" in page
        and "30 秒后重试" in page
        and "已经提交成功的申请和来信都已妥善保存" in page
    )


def test_the_api_answers_503_in_json(browser, personas):
    with database_down():
        response = browser.get("/api/orgs")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "数据库暂时无法访问" in response.json()["detail"]


def test_a_letter_sent_while_the_database_is_down_comes_back_whole_and_is_stored_once_after(
    browser, personas
):
    before = Ticket.objects.count()
    page = browser.get("/mailbox/").content.decode()
    fields, _options = form(page, "content")
    typed = fill(fields, {"title": "路灯不亮", "content": LETTER, "name": "钱多多", "phone": "13907350001"})
    with database_down():
        failed = browser.post("/mailbox/", dict_list(typed))
    assert failed.status_code == 503
    text = failed.content.decode()
    assert (
        "您填写的内容尚未提交成功，但没有丢失" in text and unescape(text).count(LETTER) == 2
    )  # hidden field and textarea
    assert Ticket.objects.count() == before
    # The database is back: "重新提交" sends exactly what was typed.
    again, _options = form(text, "content")
    assert dict(again)["content"] == LETTER and dict(again)["phone"] == "13907350001"
    done = browser.post("/mailbox/", dict_list([tuple(f) for f in again]))
    assert done.status_code == 302, re.sub(r"\s+", " ", done.content.decode())[:500]
    assert Ticket.objects.count() == before + 1
    assert Ticket.objects.latest("pk").matter == LETTER


def test_a_staff_password_is_never_echoed(browser, personas):
    with database_down():
        response = browser.post("/staff/login/", {"username": "editor", "password": "Secret-123456"})
    assert response.status_code == 503 and "Secret-123456" not in response.content.decode()


def test_only_a_database_out_of_reach_is_a_503():
    assert database_unavailable(OperationalError("could not connect to server"))
    assert not database_unavailable(ValueError("a bug"))
    try:
        try:
            raise OperationalError("connection refused")
        except OperationalError as exc:
            raise RuntimeError("wrapped") from exc
    except RuntimeError as wrapped:
        assert database_unavailable(wrapped)


def dict_list(pairs):
    """Pairs as the test client's data (a list per name, for repeated fields)."""
    data: dict[str, list[str]] = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return data
