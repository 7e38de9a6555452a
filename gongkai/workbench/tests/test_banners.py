"""Banners on the workbench home: apps declare providers, the workbench collects them."""

import pytest

from gongkai.lib.banners import Banner
from gongkai.workbench import banners
from gongkai.workbench.banners import collect_banners, register_banner_provider

REMINDER = Banner(
    "2027年的节假日安排尚未录入工作日历。", url="/staff/calendar/paste/?year=2027", link_text="粘贴通知录入"
)
OUTAGE = Banner("短信平台暂停服务。", level=Banner.ERROR)


@pytest.fixture(autouse=True)
def isolated_providers(monkeypatch):
    monkeypatch.setattr(banners, "_PROVIDERS", [])


def reminders(user):
    return [REMINDER]


def outages(user):
    return [OUTAGE]


def broken(user):
    raise RuntimeError("calendar table unavailable")


def test_errors_come_before_warnings():
    register_banner_provider(reminders)
    register_banner_provider(outages)

    assert collect_banners(object()) == [OUTAGE, REMINDER]


def test_a_failing_provider_is_logged_and_skipped(caplog):
    register_banner_provider(broken)
    register_banner_provider(reminders)

    assert collect_banners(object()) == [REMINDER]
    assert "calendar table unavailable" in caplog.text


def test_registering_a_provider_twice_shows_its_banners_once():
    register_banner_provider(reminders)
    register_banner_provider(reminders)

    assert collect_banners(object()) == [REMINDER]


def test_discover_finds_the_providers_apps_declare_in_their_todos_module():
    from gongkai.workcal.todos import calendar_banners

    banners.discover()

    assert calendar_banners in banners.providers()
