"""The portal's 双公示 column, a decision's page, a withdrawn one's notice, the open data and the
API: what is public, what is not, and — over every page and export, rendered and scanned — that no
full ID number, mobile phone or natural person's full name ever appears."""

import csv
import datetime as dt
import io
import json
import re

import pytest
from django.core.exceptions import ValidationError

from gongkai.decisions import actions
from gongkai.decisions.models import Decision, DecisionKind
from gongkai.decisions.tests.conftest import id_number, licensing_values, penalty_values, person_values
from gongkai.lib.validators import validate_id_number

pytestmark = pytest.mark.django_db

ID_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
ENFORCEMENT = {
    "kind": DecisionKind.ENFORCEMENT,
    "number": "北教强〔2018〕1号",
    "title": "无证办学场所查封案",
    "category": "seal",
    "content": "查封无证办学场所教室三间，期限三十日",
    "facts": "当事人在未取得办学许可的场所组织学生集中培训",
    "basis": "《中华人民共和国行政强制法》第二十二条",
    "party_type": "natural",
    "party_name": "欧阳明月",
    "id_number": id_number(456, "19851212"),
    "decided_on": dt.date(2018, 5, 24),
}


@pytest.fixture
def shown(personas, record, publish):
    """On the portal: a legal person's licence, a natural person's licence, a business's penalty and
    a natural person's enforcement decision; a withdrawn licence; a recorded, unreleased penalty."""
    licence, person = record(), record(person_values())
    publish(licence, person)
    penalty = record(penalty_values())
    enforcement = record(ENFORCEMENT)
    publish(penalty, enforcement)
    withdrawn = record(licensing_values(number="北教许〔2018〕2号", title="校外培训机构设立许可"))
    publish(withdrawn)
    actions.withdraw_decision(
        withdrawn, actor=personas.editor, on=dt.date(2018, 6, 1), reason="申请人以欺骗手段取得许可，依法撤销"
    )
    hidden = record(penalty_values(number="北教罚〔2018〕8号", title="尚未公示的案件"))
    return {
        "licence": licence,
        "person": person,
        "penalty": penalty,
        "enforcement": enforcement,
        "withdrawn": withdrawn,
        "hidden": hidden,
    }


def _get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode("utf-8-sig")


def test_the_column_lists_what_is_public_with_its_filters(client, shown):
    page = _get(client, "/xxgk/sgs/")
    assert "共 4 条" in page
    assert shown["licence"].number in page and shown["enforcement"].number in page
    assert shown["withdrawn"].number not in page and shown["hidden"].number not in page
    assert "张**" in page and "欧阳**" in page
    assert "共 2 条" in _get(client, "/xxgk/sgs/", kind="licensing")
    assert "共 1 条" in _get(client, "/xxgk/sgs/", kind="penalty", category="fine")
    assert "共 1 条" in _get(client, "/xxgk/sgs/", q="北教强")
    assert "共 1 条" in _get(client, "/xxgk/sgs/", q="示例培训学校")
    assert "共 0 条" in _get(client, "/xxgk/sgs/", q="张三丰")  # a full name finds no natural person
    assert "共 0 条" in _get(client, "/xxgk/sgs/", year=2017)


def test_a_decisions_page_is_a_table_with_the_item_that_published_it(client, shown):
    page = _get(client, f"/xxgk/sgs/d/{shown['penalty'].pk}/")
    assert '<th scope="row">罚款金额（万元）</th><td>0.8</td>' in page
    assert "北湖区示例培训部" in page and "李**" in page and "李四海" not in page
    assert "索引号" in page and "2018-06-01公开" in page
    person = _get(client, f"/xxgk/sgs/d/{shown['person'].pk}/")
    assert "张**" in person and '<th scope="row">统一社会信用代码</th>' not in person


