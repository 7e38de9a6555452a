"""The workbench pages: the list with its filters, the form that records a decision (a wrong one
keeps what was typed and says what is wrong), a decision's page, release, batches and rules."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.decisions.models import BatchGroup, Decision, DecisionState
from gongkai.decisions.tests.conftest import credit_code, id_number, penalty_values, person_values

pytestmark = pytest.mark.django_db


def test_the_list_filters_by_kind_state_year_and_text(client, personas, record):
    licence, penalty = record(), record(penalty_values())
    person = record(person_values())
    client.force_login(personas.editor)
    url = reverse("decisions_staff:list")
    page = client.get(url).content.decode()
    assert all(d.number in page for d in (licence, penalty, person))
    assert "张**" in page and "张三丰" not in page
    only = client.get(url, {"kind": "penalty"}).content.decode()
    assert penalty.number in only and licence.number not in only
    assert licence.number in client.get(url, {"q": "示例培训学校"}).content.decode()
    by_id = client.get(url, {"q": id_number(123)}).content.decode()
    assert person.number in by_id and licence.number not in by_id
    assert penalty.number in client.get(url, {"category": "fine", "year": 2018}).content.decode()
    assert penalty.number not in client.get(url, {"year": 2017}).content.decode()
    assert "已过公示时限（2018-05-30）" in page  # 21 May + 7 working days, and today is 1 June


def test_the_form_records_a_penalty_and_a_wrong_one_keeps_the_input(client, personas):
    client.force_login(personas.editor)
    url = reverse("decisions_staff:new") + "?kind=penalty"
    assert "处罚类别" in client.get(url).content.decode()
    data = {
        "organisation": personas.department.pk,
        "number": "北教罚〔2018〕9号",
        "title": "违规招生案",
        "category": "fine",
        "content": "罚款人民币2万元",
        "facts": "违规发布招生广告",
        "basis": "《中华人民共和国民办教育促进法》第六十二条",
        "party_type": "legal",
        "party_name": "郴州市示例学校",
        "credit_code": credit_code(9),
        "legal_rep": "周示例",
        "decided_on": "2018-05-30",
    }
    wrong = client.post(url, data)
    assert wrong.status_code == 200
    text = wrong.content.decode()
    assert "处罚类别含罚款，请填写罚款金额（万元）。" in text and "违规发布招生广告" in text
    assert not Decision.objects.exists()
    done = client.post(url, {**data, "fine_wan": "2"})
    decision = Decision.objects.get()
    assert done["Location"] == reverse("decisions_staff:detail", args=[decision.pk])
    assert decision.publicity_ends_on == dt.date(2021, 5, 30)


def test_a_natural_persons_page_shows_the_masks_and_the_edit_form_never_the_values(client, personas, record):
    decision = record(person_values())
    client.force_login(personas.editor)
    page = client.get(reverse("decisions_staff:detail", args=[decision.pk])).content.decode()
    assert "张**" in page and "张三丰" not in page and id_number(123) not in page
    form = client.get(reverse("decisions_staff:edit", args=[decision.pk])).content.decode()
    assert "张三丰" not in form and id_number(123) not in form
    data = {
        "organisation": personas.department.pk,
        "number": decision.number,
        "title": "教师资格认定（补正）",
        "category": "recognition",
        "content": decision.content,
        "party_type": "natural",
        "decided_on": "2018-05-22",
    }
    response = client.post(reverse("decisions_staff:edit", args=[decision.pk]), data)
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.title == "教师资格认定（补正）"
    assert decision.person_name.plaintext() == "张三丰" and decision.id_number.plaintext() == id_number(123)


def test_release_batches_and_rules_pages(client, personas, record):
    decision = record()
    client.force_login(personas.editor)
    page = client.get(reverse("decisions_staff:release"), {"organisation": personas.department.pk})
    assert decision.number in page.content.decode()
    response = client.post(
        reverse("decisions_staff:release"),
        {"organisation": personas.department.pk, "group": BatchGroup.LICENSING, "decisions": [decision.pk]},
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.state == DecisionState.RELEASED
    batches = client.get(reverse("decisions_staff:batches")).content.decode()
    assert "行政许可信息公示（2018年第1期）" in batches and "待提交" not in batches
    assert "作出决定后 7 个工作日内" in client.get(reverse("decisions_staff:rules")).content.decode()
    client.force_login(personas.coordinator)
    response = client.post(
        reverse("decisions_staff:rules"),
        {"publish_within": 5, "minor_months": 3, "minor_fine_max_wan": "1", "other_years": 3},
    )
    assert response.status_code == 302


def test_the_workbench_home_lists_decisions_waiting_for_release(client, personas, record):
    from gongkai.decisions.todos import release_todos

    record()
    todos = release_todos(personas.editor)
    assert len(todos) == 1
    assert "1 件行政许可决定待提交公示" in todos[0].title
    assert todos[0].due == dt.date(2018, 5, 30) and todos[0].urgency == "overdue"
    assert release_todos(personas.outsider) == []
