"""``manage.py annual_report``: the JSON with its stable keys, and the documents."""

import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_the_command_writes_the_json_and_a_docx(ledger, personas, tmp_path):
    out = tmp_path / "report.json"
    call_command("annual_report", org=personas.department.code, year=2021, output_format="json", out=str(out))
    data = json.loads(out.read_text())
    assert data["schema"] == "gongkai.annual-report/1" and data["year"] == 2021
    assert data["organisation"]["code"] == personas.department.code
    assert data["checks"]["balance"]["ok"] is True
    assert set(data["table_three"]["rows"]["new"]) == {"natural", "business", "research", "welfare", "legal", "other", "total"}
    docx = tmp_path / "report.docx"
    call_command("annual_report", org=personas.department.name, year=2018, output_format="docx", out=str(docx))
    assert docx.read_bytes()[:2] == b"PK"


def test_an_unknown_organisation_is_refused_in_chinese(personas):
    with pytest.raises(CommandError, match="没有代码或名称"):
        call_command("annual_report", org="不存在的局", year=2021, output_format="json")
