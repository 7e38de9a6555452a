"""The bulletin and hot-issue pages: who sees them, what they show, the Word downloads."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from docx import Document

from gongkai.hotline import actions
from gongkai.hotline.models import Satisfaction

pytestmark = pytest.mark.django_db
JUNE_10 = dt.datetime(2025, 6, 10, 2, tzinfo=dt.UTC)  # Tuesday 10:00 in Shanghai


@pytest.fixture
def june(call, personas):
    """Two June 2025 tickets: one closed by 教育局, one still waiting to be dispatched."""
    with time_machine.travel(JUNE_10, tick=False):
        done = call(matter="孩子入学学位紧张")
        actions.dispatch(done, personas.department, actor=personas.operator)
        actions.reply(done, actor=personas.editor, text="已协调学校解决")
        actions.callback(done, actor=personas.operator, reached=True, satisfaction=Satisfaction.SATISFIED)
        actions.close(done, actor=personas.operator)
        call(matter="路灯不亮", category="城市管理")
    return done


def _get(client, user, name, *args, **query):
    client.force_login(user)
    return client.get(reverse(f"hotline_bulletins:{name}", args=args), query)


def test_the_list_shows_the_months_with_their_counts(client, personas, june):
    response = _get(client, personas.coordinator, "list")
    assert response.status_code == 200
    assert "2025年6月" in response.text
    assert reverse("hotline_bulletins:detail", args=[2025, 6]) in response.text


def test_the_office_operator_reads_the_bulletin_page(client, personas, june):
    response = _get(client, personas.operator, "detail", 2025, 6)
    assert response.status_code == 200
    text = response.text
    assert "区长公开电话通报" in text and "第6期" in text
    assert personas.department.name in text
    assert "共受理群众诉求2件" in text and "已办结1件" in text
    assert "生成门户信息草稿" not in text  # the operator does not publish


def test_the_bulletin_downloads_as_word(client, personas, june):
    response = _get(client, personas.auditor, "docx", 2025, 6)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    doc = Document(io.BytesIO(response.content))
    assert doc.paragraphs[0].text == "区长公开电话通报"
    units = doc.tables[0]
    assert [c.text for c in units.rows[1].cells][1:3] == [personas.department.name, "1"]


@pytest.mark.parametrize("who", ["editor", "leader", "outsider"])
@pytest.mark.parametrize(
    "page", [("list",), ("detail", 2025, 6), ("docx", 2025, 6), ("hot",), ("special_report",)]
)
def test_department_staff_cannot_see_the_district_bulletin(client, personas, june, who, page):
    response = _get(client, getattr(personas, who), *page)
    assert response.status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, june):
    response = client.get(reverse("hotline_bulletins:list"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_only_the_publisher_may_make_a_portal_draft(client, personas, june):
    client.force_login(personas.operator)
    url = reverse("hotline_bulletins:publish", args=[2025, 6])
    assert client.post(url).status_code == 403
    client.force_login(personas.coordinator)
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "信息编辑" in response.text  # the coordinator is told an editor of the office must draft it


def test_the_hot_issues_page_filters_and_downloads_a_special_report(client, personas, june, hotline):
    response = _get(
        client, personas.coordinator, "hot", start="2025-06-01", end="2025-06-30", category=hotline["教育"].pk
    )
    assert response.status_code == 200
    assert "学位" in response.text and "共 1 件" in response.text
    response = _get(
        client, personas.coordinator, "special_report", start="2025-06-01", end="2025-06-30", keyword="学位"
    )
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "专题材料" in text and "关于“学位”问题的情况报告" in text and "13907350001" not in text


def test_the_month_in_the_address_must_exist(client, personas, june):
    assert _get(client, personas.coordinator, "detail", 2025, 13).status_code == 404


def test_the_navigation_lists_the_bulletins_for_the_office(client, personas, june):
    from gongkai.workbench.navigation import nav_for

    labels = [item.label for group in nav_for(personas.coordinator) for item in group.items]
    assert "月度通报" in labels and "热点问题" in labels
