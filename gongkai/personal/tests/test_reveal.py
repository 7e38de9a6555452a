import json
from pathlib import Path

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.middleware.csrf import get_token
from django.template import Context, Template
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from gongkai.audit.models import AuditEvent, AuditKind
from gongkai.personal.access import TOKEN_SALT, reveal_token
from gongkai.personal.actions import reveal
from gongkai.personal.tests.models import Resident, ResidentNote

URL = "/staff/personal/reveal/"


def views():
    """Audit events recording views of personal data (logins are audited too)."""
    return AuditEvent.objects.filter(kind=AuditKind.PERSONAL_VIEW)


def audit_columns(event: AuditEvent) -> str:
    """Every column of the event as text, to check a value appears nowhere."""
    return json.dumps({f.attname: str(getattr(event, f.attname)) for f in event._meta.concrete_fields})


def post(client: Client, token: str, **extra: str):
    return client.post(URL, {"token": token, **extra})


def test_reveal_url_is_mounted_under_staff_personal():
    assert reverse("personal:reveal") == URL


def test_editor_of_the_owning_department_gets_the_value_and_the_view_is_audited(people, resident):
    value = reveal(people.editor, resident, "phone", purpose="电话回访")
    assert value == "138 0013 8000"
    event = views().get()
    assert event.kind == AuditKind.PERSONAL_VIEW
    assert event.action == "personal.reveal"
    assert event.actor == people.editor
    assert event.organisation == people.civil_affairs
    assert event.district == people.district
    assert event.target_type == "personal.resident"
    assert event.target_id == str(resident.pk)
    assert event.note == "联系电话：电话回访"
    columns = audit_columns(event)
    for secret in ("13800138000", "138 0013 8000", "欧阳修文"):
        assert secret not in columns


def test_every_revealed_field_leaves_no_value_in_the_audit_trail(people, resident):
    for field in ("name", "id_number", "phone", "email", "address"):
        plaintext = reveal(people.editor, resident, field)
        assert plaintext
        assert plaintext not in "".join(audit_columns(e) for e in views())
    assert views().count() == 5


def test_editor_of_another_department_is_refused_and_nothing_is_recorded(people, resident):
    with pytest.raises(PermissionDenied):
        reveal(people.outsider, resident, "phone")
    assert not views().exists()


def test_read_only_auditor_is_refused(people, resident):
    with pytest.raises(PermissionDenied):
        reveal(people.auditor, resident, "id_number")


def test_district_coordinator_may_reveal_in_any_department(people, resident):
    assert reveal(people.coordinator, resident, "id_number") == "43010219900101122x"


def test_coordinator_of_another_district_is_refused(people, resident):
    with pytest.raises(PermissionDenied):
        reveal(people.foreign_coordinator, resident, "phone")


def test_record_without_an_organisation_is_revealed_to_no_one(people, resident):
    resident.organisation = None
    with pytest.raises(PermissionDenied):
        reveal(people.coordinator, resident, "phone")


def test_model_can_name_its_owning_organisation_through_the_hook(people, resident):
    note = ResidentNote.objects.create(resident=resident, contact_phone="13700137000")
    assert reveal(people.editor, note, "contact_phone") == "13700137000"
    assert views().get().organisation == people.civil_affairs
    with pytest.raises(PermissionDenied):
        reveal(people.outsider, note, "contact_phone")


def test_only_encrypted_fields_can_be_revealed(people, resident):
    with pytest.raises(ValueError, match="not an encrypted"):
        reveal(people.editor, resident, "organisation")


# The endpoint


def test_endpoint_returns_the_value_as_json_and_audits_it(people, resident, client):
    client.force_login(people.editor)
    response = post(client, reveal_token(resident, "phone"), purpose="核实身份")
    assert response.status_code == 200
    assert response.json() == {"value": "138 0013 8000"}
    assert "no-store" in response["Cache-Control"]
    event = views().get()
    assert event.note == "联系电话：核实身份"
    assert event.ip == "127.0.0.1"


def test_endpoint_refuses_staff_of_another_department_with_403_json(people, resident, client):
    client.force_login(people.outsider)
    response = post(client, reveal_token(resident, "phone"))
    assert response.status_code == 403
    assert "value" not in response.json()
    assert "13800138000" not in response.content.decode()
    assert not views().exists()


def test_endpoint_refuses_the_auditor(people, resident, client):
    client.force_login(people.auditor)
    assert post(client, reveal_token(resident, "id_number")).status_code == 403


def test_endpoint_allows_the_coordinator(people, resident, client):
    client.force_login(people.coordinator)
    assert post(client, reveal_token(resident, "email")).json() == {"value": "Zhang.San@Example.com"}


