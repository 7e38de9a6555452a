"""Lockout after repeated failed sign-ins (django-axes, counted in the database): per account and
per address, on the workbench's and the admin's login pages; lifted by the office; recorded."""

import datetime as dt

import pytest
import time_machine
from axes.models import AccessAttempt

from gongkai.accounts.factories import build_personas
from gongkai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

RIGHT = "Right-2026-pass"
LOCKED = "登录失败次数过多，该账号或当前网络地址已被锁定 15 分钟。"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
    settings.TRUSTED_PROXIES = []


def _post(client, path, username, password, ip="203.0.113.9", **extra):
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=ip, **extra)


def _signed_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("path", ["/staff/login/", "/admin/login/"])
def test_thirty_wrong_passwords_then_the_right_one_is_refused(client, personas, path, django_user_model):
    user = personas.coordinator
    if path == "/admin/login/":
        user = django_user_model.objects.create_superuser("root", password=RIGHT)
    user.set_password(RIGHT)
    user.save()
    statuses = [_post(client, path, user.username, f"wrong-{i}").status_code for i in range(30)]
    assert statuses[:4] == [200] * 4  # the form again, with its error
    assert set(statuses[5:]) == {429}
    response = _post(client, path, user.username, RIGHT)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert not _signed_in(client)
    # recorded: five failures, the lockout, and every refused attempt after it, with the address
    actions = list(AuditEvent.objects.filter(kind="login").order_by("id").values_list("action", "ip"))
    # the fifth failure and the lockout it makes are recorded in the same moment, in either order
    assert (
        sorted(actions[:6])
        == [("auth.locked_out", "203.0.113.9")] + [("auth.login_failed", "203.0.113.9")] * 5
    )
    assert actions[6:] == [("auth.login_refused", "203.0.113.9")] * 26


def test_the_lockout_page_is_the_login_page_with_a_chinese_message(client, personas):
    for i in range(5):
        _post(client, "/staff/login/", personas.editor.username, f"wrong-{i}")
    body = _post(client, "/staff/login/", personas.editor.username, RIGHT).content.decode()
    assert "工作人员登录" in body and LOCKED in body
    assert f'value="{personas.editor.username}"' in body  # what was typed is kept
    assert "wrong-" not in body and RIGHT not in body


def test_an_account_is_locked_whatever_address_the_guesses_come_from(client, personas):
    personas.editor.set_password(RIGHT)
    personas.editor.save()
    for i in range(5):
        _post(client, "/staff/login/", personas.editor.username, "wrong", ip=f"198.51.100.{i}")
    assert _post(client, "/staff/login/", personas.editor.username, RIGHT, ip="192.0.2.50").status_code == 429
    # another account from a fresh address is untouched
    personas.leader.set_password(RIGHT)
    personas.leader.save()
    assert _post(client, "/staff/login/", personas.leader.username, RIGHT, ip="192.0.2.51").status_code == 302


def test_an_address_is_locked_whatever_accounts_it_tries(client, personas):
    personas.leader.set_password(RIGHT)
    personas.leader.save()
    for name in ("a1", "a2", "a3", "a4", "a5"):
        _post(client, "/staff/login/", name, "wrong", ip="203.0.113.77")
    assert (
        _post(client, "/staff/login/", personas.leader.username, RIGHT, ip="203.0.113.77").status_code == 429
    )
    assert (
        _post(client, "/staff/login/", personas.leader.username, RIGHT, ip="203.0.113.78").status_code == 302
    )


