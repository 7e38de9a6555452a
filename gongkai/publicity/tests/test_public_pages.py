"""The portal's 公示公告 column, a list's page, a notice's page and the open data: only what is
public, masked, with filters, paged and in a bounded number of queries."""

import csv
import io
import json

import pytest
from django.urls import reverse

from gongkai.publicity.kinds import Kind
from gongkai.publicity.models import Entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(filled, publish, make_list, personas, march_2018):
    urban = publish(filled(7))
    draft = filled(2, title="2018年4月城市低保公示（草稿）", month=4)
    notice = publish(
        make_list(
            Kind.MINING_RIGHT,
            title="华塘镇萤石矿普查探矿权出让公示",
            facts={"project": "华塘镇萤石矿普查", "mineral": "萤石矿", "area": "12.50", "holder": "郴州市湘南矿业有限公司"},
        )
    )
    return urban, draft, notice


def test_the_column_lists_what_is_public_with_filters(site, client):
    urban, draft, notice = site
    page = client.get(reverse("publicity:column")).content.decode()
    assert urban.title in page and notice.title in page and draft.title not in page
    only_lists = client.get(reverse("publicity:column"), {"family": "list"}).content.decode()
    assert urban.title in only_lists and notice.title not in only_lists
    by_kind = client.get(reverse("publicity:column"), {"kind": Kind.MINING_RIGHT, "year": 2018}).content.decode()
    assert notice.title in by_kind and urban.title not in by_kind
    assert urban.title not in client.get(reverse("publicity:column"), {"year": 2017}).content.decode()


def test_a_lists_page_shows_the_masked_rows_as_a_table(site, client):
    urban, _draft, _notice = site
    response = client.get(reverse("publicity:detail", args=[urban.pk]))
    page = response.content.decode()
    for entry in Entry.objects.filter(publicity=urban):
        assert entry.id_number.masked in page
        for secret in (entry.id_number, entry.phone, entry.bank_account, entry.address, entry.name):
            assert secret.plaintext() not in page
    assert "<table" in page and "月保障金（元）" in page and "共 7 户" in page


def test_a_draft_is_not_public(site, client):
    _urban, draft, _notice = site
    assert client.get(reverse("publicity:detail", args=[draft.pk])).status_code == 404


def test_a_notices_page_shows_its_facts(site, client):
    _urban, _draft, notice = site
    page = client.get(reverse("publicity:detail", args=[notice.pk])).content.decode()
    assert "矿种" in page and "萤石矿" in page and "12.5" in page


def test_the_open_data_are_masked_and_follow_their_schema(site, client):
    urban, _draft, notice = site
    text = client.get(reverse("publicity:rows_csv", args=[urban.pk])).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    schema = json.loads(client.get(reverse("publicity:schema", args=["rows"])).content)
    assert list(rows[0]) == [f["name"] for f in schema["fields"]]
    assert len(rows) == 7 and all("*" in r["id_number"] and "*" in r["name"] for r in rows)
    data = json.loads(client.get(reverse("publicity:rows_json", args=[urban.pk])).content)
    assert data["count"] == 7 and data["schema"].endswith("rows-schema.json")
    assert set(data["records"][0]) == {f["name"] for f in schema["fields"]}
    column = json.loads(client.get(reverse("publicity:column_json")).content)
    ids = {r["id"]: r for r in column["records"]}
    assert set(ids) == {urban.pk, notice.pk}
    assert ids[urban.pk]["households"] == 7 and ids[notice.pk]["households"] is None
    assert "phone" not in text and "bank" not in text
    assert client.get(reverse("publicity:data")).status_code == 200


def test_a_long_list_is_paged_in_a_bounded_number_of_queries(filled, publish, client, django_assert_max_num_queries, march_2018):
    big = publish(filled(60))
    url = reverse("publicity:detail", args=[big.pk])
    with django_assert_max_num_queries(16):
        first = client.get(url)
    assert "第 1 / 2 页" in first.content.decode()
    assert "第 2 / 2 页" in client.get(url, {"page": 2}).content.decode()
    assert "第 1 / 2 页" not in client.get(url, {"n": 100}).content.decode()