def test_a_withdrawn_decision_says_when_and_why_and_an_unreleased_one_is_not_found(client, shown):
    page = _get(client, f"/xxgk/sgs/d/{shown['withdrawn'].pk}/")
    assert "已撤销" in page and "申请人以欺骗手段取得许可，依法撤销" in page
    assert "郴州市北湖区示例培训学校" not in page
    assert client.get(f"/xxgk/sgs/d/{shown['hidden'].pk}/").status_code == 404


def test_the_open_data_follows_its_schema(client, shown):
    schema = json.loads(_get(client, "/xxgk/sgs/sj/schema.json"))
    names = [f["name"] for f in schema["fields"]]
    rows = list(csv.DictReader(io.StringIO(_get(client, "/xxgk/sgs/sj/decisions.csv"))))
    assert len(rows) == 4 and list(rows[0]) == names
    data = json.loads(_get(client, "/xxgk/sgs/sj/decisions.json", kind="penalty"))
    assert data["count"] == 1 and list(data["decisions"][0]) == names
    record = data["decisions"][0]
    assert (
        record["fine_wan"] == "0.8"
        and record["legal_rep"] == "李**"
        and record["published_on"] == "2018-06-01"
    )
    for row in rows:
        for field in schema["fields"]:
            if field["constraints"]["required"]:
                assert row[field["name"]], field["name"]
            if field["type"] == "date" and row[field["name"]]:
                dt.date.fromisoformat(row[field["name"]])
            if "enum" in field["constraints"]:
                assert row[field["name"]] in field["constraints"]["enum"]
    assert "dataset" not in _get(client, "/xxgk/sgs/sj/")  # the data page renders


def test_the_api_lists_and_counts_with_errors_in_chinese(client, shown):
    data = client.get("/api/decisions", {"kind": "licensing", "year": "2018"}).json()
    assert data["count"] == 2 and {d["number"] for d in data["decisions"]} == {
        shown["licence"].number,
        shown["person"].number,
    }
    counts = client.get("/api/decisions/counts", {"year": "2018"}).json()
    assert counts["licensing"] == 2 and counts["penalty"] == 1 and counts["enforcement"] == 1
    assert counts["fines_wan"] == "0.80"
    assert client.get("/api/decisions", {"kind": "fees"}).json()["detail"].startswith("kind 应为")
    assert "年份" in client.get("/api/decisions/counts", {"year": "二〇一八"}).json()["detail"]
    assert client.get("/api/decisions", {"organisation": "X"}).status_code == 404
    assert "/decisions" in json.dumps(client.get("/api/openapi.json").json()["paths"])


def test_no_public_page_or_export_shows_an_id_number_a_phone_or_a_persons_full_name(client, shown):
    from gongkai.catalog.interface import item_refs

    district = shown["licence"].district
    batches = {d.batch.notice_item_id for d in Decision.objects.exclude(batch=None).select_related("batch")}
    item_pages = [ref.public_url for ref in item_refs(district, batches).values()]
    urls = [
        "/xxgk/sgs/",
        "/xxgk/sgs/?kind=enforcement",
        "/xxgk/sgs/?q=%E5%BC%A0",
        "/xxgk/sgs/sj/",
        "/xxgk/sgs/sj/decisions.csv",
        "/xxgk/sgs/sj/decisions.json",
        "/xxgk/sgs/sj/schema.json",
        "/api/decisions",
        "/api/decisions?kind=enforcement",
        "/api/decisions/counts?year=2018",
        *[f"/xxgk/sgs/d/{d.pk}/" for d in shown.values() if d is not shown["hidden"]],
        *item_pages,
    ]
    assert len(item_pages) == 3
    secrets = ["张三丰", "欧阳明月", "李四海", id_number(123), id_number(456, "19851212")]
    for url in urls:
        text = _get(client, url)
        for secret in secrets:
            assert secret not in text, (url, secret)
        for candidate in ID_CANDIDATE.findall(text):
            with pytest.raises(ValidationError):
                validate_id_number(candidate)
        assert not MOBILE.findall(text), url