def test_anonymous_request_is_refused(resident, client):
    response = post(client, reveal_token(resident, "phone"))
    assert response.status_code == 403
    assert "value" not in response.json()
    assert not views().exists()


def test_tampered_token_is_a_bad_request(people, resident, client):
    client.force_login(people.coordinator)
    token = reveal_token(resident, "phone")
    value, signature = token.rsplit(":", 1)
    forged = signing.dumps(["personal.resident", str(resident.pk), "id_number"], salt="another-salt")
    for bad in (value + ":" + signature[::-1], forged, "", "garbage"):
        response = post(client, bad)
        assert response.status_code == 400
        assert "value" not in response.json()
    assert not views().exists()


def test_token_for_a_field_that_is_not_personal_data_is_a_bad_request(people, resident, client):
    client.force_login(people.coordinator)
    token = signing.dumps(["personal.resident", str(resident.pk), "organisation"], salt=TOKEN_SALT)
    assert post(client, token).status_code == 400


def test_record_deleted_since_the_page_was_rendered_is_not_found(people, resident, client):
    client.force_login(people.coordinator)
    token = reveal_token(resident, "phone")
    Resident.objects.filter(pk=resident.pk).delete()
    assert post(client, token).status_code == 404


def test_endpoint_answers_only_post(people, resident, client):
    client.force_login(people.coordinator)
    assert client.get(URL, {"token": reveal_token(resident, "phone")}).status_code == 405


def test_endpoint_is_csrf_protected(people, resident):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.coordinator)
    assert post(client, reveal_token(resident, "phone")).status_code == 403
    request = RequestFactory().get("/")
    token = get_token(request)  # what the page gets; the cookie carries the secret
    client.cookies["csrftoken"] = request.META["CSRF_COOKIE"]
    response = client.post(URL, {"token": reveal_token(resident, "phone")}, headers={"X-CSRFToken": token})
    assert response.status_code == 200


# The template tags


def render(template: str, **context) -> str:
    return Template("{% load personal %}" + template).render(Context(context))


def request_for(user):
    request = RequestFactory().get("/staff/")
    request.user = user
    return request


def test_tag_shows_the_mask_and_a_reveal_button_to_a_permitted_user(people, resident):
    html = render('{% personal r "phone" purpose="回访" %}', r=resident, request=request_for(people.editor))
    assert "138****8000" in html
    assert "13800138000" not in html
    assert "138 0013 8000" not in html
    assert ">显示</button>" in html
    assert f'data-personal-token="{reveal_token(resident, "phone")}"' in html
    assert f'data-personal-url="{URL}"' in html
    assert 'data-personal-purpose="回访"' in html


def test_tag_shows_only_the_mask_to_a_user_who_may_not_reveal(people, resident):
    for user in (people.outsider, people.auditor):
        html = render('{% personal r "id_number" %}', r=resident, request=request_for(user))
        assert "4301**********122X" in html
        assert "<button" not in html
        assert "data-personal-token" not in html


def test_tag_renders_nothing_for_an_empty_value(people):
    empty = Resident.objects.create(organisation=people.civil_affairs, name="张三")
    assert render('{% personal r "phone" %}', r=empty, request=request_for(people.editor)) == ""


def test_tag_on_a_list_needs_no_query_per_row_beyond_the_first(people, django_assert_max_num_queries):
    for number in range(10):
        Resident.objects.create(
            organisation=people.civil_affairs, name="张三", phone=f"138001380{number:02d}"
        )
    request = request_for(people.editor)
    rows = Resident.objects.select_related("organisation")
    with django_assert_max_num_queries(3):  # the rows, the user's memberships, the departments below
        html = render('{% for r in rows %}{% personal r "phone" %}{% endfor %}', rows=rows, request=request)
    assert html.count(">显示</button>") == 10


def test_tag_escapes_the_mask(people):
    obj = Resident.objects.create(organisation=people.civil_affairs, name="张三", address="<b>市x")
    html = render('{% personal r "address" %}', r=obj, request=request_for(people.editor))
    assert "&lt;b&gt;市****" in html
    assert "<b>" not in html


@override_settings(
    STORAGES={"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
)
def test_script_tag_points_at_the_self_hosted_script():
    assert render("{% personal_script %}") == '<script src="/static/personal/reveal.js" defer></script>'


def test_reveal_script_is_shipped_with_the_app():
    from django.contrib.staticfiles import finders

    path = finders.find("personal/reveal.js")
    assert path
    script = Path(path).read_text(encoding="utf-8")
    assert "X-CSRFToken" in script
    assert "http" not in script.replace("X-Requested-With", "")  # no CDN, no external address
