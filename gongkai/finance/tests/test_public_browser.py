"""A citizen reads a unit's final accounts on a phone, in a real chromium: the column's filters,
the item page with its nine tables — all within the screen (wide tables scroll by themselves)."""

import pytest

from gongkai.conftest import PHONE
from gongkai.finance.models import Kind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [PHONE])
def test_a_citizen_on_a_phone_finds_a_units_final_accounts_and_reads_its_tables(
    page, live_server, personas, make_disclosure, filled, publish, screenshot
):
    final = publish(filled(make_disclosure()))
    page.goto(live_server.url + "/xxgk/czzj/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.select_option("#f-kind", Kind.BUDGET)
    page.click("text=筛选")
    assert "共 0 条" in page.inner_text("[role=status]")
    page.select_option("#f-kind", Kind.FINAL)
    page.click("text=筛选")
    assert "共 1 条" in page.inner_text("[role=status]")
    page.click(f"text={final.title}")
    assert page.inner_text("h1") == final.title
    assert page.locator(".fin-table").count() == 9
    assert "故本表为空表" in page.inner_text("#t-final-8")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "finance-final-accounts-phone")
