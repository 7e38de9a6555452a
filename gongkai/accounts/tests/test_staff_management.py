"""A district's system administrator keeps accounts, its security administrator their roles
(三员分立); nobody else can."""

import pytest

from gongkai.accounts.factories import build_personas, make_staff
from gongkai.accounts.models import Membership, User
from gongkai.accounts.roles import Role
from gongkai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _create(client, personas, **overrides):
    data = {
        "username": "new-editor",
        "full_name": "钱新人",
        "organisation": personas.department.pk,
        "password": "A-long-enough-passphrase",
        **overrides,
    }
    return client.post("/staff/people/new/", data)


@pytest.fixture
def secadmin(personas):
    return make_staff("secadmin", personas.office, Role.SECADMIN, full_name="冯安全")


def test_the_sysadmin_creates_an_account_the_secadmin_gives_it_a_role_both_audited(
    client, personas, secadmin
):
    client.force_login(personas.sysadmin)
    assert _create(client, personas).status_code == 302
    user = User.objects.get(username="new-editor")
    assert user.district == personas.district and not user.memberships.exists()
    # the sysadmin cannot give the role
    data = {"organisation": personas.department.pk, "role": Role.EDITOR}
    assert client.post(f"/staff/people/{user.pk}/", data).status_code == 403
    client.force_login(secadmin)
    assert client.post(f"/staff/people/{user.pk}/", data).status_code == 302
    assert Membership.objects.filter(user=user, organisation=personas.department, role=Role.EDITOR).exists()
    assert set(AuditEvent.objects.filter(target_id=str(user.pk)).values_list("action", flat=True)) == {
        "staff.create",
        "staff.grant_role",
    }


def test_a_weak_password_is_refused_and_no_account_is_created(client, personas):
    client.force_login(personas.sysadmin)
    response = _create(client, personas, password="1234567890")
    assert response.status_code == 200
    assert "password" in response.context["form"].errors
    assert not User.objects.filter(username="new-editor").exists()


@pytest.mark.parametrize("who", ["editor", "leader", "coordinator", "auditor", "outsider"])
def test_only_the_sysadmin_manages_staff(client, personas, who):
    client.force_login(getattr(personas, who))
    assert client.get("/staff/people/").status_code == 403
    assert _create(client, personas).status_code == 403
    assert not User.objects.filter(username="new-editor").exists()


def test_a_sysadmin_cannot_touch_another_districts_staff(client, personas):
    there = build_personas("乙", region="431003")
    client.force_login(personas.sysadmin)
    assert client.get(f"/staff/people/{there.editor.pk}/").status_code == 404
    assert "乙editor" not in client.get("/staff/people/").content.decode()
    response = _create(client, personas, organisation=there.department.pk)
    assert response.status_code == 200  # not a choice offered: a form error
    assert not User.objects.filter(username="new-editor").exists()


def test_revoking_a_role_takes_the_access_away(client, personas, secadmin):
    client.force_login(secadmin)
    membership = Membership.objects.get(user=personas.editor, role=Role.EDITOR)
    client.post(f"/staff/people/{personas.editor.pk}/roles/{membership.pk}/revoke/")
    assert not Membership.objects.filter(pk=membership.pk).exists()
    client.force_login(personas.editor)
    assert client.get(f"/staff/orgs/{personas.department.pk}/").status_code == 404


def test_a_deactivated_account_can_no_longer_log_in(client, personas):
    personas.editor.set_password("A-long-enough-passphrase")
    personas.editor.save()
    client.force_login(personas.sysadmin)
    client.post(f"/staff/people/{personas.editor.pk}/active/", {"active": "0"})
    client.logout()
    client.post(
        "/staff/login/", {"username": personas.editor.username, "password": "A-long-enough-passphrase"}
    )
    assert "_auth_user_id" not in client.session
