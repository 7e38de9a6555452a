"""The 财政资金 column on the portal: the list with filters, the item page with its tables, the
completeness summary, the fees and the open data — only what the catalog has published."""

import json

import pytest
from django.urls import reverse

from gongkai.finance import actions
from gongkai.finance.models import Kind
from gongkai.orgs.models import PortalHost

pytestmark = pytest.mark.django_db


@pytest.fixture
def host(personas):
    PortalHost.objects.create(host="testserver", district=personas.district)
    return "testserver"


@pytest.fixture
def published(personas, frozen, make_disclosure, filled, publish):
    return publish(filled(make_disclosure()))


def test_a_draft_or_released_disclosure_is_not_on_the_portal(
    client, host, personas, frozen, make_disclosure, filled
):
    d = actions.release_disclosure(filled(make_disclosure()), actor=personas.editor)
    assert client.get(reverse("finance:detail", args=[d.pk])).status_code == 404
    assert d.title not in client.get(reverse("finance:list")).content.decode()


def test_a_published_disclosure_shows_its_tables_and_key_figures(client, host, published):
    page = client.get(reverse("finance:detail", args=[published.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    for title in (
        "收入支出决算总表",
        "一般公共预算财政拨款“三公”经费支出决算表",
        "国有资本经营预算财政拨款支出决算表",
    ):
        assert title in text
    assert "本单位无政府性基金预算财政拨款收入支出，故本表为空表" in text
    assert "索引号" in text and "情况说明" in text and "机构职能" in text


def test_the_list_filters_by_unit_year_and_kind(client, host, personas, published):
    url = reverse("finance:list")
    assert published.title in client.get(url).content.decode()
    assert (
        published.title
        in client.get(
            url, {"unit": personas.budget_unit.pk, "year": 2017, "kind": Kind.FINAL}
        ).content.decode()
    )
    assert published.title not in client.get(url, {"kind": Kind.BUDGET}).content.decode()
    assert published.title not in client.get(url, {"year": 2016}).content.decode()


def test_the_completeness_summary_names_the_late(client, host, personas, published):
    page = client.get(reverse("finance:completeness"), {"year": 2018}).content.decode()
    assert personas.budget_unit.name in page and "预决算公开完成情况" in page


def test_open_data_exports_agree_with_the_pages(client, host, published):
    rows = json.loads(client.get(reverse("finance:export_json", args=["disclosures"])).content)
    (row,) = rows["disclosures"]
    assert row["id"] == published.pk and row["kind_code"] == "final" and row["income_total"] > 0
    csv = client.get(reverse("finance:export_csv", args=["disclosures"])).content.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("id,unit,unit_code")
    schema = json.loads(client.get(reverse("finance:schema", args=["disclosures"])).content)
    assert [f["name"] for f in schema["fields"]] == list(csv.splitlines()[0].split(","))
    board = json.loads(
        client.get(reverse("finance:export_json", args=["completeness"]), {"year": 2018}).content
    )
    assert (
        board["year"] == 2018 and board["count"] == 2 * 4
    )  # 区本级 and the one budget unit, four kinds each
    assert client.get(reverse("finance:export_csv", args=["nothing"])).status_code == 404


def test_the_data_page_documents_every_field(client, host):
    text = client.get(reverse("finance:data")).content.decode()
    assert "days_late" in text and "three_public_total" in text and "amount_yuan" in text
