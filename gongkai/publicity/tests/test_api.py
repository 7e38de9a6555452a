"""The public API: the lists public today, a list's masked rows, the year's figures; bad input is
a 4xx with a Chinese detail."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_api_answers_what_the_portal_shows(filled, publish, personas, client, march_2018):
    publicity = publish(filled(3))
    listed = client.get("/api/publicity", {"year": 2018, "kind": "urban_dibao"}).json()
    assert [p["id"] for p in listed] == [publicity.pk] and listed[0]["households"] == 3
    rows = client.get(f"/api/publicity/{publicity.pk}/rows").json()
    assert len(rows) == 3 and all("*" in r["id_number"] for r in rows)
    assert set(rows[0]) == {"number", "town", "village", "name", "id_number", "people", "amount", "category", "detail", "area"}
    figures = client.get("/api/publicity/stats", {"year": 2018}).json()
    assert figures["lists"]["urban_dibao"]["households"] == 3 and figures["notices"]["land_acquisition"] == 0


def test_bad_input_is_refused_in_chinese(client, personas):
    assert "年份" in client.get("/api/publicity", {"year": "二〇一八"}).json()["detail"]
    assert "类别" in client.get("/api/publicity", {"kind": "x"}).json()["detail"]
    assert client.get("/api/publicity/999/rows").status_code == 404
