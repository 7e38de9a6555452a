"""Staff of one department can neither see nor change another's records, through pages and API alike."""

import json

import pytest

from gongkai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_an_editor_sees_own_department_page_and_not_another(client, personas):
    client.force_login(personas.editor)
    assert client.get(f"/staff/orgs/{personas.department.pk}/").status_code == 200
    assert client.get(f"/staff/orgs/{personas.other_department.pk}/").status_code == 404


def test_the_organisation_list_shows_only_what_the_user_may_see(client, personas):
    client.force_login(personas.editor)
    html = client.get("/staff/orgs/").content.decode()
    assert personas.department.name in html
    assert personas.other_department.name not in html


def test_the_coordinator_sees_every_department_page(client, personas):
    client.force_login(personas.coordinator)
    for org in (personas.department, personas.other_department, personas.budget_unit):
        assert client.get(f"/staff/orgs/{org.pk}/").status_code == 200


def test_an_outsider_cannot_change_another_departments_contacts_through_the_page(client, personas):
    client.force_login(personas.outsider)
    url = f"/staff/orgs/{personas.department.pk}/contacts/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"phone": "0735-0000000"}).status_code == 404
    personas.department.refresh_from_db()
    assert personas.department.phone != "0735-0000000"


def test_an_editor_changes_own_contacts_and_the_change_is_audited(client, personas):
    client.force_login(personas.editor)
    url = f"/staff/orgs/{personas.department.pk}/contacts/"
    response = client.post(url, {"phone": "0735-2223333", "office_hours": "工作日 8:00-12:00，14:30-17:30"})
    assert response.status_code == 302
    personas.department.refresh_from_db()
    assert personas.department.phone == "0735-2223333"
    event = AuditEvent.objects.get(action="org.update_contacts")
    assert event.actor == personas.editor
    assert event.changes["phone"] == ["", "0735-2223333"]


def test_bad_contact_input_gets_a_field_error_and_changes_nothing(client, personas):
    client.force_login(personas.editor)
    url = f"/staff/orgs/{personas.department.pk}/contacts/"
    response = client.post(url, {"phone": "0735-2223333", "email": "不是邮箱"})
    assert response.status_code == 200
    assert "有效的电子邮件" in response.content.decode() or "email" in response.context["form"].errors
    personas.department.refresh_from_db()
    assert personas.department.phone == ""
    assert not AuditEvent.objects.filter(action="org.update_contacts").exists()


def test_the_api_lists_only_visible_organisations(client, personas):
    client.force_login(personas.editor)
    data = client.get("/staff/api/orgs").json()
    assert {o["id"] for o in data} == {personas.department.pk, personas.budget_unit.pk}


def test_the_api_refuses_another_departments_record(client, personas):
    client.force_login(personas.outsider)
    assert client.get(f"/staff/api/orgs/{personas.department.pk}").status_code == 404
    response = client.patch(
        f"/staff/api/orgs/{personas.department.pk}/contacts",
        data=json.dumps({"phone": "0735-0000000"}),
        content_type="application/json",
    )
    assert response.status_code == 404
    personas.department.refresh_from_db()
    assert personas.department.phone == ""


def test_the_api_lets_the_coordinator_change_any_department(client, personas):
    client.force_login(personas.coordinator)
    response = client.patch(
        f"/staff/api/orgs/{personas.other_department.pk}/contacts",
        data=json.dumps({"fax": "0735-7654321"}),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["fax"] == "0735-7654321"


def test_the_api_refuses_a_read_only_auditor_who_can_see_the_record(client, personas):
    client.force_login(personas.auditor)
    assert client.get(f"/staff/api/orgs/{personas.department.pk}").status_code == 200
    response = client.patch(
        f"/staff/api/orgs/{personas.department.pk}/contacts",
        data=json.dumps({"fax": "0735-7654321"}),
        content_type="application/json",
    )
    assert response.status_code == 403


def test_the_api_requires_login(client, personas):
    assert client.get("/staff/api/orgs").status_code == 401


def test_the_api_reports_invalid_input_field_by_field(client, personas):
    client.force_login(personas.editor)
    response = client.patch(
        f"/staff/api/orgs/{personas.department.pk}/contacts",
        data=json.dumps({"email": "不是邮箱"}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "email" in response.json()["errors"]
