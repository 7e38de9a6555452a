"""In a real chromium: the office opens the portal's self-check from the navigation, reads which
single-veto item fails, follows its evidence to the findings behind it, and prints the checklist
(print media: the workbench's navigation left out, the checklist kept). A screenshot of the
checklist is kept ($GONGKAI_SCREENSHOT_DIR)."""

import pytest
import time_machine
from playwright.sync_api import expect

from gongkai.supervision import actions
from gongkai.supervision.tests.conftest import TODAY, at

PASSWORD = "Gongkai-test-2024!"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_reads_the_checklist_follows_the_evidence_and_prints_it(
    page, live_server, personas, fill_columns, screenshot
):
    with time_machine.travel(at(2026, 3, 2, 10, 0), tick=True):
        fill_columns(
            skip={"gzdt", "tzgg", "zcjd", "gfxwj", "rsrm", "zfcg"}
        )  # six columns (at least) left blank
        actions.run_checks(personas.district, today=TODAY)
        personas.coordinator.set_password(PASSWORD)
        personas.coordinator.save()

        page.goto(live_server.url + "/staff/login/")
        page.get_by_label("用户名").fill(personas.coordinator.username)
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(live_server.url + "/staff/")
        page.get_by_role("link", name="网站自查").first.click()

        expect(page.locator("#selfcheck-verdict")).to_contain_text("触发单项否决")
        blank = page.locator('[data-indicator="columns_blank"]')
        expect(blank).to_contain_text("未通过")
        expect(blank).to_contain_text("个空白栏目")
        expect(page.locator('[data-indicator="messages_answered"]')).to_contain_text("通过")
        screenshot(page, "supervision-selfcheck")

        page.emulate_media(media="print")
        expect(page.locator(".wb-sidebar")).to_be_hidden()
        expect(page.locator("#selfcheck-veto")).to_be_visible()
        page.emulate_media(media="screen")

        count = int(blank.locator("td").nth(2).inner_text())
        assert count >= 6
        blank.get_by_role("link", name="督查问题").click()
        expect(page).to_have_url(live_server.url + "/staff/supervision/findings/?rule=column_blank")
        expect(page.locator("#findings tbody tr")).to_have_count(count)  # the same columns, one finding each
        expect(page.locator("#findings tbody tr").first).to_contain_text("从未发布信息")
