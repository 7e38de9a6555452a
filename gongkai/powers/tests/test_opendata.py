"""Open data: CSV and JSON of the list on a day, and the schema that documents them."""

import csv
import datetime as dt
import io

import pytest

from gongkai.powers import actions, opendata
from gongkai.powers.models import ChangeKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def changed(personas, listed, make_document, publish):
    document = make_document("教发〔2018〕10号", issued_on=dt.date(2018, 4, 20))
    actions.record_change(document, actor=personas.editor, code="JY-001", kind=ChangeKind.CANCEL)
    return publish(document)


def test_the_csv_is_the_list_of_the_day_with_the_schemas_fields(client, personas, changed):
    response = client.get("/xxgk/qlqd/sj/powers.csv", {"date": "2018-04-19"})
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert list(rows[0]) == [f.name for f in opendata.FIELDS]
    assert [r["code"] for r in rows] == ["JY-001", "JY-002", "JY-003"]
    assert rows[0]["organisation_code"] == personas.department.code and rows[0]["status"] == "保留"
    today = list(
        csv.DictReader(io.StringIO(client.get("/xxgk/qlqd/sj/powers.csv").content.decode().lstrip("\ufeff")))
    )
    assert [r["code"] for r in today] == ["JY-002", "JY-003"]


def test_the_json_names_its_day_district_and_schema(client, personas, changed):
    data = client.get("/xxgk/qlqd/sj/powers.json", {"date": "2018-04-19", "type": "penalty"}).json()
    assert data["as_of"] == "2018-04-19" and data["district"] == personas.district.name and data["count"] == 1
    assert data["schema"].endswith("/xxgk/qlqd/sj/schema.json")
    assert set(data["powers"][0]) == {f.name for f in opendata.FIELDS}


def test_the_schema_describes_every_field_and_its_values(client, db):
    schema = client.get("/xxgk/qlqd/sj/schema.json").json()
    fields = {f["name"]: f for f in schema["fields"]}
    assert list(fields) == [f.name for f in opendata.FIELDS] and schema["primaryKey"] == ["code"]
    assert (
        "行政许可" in fields["type"]["constraints"]["enum"]
        and "公共服务" in fields["type"]["constraints"]["enum"]
    )
    assert fields["effective_on"]["type"] == "date"
    page = client.get("/xxgk/qlqd/sj/").content.decode()
    assert all(f.name in page for f in opendata.FIELDS)
