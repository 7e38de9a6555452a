"""Password rules (complexity, no reuse of the last five), the forced change of a password an
administrator gave, and the idle timeout of a staff session."""

import datetime as dt
import itertools

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.accounts import actions
from gongkai.accounts.models import User
from gongkai.accounts.roles import Role
from gongkai.audit.models import AuditEvent
from gongkai.demo.district import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

GOOD = "Spring-2026-x"


def _messages(password, user):
    try:
        validate_password(password, user)
    except ValidationError as exc:
        return exc.messages
    return []


@pytest.mark.parametrize(
    "password",
    [
        "short-A1",  # 8 characters
        "alllowercaseletters",  # one class
        "lowercase-with-signs",  # two classes
        "lowercase2026only",  # two classes
        "ALLUPPER2026",  # two classes
    ],
)
def test_a_password_too_short_or_of_fewer_than_three_classes_is_refused(personas, password):
    assert _messages(password, personas.editor)


@pytest.mark.parametrize(
    "password", ["Spring-2026-x", "lower-case-2026", "UPPER_lower_abc", "秋天来了Qiu2026"]
)
def test_a_long_password_of_three_classes_is_accepted(personas, password):
    assert _messages(password, personas.editor) == []


def test_the_demo_password_satisfies_the_rules(personas):
    assert _messages(DEMO_PASSWORD, personas.editor) == []


def test_a_password_containing_the_username_is_refused_in_any_case_or_width(personas):
    user = User(username="zhangsan")
    assert "密码不能包含用户名。" in _messages("Xx-ZhangSan-2026", user)
    assert "密码不能包含用户名。" in _messages("Xx-ｚｈａｎｇｓａｎ-2026", user)


def _change(user, old, new):
    actions.change_own_password(user, old_password=old, new_password=new)
    user.refresh_from_db()


def test_none_of_the_last_five_passwords_may_be_chosen_again(personas):
    user = personas.editor
    user.set_password("Start-0000-x")
    user.save()
    passwords = ["Start-0000-x"] + [f"Round-{i}-secret" for i in range(1, 7)]
    for old, new in itertools.pairwise(passwords):
        _change(user, old, new)
    current = passwords[-1]
    for recent in passwords[-6:]:  # the current one and the five before it
        with pytest.raises(ValidationError) as exc:
            _change(user, current, recent)
        assert "不能使用当前密码或最近 5 次用过的密码。" in str(exc.value)
    # the sixth before the current one is free again, and only five are kept
    assert user.password_history.count() == 5
    _change(user, current, passwords[0])
    assert user.check_password(passwords[0])


def test_a_wrong_current_password_changes_nothing(personas):
    user = personas.editor
    user.set_password(GOOD)
    user.save()
    with pytest.raises(ValidationError) as exc:
        _change(user, "not-the-password", "Another-2026-x")
    assert "原密码不正确。" in str(exc.value)
    user.refresh_from_db()
    assert user.check_password(GOOD)
    assert not AuditEvent.objects.filter(action="staff.change_password").exists()


def _sign_in_with(client, user, password):
    user.set_password(password)
    user.save()
    client.force_login(user)


