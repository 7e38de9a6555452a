"""``manage.py import_service_cases``: the same import from the command line, with its summary
and the rejected rows written out."""

import pytest
from django.core.management import CommandError, call_command

from .conftest import csv_bytes

ROWS = [
    ["K1", "JY-XK-001", "", "2018-03-01", "2018-03-01", "2018-03-05", "", "准予", "1", "满意", "", "", ""],
    ["K2", "NO-SUCH", "", "2018-03-01", "", "", "", "", "", "", "", "", ""],
]


def test_the_command_imports_and_reports(published_item, source, tmp_path, capsys):
    export = tmp_path / "export.csv"
    export.write_bytes(csv_bytes(ROWS))
    rejects = tmp_path / "rejects.csv"
    call_command("import_service_cases", str(export), "--source", source.name, "--rejects", str(rejects))
    out = capsys.readouterr()
    assert "新增 1，更新 0，未变 0，拒收 1" in out.out
    assert "第3行 K2：【事项编码】NO-SUCH 未在本区登记为政务服务事项" in out.err
    assert "3,K2," in rejects.read_text(encoding="utf-8-sig")
    call_command("import_service_cases", str(export), "--source", source.name)
    assert "新增 0，更新 0，未变 1，拒收 1" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("import_service_cases", str(export), "--source", "没有这个来源")
