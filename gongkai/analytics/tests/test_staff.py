"""The staff page /staff/analytics/ and its XLSX: who sees which organisation (enforced on the
server), the filters and their Chinese errors, the workbook read back, the navigation entry."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from openpyxl import load_workbook

from gongkai.accounts.factories import make_staff
from gongkai.accounts.roles import Role

pytestmark = pytest.mark.django_db
URL = "/staff/analytics/"
XLSX_URL = "/staff/analytics/export.xlsx"
YEAR = {"start": "2024-01", "end": "2024-12"}


def _html(response) -> str:
    return response.content.decode()


def test_the_office_sees_the_district_with_its_searches(client, personas, records):
    client.force_login(personas.coordinator)
    response = client.get(URL, YEAR)
    html = _html(response)
    assert response.status_code == 200
    assert "测试区人民政府全区" in html and "未检索到结果的词" in html
    assert 'id="analytics-charts" type="application/json"' in html
    assert "echarts.min.js" in html and "analytics/charts.js" in html
    assert "<script>" not in html.split('id="analytics-charts"')[0].split("<main")[-1]  # no inline script
    assert "430102199001011234" not in html and "4301**********1234" in html
    total = sum(n for d, _i, n in records.views if d.year == 2024)
    assert f"<strong>{total}</strong>" in html


def test_the_auditor_may_narrow_the_district_to_a_department(client, personas, records):
    client.force_login(personas.auditor)
    html = _html(client.get(URL, {**YEAR, "organisation": personas.department.pk}))
    assert personas.department.name + "（含下属单位）" in html
    assert "未检索到结果的词" not in html  # searches are the district's


def test_a_units_leader_sees_their_organisation_and_nothing_else(client, personas, records):
    client.force_login(personas.leader)
    response = client.get(URL, YEAR)
    html = _html(response)
    assert response.status_code == 200
    assert personas.department.name + "（含下属单位）" in html
    assert "站内检索为全区门户数据" in html and "未检索到结果的词" not in html
    options = html.split('name="organisation"')[1].split("</select>")[0]
    assert personas.department.name in options and personas.budget_unit.name in options
    assert personas.other_department.name not in options and "全区" not in options
    mine = {personas.department.pk, personas.budget_unit.pk}
    total = sum(n for d, i, n in records.views if d.year == 2024 and i.organisation_id in mine)
    assert f"<strong>{total}</strong>" in html


@pytest.mark.parametrize("target", ["district", "other_department"])
def test_a_units_leader_is_refused_another_organisation_or_the_district(client, personas, records, target):
    client.force_login(personas.leader)
    org = getattr(personas, target)
    for url in (URL, XLSX_URL):
        response = client.get(url, {**YEAR, "organisation": org.pk})
        assert response.status_code == 400
        assert "所选单位不存在或无权查看。" in _html(response)
        assert "analytics-charts" not in _html(response)


def test_the_outsider_leader_sees_only_their_own_department(client, personas, records):
    client.force_login(personas.outsider)
    html = _html(client.get(URL, YEAR))
    assert personas.other_department.name + "（含下属单位）" in html
    assert personas.department.name not in html.split('name="organisation"')[1].split("</select>")[0]


def test_staff_without_the_permission_and_strangers_are_kept_out(client, personas):
    client.force_login(personas.editor)
    assert client.get(URL).status_code == 403
    assert client.get(XLSX_URL).status_code == 403
    client.logout()
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_leader_of_another_district_sees_nothing_of_this_one(client, personas, records):
    from gongkai.accounts.factories import build_personas

    other = build_personas("乙", region="431003")
    client.force_login(other.coordinator)
    html = _html(client.get(URL, YEAR))
    assert "乙测试区人民政府全区" in html
    assert "<strong>0</strong>" in html and "测试区2024年" not in html
    assert client.get(URL, {**YEAR, "organisation": personas.district.pk}).status_code == 400


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2024-13"}, "月份“2024-13”格式不对"),
        ({"start": "去年"}, "格式不对，请按“2025-01”的格式填写。"),
        ({"start": "2024-06", "end": "2024-01"}, "起始月份不能晚于截止月份。"),
        ({"start": "2020-01", "end": "2024-12"}, "统计期间最长 36 个月，所选为 60 个月"),
        ({"organisation": "abc"}, "所选单位不存在或无权查看。"),
    ],
)
def test_bad_filters_get_a_chinese_error_and_keep_what_was_typed(client, personas, params, message):
    client.force_login(personas.coordinator)
    response = client.get(URL, params)
    html = _html(response)
    assert response.status_code == 400 and message in html
    if "start" in params:
        assert f'value="{params["start"]}"' in html


def test_the_default_period_is_the_last_twelve_months(client, personas, time_machine):
    import datetime as dt
    import zoneinfo

    time_machine.move_to(dt.datetime(2025, 3, 10, 12, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai")), tick=False)
    client.force_login(personas.coordinator)
    html = _html(client.get(URL))
    assert "2024年4月1日至2025年3月31日" in html


def test_the_xlsx_reads_back_as_the_pages_tables(client, personas, records):
    client.force_login(personas.coordinator)
    response = client.get(XLSX_URL, YEAR)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames[0] == "说明"
    about = {row[0]: row[1] for row in wb["说明"].iter_rows(min_row=2, values_only=True)}
    assert about["统计范围"] == "全区" and about["统计期间"] == "2024-01-01 — 2024-12-31"

    months = list(wb["各月信息浏览量"].iter_rows(min_row=3, values_only=True))
    per_month = Counter()
    for d, _i, n in records.views:
        if d.year == 2024:
            per_month[d.month] += n
    assert months == [(f"2024年{m}月", per_month[m]) for m in range(1, 13)]
    assert list(wb["各月信息浏览量"].iter_rows(min_row=2, max_row=2, values_only=True)) == [
        ("月份", "浏览量")
    ]

    nothing = {q: n for q, n in wb["未检索到结果的词"].iter_rows(min_row=3, max_col=2, values_only=True) if n}
    expected = Counter(q for _at, q, r in records.searches if r == 0)
    assert nothing.pop("查询 4301**********1234") == expected.pop("查询 430102199001011234")
    assert nothing == dict(expected)
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            assert all("199001011234" not in str(v) for v in row)
    assert {"各栏目浏览量", "各单位信息浏览量", "浏览最多的信息", "各月依申请公开申请和区长信箱来信"} <= set(
        wb.sheetnames
    )


def test_a_units_xlsx_has_no_searches(client, personas, records):
    client.force_login(personas.leader)
    wb = load_workbook(io.BytesIO(client.get(XLSX_URL, YEAR).content))
    assert "未检索到结果的词" not in wb.sheetnames and "各月站内检索次数" not in wb.sheetnames
    about = {row[0]: row[1] for row in wb["说明"].iter_rows(min_row=2, values_only=True)}
    assert about["统计范围"] == personas.department.name


def test_the_nav_entry_shows_for_those_who_may_see_the_figures(client, personas):
    client.force_login(personas.leader)
    assert 'href="/staff/analytics/"' in _html(client.get("/staff/"))
    reviewer = make_staff("reviewer2", personas.department, Role.REVIEWER)
    client.force_login(reviewer)
    assert 'href="/staff/analytics/"' not in _html(client.get("/staff/"))


def test_the_page_asks_a_fixed_few_queries(client, personas, records, django_assert_max_num_queries):
    """Each figure is one aggregate (and a look-up of the names it shows), never one per record:
    27 for the district's year, the session, the sign-in checks and the navigation included."""
    client.force_login(personas.coordinator)
    with django_assert_max_num_queries(28):
        assert client.get(URL, YEAR).status_code == 200
