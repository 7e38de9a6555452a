"""What an editor does on the application pages, in a real chromium."""

import datetime as dt

import pytest
import time_machine
from playwright.sync_api import expect

from gongkai.applications import actions
from gongkai.audit.models import AuditEvent

PASSWORD = "Gongkai-test-2024!"
D = dt.date

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_finds_an_overdue_application_reveals_the_phone_and_accepts_it(
    page, live_server, personas, make_app, screenshot
):
    personas.editor.set_password(PASSWORD)
    personas.editor.save()
    with time_machine.travel(dt.datetime(2025, 6, 16, 10, tzinfo=dt.UTC), tick=True):
        overdue = make_app(received=D(2025, 5, 6))
        make_app(received=D(2025, 5, 20), description="2018年城区义务教育学校划片招生范围")
        fresh = make_app(
            received=D(2025, 6, 12),
            applicant_type="legal",
            category="legal",
            name="湖南湘南律师事务所",
            org_name="湖南湘南律师事务所",
            id_type="",
            id_number="",
            uscc="",
            contact_person="王律师",
        )
        actions.start_consultation(
            fresh, actor=personas.editor, kind="third_party", party="郴州某公司", sent_on=D(2025, 6, 13)
        )
        page.goto(live_server.url + "/staff/login/")
        page.get_by_label("用户名").fill("editor")
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(live_server.url + "/staff/")
        expect(page.get_by_text("已超过答复期限的申请")).to_be_visible()
        page.get_by_role("link", name="依申请公开").first.click()
        expect(page.get_by_role("heading", name="依申请公开")).to_be_visible()
        expect(page.locator(".wb-badge--overdue")).to_have_count(1)
        screenshot(page, "applications-list")
        page.get_by_role("link", name="已超期").click()
        rows = page.locator("#applications tbody tr")
        expect(rows).to_have_count(1)
        rows.get_by_role("link", name=overdue.number).click()
        expect(page.get_by_role("heading", name=f"申请 {overdue.number}")).to_be_visible()
        expect(page.locator("#deadline-steps")).to_contain_text("端午节")
        phone_row = page.locator("tr", has_text="联系电话")
        # Wait for the reveal request itself: on a busy CI machine it may take longer than a default
        # assertion timeout, and the value only appears once the server has answered (and audited).
        with page.expect_response(lambda r: "/staff/personal/reveal/" in r.url, timeout=30_000) as answer:
            phone_row.get_by_role("button", name="显示").click()
        assert answer.value.ok, answer.value.status
        expect(phone_row).to_contain_text("13800138000", timeout=15_000)
        assert AuditEvent.objects.filter(action="personal.reveal", target_id=str(overdue.pk)).exists()
        page.get_by_role("button", name="受理").click()
        expect(page.get_by_text("已受理。")).to_be_visible()
        page.locator("#close summary").click()
        page.locator("#close_outcome").select_option(label="予以公开")
        page.locator("#close_replied_on").fill("2025-06-16")
        page.get_by_role("button", name="答复办结").click()
        expect(page.get_by_text("已答复办结。可以生成答复告知书。")).to_be_visible()
        expect(page.locator(".wb-badge--overdue")).to_contain_text("超期答复")
        screenshot(page, "applications-detail")
