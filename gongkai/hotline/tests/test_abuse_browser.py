"""A citizen whose address reaches the mailbox's limit while writing, in a chromium without
JavaScript: the letter comes back with the captcha and everything typed, 换一张 works as a plain
form button, and the solved letter is received whole."""

from __future__ import annotations

import pytest
from captcha.models import CaptchaStore

from gongkai.hotline.models import Ticket
from gongkai.hotline.throttles import LETTERS_PER_IP
from gongkai.lib import throttle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONTENT = "城关镇建设路小区门口的路灯坏了两个星期，晚上老人孩子出行很不方便，希望有关部门尽快维修。" * 10


@pytest.fixture
def no_script_page(browser, live_server):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    allowed = live_server.url.rstrip("/")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(allowed) else route.abort())
    yield context.new_page()
    context.close()


def test_the_limit_reached_while_writing_brings_the_captcha_and_the_letter_is_kept(
    no_script_page, live_server, personas, hotline, settings
):
    page = no_script_page
    settings.ABUSE_CAPTCHA_AFTER = 2
    settings.ABUSE_MIN_FILL_SECONDS = 0  # the browser types faster than a person
    throttle.hit(LETTERS_PER_IP, "127.0.0.1")

    page.goto(live_server.url + "/mailbox/")
    assert page.locator("img.captcha-image").count() == 0  # not near the limit yet: no captcha
    page.get_by_label("信件标题").fill("建设路路灯不亮")
    page.get_by_label("信件内容").fill(CONTENT)
    page.get_by_label("诉求类别").select_option(label="城市管理")
    page.get_by_label("姓名").fill("赵小明")
    page.get_by_label("联系电话").fill("13907351234")
    page.get_by_label("同意公开").check()
    throttle.hit(LETTERS_PER_IP, "127.0.0.1")  # meanwhile another letter from the same address
    page.get_by_role("button", name="提交信件").click()

    assert "请填写验证码" in page.locator("#form-errors").inner_text()
    assert page.get_by_label("信件内容").input_value() == CONTENT
    assert page.get_by_label("信件标题").input_value() == "建设路路灯不亮"
    assert page.get_by_label("同意公开").is_checked()
    assert not Ticket.objects.exists()

    # 换一张 without JavaScript: the form comes back with a new image and nothing lost.
    key = page.locator("input[name=captcha_0]").input_value()
    page.get_by_role("button", name="换一张").click()
    page.wait_for_load_state()
    assert page.locator("input[name=captcha_0]").input_value() != key
    assert page.get_by_label("信件内容").input_value() == CONTENT
    assert page.locator("#form-errors").count() == 0 and not Ticket.objects.exists()

    key = page.locator("input[name=captcha_0]").input_value()
    page.get_by_label("验证码").fill(CaptchaStore.objects.get(hashkey=key).response)
    page.get_by_label("验证码").press("Enter")  # Enter submits the letter, not 换一张
    page.wait_for_url("**/mailbox/receipt/")
    ticket = Ticket.objects.get()
    assert ticket.matter == CONTENT and ticket.publish_allowed