def test_behind_a_trusted_proxy_each_client_is_counted_by_its_own_address(client, personas, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    personas.leader.set_password(RIGHT)
    personas.leader.save()
    for name in ("a1", "a2", "a3", "a4", "a5"):
        _post(client, "/staff/login/", name, "wrong", ip="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.77")
    # the proxy itself is not locked: another citizen behind it signs in
    ok = _post(
        client,
        "/staff/login/",
        personas.leader.username,
        RIGHT,
        ip="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.4",
    )
    assert ok.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.77"}
    assert AuditEvent.objects.filter(action="auth.login", ip="198.51.100.4").exists()
    # a forwarded-for header from anyone else is not believed
    client.logout()
    for i in range(5):
        _post(client, "/staff/login/", "a6", "wrong", ip="203.0.113.80", HTTP_X_FORWARDED_FOR=f"192.0.2.{i}")
    assert AccessAttempt.objects.filter(ip_address="203.0.113.80").count() == 1


def test_a_lockout_lapses_after_its_period(client, personas):
    personas.editor.set_password(RIGHT)
    personas.editor.save()
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        for _ in range(5):
            _post(client, "/staff/login/", personas.editor.username, "wrong")
        clock.shift(dt.timedelta(minutes=14))
        assert _post(client, "/staff/login/", personas.editor.username, RIGHT).status_code == 429
        clock.shift(dt.timedelta(minutes=16))
        assert _post(client, "/staff/login/", personas.editor.username, RIGHT).status_code == 302


def _lock(client, username, ip="203.0.113.9"):
    for _ in range(5):
        _post(client, "/staff/login/", username, "wrong", ip=ip)


@pytest.mark.parametrize("who", ["coordinator", "sysadmin"])
def test_the_office_sees_and_lifts_a_lockout_and_it_is_audited(client, personas, who):
    personas.editor.set_password(RIGHT)
    personas.editor.save()
    _lock(client, personas.editor.username)
    office = client_for = getattr(personas, who)
    client_for = client.__class__()
    client_for.force_login(office)
    page = client_for.get("/staff/people/lockouts/").content.decode()
    assert personas.editor.username in page and personas.editor.display_name in page
    assert "203.0.113.9" in page  # the address, locked too (five failures from it)
    response = client_for.post("/staff/people/lockouts/", {"username": personas.editor.username}, follow=True)
    assert f"已解除 {personas.editor.username} 的登录锁定。" in response.content.decode()
    event = AuditEvent.objects.get(action="auth.unlock")
    assert event.actor == office and event.target_id == str(personas.editor.pk)
    assert event.district == personas.district and "失败 5 次" in event.note
    # the account's rows are gone, and with them the address's count: the editor signs in
    assert _post(client, "/staff/login/", personas.editor.username, RIGHT).status_code == 302


def test_the_office_lifts_an_address_lockout(client, personas):
    personas.editor.set_password(RIGHT)
    personas.editor.save()
    for name in ("typo1", "typo2", "typo3", "typo4", personas.editor.username):
        _post(client, "/staff/login/", name, "wrong", ip="203.0.113.60")
    office = client.__class__()
    office.force_login(personas.coordinator)
    page = office.get("/staff/people/lockouts/").content.decode()
    assert "203.0.113.60" in page
    assert "typo1" not in page and "另有 4 个其他用户名" in page  # names that are no account: not shown
    office.post("/staff/people/lockouts/", {"ip": "203.0.113.60"})
    assert not AccessAttempt.objects.filter(ip_address="203.0.113.60").exists()
    assert AuditEvent.objects.filter(action="auth.unlock", note__contains="203.0.113.60").exists()


@pytest.mark.parametrize("who", ["editor", "reviewer", "leader", "operator", "auditor", "outsider"])
def test_nobody_else_may_lift_a_lockout(client, personas, who):
    _lock(client, personas.leader.username)
    other = client.__class__()
    other.force_login(getattr(personas, who))
    assert other.get("/staff/people/lockouts/").status_code == 403
    assert other.post("/staff/people/lockouts/", {"username": personas.leader.username}).status_code == 403
    assert AccessAttempt.objects.filter(username=personas.leader.username).exists()


def test_another_districts_office_neither_sees_nor_lifts_a_lockout(client, personas):
    other = build_personas(prefix="o-", region="431003")
    _lock(client, personas.leader.username)
    office = client.__class__()
    office.force_login(other.coordinator)
    page = office.get("/staff/people/lockouts/").content.decode()
    assert personas.leader.username not in page and "203.0.113.9" not in page
    response = office.post("/staff/people/lockouts/", {"username": personas.leader.username}, follow=True)
    assert "没有找到该锁定" in response.content.decode()
    assert AccessAttempt.objects.filter(username=personas.leader.username).exists()
    assert not AuditEvent.objects.filter(action="auth.unlock").exists()


def test_sign_in_records_show_result_address_and_time_to_the_auditor_only(client, personas):
    personas.editor.set_password(RIGHT)
    personas.editor.save()
    _post(client, "/staff/login/", personas.editor.username, "wrong", ip="198.51.100.8")
    _post(client, "/staff/login/", personas.editor.username, RIGHT, ip="198.51.100.8")
    auditor = client.__class__()
    auditor.force_login(personas.auditor)
    page = auditor.get("/staff/audit/logins/").content.decode()
    assert "登录成功" in page and "密码错误或账号不存在" in page and "198.51.100.8" in page
    failed = auditor.get("/staff/audit/logins/", {"result": "auth.login_failed"}).content.decode()
    assert "登录成功</td>" not in failed and "密码错误或账号不存在" in failed
    stranger = client.__class__()
    stranger.force_login(personas.editor)
    assert stranger.get("/staff/audit/logins/").status_code == 403