def test_a_new_account_must_change_its_initial_password_before_anything_else(client, personas):
    client.force_login(personas.sysadmin)
    response = client.post(
        "/staff/people/new/",
        {
            "username": "qian",
            "full_name": "钱新人",
            "organisation": personas.department.pk,
            "role": Role.EDITOR,
            "password": "Initial-2026-x",
        },
    )
    assert response.status_code == 302
    newcomer = User.objects.get(username="qian")
    assert newcomer.must_change_password
    client.logout()
    client.force_login(newcomer)
    for path in ("/staff/", "/staff/catalog/", "/admin/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == "/staff/people/password/", path
    assert client.get("/staff/api/items").status_code == 403
    assert "请先设置自己的新密码" in client.get("/staff/people/password/").content.decode()
    # the public portal needs no account and is not held back
    assert client.get("/").status_code == 200

    response = client.post(
        "/staff/people/password/",
        {
            "old_password": "Initial-2026-x",
            "new_password1": "Initial-2026-x",
            "new_password2": "Initial-2026-x",
        },
    )
    assert response.status_code == 400
    assert "不能使用当前密码或最近 5 次用过的密码。" in response.content.decode()
    response = client.post(
        "/staff/people/password/",
        {
            "old_password": "Initial-2026-x",
            "new_password1": "Mine-2026-abc",
            "new_password2": "Mine-2026-abc",
        },
    )
    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert not newcomer.must_change_password and newcomer.check_password("Mine-2026-abc")
    assert client.get("/staff/").status_code == 200  # still signed in, and free to work
    event = AuditEvent.objects.get(action="staff.change_password")
    assert event.actor == newcomer and event.district == personas.district


def test_mismatched_or_weak_new_passwords_get_chinese_errors(client, personas):
    _sign_in_with(client, personas.editor, GOOD)
    response = client.post(
        "/staff/people/password/",
        {"old_password": GOOD, "new_password1": "Mine-2026-abc", "new_password2": "x"},
    )
    assert "两次输入的新密码不一致。" in response.content.decode()
    response = client.post(
        "/staff/people/password/",
        {"old_password": GOOD, "new_password1": "simple", "new_password2": "simple"},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "密码至少要包含大写字母、小写字母、数字、符号这四类中的 3 类。" in body
    personas.editor.refresh_from_db()
    assert personas.editor.check_password(GOOD)


def test_the_sysadmin_resets_a_password_and_the_holder_must_change_it(client, personas):
    client.force_login(personas.sysadmin)
    response = client.post(
        f"/staff/people/{personas.editor.pk}/password/",
        {"new_password1": "Reset-2026-abc", "new_password2": "Reset-2026-abc"},
    )
    assert response.status_code == 302
    personas.editor.refresh_from_db()
    assert personas.editor.must_change_password and personas.editor.check_password("Reset-2026-abc")
    assert AuditEvent.objects.filter(action="staff.reset_password", actor=personas.sysadmin).exists()
    response = client.post(
        f"/staff/people/{personas.editor.pk}/password/", {"new_password1": "weak", "new_password2": "weak"}
    )
    assert response.status_code == 400
    assert "密码至少要包含" in response.content.decode()


@pytest.mark.parametrize("who", ["editor", "coordinator", "leader", "auditor"])
def test_only_the_sysadmin_resets_passwords(client, personas, who):
    client.force_login(getattr(personas, who))
    response = client.post(
        f"/staff/people/{personas.reviewer.pk}/password/",
        {"new_password1": "Reset-2026-abc", "new_password2": "Reset-2026-abc"},
    )
    assert response.status_code == 403
    personas.reviewer.refresh_from_db()
    assert not personas.reviewer.must_change_password


def test_a_sysadmin_cannot_reset_another_districts_staff(client, personas):
    from gongkai.accounts.factories import build_personas

    other = build_personas(prefix="o-", region="431003")
    client.force_login(personas.sysadmin)
    response = client.post(
        f"/staff/people/{other.editor.pk}/password/",
        {"new_password1": "Reset-2026-abc", "new_password2": "Reset-2026-abc"},
    )
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        actions.reset_password(other.editor, "Reset-2026-abc", actor=personas.sysadmin)


def test_an_idle_session_is_signed_out_and_an_active_one_is_kept(client, personas, settings):
    settings.SESSION_IDLE_SECONDS = 30 * 60
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as clock:
        client.force_login(personas.editor)
        assert client.get("/staff/").status_code == 200
        for _ in range(4):  # working steadily for an hour: every 20 minutes a page
            clock.shift(dt.timedelta(minutes=20))
            assert client.get("/staff/").status_code == 200
        clock.shift(dt.timedelta(minutes=31))
        response = client.get("/staff/catalog/")
        assert response.status_code == 302
        assert response["Location"].startswith("/staff/login/?next=/staff/catalog/")
        assert "_auth_user_id" not in client.session
        page = client.get(response["Location"]).content.decode()
        assert "您已超过 30 分钟没有操作" in page
