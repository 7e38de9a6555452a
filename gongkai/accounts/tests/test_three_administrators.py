"""三员分立 (等级保护 2.0 第三级): the system administrator keeps accounts, the security
administrator gives roles, the security auditor alone reads what those two did; none can do
another's work, and no one holds two of the three."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.accounts import actions
from gongkai.accounts.factories import build_personas, make_staff
from gongkai.accounts.models import Membership
from gongkai.accounts.permissions import visible_events
from gongkai.accounts.roles import Role
from gongkai.audit.log import record

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(personas):
    return {
        "sysadmin": personas.sysadmin,
        "secadmin": make_staff("secadmin", personas.office, Role.SECADMIN, full_name="冯安全"),
        "secauditor": make_staff("secauditor", personas.office, Role.SECAUDITOR, full_name="褚审计"),
    }


def test_the_sysadmin_neither_gives_roles_nor_reads_the_trail(client, personas, three):
    with pytest.raises(PermissionDenied):
        actions.grant_role(personas.reviewer, personas.department, Role.LEADER, actor=three["sysadmin"])
    membership = Membership.objects.get(user=personas.editor)
    with pytest.raises(PermissionDenied):
        actions.revoke_role(membership, actor=three["sysadmin"])
    client.force_login(three["sysadmin"])
    assert client.get("/staff/audit/").status_code == 403
    assert client.get("/staff/audit/logins/").status_code == 403
    page = client.get(f"/staff/people/{personas.editor.pk}/").content.decode()
    assert "分配角色" not in page and "重置密码" in page


def test_the_secadmin_neither_keeps_accounts_nor_reads_the_trail(client, personas, three):
    client.force_login(three["secadmin"])
    assert client.get("/staff/people/new/").status_code == 403
    assert client.post(f"/staff/people/{personas.editor.pk}/active/", {"active": "0"}).status_code == 302
    personas.editor.refresh_from_db()
    assert personas.editor.is_active
    response = client.post(
        f"/staff/people/{personas.editor.pk}/password/",
        {"new_password1": "Reset-2026-abc", "new_password2": "Reset-2026-abc"},
    )
    assert response.status_code == 400
    assert client.get("/staff/audit/").status_code == 403
    assert client.get("/staff/people/lockouts/").status_code == 403
    page = client.get(f"/staff/people/{personas.editor.pk}/").content.decode()
    assert "分配角色" in page and "重置密码" not in page and "停用账号" not in page


def test_the_secauditor_changes_nothing(client, personas, three):
    auditor = three["secauditor"]
    for call in (
        lambda: actions.grant_role(personas.reviewer, personas.department, Role.LEADER, actor=auditor),
        lambda: actions.set_active(personas.editor, False, actor=auditor),
        lambda: actions.reset_password(personas.editor, "Reset-2026-abc", actor=auditor),
    ):
        with pytest.raises(PermissionDenied):
            call()
    client.force_login(auditor)
    assert client.get("/staff/people/").status_code == 403
    assert client.get("/staff/people/new/").status_code == 403


def test_only_the_secauditor_reads_what_the_two_administrators_did(client, personas, three):
    actions.set_active(personas.reviewer, False, actor=three["sysadmin"])
    actions.grant_role(personas.reviewer, personas.department, Role.LEADER, actor=three["secadmin"])
    record("org.update_contacts", actor=personas.editor, target=personas.department, note="本局改电话")
    record(
        "calendar.edit_day", actor=three["sysadmin"], organisation=personas.district, note="系统管理员改日历"
    )
    admin_notes = {"staff.set_active", "staff.grant_role", "calendar.edit_day"}

    def seen(user):
        return set(visible_events(user).values_list("action", flat=True))

    assert admin_notes <= seen(three["secauditor"])
    for who in ("coordinator", "auditor", "leader"):
        assert not admin_notes & seen(getattr(personas, who)), who
    assert "org.update_contacts" in seen(personas.coordinator)
    for who in ("sysadmin", "secadmin"):
        assert seen(three[who]) == set(), who  # not even their own
    client.force_login(three["secauditor"])
    page = client.get("/staff/audit/").content.decode()
    assert "系统管理员改日历" in page and "授予角色" in page


def test_the_secauditor_reads_only_their_own_districts_administrators(personas, three):
    other = build_personas(prefix="o-", region="431003")
    actions.set_active(other.reviewer, False, actor=other.sysadmin)
    assert not visible_events(three["secauditor"]).filter(action="staff.set_active").exists()


@pytest.mark.parametrize(
    ("held", "given"),
    [(Role.SYSADMIN, Role.SECADMIN), (Role.SECADMIN, Role.SECAUDITOR), (Role.SECAUDITOR, Role.SYSADMIN)],
)
def test_no_one_holds_two_of_the_three(personas, three, held, given):
    person = make_staff("someone", personas.office, held)
    with pytest.raises(ValidationError) as exc:
        actions.grant_role(person, personas.office, given, actor=three["secadmin"])
    assert "三员分立" in str(exc.value)


def test_the_secadmin_cannot_give_or_take_their_own_roles(personas, three):
    with pytest.raises(PermissionDenied):
        actions.grant_role(three["secadmin"], personas.office, Role.COORDINATOR, actor=three["secadmin"])
    with pytest.raises(PermissionDenied):
        actions.revoke_role(Membership.objects.get(user=three["secadmin"]), actor=three["secadmin"])


def test_failed_sign_ins_stay_visible_to_the_office(client, personas, three):
    client.post("/staff/login/", {"username": "nobody", "password": "x"}, REMOTE_ADDR="198.51.100.3")
    assert visible_events(personas.coordinator).filter(action="auth.login_failed").exists()
