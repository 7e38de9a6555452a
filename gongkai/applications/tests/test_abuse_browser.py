"""A citizen near the limit meets the captcha on the application form, in a real chromium: the
image loads under the strict CSP, 换一张 swaps it in place (the platform's own script), it grows
with care mode, and once solved the application goes through with its long description."""

from __future__ import annotations

import pytest
from captcha.models import CaptchaStore
from django.db import connection
from playwright.sync_api import expect

from gongkai.applications.models import Application
from gongkai.applications.tests.conftest import fake_id
from gongkai.applications.views_public import SUBMISSIONS
from gongkai.lib import throttle
from gongkai.workcal.calendar import clear_cache

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG = "申请公开本区2024年至2025年全部道路维修工程的招标文件、中标通知书、施工合同和竣工验收报告。" * 30


def _ensure_calendar() -> None:
    from gongkai.workcal.models import CalendarYear
    from gongkai.workcal.seed import seed_from_package

    if not CalendarYear.objects.filter(year=2025).exists():
        seed_from_package()
    clear_cache()


@pytest.fixture(autouse=True, scope="module")
def _leave_the_calendar_seeded(django_db_setup, django_db_blocker):
    yield
    with django_db_blocker.unblock():
        _ensure_calendar()
        connection.close()


def test_near_the_limit_a_citizen_solves_the_captcha_and_the_application_goes_through(
    page, live_server, personas, settings, screenshot
):
    _ensure_calendar()
    settings.ABUSE_CAPTCHA_AFTER = 2
    settings.ABUSE_MIN_FILL_SECONDS = 0  # the browser fills the form faster than a person would
    for _ in range(2):
        throttle.hit(SUBMISSIONS, "127.0.0.1")  # two applications already sent from this address

    page.goto(live_server.url + "/apply/")
    image = page.locator("img.captcha-image")
    assert image.is_visible()
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("img => img.naturalWidth") > 0  # served here, not blocked by the CSP
    page.get_by_label("姓名").fill("张晓明")
    page.get_by_label("证件号码").fill(fake_id())
    page.get_by_label("联系电话").fill("13800138000")
    page.get_by_label("受理机关").select_option(label=personas.department.name)
    page.get_by_label("所需信息的内容描述").fill(LONG)

    # 换一张: the platform's script fetches a new image in place; nothing is submitted.
    key = page.locator("input[name=captcha_0]").input_value()
    page.get_by_role("button", name="换一张").click()
    expect(page.locator("input[name=captcha_0]")).not_to_have_value(key)
    assert page.url.endswith("/apply/") and not Application.objects.exists()
    assert page.get_by_label("所需信息的内容描述").input_value() == LONG
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("img => img.naturalWidth") > 0  # the new image loaded too

    # Large print: the image grows with the text.
    normal = image.bounding_box()["height"]
    page.evaluate("document.documentElement.classList.add('care-mode')")
    assert image.bounding_box()["height"] > normal * 1.2
    screenshot(page, "apply-captcha-care-mode")

    # A wrong answer first: the form comes back with everything typed and a new image.
    page.get_by_label("验证码").fill("999")
    page.get_by_role("button", name="提交申请").click()
    assert "验证码不正确" in page.locator("#error-summary").inner_text()
    assert page.get_by_label("所需信息的内容描述").input_value() == LONG
    assert page.get_by_label("姓名").input_value() == "张晓明"

    key = page.locator("input[name=captcha_0]").input_value()
    page.get_by_label("验证码").fill(CaptchaStore.objects.get(hashkey=key).response)
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url("**/apply/receipt/")
    assert Application.objects.get().description == LONG


def test_a_file_over_the_limit_is_refused_before_it_is_sent(page, live_server, personas):
    _ensure_calendar()
    page.goto(live_server.url + "/apply/")
    page.get_by_label("所需信息的内容描述").fill(LONG)
    file_input = page.locator("input[type=file]")
    assert file_input.get_attribute("data-max-bytes") == str(5 * 1024 * 1024)  # the form's own limit
    # A smaller limit for the test: the browser need not carry megabytes around to prove the check.
    file_input.evaluate("input => input.setAttribute('data-max-bytes', String(1024 * 1024))")
    big = {"name": "scan.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n" + b"0" * (1536 * 1024)}
    file_input.set_input_files(big)
    note = page.locator("input[type=file] + p.field-error")
    expect(note).to_contain_text("所选文件过大（1.5 MB），不能超过 1 MB")
    assert page.locator("input[type=file]").evaluate("input => input.files.length") == 0
    assert page.get_by_label("所需信息的内容描述").input_value() == LONG
