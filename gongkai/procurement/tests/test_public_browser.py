"""A citizen looks up procurement on a phone, in a real chromium: the year's figures, the filters,
a project's page with its amounts and notices — all within the screen."""

import datetime as dt
from decimal import Decimal

import pytest

from gongkai.conftest import PHONE
from gongkai.procurement import actions
from gongkai.procurement.models import Method, NoticeKind, ProcurementType

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CST = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture
def column(personas, publish):
    def project(code, name, type, budget, contract, chosen):
        p = actions.create_project(
            actor=personas.editor,
            organisation=personas.department,
            code=code,
            name=name,
            year=2018,
            type=type,
            method=Method.OPEN_TENDER,
            budget=Decimal(budget),
        )
        p = actions.start_procurement(p, actor=personas.editor, started_on=chosen - dt.timedelta(days=30))
        p = actions.award(
            p,
            actor=personas.editor,
            supplier_name="郴州市恒信建设有限公司",
            contract_amount=contract,
            supplier_chosen_on=chosen,
        )
        notice = actions.draft_notice(p, NoticeKind.RESULT, actor=personas.editor)
        publish(notice, dt.datetime.combine(chosen + dt.timedelta(days=1), dt.time(10), tzinfo=CST))

    project("JY-1", "学生课桌椅采购", ProcurementType.GOODS, "1000000.00", "968000.00", dt.date(2018, 7, 2))
    project(
        "JY-2", "校舍维修改造工程", ProcurementType.WORKS, "2000000.00", "1950000.00", dt.date(2018, 8, 6)
    )


@pytest.mark.parametrize("viewport", [PHONE])
def test_a_citizen_on_a_phone_filters_the_column_and_reads_a_project(page, live_server, column, screenshot):
    page.goto(live_server.url + "/xxgk/zfcg/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert "2018年政府采购情况" in page.inner_text("#figures-title")
    figures = page.inner_text(".pc-figures")
    assert "291.80" in figures and "2.73%" in figures
    assert "共 2 个采购项目" in page.inner_text(".pc-summary")
    page.select_option("#f-type", "works")
    page.click("text=筛选")
    assert "共 1 个采购项目" in page.inner_text(".pc-summary")
    screenshot(page, "procurement-list-phone")
    page.click("text=校舍维修改造工程")
    assert page.inner_text("h1") == "校舍维修改造工程"
    amounts = page.inner_text("#amounts-title + table")
    assert "1,950,000.00" in amounts and "50,000.00" in amounts and "2.50%" in amounts
    assert "按时公开" in page.inner_text("#notices-title + table")
    screenshot(page, "procurement-project-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
