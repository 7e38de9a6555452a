import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gongkai.accounts.factories import make_org
from gongkai.orgs.models import OrgKind
from gongkai.portal.tests.factories import OFFICE_CONTACTS, make_beihu, make_district

pytestmark = pytest.mark.django_db


def test_portal_home_renders_district_name_and_the_offices_contacts(client):
    make_beihu()

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "郴州市北湖区人民政府" in html
    assert "北湖区人民政府办公室" in html
    for value in ("人民西路 1 号", "0735-2000001", "0735-2000002", "gkb@example.gov.cn", "8:00—12:00"):
        assert value in html
    assert OFFICE_CONTACTS["postcode"] in html


def test_portal_home_lists_the_leading_group_and_its_member_units(client):
    make_beihu()

    html = client.get("/").content.decode()

    assert "北湖区政务公开政务服务工作领导小组" in html
    assert "组长" in html and "李明" in html and "区长" in html
    assert "副组长" in html and "王华" in html
    assert "区发改局" in html and "区财政局" in html


def test_portal_home_lists_departments_towns_and_streets_but_not_internal_offices(client):
    make_beihu()

    html = client.get("/").content.decode()

    assert "北湖区教育局" in html
    assert "华塘镇" in html and "人民路街道" in html
    # The office appears as the disclosure office, never among the departments' links.
    assert html.count("北湖区人民政府办公室</a>") == 0


def test_inactive_organisations_are_not_listed(client):
    district = make_beihu()
    make_org("北湖区已撤销局", OrgKind.DEPARTMENT, district, is_active=False)

    assert "北湖区已撤销局" not in client.get("/").content.decode()


def test_a_district_without_a_leading_group_still_renders_home_and_footer(client):
    make_beihu(with_group=False)

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "郴州市北湖区人民政府" in html
    assert "联系方式正在整理中" in html
    assert "主办：郴州市北湖区人民政府" in html


def test_footer_names_the_sponsor_and_the_disclosure_office(client):
    make_beihu()

    html = client.get("/").content.decode()

    assert "主办：郴州市北湖区人民政府" in html
    assert "承办：北湖区人民政府办公室" in html
    assert f"版权所有 © {timezone.localdate().year} 郴州市北湖区人民政府" in html


def test_empty_database_shows_a_friendly_message(client):
    for url in ("/", "/xxgk/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "网站正在建设中" in response.content.decode()


def test_disclosure_page_lists_each_organisation_with_its_contacts(client):
    district = make_beihu()
    town = make_org("保和瑶族乡", OrgKind.TOWN, district, address="保和乡政府", email="bh@example.gov.cn")

    html = client.get("/xxgk/").content.decode()

    assert "政府信息公开工作机构" in html
    assert "北湖区人民政府办公室" in html and "0735-2000001" in html
    assert f'id="org-{town.pk}"' in html
    assert "保和乡政府" in html and "bh@example.gov.cn" in html
    assert "0735-2200001" in html  # 区发改局
    assert "打印本页" in html


def test_home_runs_a_constant_number_of_queries_whatever_the_number_of_organisations(
    client, django_assert_max_num_queries
):
    district = make_beihu()
    client.get("/")  # warm the host cache

    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for i in range(30):
        make_org(f"北湖区测试局{i}", OrgKind.DEPARTMENT, district, sort_order=100 + i)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/")

    assert "北湖区测试局29" in response.content.decode()
    assert len(few.captured_queries) <= 5


def test_home_runs_few_queries_on_a_cold_host_cache(client, django_assert_max_num_queries):
    make_beihu()

    with django_assert_max_num_queries(7):
        client.get("/")


def test_disclosure_page_runs_a_constant_number_of_queries(client, django_assert_max_num_queries):
    district = make_beihu()
    for i in range(20):
        make_org(f"北湖区测试局{i}", OrgKind.DEPARTMENT, district)
    client.get("/xxgk/")

    with django_assert_max_num_queries(5):
        client.get("/xxgk/")


def test_district_name_is_in_the_title_and_lang_is_chinese(client):
    make_district(name="郴州市苏仙区人民政府", short_name="苏仙区")

    html = client.get("/").content.decode()

    assert '<html lang="zh-CN">' in html
    assert "<title>郴州市苏仙区人民政府</title>" in html
