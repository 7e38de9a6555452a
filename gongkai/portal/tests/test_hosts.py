import pytest
from django.core.cache import caches

from gongkai.orgs.middleware import forget_hosts
from gongkai.orgs.models import PortalHost
from gongkai.portal.tests.factories import make_district

pytestmark = pytest.mark.django_db


def test_unknown_host_falls_back_to_the_default_district(client, settings):
    settings.ALLOWED_HOSTS = ["unknown.example.org"]
    make_district()
    make_district(name="郴州市苏仙区人民政府", short_name="苏仙区")

    html = client.get("/", HTTP_HOST="unknown.example.org").content.decode()

    assert "郴州市北湖区人民政府" in html


def test_two_districts_each_answer_on_their_own_host_name(client, settings):
    settings.ALLOWED_HOSTS = ["beihu.example.gov.cn", "suxian.example.gov.cn"]
    beihu = make_district()
    suxian = make_district(name="郴州市苏仙区人民政府", short_name="苏仙区")
    PortalHost.objects.create(host="beihu.example.gov.cn", district=beihu)
    PortalHost.objects.create(host="suxian.example.gov.cn", district=suxian)
    forget_hosts()

    beihu_html = client.get("/", HTTP_HOST="beihu.example.gov.cn").content.decode()
    forget_hosts()
    suxian_html = client.get("/", HTTP_HOST="suxian.example.gov.cn").content.decode()

    assert "郴州市北湖区人民政府" in beihu_html and "郴州市苏仙区人民政府" not in beihu_html
    assert "郴州市苏仙区人民政府" in suxian_html and "郴州市北湖区人民政府" not in suxian_html


def test_each_process_keeps_a_hosts_answer_for_a_minute(settings, monkeypatch, django_assert_num_queries):
    from gongkai.orgs import middleware

    settings.ALLOWED_HOSTS = ["beihu.example.gov.cn"]
    settings.CACHES = {
        **settings.CACHES,
        "fragments": {"BACKEND": "gongkai.lib.processcache.ProcessCache", "LOCATION": "hosts-test"},
    }
    beihu = make_district()
    PortalHost.objects.create(host="beihu.example.gov.cn", district=beihu)
    clock = [1000.0]
    monkeypatch.setattr(middleware.time, "monotonic", lambda: clock[0])

    assert middleware.district_for_host("beihu.example.gov.cn:443", "g1") == beihu
    suxian = make_district(name="郴州市苏仙区人民政府", short_name="苏仙区")
    PortalHost.objects.filter(host="beihu.example.gov.cn").update(district=suxian)
    clock[0] += 59
    with django_assert_num_queries(0):  # the host's answer and the district row are both kept
        assert middleware.district_for_host("beihu.example.gov.cn", "g1") == beihu
    clock[0] += 2
    assert middleware.district_for_host("beihu.example.gov.cn", "g2") == suxian
    caches["fragments"].clear()
