"""The optional second factor (TOTP, django-otp): enrolled by the holder, asked at every sign-in
beside the password, a wrong code a failed sign-in that axes counts, removed with a code or by a
password reset."""

import datetime as dt
import time

import pytest
import time_machine
from axes.models import AccessAttempt
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.accounts import actions
from gongkai.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "Right-2026-pass"
NOW = dt.datetime(2026, 3, 2, 9, 0, 5, tzinfo=dt.UTC)


def _code(device, *, at_offset=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + at_offset
    return f"{totp.token():06d}"


@pytest.fixture
def enrolled(personas):
    user = personas.editor
    user.set_password(PASSWORD)
    user.save()
    with time_machine.travel(NOW - dt.timedelta(minutes=5), tick=False):
        device = actions.start_totp(user)
        actions.confirm_totp(user, _code(device))
    return user


def _login(client, username, password, token=None, path="/staff/login/"):
    data = {"username": username, "password": password}
    if token is not None:
        data["otp_token"] = token
    return client.post(path, data, REMOTE_ADDR="198.51.100.20")


def test_the_holder_binds_an_app_on_the_page_with_a_chinese_flow(client, personas):
    with time_machine.travel(NOW, tick=False) as clock:
        client.force_login(personas.leader)
        assert "开始绑定" in client.get("/staff/people/totp/").content.decode()
        client.post("/staff/people/totp/", {"step": "start"})
        page = client.get("/staff/people/totp/").content.decode()
        assert "手动输入密钥" in page and "otpauth://totp/" in page
        device = TOTPDevice.objects.get(user=personas.leader, confirmed=False)
        response = client.post("/staff/people/totp/", {"step": "confirm", "token": "000000"})
        if _code(device) != "000000":
            assert response.status_code == 400
            assert "验证码不正确或已过期" in response.content.decode()
            # the wrong code throttles the device (kept although the code was refused)
            assert (
                client.post("/staff/people/totp/", {"step": "confirm", "token": _code(device)}).status_code
                == 400
            )
            clock.shift(dt.timedelta(seconds=5))  # the same 30-second step, the throttle passed
        response = client.post(
            "/staff/people/totp/", {"step": "confirm", "token": _code(device)}, follow=True
        )
        assert "已绑定动态验证码" in response.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(action="staff.totp_enable", actor=personas.leader).exists()


def test_an_enrolled_account_needs_the_code_beside_the_password(client, enrolled):
    device = TOTPDevice.objects.get(user=enrolled)
    with time_machine.travel(NOW, tick=False) as clock:
        response = _login(client, enrolled.username, PASSWORD)
        assert response.status_code == 200
        assert "用户名、密码或动态验证码不正确。" in response.content.decode()
        assert "_auth_user_id" not in client.session
        wrong = "123456" if _code(device) != "123456" else "654321"
        assert _login(client, enrolled.username, PASSWORD, wrong).status_code == 200
        assert AccessAttempt.objects.get(username=enrolled.username).failures_since_start == 2
        # django-otp throttles the device after a wrong code: even the right one waits a moment
        assert _login(client, enrolled.username, PASSWORD, _code(device)).status_code == 200
        clock.shift(dt.timedelta(seconds=10))  # the same 30-second step, the throttle passed
        assert _login(client, enrolled.username, PASSWORD, _code(device)).status_code == 302
        assert client.session["_auth_user_id"] == str(enrolled.pk)


def test_a_code_cannot_be_used_twice(client, enrolled):
    device = TOTPDevice.objects.get(user=enrolled)
    with time_machine.travel(NOW, tick=False):
        code = _code(device)
        assert _login(client, enrolled.username, PASSWORD, code).status_code == 302
        client.logout()
        assert _login(client, enrolled.username, PASSWORD, code).status_code == 200


def test_the_admin_login_cannot_sign_in_an_enrolled_account_without_a_code(client, django_user_model):
    root = django_user_model.objects.create_superuser("root", password=PASSWORD)
    with time_machine.travel(NOW - dt.timedelta(minutes=5), tick=False):
        device = actions.start_totp(root)
        actions.confirm_totp(root, _code(device))
    with time_machine.travel(NOW, tick=False):
        assert _login(client, "root", PASSWORD, path="/admin/login/").status_code == 200
        assert "_auth_user_id" not in client.session


def test_an_account_without_a_device_signs_in_with_the_password_alone(client, personas):
    personas.leader.set_password(PASSWORD)
    personas.leader.save()
    assert _login(client, personas.leader.username, PASSWORD).status_code == 302


def test_the_holder_removes_it_with_a_code_and_a_reset_removes_it_too(client, personas, enrolled):
    device = TOTPDevice.objects.get(user=enrolled)
    client.force_login(enrolled)
    with time_machine.travel(NOW, tick=False) as clock:
        response = client.post("/staff/people/totp/", {"step": "remove", "token": "abc"})
        assert response.status_code == 400 and TOTPDevice.objects.filter(user=enrolled).exists()
        clock.shift(dt.timedelta(seconds=5))
        client.post("/staff/people/totp/", {"step": "remove", "token": _code(device)})
    assert not TOTPDevice.objects.filter(user=enrolled).exists()
    assert AuditEvent.objects.filter(action="staff.totp_disable").exists()
    # enrolled again, then the phone is lost: the system administrator's reset removes the device
    with time_machine.travel(NOW + dt.timedelta(minutes=5), tick=False):
        device = actions.start_totp(enrolled)
        actions.confirm_totp(enrolled, _code(device))
    actions.reset_password(enrolled, "Reset-2026-abc", actor=personas.sysadmin)
    assert not TOTPDevice.objects.filter(user=enrolled).exists()
    assert "同时解除了动态验证码绑定" in AuditEvent.objects.get(action="staff.reset_password").note


@pytest.mark.django_db(transaction=True)
def test_signing_in_outside_a_test_transaction_works_with_and_without_a_device(personas, client):
    # As in production (autocommit), not inside the test's transaction: django-otp's for_verify
    # locks the devices with select_for_update, which PostgreSQL refuses outside a transaction.
    plain = personas.leader
    plain.set_password(PASSWORD)
    plain.save()
    assert _login(client, plain.username, PASSWORD).status_code == 302
    client.logout()

    user = personas.editor
    user.set_password(PASSWORD)
    user.save()
    with time_machine.travel(NOW - dt.timedelta(minutes=5), tick=False):
        device = actions.start_totp(user)
        actions.confirm_totp(user, _code(device))
    with time_machine.travel(NOW, tick=False):
        assert _login(client, user.username, PASSWORD, _code(TOTPDevice.objects.get(user=user))).status_code == 302
