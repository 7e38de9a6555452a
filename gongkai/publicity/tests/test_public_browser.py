"""A citizen looks at a 低保 list on a phone, in a real chromium: the column, the list as cards
within the screen, masked, filtered by town and paged."""

import pytest

from gongkai.conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [PHONE])
def test_a_citizen_on_a_phone_reads_a_list_filtered_by_town(page, live_server, filled, household, publish, screenshot):
    from gongkai.publicity import actions
    from gongkai.publicity.models import Entry

    publicity = filled(55)  # published now: within its period whatever the clock reads
    actions.add_entry(publicity, actor=publicity.created_by, **household(town="鲁塘镇", village="鲁塘村"))
    publicity = publish(publicity)
    page.goto(live_server.url + "/xxgk/gsgg/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.click(f"text={publicity.title}")
    assert page.inner_text("h1") == publicity.title
    assert "共 56 户" in page.inner_text(".gs-summary")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    text = page.inner_text("main")
    for entry in Entry.objects.filter(publicity=publicity)[:10]:
        assert entry.id_number.plaintext() not in text and entry.phone.plaintext() not in text
    screenshot(page, "publicity-list-phone")
    page.select_option("#f-town", "鲁塘镇")
    page.click("text=筛选")
    assert "共 1 户" in page.inner_text(".gs-summary")
    assert "鲁塘村" in page.inner_text(".gs-table")
