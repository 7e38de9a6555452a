import pytest
from django.template.loader import get_template
from django.test import RequestFactory
from django.views.defaults import server_error

from gongkai.portal.tests.factories import make_beihu

pytestmark = pytest.mark.django_db


def test_unknown_page_shows_a_chinese_404_in_the_portal_shell(client):
    make_beihu()

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "您访问的页面不存在" in html
    assert "郴州市北湖区人民政府" in html


def test_404_works_on_an_empty_database(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "您访问的页面不存在" in response.content.decode()


def test_500_page_renders_without_any_context():
    html = get_template("500.html").render()

    assert "系统繁忙" in html and 'lang="zh-CN"' in html


def test_server_error_handler_uses_the_chinese_500_page():
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "系统繁忙" in response.content.decode()


def test_403_page_is_in_chinese():
    html = get_template("403.html").render({})

    assert "您没有权限访问此页面" in html


def test_csrf_failure_page_is_in_chinese(client):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    response = csrf_client.post("/staff/login/", {"username": "x", "password": "y"})

    assert response.status_code == 403
    assert "页面已过期" in response.content.decode()
