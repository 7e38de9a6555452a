"""A citizen looks up the power list on a phone, in a real chromium: filters, a power's history,
the list of an earlier day — all within the screen."""

import datetime as dt

import pytest

from gongkai.conftest import PHONE
from gongkai.powers import actions
from gongkai.powers.models import ChangeKind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def changed(personas, listed, make_document, add_power, publish):
    document = make_document("教发〔2018〕10号", issued_on=dt.date(2018, 4, 20))
    actions.record_change(document, actor=personas.editor, code="JY-001", kind=ChangeKind.CANCEL)
    add_power(document, "JY-004", "校外培训机构设立审批", kind=ChangeKind.ADD)
    return publish(document)


@pytest.mark.parametrize("viewport", [PHONE])
def test_a_citizen_on_a_phone_filters_the_list_and_reads_a_powers_history(page, live_server, changed, screenshot):
    page.goto(live_server.url + "/xxgk/qlqd/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert "共 3 项权力" in page.inner_text(".powers-summary")
    page.select_option("#f-type", "licensing")
    page.click("text=筛选")
    assert "共 1 项权力" in page.inner_text(".powers-summary")
    screenshot(page, "powers-list-phone")
    page.click("text=校外培训机构设立审批")
    assert page.inner_text("h1") == "校外培训机构设立审批"
    assert "教发〔2018〕10号" in page.inner_text(".powers-history")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.goto(live_server.url + "/xxgk/qlqd/?date=2018-04-19")
    assert "2018年4月19日时的清单" in page.inner_text(".powers-asof")
    assert "权力JY-001" in page.inner_text(".powers-table")
    page.goto(live_server.url + "/xxgk/qlqd/bg/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
