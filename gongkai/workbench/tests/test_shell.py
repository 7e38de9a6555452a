import pytest
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.template.loader import render_to_string

from gongkai.accounts.factories import make_org, make_staff
from gongkai.accounts.models import User
from gongkai.accounts.roles import Role
from gongkai.orgs.models import OrgKind
from gongkai.portal.tests.factories import make_district
from gongkai.workbench import navigation

pytestmark = pytest.mark.django_db

PASSWORD = "Gongkai-test-2024!"


@pytest.fixture
def district():
    return make_district()


@pytest.fixture
def zhangsan(district):
    finance = make_org("北湖区财政局", OrgKind.DEPARTMENT, district, short_name="区财政局")
    return make_staff("zhangsan", finance, Role.EDITOR, full_name="张三", password=PASSWORD)


@pytest.fixture
def isolated_nav(monkeypatch):
    monkeypatch.setattr(navigation, "_REGISTRY", dict(navigation._REGISTRY))


@pytest.fixture
def audit_and_org_entries(isolated_nav):
    navigation.register_nav("审计日志", "admin:index", permission="audit.view", group="系统管理", order=90)
    navigation.register_nav("本单位信息", "portal:disclosure", permission="org.view", group="机构", order=10)


def test_workbench_requires_login(client):
    response = client.get("/staff/")

    assert response.status_code == 302
    assert response["Location"] == "/staff/login/?next=/staff/"


def test_login_page_is_in_chinese(client, district):
    response = client.get("/staff/login/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "工作人员登录" in html and "公开" in html and "Gongkai" in html
    assert "用户名" in html and "密码" in html
    assert '<html lang="zh-CN">' in html


def test_staff_member_logs_in_and_lands_on_the_workbench(client, zhangsan):
    response = client.post("/staff/login/", {"username": "zhangsan", "password": PASSWORD})

    assert response.status_code == 302 and response["Location"] == "/staff/"
    html = client.get("/staff/").content.decode()
    assert "张三" in html and "区财政局 · 信息编辑" in html
    assert "退出登录" in html


def test_a_wrong_password_shows_a_chinese_error(client, zhangsan):
    response = client.post("/staff/login/", {"username": "zhangsan", "password": "wrong-password"})

    assert response.status_code == 200
    assert "用户名、密码或动态验证码不正确。" in response.content.decode()


def test_logout_needs_a_post(client, zhangsan):
    client.force_login(zhangsan)

    assert client.get("/staff/logout/").status_code == 405
    response = client.post("/staff/logout/")

    assert response.status_code == 302 and response["Location"] == "/staff/login/"
    assert client.get("/staff/").status_code == 302


def test_department_editor_sees_only_the_nav_entries_their_permissions_allow(
    client, personas, audit_and_org_entries
):
    client.force_login(personas.editor)

    html = client.get("/staff/").content.decode()

    assert "本单位信息" in html and "机构" in html
    assert "审计日志" not in html and "系统管理" not in html
    assert '<a href="/staff/" aria-current="page">工作台首页</a>' in html


def test_the_disclosure_office_coordinator_sees_the_audit_entry(client, personas, audit_and_org_entries):
    client.force_login(personas.coordinator)

    html = client.get("/staff/").content.decode()

    assert "审计日志" in html and "系统管理" in html and "本单位信息" in html


def test_a_user_without_any_role_sees_only_entries_without_permission(
    client, district, audit_and_org_entries
):
    nobody = User.objects.create_user("nobody", password=PASSWORD, district=district)
    client.force_login(nobody)

    html = client.get("/staff/").content.decode()

    assert "本单位信息" not in html and "审计日志" not in html and "工作台首页" in html
    assert "未分配角色" in html


def test_registering_nav_with_an_unknown_permission_fails_at_once(isolated_nav):
    with pytest.raises(KeyError):
        navigation.register_nav("错误", "workbench:home", permission="no.such.permission")


def test_nav_entries_whose_url_does_not_resolve_are_left_out(personas, isolated_nav):
    navigation.register_nav("尚未上线", "nowhere:index")

    labels = [item.label for group in navigation.nav_for(personas.editor, "/staff/") for item in group.items]

    assert "尚未上线" not in labels and "工作台首页" in labels


def test_workbench_home_runs_few_queries(
    client, personas, audit_and_org_entries, django_assert_max_num_queries
):
    # session, user, memberships, reach below the user's units, header roles, user's district —
    # and for each app's to-do provider a fixed few queries (one per kind of waiting work, at most
    # three), however many items it finds.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.workbench.todos import providers

    client.force_login(personas.outsider)
    client.get("/staff/")
    taken = {}
    for provider in providers():
        with CaptureQueriesContext(connection) as queries:
            provider(personas.outsider)
        taken[f"{provider.__module__}.{provider.__name__}"] = len(queries)
    assert {name: n for name, n in taken.items() if n > 3} == {}
    # each panel above the to-do list (nav.STAFF_HOME_PANELS) a bounded number of its own
    from gongkai.lib.registry import declared

    request = client.get("/staff/").wsgi_request
    request.user = personas.outsider
    for panel in declared("nav", "STAFF_HOME_PANELS"):
        with CaptureQueriesContext(connection) as queries:
            panel.context(request)
        taken[panel.template_name] = len(queries)
    assert {name: n for name, n in taken.items() if n > 40} == {}

    with django_assert_max_num_queries(8 + sum(taken.values())):
        client.get("/staff/")


def test_messages_are_shown_on_workbench_pages(rf, personas):
    request = rf.get("/staff/")
    request.user = personas.editor
    request.session = SessionStore()
    request.district = personas.district
    request._messages = FallbackStorage(request)
    messages.success(request, "已保存。")

    html = render_to_string("workbench/home.html", {"todos": []}, request=request)

    assert 'class="wb-message wb-message--success">已保存。' in html
