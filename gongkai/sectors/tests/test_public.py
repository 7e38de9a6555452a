"""The portal, the open data and the API show the confirmed figures whose information item is
public — never a draft, a report waiting for its leader, or an item under review or withdrawn."""

import csv
import io
import json

import pytest

from gongkai.catalog import actions as catalog_actions
from gongkai.catalog.models import Item
from gongkai.sectors import actions, opendata

pytestmark = pytest.mark.django_db


def _page(client, url="/xxgk/hysj/", **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_confirmed_figures_stay_off_the_portal_until_their_item_is_public(client, personas, confirmed):
    assert "暂无公开的行业领域数据" in _page(client)
    version = actions.publish_version(confirmed, actor=personas.editor)
    assert "暂无公开的行业领域数据" in _page(client)  # a draft item: not yet
    assert Item.objects.get(pk=version.notice_item_id).index_no.startswith(personas.department.code)


def test_the_years_figures_by_sector_and_department_with_filters(client, personas, published):
    page = _page(client)
    assert "2018年行业领域数据" in page and "共 7 项数据" in page
    assert "土地流转总面积" in page and "8.04" in page and "3.928" in page
    assert "统计口径不同" in page  # the land check's explanation shown with the figure
    item = Item.objects.get(pk=published.notice_item_id)
    assert item.index_no in page
    assert "共 1 项数据" in _page(client, sector="education")
    assert "共 1 项数据" in _page(client, q="农户")
    assert "共 0 项数据" in _page(client, org=personas.other_department.pk)


def test_the_departments_year_and_the_indicators_years_are_tables(client, personas, published):
    page = _page(client, f"/xxgk/hysj/2018/{personas.department.code}/")
    assert "测试区教育局2018年行业领域数据" in page and "其中：" in page and "7.95" in page
    page = _page(client, "/xxgk/hysj/zb/land.total/")
    assert "分项之和等于总数" in page and "8.04万亩" in page
    assert client.get(f"/xxgk/hysj/2017/{personas.department.code}/").status_code == 404


def test_withdrawing_the_item_takes_the_figures_off_the_portal_and_the_exports(client, personas, published):
    item = Item.objects.get(pk=published.notice_item_id)
    catalog_actions.withdraw(item, actor=personas.leader, reason="数据有误，待更正")
    assert "暂无公开的行业领域数据" in _page(client)
    assert client.get("/api/sectors/figures", {"year": 2018}).json() == []
    assert (
        len(
            list(
                csv.DictReader(
                    io.StringIO(client.get("/xxgk/hysj/sj/figures.csv").content.decode("utf-8-sig"))
                )
            )
        )
        == 0
    )


def test_the_open_data_in_csv_and_json_follows_its_schema(client, personas, published):
    schema = client.get("/xxgk/hysj/sj/schema.json").json()
    names = [f["name"] for f in schema["fields"]]
    assert names == [f.name for f in opendata.FIELDS] and schema["primaryKey"] == ["year", "code"]
    text = client.get("/xxgk/hysj/sj/figures.csv", {"year": 2018}).content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert list(rows[0]) == names and len(rows) == 7
    land = next(r for r in rows if r["code"] == "land.total")
    assert land["value"] == "8.04" and land["unit"] == "万亩" and "统计口径不同" in land["note"]
    assert next(r for r in rows if r["code"] == "land.farmer")["parent_code"] == "land.total"
    data = json.loads(client.get("/xxgk/hysj/sj/figures.json", {"year": 2018}).content)
    assert data["count"] == 7 and data["schema"].endswith("/xxgk/hysj/sj/schema.json")
    by_code = {f["code"]: f for f in data["figures"]}
    assert by_code["land.other"]["value"] == 0.678 and by_code["schools"]["value"] == 1268
    for figure in data["figures"]:
        for field in schema["fields"]:
            if field["constraints"]["required"]:
                assert figure[field["name"]] not in ("", None), field["name"]
    assert "数据结构" in _page(client, "/xxgk/hysj/sj/")


def test_the_api_gives_the_years_figures_as_decimal_strings_and_refuses_bad_input_in_chinese(
    client, personas, published
):
    data = client.get("/api/sectors/figures", {"year": "2018"}).json()
    land = next(f for f in data if f["code"] == "land.total")
    item = Item.objects.get(pk=published.notice_item_id)
    assert land == {
        "year": 2018,
        "code": "land.total",
        "name": "土地流转总面积",
        "sector": "农村土地流转",
        "unit": "万亩",
        "value": "8.04",
        "parent_code": "",
        "organisation": personas.department.code,
        "organisation_name": personas.department.name,
        "version": 1,
        "confirmed_on": published.decided_at.date().isoformat(),
        "index_no": item.index_no,
    }
    assert next(f for f in data if f["code"] == "share")["value"] == "100.0"
    assert client.get("/api/sectors/figures", {"year": "2017"}).json() == []
    assert len(client.get("/api/sectors/figures", {"year": "2018", "sector": "land"}).json()) == 5
    for params, status in (
        ({"year": "二〇一八"}, 400),
        ({"year": "2018", "sector": "x"}, 400),
        ({"year": "2018", "organisation": "nope"}, 404),
    ):
        response = client.get("/api/sectors/figures", params)
        assert response.status_code == status and "detail" in response.json()
    assert client.get("/api/sectors/figures").status_code in (400, 422)
    assert "/api/sectors/figures" in client.get("/api/openapi.json").json()["paths"]


def test_the_portal_page_needs_few_queries(client, published, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        _page(client)
