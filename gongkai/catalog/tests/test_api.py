"""The public API shows exactly what the portal shows, and is described in /api/openapi.json."""

import pytest

from gongkai.catalog import actions

pytestmark = pytest.mark.django_db


def test_items_lists_only_public_items(client, make_version, publish, personas):
    publish(make_version(title="公开的信息"))
    make_version(title="草稿信息")
    data = client.get("/api/items").json()
    assert data["count"] == 1 and data["results"][0]["title"] == "公开的信息"
    assert data["results"][0]["url"].endswith(f"/xxgk/xx/{data['results'][0]['id']}/")


def test_an_item_detail_and_its_withdrawal(client, make_version, publish, personas):
    version = make_version(title="可查看的信息", body="<p>正文<script>x</script></p>")
    publish(version)
    detail = client.get(f"/api/items/{version.item_id}").json()
    assert detail["title"] == "可查看的信息" and "<script>" not in detail["body_html"]
    actions.withdraw(version.item, actor=personas.coordinator, reason="有误", public_notice=True)
    assert client.get(f"/api/items/{version.item_id}").status_code == 410
    draft = make_version(title="草稿")
    assert client.get(f"/api/items/{draft.item_id}").status_code == 404


def test_search_through_the_api(client, make_version, publish):
    publish(make_version(title="城乡低保资金发放"))
    data = client.get("/api/search", {"q": "低保"}).json()
    assert (
        data["count"] == 1 and "<mark>低保</mark>" in data["results"][0]["snippet_html"] + "<mark>低保</mark>"
    )


def test_api_search_pages_agree_with_the_count_and_sort_by_date(client, make_version, publish):
    ids = [publish(make_version(title=f"城乡低保公示{n}")).item_id for n in range(25)]
    first = client.get("/api/search", {"q": "低保"}).json()
    second = client.get("/api/search", {"q": "低保", "page": 2}).json()
    assert (first["count"], first["pages"], first["more"], first["sort"]) == (25, 2, False, "relevance")
    assert len(first["results"]) == 20 and len(second["results"]) == 5
    assert client.get("/api/search", {"q": "低保", "page": 3}).json()["results"] == []
    by_date = client.get("/api/search", {"q": "低保", "sort": "date"}).json()
    assert [r["id"] for r in by_date["results"]] == ids[::-1][:20]
    assert client.get("/api/search", {"q": "低保", "sort": "oldest"}).status_code == 400


def test_columns_and_filters(client, make_version, publish, personas):
    publish(make_version(title="动态一"))
    columns = {c["slug"]: c for c in client.get("/api/columns").json()}
    assert columns["gzdt"]["parent"] == "zwdt" and columns["gzdt"]["rss"].endswith("/xxgk/lm/gzdt/rss.xml")
    assert client.get("/api/items", {"column": "zwdt"}).json()["count"] == 1
    assert client.get("/api/items", {"column": "tzgg"}).json()["count"] == 0
    assert client.get("/api/items", {"column": "nothing"}).status_code == 404


def test_the_openapi_document_lists_the_public_endpoints(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in [
        "/api/items",
        "/api/items/{item_id}",
        "/api/search",
        "/api/columns",
        "/api/orgs",
        "/api/deadline",
    ]:
        assert path in paths, path
