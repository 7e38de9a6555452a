"""Importing the provincial platform's exports: CSV and XLSX, idempotent (the same export twice
adds nothing; a changed row updates), bad rows reported with row number and reason, the promised
date computed in working days, personal data kept only for a 差评 and encrypted."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import connection

from gongkai.services import actions
from gongkai.services.models import ImportRun, ImportState, ServiceCase

from .conftest import csv_bytes, xlsx_bytes

ROWS = [
    [
        "BJ2018000001",
        "JY-XK-001",
        "民办学校设立审批",
        "2018-03-01 09:10:00",
        "2018-03-01",
        "2018-03-06",
        "",
        "准予",
        "1",
        "非常满意",
        "2018-03-06",
        "张三",
        "13800138000",
    ],
    [
        "BJ2018000002",
        "JY-XK-001",
        "",
        "2018/3/2",
        "2018/3/2",
        "2018/3/20",
        "",
        "不予",
        "2",
        "不满意",
        "2018/3/21",
        "李四",
        "13900139000",
    ],
    ["BJ2018000003", "JY-XK-001", "", "2018年3月5日", "", "", "", "", "0", "", "", "王五", "13700137000"],
]


def _import(source, actor, content, name="export.csv", capture=None):
    run = actions.start_import(source, actor=actor, upload=ContentFile(content, name=name), name=name)
    return actions.run_import(run)


def test_an_export_is_imported_with_due_dates_in_working_days(published_item, source, personas):
    run = _import(source, personas.coordinator, csv_bytes(ROWS))
    assert (run.state, run.created, run.rejected, run.rows_read, run.total_rows) == (
        ImportState.DONE,
        3,
        0,
        3,
        3,
    )
    first = ServiceCase.objects.get(case_no="BJ2018000001")
    # Accepted Thursday 1 March 2018, 5 working days promised: Thursday 8 March.
    assert first.due_on == dt.date(2018, 3, 8) and first.on_time is True
    late = ServiceCase.objects.get(case_no="BJ2018000002")
    assert late.received_on == dt.date(2018, 3, 2) and late.on_time is False and late.result == "refused"
    open_case = ServiceCase.objects.get(case_no="BJ2018000003")
    assert open_case.completed_on is None and open_case.due_on is None


def test_personal_data_is_kept_only_for_a_bad_rating_and_encrypted(published_item, source, personas):
    _import(source, personas.coordinator, csv_bytes(ROWS))
    good, bad, unrated = (ServiceCase.objects.get(case_no=f"BJ201800000{n}") for n in (1, 2, 3))
    assert str(good.applicant_name) == "" and str(unrated.applicant_phone) == ""
    assert bad.applicant_phone.plaintext() == "13900139000"
    assert str(bad.applicant_phone) != "13900139000"  # masked when shown
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT applicant_phone FROM services_servicecase WHERE case_no = %s", ["BJ2018000002"]
        )
        (stored,) = cursor.fetchone()
    assert "13900139000" not in stored


def test_the_same_export_twice_adds_nothing_and_a_changed_row_updates(published_item, source, personas):
    _import(source, personas.coordinator, csv_bytes(ROWS))
    again = _import(source, personas.coordinator, csv_bytes(ROWS))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert ServiceCase.objects.count() == 3
    changed = [row[:] for row in ROWS]
    changed[2][5], changed[2][7] = "2018-03-09", "准予"  # the open case is now completed
    third = _import(source, personas.coordinator, csv_bytes(changed))
    assert (third.created, third.updated, third.unchanged) == (0, 1, 2)
    assert ServiceCase.objects.get(case_no="BJ2018000003").completed_on == dt.date(2018, 3, 9)


def test_an_xlsx_export_reads_the_same_as_the_csv(published_item, source, personas):
    rows = [r[:] for r in ROWS]
    rows[0][3] = dt.datetime(2018, 3, 1, 9, 10)  # noqa: DTZ001 - a spreadsheet cell has no time zone
    run = _import(source, personas.coordinator, xlsx_bytes(rows), name="export.xlsx")
    assert (run.state, run.created, run.rejected) == (ImportState.DONE, 3, 0)
    assert ServiceCase.objects.get(case_no="BJ2018000001").received_on == dt.date(2018, 3, 1)
    csv_run = _import(source, personas.coordinator, csv_bytes(ROWS))
    assert (csv_run.created, csv_run.updated, csv_run.unchanged) == (0, 0, 3)  # same fingerprints


def test_a_gbk_export_is_read(published_item, source, personas):
    run = _import(source, personas.coordinator, csv_bytes(ROWS, encoding="gb18030"))
    assert (run.created, run.rejected) == (3, 0)


def test_bad_rows_are_reported_with_row_number_and_reason_and_the_rest_imported(
    published_item, source, personas
):
    rows = [
        ROWS[0],
        ["", "JY-XK-001", "", "2018-03-01", "", "", "", "", "", "", "", "", ""],
        ["BJ2", "NO-SUCH", "", "2018-03-01", "", "", "", "", "", "", "", "", ""],
        ["BJ3", "JY-XK-001", "", "2018-02-30", "", "", "", "", "", "", "", "", ""],
        ["BJ4", "JY-XK-001", "", "2018-03-05", "2018-03-01", "", "", "", "", "", "", "", ""],
        ["BJ5", "JY-XK-001", "", "2018-03-05", "2018-03-05", "2018-03-06", "", "", "", "", "", "", ""],
        ["BJ6", "JY-XK-001", "", "2018-03-05", "", "", "", "", "十", "很好", "", "", ""],
        ROWS[0],
    ]
    run = _import(source, personas.coordinator, csv_bytes(rows))
    assert (run.created, run.rejected) == (1, 7)
    report = run.rejects.read().decode("utf-8-sig").splitlines()
    assert report[0] == "行号,办件编号,原因"
    assert report[1:] == [
        "3,,【办件编号】不能为空",
        "4,BJ2,【事项编码】NO-SUCH 未在本区登记为政务服务事项",
        "5,BJ3,【申请日期】日期无法识别，应为 2018-03-01",
        "6,BJ4,【受理日期】早于申请日期",
        "7,BJ5,【办理结果】已办结的办件须有办理结果",
        "8,BJ6,【到现场次数】应为0到99的整数；【评价】应为非常满意、满意、基本满意、不满意或非常不满意，不是“很好”",
        "9,BJ2018000001,【办件编号】与本文件前面的行重复",
    ]


def test_a_mapping_saved_for_the_source_reads_other_headers(published_item, source, personas):
    header = [
        "编号",
        "事项代码",
        "事项名称",
        "收件日期",
        "受理时间",
        "办结时间",
        "承诺办结时间",
        "办理结果",
        "到现场次数",
        "评价结果",
        "评价时间",
        "申请人",
        "联系电话",
    ]
    actions.save_mapping(
        source,
        actor=personas.coordinator,
        mapping={"case_no": "编号", "item_code": "事项代码", "received_on": "收件日期"},
    )
    run = _import(source, personas.coordinator, csv_bytes(ROWS, header=header))
    assert (run.created, run.rejected) == (3, 0)


def test_a_missing_required_column_fails_the_run_saying_which(published_item, source, personas):
    run = _import(source, personas.coordinator, csv_bytes(ROWS, header=["编号", *HEADER_REST]))
    assert run.state == ImportState.FAILED
    assert run.error == "表头缺少必需的列：办件编号（办件编号）。请检查来源的列对应关系。"
    assert ServiceCase.objects.count() == 0


HEADER_REST = [
    "事项编码",
    "事项名称",
    "申请时间",
    "受理时间",
    "办结时间",
    "承诺办结时间",
    "办理结果",
    "到现场次数",
    "评价结果",
    "评价时间",
    "申请人",
    "联系电话",
]


def test_a_file_that_is_neither_csv_nor_xlsx_is_refused(published_item, source, personas):
    with pytest.raises(ValidationError) as caught:
        actions.start_import(
            source, actor=personas.coordinator, upload=ContentFile(b"x", name="a.pdf"), name="a.pdf"
        )
    assert caught.value.message_dict["file"] == ["请上传 CSV（.csv）或 Excel（.xlsx）文件。"]
    broken = _import(source, personas.coordinator, b"not a workbook", name="broken.xlsx")
    assert broken.state == ImportState.FAILED and "无法读取该文件" in broken.error


def test_another_department_may_not_import_into_the_source(published_item, source, personas):
    with pytest.raises(PermissionDenied):
        actions.start_import(
            source, actor=personas.outsider, upload=ContentFile(csv_bytes(ROWS), name="a.csv")
        )
    with pytest.raises(PermissionDenied):
        actions.save_mapping(source, actor=personas.outsider, mapping={})
    with pytest.raises(PermissionDenied):
        actions.create_source(actor=personas.outsider, organisation=personas.department, name="x")


def test_the_staff_page_queues_the_import_as_a_background_job(
    published_item, source, personas, client, django_capture_on_commit_callbacks
):
    client.force_login(personas.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/staff/services/imports/sources/{source.pk}/",
            {"what": "upload", "file": ContentFile(csv_bytes(ROWS), name="export.csv")},
        )
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/staff/services/imports/{run.pk}/"
    progress = client.get(f"/staff/services/imports/{run.pk}/progress.json").json()
    assert (progress["state"], progress["percent"], progress["created"]) == ("done", 100, 3)
    page = client.get(f"/staff/services/imports/{run.pk}/").content.decode()
    assert 'max="100" value="100"' in page
    client.force_login(personas.outsider)
    assert client.get(f"/staff/services/imports/{run.pk}/progress.json").status_code in (403, 404)
    assert client.get(f"/staff/services/imports/{run.pk}/").status_code in (403, 404)


def test_a_later_export_inserts_the_new_rows_updates_the_changed_and_leaves_the_rest(
    published_item, source, personas
):
    first = _import(source, personas.coordinator, csv_bytes(ROWS[:2]))
    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)  # a source's first export
    changed = [ROWS[0], [*ROWS[1][:8], "3", *ROWS[1][9:]], ROWS[2]]  # BJ…02 now says 3 visits
    later = _import(source, personas.coordinator, csv_bytes(changed))
    assert (later.created, later.updated, later.unchanged, later.rejected) == (1, 1, 1, 0)
    assert ServiceCase.objects.get(case_no="BJ2018000002").visits == 3
    assert ServiceCase.objects.count() == 3


def test_a_date_is_read_from_its_own_part_and_short_or_long_rows_read_their_columns(
    published_item, source, personas
):
    blank = ["", "", "", "", "", "", "", ""]
    rows = [
        ["D1", "JY-XK-001", "", "2018年12月31日", *blank, ""],
        ["D2", "JY-XK-001", "", "2018年12月31日X", *blank, ""],  # shares its first 11 characters with D1's
        ["D3", "JY-XK-001", "", "2018-03-01T09:00:00", *blank, ""],
        ["D4", "JY-XK-001", "", "2018-03-01 10:00", "2018-03-02"],  # a short row: the rest is empty
        ["D5", "JY-XK-001", "", "2018-03-01", *blank, "", "多出的一列"],  # a cell beyond the header
        ["D6", "JY-XK-001", "", "2018-03-01", "", "", "", "", "", "", "", "", "", "", "很好"],
    ]
    run = _import(source, personas.coordinator, csv_bytes(rows))
    assert (run.created, run.rejected) == (5, 1)
    assert [(r.row, r.reason) for r in run.first_rejects] == [
        (3, "【申请日期】日期无法识别，应为 2018-03-01")
    ]
    days = dict(ServiceCase.objects.values_list("case_no", "received_on"))
    assert days == {
        "D1": dt.date(2018, 12, 31),
        "D3": dt.date(2018, 3, 1),
        "D4": dt.date(2018, 3, 1),
        "D5": dt.date(2018, 3, 1),
        "D6": dt.date(2018, 3, 1),
    }
    short = ServiceCase.objects.get(case_no="D4")
    assert (short.accepted_on, short.completed_on, short.rating) == (dt.date(2018, 3, 2), None, "")


def test_the_fingerprint_stays_what_earlier_imports_stored(published_item, source, personas):
    """The values as text, None as "None", joined by the unit separator: a change of spelling
    would make every stored row look changed on the next import."""
    import hashlib

    _import(source, personas.coordinator, csv_bytes(ROWS))
    for case in ServiceCase.objects.all():
        values = (
            case.item_id,
            case.received_on,
            case.accepted_on,
            case.completed_on,
            case.due_on,
            case.result,
            case.visits,
            case.rating,
            case.rated_on,
            case.applicant_name.plaintext() if case.applicant_name else "",
            case.applicant_phone.plaintext() if case.applicant_phone else "",
        )
        text = "\x1f".join(str(v) for v in values)
        assert case.fingerprint == hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()
