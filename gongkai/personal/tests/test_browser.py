"""A staff member reveals a citizen's phone number on a page, in a real chromium."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from gongkai.audit.models import AuditEvent, AuditKind
from gongkai.personal.tests.factories import personas
from gongkai.personal.tests.models import TEST_MODELS, Resident

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("gongkai.personal.tests.urls"),
]


@pytest.fixture
def shown_resident(personal_tables, transactional_db):
    people = personas()
    resident = Resident.objects.create(
        organisation=people.civil_affairs, name="张三", phone="13800138000", id_number="11010519491231002X"
    )
    yield people, resident
    # Flushing after a transactional test skips the unmanaged test tables: empty them here.
    for model in reversed(TEST_MODELS):
        model.objects.all().delete()


def log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_permitted_staff_member_reveals_and_hides_a_phone_number(page, live_server, shown_resident):
    people, resident = shown_resident
    log_in(page, live_server, people.editor)
    page.goto(f"{live_server.url}/staff/personal-test/resident/{resident.pk}/")

    phone = page.locator("#phone")
    assert phone.locator(".personal-value__text").inner_text() == "138****8000"
    assert "13800138000" not in page.content()

    phone.get_by_role("button", name="显示").click()
    # A locator assertion, not wait_for_function: the staff pages' CSP forbids the eval that a
    # string function needs.
    expect(phone.locator(".personal-value__text")).to_have_text("13800138000")
    assert page.locator("#id-number .personal-value__text").inner_text() == "1101**********002X"
    event = AuditEvent.objects.get(kind=AuditKind.PERSONAL_VIEW)
    assert (event.actor, event.note) == (people.editor, "联系电话：浏览器测试")

    phone.get_by_role("button", name="隐藏").click()
    assert phone.locator(".personal-value__text").inner_text() == "138****8000"


def test_staff_of_another_department_sees_the_mask_without_a_button(page, live_server, shown_resident):
    people, resident = shown_resident
    log_in(page, live_server, people.outsider)
    page.goto(f"{live_server.url}/staff/personal-test/resident/{resident.pk}/")
    assert page.locator("#phone").inner_text() == "联系电话：138****8000"
    assert page.get_by_role("button").count() == 0


def test_refusal_after_the_page_was_shown_is_reported_in_place(page, live_server, shown_resident):
    people, resident = shown_resident
    log_in(page, live_server, people.editor)
    page.goto(f"{live_server.url}/staff/personal-test/resident/{resident.pk}/")
    people.editor.memberships.all().delete()  # the role is withdrawn while the page is open

    page.locator("#phone").get_by_role("button", name="显示").click()
    alert = page.locator("#phone").get_by_role("alert")
    alert.wait_for()
    assert alert.inner_text().strip() == "您没有查看该个人信息的权限。"
    assert page.locator("#phone .personal-value__text").inner_text() == "138****8000"
    assert not AuditEvent.objects.filter(kind=AuditKind.PERSONAL_VIEW).exists()
