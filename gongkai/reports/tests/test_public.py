"""The portal's column of annual reports (xxgk/ndbg/): the published reports of the district and its
departments with filters, each report's page (the frozen snapshot) and downloads, the open data
of the published figures with their schema, and the public API — and nothing that is not public."""

import csv
import datetime as dt
import io
import json
import zoneinfo

import pytest
from django.urls import reverse

from gongkai.catalog.models import Item
from gongkai.reports import actions
from gongkai.reports.models import Report

pytestmark = pytest.mark.django_db
PUBLISHED = dt.datetime(2022, 1, 20, 10, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def site(ledger, personas):
    """教育局's 2021 report and the district's, approved and published (imported as the old site
    would); 财政局's 2021 report approved only; 教育局's 2020 report a draft."""
    published = []
    for organisation in (personas.department, personas.district):
        report = actions.generate_report(organisation, 2021, actor=personas.coordinator)
        actions.approve_report(report, actor=personas.coordinator)
        published.append(actions.release_report(report, actor=None, published_at=PUBLISHED))
    approved = actions.generate_report(personas.other_department, 2021, actor=personas.coordinator)
    actions.approve_report(approved, actor=personas.coordinator)
    draft = actions.generate_report(personas.department, 2020, actor=personas.coordinator)
    return {"department": published[0], "district": published[1], "approved": approved, "draft": draft}


def test_the_column_lists_the_published_reports_with_filters(site, client, personas):
    page = client.get(reverse("reports:list")).content.decode()
    assert site["department"].title in page and site["district"].title in page
    assert site["approved"].title not in page and site["draft"].title not in page
    assert "共 2 份年度报告" in page
    mine = client.get(reverse("reports:list"), {"org": personas.department.pk}).content.decode()
    assert site["department"].title in mine and site["district"].title not in mine
    assert "共 0 份" in client.get(reverse("reports:list"), {"year": 2020}).content.decode()
    bad = client.get(reverse("reports:list"), {"year": "二〇二一"})
    assert bad.status_code == 200 and "年度应为四位数字" in bad.content.decode()
    assert "共 2 份" in bad.content.decode()


def test_a_reports_page_shows_the_frozen_snapshot_not_the_records_now(site, client, personas, put_application):
    report = site["department"]
    url = reverse("reports:detail", args=[report.pk])
    new = report.figures["table_three"]["rows"]["new"]["total"]
    put_application(personas.department, dt.date(2021, 6, 1))  # entered after publication
    page = client.get(url).content.decode()
    assert report.title in page and "收到和处理政府信息公开申请情况" in page
    assert f'data-key="table_three.new.total">{new}<' in page
    assert Report.objects.get(pk=report.pk).figures["table_three"]["rows"]["new"]["total"] == new
    assert Item.objects.get(pk=report.item_id).index_no in page
    for hidden in (site["approved"], site["draft"]):
        assert client.get(reverse("reports:detail", args=[hidden.pk])).status_code == 404
        assert client.get(reverse("reports:download", args=[hidden.pk, "docx"])).status_code == 404
    assert client.get(reverse("reports:detail", args=[99999])).status_code == 404


def test_the_word_download_reads_back_and_the_catalog_item_links_to_the_page(site, client):
    from docx import Document

    report = site["district"]
    response = client.get(reverse("reports:download", args=[report.pk, "docx"]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    assert document.paragraphs[0].text == report.title
    assert len(document.tables) == 3
    body = Item.objects.get(pk=report.item_id).live.body
    assert reverse("reports:detail", args=[report.pk]) in body


def test_the_open_data_are_the_published_figures_under_their_schema(site, client):
    schema = client.get(reverse("reports:schema")).json()
    names = [f["name"] for f in schema["fields"]]
    text = client.get(reverse("reports:export_csv")).content.decode("utf-8-sig")
    table = list(csv.DictReader(io.StringIO(text)))
    assert list(table[0]) == names
    assert {int(r["report_id"]) for r in table} == {site["department"].pk, site["district"].pk}
    row = next(r for r in table if r["report_id"] == str(site["district"].pk) and r["key"] == "table_three.rows.new.total")
    assert row["value"] == str(site["district"].figures["table_three"]["rows"]["new"]["total"])
    assert row["label"] == "表三 一、本年新收政府信息公开申请数量 · 总计"
    assert row["published_on"] == "2022-01-20" and row["format"] == "2021"
    assert not any(r["key"].startswith(("checks.", "missing", "table_three.columns")) for r in table)  # the checks name applications
    assert len({(r["report_id"], r["key"]) for r in table}) == len(table)  # the schema's primary key
    for field in schema["fields"]:
        if field["constraints"]["required"]:
            assert all(r[field["name"]] != "" for r in table), field["name"]
    data = json.loads(client.get(reverse("reports:export_json"), {"year": 2021}).content)
    assert data["count"] == len(data["figures"]) == len(table)
    assert {r["id"] for r in data["reports"]} == {site["department"].pk, site["district"].pk}
    assert data["figures"][0].keys() == set(names)
    one = json.loads(client.get(reverse("reports:export_json"), {"org": site["department"].organisation_id}).content)
    assert {r["id"] for r in one["reports"]} == {site["department"].pk}


def test_the_api_lists_the_published_reports_and_gives_one_with_its_figures(site, client, personas):
    listed = client.get("/api/reports", {"year": 2021})
    assert listed.status_code == 200
    assert {r["id"] for r in listed.json()} == {site["department"].pk, site["district"].pk}
    mine = client.get("/api/reports", {"organisation": personas.department.code}).json()
    assert [r["id"] for r in mine] == [site["department"].pk]
    assert mine[0]["published_on"] == "2022-01-20" and mine[0]["format"] == "2021"
    one = client.get(f"/api/reports/{site['district'].pk}").json()
    assert one["figures"]["table_three"] == site["district"].figures["table_three"]
    assert set(one["figures"]) == {"organisation", "year", "format", "table_two", "table_three", "table_four", "narrative"}
    assert client.get(f"/api/reports/{site['draft'].pk}").status_code == 404
    bad = client.get("/api/reports", {"year": "abc"})
    assert bad.status_code == 400 and "年度" in bad.json()["detail"]
    assert client.get("/api/reports", {"organisation": "NOPE"}).status_code == 404
    assert client.get("/api/reports", {"year": "9" * 25}).status_code == 400
    assert client.get(f"/api/reports/{2**64}").status_code == 404
    assert client.get(reverse("reports:detail", args=[2**64])).status_code == 404
    spec = client.get("/api/openapi.json").json()
    assert "/api/reports" in spec["paths"] and "/api/reports/{report_id}" in spec["paths"]


def test_a_withdrawn_item_takes_the_report_off_the_portal(site, client, personas):
    from gongkai.catalog import actions as catalog_actions

    report = site["department"]
    url = reverse("reports:detail", args=[report.pk])
    assert client.get(url).status_code == 200
    catalog_actions.withdraw(Item.objects.get(pk=report.item_id), actor=personas.leader, reason="数据有误，更正后重新发布")
    assert client.get(url).status_code == 404
    assert report.title not in client.get(reverse("reports:list")).content.decode()
    assert [r["id"] for r in client.get("/api/reports").json()] == [site["district"].pk]


def test_the_column_asks_a_bounded_number_of_queries(site, client, personas, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert client.get(reverse("reports:list")).status_code == 200
    for organisation in (personas.other_department, personas.office.parent):
        report = Report.objects.filter(organisation=organisation, year=2021).first() or actions.generate_report(
            organisation, 2021, actor=personas.coordinator
        )
        if report.state == "draft":
            actions.approve_report(report, actor=personas.coordinator)
        actions.release_report(report, actor=None, published_at=PUBLISHED)
    with django_assert_max_num_queries(12):
        assert "共 4 份年度报告" in client.get(reverse("reports:list")).content.decode()


def test_the_navigation_has_one_annual_report_entry_and_both_addresses_answer(site, client):
    reports_page = client.get("/xxgk/ndbg/").content.decode()
    assert reports_page.count(">信息公开年报</a>") == 1
    assert '<a href="/xxgk/ndbg/" aria-current="page">信息公开年报</a>' in reports_page
    assert '<a href="/xxgk/nb/">“政府信息公开年报”栏目</a>' in reports_page
    column = client.get("/xxgk/nb/")
    assert column.status_code == 200
    column_page = column.content.decode()
    assert site["district"].title in column_page  # the column lists the released reports' items
    assert '<a href="/xxgk/ndbg/">政府信息公开工作年度报告查询</a>' in column_page
    assert column_page.count(">信息公开年报</a>") == 1
