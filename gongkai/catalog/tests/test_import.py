"""Bulk import: a row-by-row report, nothing half-imported, and a round trip through export."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from gongkai.catalog import search
from gongkai.catalog.importer import HEADERS
from gongkai.catalog.models import Item

pytestmark = pytest.mark.django_db


def _row(personas, **values):
    base = {
        "标题": "北湖区城乡低保提标通知",
        "发布机构": personas.department.name,
        "栏目": "通知公告",
        "发布日期": "2016-05-04 10:30",
        "成文日期": "2016-05-01",
        "正文": "<p>城乡低保标准提高。</p>",
    }
    base.update(values)
    return [base.get(h, "") for h in HEADERS]


def _xlsx(path, rows):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _quiet():
    return {"stdout": io.StringIO(), "stderr": io.StringIO()}


def test_a_valid_sheet_is_imported_with_its_historical_dates_and_indexed(tmp_path, personas):
    path = _xlsx(
        tmp_path / "legacy.xlsx",
        [_row(personas), _row(personas, 标题="房屋征收补偿方案公告", 栏目="zdfw", 正文="<p>补偿方案。</p>")],
    )
    call_command("import_items", str(path), "--district", personas.district.code, **_quiet())
    items = Item.objects.filter(district=personas.district).order_by("pk")
    assert items.count() == 2
    assert items[0].first_published_at.year == 2016 and items[0].index_no.endswith("/2016-00001")
    assert search.search("低保", district=personas.district).total == 1


def test_one_bad_row_imports_nothing_and_names_row_and_column(tmp_path, personas):
    path = _xlsx(
        tmp_path / "legacy.xlsx",
        [_row(personas), _row(personas, 发布机构="不存在的局"), _row(personas, 发布日期="2016-13-45")],
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="未导入任何数据"):
        call_command(
            "import_items", str(path), "--district", personas.district.code, stdout=io.StringIO(), stderr=err
        )
    report = err.getvalue()
    assert "第3行【发布机构】找不到“不存在的局”" in report
    assert "第4行【发布日期】" in report
    assert not Item.objects.exists()


def test_legacy_index_numbers_are_kept_and_new_ones_continue_after_them(tmp_path, personas):
    legacy = f"{personas.department.code}/2016-00042"
    path = _xlsx(tmp_path / "legacy.xlsx", [_row(personas, 索引号=legacy)])
    call_command("import_items", str(path), "--district", personas.district.code, **_quiet())
    assert Item.objects.get().index_no == legacy
    path = _xlsx(tmp_path / "more.xlsx", [_row(personas, 标题="另一条")])
    call_command("import_items", str(path), "--district", personas.district.code, **_quiet())
    assert Item.objects.filter(index_no=f"{personas.department.code}/2016-00043").exists()


def test_a_duplicate_index_number_is_refused(tmp_path, personas):
    legacy = f"{personas.department.code}/2016-00042"
    path = _xlsx(tmp_path / "legacy.xlsx", [_row(personas, 索引号=legacy), _row(personas, 索引号=legacy)])
    with pytest.raises(CommandError):
        call_command("import_items", str(path), "--district", personas.district.code, **_quiet())
    assert not Item.objects.exists()


def test_a_gb18030_csv_from_excel_is_read(tmp_path, personas):
    path = tmp_path / "legacy.csv"
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(HEADERS)
    writer.writerow(_row(personas))
    path.write_bytes(buf.getvalue().encode("gb18030"))
    call_command("import_items", str(path), "--district", personas.district.code, **_quiet())
    assert Item.objects.get().live.title == "北湖区城乡低保提标通知"


def test_export_then_import_into_another_district_round_trips(tmp_path, personas, make_version, publish):
    publish(make_version(title="关于做好防汛工作的通知", doc_number="北政办发〔2018〕3号"))
    out = tmp_path / "export.csv"
    call_command("export_items", str(out), "--district", personas.district.code, **_quiet())
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == HEADERS and rows[1][1] == "关于做好防汛工作的通知"
    Item.objects.all().delete()
    call_command("import_items", str(out), "--district", personas.district.code, **_quiet())
    item = Item.objects.get()
    assert item.live.doc_number == "北政办发〔2018〕3号" and item.index_no == rows[1][0]


def test_an_import_by_a_member_of_staff_needs_the_import_permission(personas):
    from django.core.exceptions import PermissionDenied

    from gongkai.audit.models import AuditEvent
    from gongkai.catalog import actions
    from gongkai.catalog.importer import validate

    parsed = validate([(2, dict(zip(HEADERS, _row(personas), strict=True)))], personas.district)
    assert not parsed.errors
    for refused in (personas.editor, personas.leader, personas.outsider):
        with pytest.raises(PermissionDenied):
            actions.import_items(parsed.records, personas.district, actor=refused, source="legacy.xlsx")
    assert not Item.objects.exists()
    (item,) = actions.import_items(
        parsed.records, personas.district, actor=personas.coordinator, source="legacy.xlsx"
    )
    assert item.created_by == personas.coordinator
    event = AuditEvent.objects.get(action="item.import")
    assert event.actor == personas.coordinator and event.note == "导入 1 条：legacy.xlsx"
