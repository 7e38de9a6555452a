"""接听安排 (duty roster): month view, shift editing, XLSX import, the public page; and 热线设置."""

import datetime as dt
from io import BytesIO

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from gongkai.audit.models import AuditEvent
from gongkai.hotline.deadlines import limits_of
from gongkai.hotline.models import Category, DutyShift, DutyShiftKind, HotlineSettings

pytestmark = pytest.mark.django_db

HEADER = ["日期", "班次（上午/下午/全天）", "接听人", "职务", "单位（可不填）", "区级领导（是/否）"]


def _xlsx(rows, header=HEADER) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(
        "roster.xlsx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def test_import_with_one_bad_row_imports_nothing(client, personas):
    client.force_login(personas.operator)
    upload = _xlsx(
        [
            ["2025-06-02", "全天", "张区长", "区长", "", "是"],
            [dt.date(2025, 6, 3), "上午", "李局长", "局长", personas.department.name, "否"],
            ["2025-06-03", "晚上", "王主任", "主任", "", ""],  # no such shift
            ["2025-06-04", "下午", "赵书记", "书记", "不存在的单位", "否"],
        ]
    )
    response = client.post(reverse("hotline_staff:roster_import"), {"file": upload, "publish": "on"})
    assert response.status_code == 200
    assert not DutyShift.objects.exists()
    report = response.context["report"]
    assert [r.number for r in report.bad_rows] == [4, 5]
    body = response.content.decode()
    assert "未导入任何内容" in body and "班次须为上午、下午或全天" in body and "不存在的单位" in body


def test_import_creates_and_then_updates_in_place(client, personas):
    client.force_login(personas.operator)
    rows = [
        ["2025-06-02", "全天", "张区长", "区长", "", "是"],
        ["2025/06/03", "上午", "李局长", "局长", personas.department.name, "否"],
        ["2025年6月3日", "下午", "王镇长", "镇长", "", ""],
    ]
    response = client.post(reverse("hotline_staff:roster_import"), {"file": _xlsx(rows), "publish": "on"})
    assert response.status_code == 302 and "month=2025-06" in response["Location"]
    assert DutyShift.objects.count() == 3
    first = DutyShift.objects.get(date=dt.date(2025, 6, 2))
    assert first.is_district_leader and first.shift == DutyShiftKind.FULL_DAY and first.is_published
    assert (
        DutyShift.objects.get(date=dt.date(2025, 6, 3), shift="morning").organisation == personas.department
    )
    rows[0][2] = "刘副区长"
    client.post(reverse("hotline_staff:roster_import"), {"file": _xlsx(rows), "publish": "on"})
    assert DutyShift.objects.count() == 3
    first.refresh_from_db()
    assert first.person_name == "刘副区长"
    assert AuditEvent.objects.filter(action="hotline.duty.import").count() == 2


def test_import_refuses_overlapping_shifts(client, personas):
    DutyShift.objects.create(
        district=personas.district,
        date=dt.date(2025, 6, 2),
        shift="full_day",
        person_name="甲",
        position="区长",
    )
    client.force_login(personas.operator)
    rows = [
        ["2025-06-02", "上午", "乙", "副区长", "", ""],
        ["2025-06-05", "全天", "丙", "局长", "", ""],
        ["2025-06-05", "下午", "丁", "局长", "", ""],
    ]
    response = client.post(reverse("hotline_staff:roster_import"), {"file": _xlsx(rows)})
    assert [r.number for r in response.context["report"].bad_rows] == [2, 4]
    assert DutyShift.objects.count() == 1


def test_import_refuses_a_file_without_the_header(client, personas):
    client.force_login(personas.operator)
    response = client.post(
        reverse("hotline_staff:roster_import"),
        {"file": _xlsx([["2025-06-02", "全天"]], header=["日期", "班次"])},
    )
    assert "表头缺少：接听人、职务" in response.content.decode()


def test_month_view_counts_calls_per_shift(client, personas, call):
    shift = DutyShift.objects.create(
        district=personas.district,
        date=dt.date(2025, 6, 10),
        shift="morning",
        person_name="张区长",
        position="区长",
    )
    with time_machine.travel(dt.datetime(2025, 6, 10, 1, tzinfo=dt.UTC)):  # 09:00 in Shanghai
        call()
        call(matter="第二个电话")
    client.force_login(personas.coordinator)
    response = client.get(reverse("hotline_staff:roster"), {"month": "2025-06"})
    assert response.status_code == 200
    [day] = [d for d in response.context["days"] if d["date"] == dt.date(2025, 6, 10)]
    assert day["shifts"][0].pk == shift.pk and day["shifts"][0].calls == 2
    assert response.context["total_calls"] == 2
    assert len(response.context["days"]) == 30

    # a shift that took calls is not deleted
    client.force_login(personas.operator)
    response = client.post(reverse("hotline_staff:roster_delete", args=[shift.pk]), follow=True)
    assert DutyShift.objects.filter(pk=shift.pk).exists()
    assert "不能删除" in response.content.decode()


def test_shifts_are_added_edited_and_deleted_by_the_office_only(client, personas):
    client.force_login(personas.editor)
    assert client.get(reverse("hotline_staff:roster_new")).status_code == 403
    client.force_login(personas.operator)
    data = {
        "date": "2025-06-12",
        "shift": "afternoon",
        "person_name": "孙局长",
        "position": "局长",
        "organisation": personas.department.pk,
        "is_published": "on",
    }
    response = client.post(reverse("hotline_staff:roster_new"), data)
    assert response.status_code == 302
    shift = DutyShift.objects.get()
    assert shift.organisation == personas.department
    response = client.post(
        reverse("hotline_staff:roster_new"), {**data, "shift": "full_day", "person_name": "周"}
    )
    assert response.status_code == 200 and "冲突" in response.content.decode()
    client.post(reverse("hotline_staff:roster_edit", args=[shift.pk]), {**data, "position": "党组书记、局长"})
    shift.refresh_from_db()
    assert shift.position == "党组书记、局长"
    client.post(reverse("hotline_staff:roster_delete", args=[shift.pk]))
    assert not DutyShift.objects.exists()
    actions_logged = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"hotline.duty.add", "hotline.duty.edit", "hotline.duty.delete"} <= actions_logged


