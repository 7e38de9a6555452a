"""What a citizen does on the portal, in a real chromium."""

import pytest

from gongkai.conftest import PHONE
from gongkai.portal.tests.factories import make_beihu

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def font_size(page, selector: str) -> float:
    return page.eval_on_selector(selector, "el => parseFloat(getComputedStyle(el).fontSize)")


@pytest.mark.parametrize("viewport", [PHONE])
def test_citizen_on_a_phone_enlarges_the_text_and_keeps_care_mode_after_reload(page, live_server, screenshot):
    make_beihu()
    page.goto(live_server.url + "/")
    assert page.locator(".site-name").inner_text() == "郴州市北湖区人民政府"
    # The page fits a 375px phone: nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # The column navigation collapses behind a menu button.
    toggle = page.get_by_role("button", name="栏目导航")
    nav_link = page.locator("#site-nav-list").get_by_role("link", name="政府信息公开")
    assert toggle.is_visible() and not nav_link.is_visible()
    toggle.click()
    assert nav_link.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    screenshot(page, "portal-phone-menu", full_page=False)

    normal = font_size(page, ".welcome-lead")
    page.get_by_role("button", name="大号字体").click()
    large = font_size(page, ".welcome-lead")
    assert large > normal
    assert page.get_by_role("button", name="大号字体").get_attribute("aria-pressed") == "true"

    care = page.get_by_role("button", name="关怀模式")
    care.click()
    assert care.get_attribute("aria-pressed") == "true"
    with_care = font_size(page, ".welcome-lead")
    assert with_care >= normal * 1.25

    page.reload()
    assert "care-mode" in page.evaluate("document.documentElement.className")
    assert page.get_by_role("button", name="关怀模式").get_attribute("aria-pressed") == "true"
    assert font_size(page, ".welcome-lead") == with_care
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "portal-phone-care-mode", full_page=False)

    page.get_by_role("button", name="关怀模式").click()
    page.get_by_role("button", name="中号字体").click()
    page.reload()
    assert font_size(page, ".welcome-lead") == normal


def test_the_portal_loads_nothing_from_outside_the_platform(page, live_server, screenshot):
    make_beihu()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    for path in ("/", "/xxgk/", "/no-such-page/", "/staff/login/"):
        page.goto(live_server.url + path)

    assert requested, "the pages made no requests at all"
    assert all(url.startswith(live_server.url) for url in requested), requested
    assert any(url.endswith(".css") for url in requested)
    page.goto(live_server.url + "/")
    screenshot(page, "portal-home")


def test_skip_link_moves_focus_to_the_main_content(page, live_server):
    make_beihu()
    page.goto(live_server.url + "/xxgk/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "main"


def test_print_hides_navigation_and_controls(page, live_server):
    make_beihu()
    page.goto(live_server.url + "/xxgk/")
    assert page.get_by_role("button", name="打印本页").is_visible()

    page.emulate_media(media="print")

    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".reading-tools").is_visible()
    assert not page.get_by_role("button", name="打印本页").is_visible()
    assert page.get_by_role("heading", name="政府信息公开", level=1).is_visible()
