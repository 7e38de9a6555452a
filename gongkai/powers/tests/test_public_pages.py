"""The portal shows the changes of released documents whose notice is public in the catalog —
never a draft, never one whose notice waits for review or was withdrawn."""

import datetime as dt

import pytest

from gongkai.catalog import actions as catalog_actions
from gongkai.catalog.models import Item, Version
from gongkai.powers import actions
from gongkai.powers.models import ChangeKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def adjusted(personas, listed, make_document, add_power):
    """A second document, recorded but not yet published: JY-002 renamed, JY-005 added."""
    document = make_document("教发〔2018〕10号", issued_on=dt.date(2018, 4, 20))
    actions.record_change(
        document, actor=personas.editor, code="JY-002", kind=ChangeKind.ADJUST, name="调整后的名称"
    )
    add_power(document, "JY-005", "新增的权力", kind=ChangeKind.ADD)
    return document


def _page(client, url="/xxgk/qlqd/", **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_list_shows_published_powers_with_filters(client, listed):
    page = _page(client)
    assert "共 3 项权力" in page and "权力JY-001" in page and "行政许可 1" in page
    assert "共 1 项权力" in _page(client, type="penalty")
    assert "共 1 项权力" in _page(client, q="JY-003")


def test_a_draft_document_changes_nothing_on_the_portal(client, adjusted):
    page = _page(client)
    assert "调整后的名称" not in page and "新增的权力" not in page and "权力JY-002" in page
    assert client.get("/xxgk/qlqd/ql/JY-005/").status_code == 404


def test_a_released_document_shows_only_once_its_notice_is_published(client, personas, adjusted, publish):
    document = actions.release_document(adjusted, actor=personas.editor)
    assert "新增的权力" not in _page(client)  # the notice is a draft in the catalog
    assert client.get(f"/xxgk/qlqd/wj/{document.pk}/").status_code == 404
    version = Version.objects.get(item_id=document.notice_item_id)
    catalog_actions.submit(version, actor=personas.editor)
    catalog_actions.review(version, actor=personas.reviewer, passed=True)
    assert "新增的权力" not in _page(client)
    catalog_actions.approve(version, actor=personas.leader, approved=True)
    page = _page(client)
    assert "新增的权力" in page and "调整后的名称" in page and "共 4 项权力" in page


def test_withdrawing_the_notice_takes_the_changes_off_the_portal(client, personas, adjusted, publish):
    document = publish(adjusted)
    assert "新增的权力" in _page(client)
    catalog_actions.withdraw(
        Item.objects.get(pk=document.notice_item_id), actor=personas.coordinator, reason="有误"
    )
    assert "新增的权力" not in _page(client)


def test_the_list_as_it_stood_on_a_chosen_day(client, adjusted, publish):
    publish(adjusted)
    before = _page(client, date="2018-04-19")
    assert "2018年4月19日时的清单" in before and "新增的权力" not in before and "共 3 项权力" in before
    assert "新增的权力" in _page(client, date="2018-04-20")
    assert "日期格式不正确" in _page(client, date="2018-13-01")


def test_a_powers_page_shows_its_history_with_its_source_documents(client, adjusted, publish):
    document = publish(adjusted)
    item = Item.objects.get(pk=document.notice_item_id)
    page = _page(client, "/xxgk/qlqd/ql/JY-002/")
    assert "调整后的名称" in page and "清单公布" in page and "调整" in page
    assert (
        f"/xxgk/qlqd/wj/{document.pk}/" in page and f"/xxgk/xx/{item.pk}/" in page and item.index_no in page
    )
    notice = _page(client, f"/xxgk/qlqd/wj/{document.pk}/")
    assert "新增（1）" in notice and "调整（1）" in notice


def test_the_change_record_counts_by_kind(client, adjusted, publish):
    publish(adjusted)
    page = _page(client, "/xxgk/qlqd/bg/", year="2018")
    assert "2018年共取消或部分取消 0 项、新增 1 项、承接 0 项、调整 1 项行政权力。" in page
    assert "新增的权力" in page


def test_the_pages_answer_without_a_district(client, db):
    assert "powers-table" not in _page(client)
    assert "powers-table" not in _page(client, "/xxgk/qlqd/bg/")


def test_the_portal_navigation_names_the_power_list(client, listed):
    assert 'href="/xxgk/qlqd/"' in _page(client, "/")


def test_the_list_page_runs_a_bounded_number_of_queries(client, listed, make_document, add_power, publish, django_assert_max_num_queries):
    document = make_document("教发〔2018〕10号", issued_on=dt.date(2018, 4, 20))
    for n in range(30):
        add_power(document, f"JY-1{n:02d}", kind=ChangeKind.ADD)
    publish(document)
    with django_assert_max_num_queries(15):
        assert "共 33 项权力" in _page(client)