def test_another_districts_shift_is_404(client, personas):
    from gongkai.accounts.factories import build_personas

    other = build_personas(prefix="邻", region="431003")
    shift = DutyShift.objects.create(
        district=other.district, date=dt.date(2025, 6, 2), person_name="甲", position="区长"
    )
    client.force_login(personas.operator)
    assert client.get(reverse("hotline_staff:roster_edit", args=[shift.pk])).status_code == 404
    assert client.post(reverse("hotline_staff:roster_delete", args=[shift.pk])).status_code == 404


def test_public_roster_lists_published_shifts_of_this_and_next_month(client, personas):
    def shift(date, name, published=True):
        DutyShift.objects.create(
            district=personas.district, date=date, person_name=name, position="副区长", is_published=published
        )

    shift(dt.date(2025, 6, 30), "本月公布")
    shift(dt.date(2025, 7, 1), "下月公布")
    shift(dt.date(2025, 6, 20), "未公布", published=False)
    shift(dt.date(2025, 5, 31), "上月")
    shift(dt.date(2025, 8, 1), "下下月")
    with time_machine.travel(dt.datetime(2025, 6, 15, 2, tzinfo=dt.UTC)):
        response = client.get("/hotline/roster/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "本月公布" in body and "下月公布" in body
    assert "未公布" not in body and "上月" not in body and "下下月" not in body
    assert "2025年6月" in body and "2025年7月" in body
    assert 'class="site-header"' in body  # the portal shell


def test_settings_categories_and_limits_are_audited(client, personas, hotline):
    client.force_login(personas.editor)
    assert client.get(reverse("hotline_staff:settings")).status_code == 403
    client.force_login(personas.operator)
    assert client.get(reverse("hotline_staff:settings")).status_code == 200
    client.post(
        reverse("hotline_staff:category_add"),
        {
            "new-name": "住房保障",
            "new-default_organisation": personas.other_department.pk,
            "new-sort_order": 5,
            "new-is_active": "on",
        },
    )
    added = Category.objects.get(name="住房保障")
    assert added.district == personas.district and added.default_organisation == personas.other_department
    response = client.post(reverse("hotline_staff:category_add"), {"new-name": "教育", "new-sort_order": 0})
    assert response.status_code == 400 and "同名" in response.content.decode()
    cat = hotline["城市管理"]
    client.post(
        reverse("hotline_staff:category_edit", args=[cat.pk]),
        {f"c{cat.pk}-name": "城市管理与执法", f"c{cat.pk}-sort_order": 3},
    )
    cat.refresh_from_db()
    assert cat.name == "城市管理与执法" and not cat.is_active
    limits = {
        "limit_normal": 7,
        "limit_urgent": 2,
        "limit_very_urgent": 1,
        "extension_max": 8,
        "return_within": 2,
        "duplicate_window_days": 10,
    }
    client.post(reverse("hotline_staff:limits"), limits)
    assert HotlineSettings.objects.get(district=personas.district).limit_normal == 7
    assert limits_of(personas.district.pk).extension_max == 8
    logged = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"hotline.category.add", "hotline.category.edit", "hotline.settings.edit"} <= logged
    event = AuditEvent.objects.get(action="hotline.settings.edit")
    assert event.changes["limit_normal"] == [5, 7]
