"""The ledger of applications handled before the platform (依申请公开台账): imported all or nothing,
counted in the year's table 三 and 四, idempotent by ledger number, its template read back."""

import datetime as dt
import io
import random
import zoneinfo
from collections import Counter

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from gongkai.applications import actions, ledger, stats
from gongkai.applications.models import Application, LedgerImport, ReviewCase, Status
from gongkai.applications.outcomes import GROUPS, INFO, Outcome
from gongkai.audit.models import AuditEvent

TODAY = dt.datetime(2022, 6, 1, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
YEAR = 2021
# Table 三's column names, as the ledger writes them, and the categories they stand for.
CATEGORY_NAMES = {"自然人": "natural", "商业企业": "business", "科研机构": "research",
                  "社会公益组织": "welfare", "法律服务机构": "legal", "其他": "other"}
GROUP_WORDS = {key: label[3:].split("（")[0] for key, label in GROUPS}


def spellings(outcome: str) -> list[str]:
    """The ways a ledger may name the outcome: table 三's row as printed, without its number, with
    its group in front."""
    row = INFO[outcome].row
    bare = row.split(".", 1)[1] if "." in row[:3] else row
    group = GROUP_WORDS[INFO[outcome].group]
    return sorted({row, bare, f"{group}：{bare}"})


def workbook(rows: list[dict], headers=ledger.HEADERS) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h, "") for h in headers])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "台账.xlsx"
    return buffer


def generated_rows(seed: int = 6, n: int = 90) -> list[dict]:
    """A ledger of 2020–2022: every category and outcome drawn, some replied the next year, some
    still open, a few with review or litigation."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        received = dt.date(2020, 11, 1) + dt.timedelta(days=rng.randrange(0, 560))
        replied = received + dt.timedelta(days=rng.randrange(0, 45)) if rng.random() < 0.8 else None
        if replied and replied > TODAY.date():
            replied = None
        outcome = rng.choice(Outcome.values)
        row = {
            "台账编号": f"TZ-{i + 1:03d}",
            "收到申请日期": received.strftime(rng.choice(["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"])),
            "申请方式": rng.choice(["当面递交", "网上申请", "平常信函", "挂号信/邮政快递", "传真", "电子邮件"]),
            "申请人类别": rng.choice(list(CATEGORY_NAMES)),
            "申请人姓名或名称": "某申请人",
            "申请内容": f"所需政府信息{i}",
        }
        if replied:
            row["办理结果"] = rng.choice(spellings(outcome))
            row["答复日期"] = replied.isoformat()
            row["_outcome"] = outcome
            if rng.random() < 0.5:
                row["是否结转"] = "是" if replied.year > received.year else "否"
            if rng.random() < 0.15:
                row["复议诉讼类型"] = rng.choice(["行政复议", "行政诉讼·未经复议直接起诉", "行政诉讼·复议后起诉"])
                row["复议诉讼立案日期"] = (replied + dt.timedelta(days=30)).isoformat()
                row["复议诉讼结果"] = rng.choice(["结果维持", "结果纠正", "其他结果", "尚未审结", ""])
        elif received.year < 2022:
            row["是否结转"] = "是"
        row["_received"], row["_replied"] = received, replied
        rows.append(row)
    return rows


def expected_table_three(rows: list[dict], year: int) -> dict:
    """Table 三 counted straight from the ledger's rows, not through the platform."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    cat = lambda r: CATEGORY_NAMES[r["申请人类别"]]  # noqa: E731
    new, carried_in, carried_out, results = Counter(), Counter(), Counter(), Counter()
    for r in rows:
        received, replied = r["_received"], r["_replied"]
        if start <= received <= end:
            new[cat(r)] += 1
        if received < start and (replied is None or replied >= start):
            carried_in[cat(r)] += 1
        if received <= end and (replied is None or replied > end):
            carried_out[cat(r)] += 1
        if replied and start <= replied <= end:
            results[(r["_outcome"], cat(r))] += 1
    return {"new": new, "carried_in": carried_in, "carried_out": carried_out, "results": results}


@pytest.fixture
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def test_the_imported_applications_land_in_the_right_cells_of_table_three(personas, frozen):
    rows = generated_rows()
    report = actions.import_ledger(personas.department, workbook(rows), actor=personas.editor, name="台账.xlsx")
    assert report.ok, report.lines()
    assert report.created == len(rows) == Application.objects.filter(organisation=personas.department).count()

    table = stats.table_three(YEAR, organisation=personas.department)
    want = expected_table_three(rows, YEAR)
    for column in CATEGORY_NAMES.values():
        assert table["new"][column] == want["new"][column]
        assert table["carried_in"][column] == want["carried_in"][column]
        assert table["carried_out"][column] == want["carried_out"][column]
    per_outcome = {sub["outcome"]: sub["counts"] for g in table["results"] for sub in g["rows"]}
    per_outcome.update({g["key"]: g["counts"] for g in table["results"] if not g["rows"]})
    for outcome in Outcome.values:
        for column in CATEGORY_NAMES.values():
            assert per_outcome[outcome][column] == want["results"][(outcome, column)], (outcome, column)
    assert table["results_total"]["total"] == sum(want["results"].values())
    assert table["balanced"]
    assert want["carried_in"] and want["carried_out"] and sum(want["results"].values()) > 20  # the draw covers them
    # The district's report counts them too, and table 四 has the review cases filed in the year.
    assert stats.table_three(YEAR, district=personas.district)["new"]["total"] == sum(want["new"].values())
    four = stats.table_four(YEAR, organisation=personas.department)
    filed = Counter(r["复议诉讼类型"] for r in rows if r.get("复议诉讼类型") and r["复议诉讼立案日期"].startswith(str(YEAR)))
    assert four["review"]["total"] == filed["行政复议"]
    assert four["direct_suit"]["total"] == filed["行政诉讼·未经复议直接起诉"]
    # Open rows are open applications to be handled on the platform; replied rows are closed.
    assert Application.objects.filter(replied_on__isnull=True).exclude(status=Status.PROCESSING).count() == 0
    assert AuditEvent.objects.filter(action="application.import").count() == len(rows)
    assert AuditEvent.objects.filter(action="application.ledger_import").count() == 1


def test_a_bad_row_rejects_the_whole_file_and_is_named(personas, frozen):
    rows = generated_rows(n=12)
    rows[3]["办理结果"] = "不予公开"  # which of its eight rows?
    rows[3]["答复日期"] = "2021-05-01"
    rows[6]["收到申请日期"] = "2021-05-10"
    rows[6]["答复日期"] = "2021-05-09"
    rows[6]["办理结果"] = "予以公开"
    rows[8]["申请人类别"] = "法人或其他组织"
    report = actions.import_ledger(personas.department, workbook(rows), actor=personas.editor)
    assert not report.ok
    lines = report.lines()
    assert [row.number for row in report.bad_rows] == [5, 8, 10]  # the header is row 1
    assert lines[0].startswith("第5行：【办理结果】“不予公开”须写明具体情形：1.属于国家秘密")
    assert "第8行：【答复日期】不能早于收到申请日期" in lines[1]
    assert lines[2].startswith("第10行：【申请人类别】请写明法人或其他组织的类别")
    assert not Application.objects.exists() and not LedgerImport.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="application.").exists()


def test_the_file_problems_and_the_row_checks_are_named(personas, frozen):
    missing = workbook([{"收到申请日期": "2021-01-04"}], headers=["收到申请日期", "申请人类别"])
    report = actions.import_ledger(personas.department, missing, actor=personas.editor)
    assert report.problems == ["表头缺少列：申请方式、申请内容（请使用导入模板的表头）"]
    base = {"收到申请日期": "2021-03-01", "申请方式": "当面递交", "申请人类别": "自然人", "申请内容": "某信息"}
    rows = [
        {**base, "办理结果": "予以公开"},  # no reply date
        {**base, "答复日期": "2021-03-05"},  # no outcome
        {**base, "办理结果": "予以公开", "答复日期": "2021-03-05", "是否结转": "是"},
        {**base, "是否结转": "否"},  # open since 2021: carried over
        {**base, "收到申请日期": "2021-02-30"},
        {**base, "申请方式": "微信"},
        {**base, "办理结果": "予以公开", "答复日期": "2021-03-05", "复议诉讼类型": "行政复议"},
        {**base, "收到申请日期": "2022-07-01"},
        {**base, "台账编号": "A1"},
        {**base, "台账编号": "A1"},
    ]
    report = actions.import_ledger(personas.department, workbook(rows), actor=personas.editor)
    errors = {row.number: "；".join(row.errors) for row in report.bad_rows}
    assert errors == {
        2: "【答复日期】已填写办理结果的，须填写答复日期",
        3: "【办理结果】已答复的，须填写办理结果",
        4: "【是否结转】填了“是”，但2021年内已答复（答复日期 2021-03-05）",
        5: "【是否结转】填了“否”，但2021年底前没有答复，应结转下年度",
        6: "【收到申请日期】“2021-02-30”不是日期，请写成 2018-03-05",
        7: "【申请方式】“微信”不是申请方式，可填：网上申请、当面递交、挂号信/邮政快递、平常信函、传真、电子邮件",
        8: "【复议诉讼立案日期】填写复议诉讼类型时必填",
        9: "【收到申请日期】不能晚于今天",
        11: "【台账编号】与第10行重复",
    }


def test_the_ledger_imports_again_without_doubling(personas, frozen):
    rows = generated_rows(n=20)
    first = actions.import_ledger(personas.department, workbook(rows), actor=personas.editor)
    assert (first.created, first.unchanged) == (20, 0)
    again = actions.import_ledger(personas.department, workbook(rows), actor=personas.editor)
    assert (again.created, again.unchanged) == (0, 20) and again.ok
    # The ledger kept on: one more row, and an open application replied on the platform since.
    open_app = Application.objects.filter(status=Status.PROCESSING).order_by("pk").first()
    actions.close(open_app, actor=personas.editor, outcome=Outcome.DISCLOSE, replied_on=dt.date(2022, 5, 30))
    more = [*rows, {**rows[0], "台账编号": "TZ-900", "申请内容": "新的申请"}]
    grown = actions.import_ledger(personas.department, workbook(more), actor=personas.editor)
    assert (grown.created, grown.unchanged) == (1, 20), grown.lines()
    assert Application.objects.count() == 21
    # A row whose ledger number was imported with other content is refused, naming the columns.
    changed = [dict(r) for r in more]
    changed[1]["申请内容"] = "改过的内容"
    refused = actions.import_ledger(personas.department, workbook(changed), actor=personas.editor)
    assert not refused.ok and [r.number for r in refused.bad_rows] == [3]
    assert "申请内容与当时不同" in refused.bad_rows[0].errors[0]
    assert Application.objects.count() == 21 and LedgerImport.objects.count() == 2


def test_the_same_file_without_ledger_numbers_is_not_imported_twice(personas, frozen):
    rows = [{k: v for k, v in r.items() if k != "台账编号"} for r in generated_rows(n=5)]
    data = workbook(rows).getvalue()
    assert actions.import_ledger(personas.department, io.BytesIO(data), actor=personas.editor).created == 5
    again = actions.import_ledger(personas.department, io.BytesIO(data), actor=personas.editor)
    assert (again.created, again.unchanged) == (0, 5)
    assert Application.objects.count() == 5


def test_another_department_is_refused(personas, frozen):
    upload = workbook(generated_rows(n=3))
    with pytest.raises(PermissionDenied):
        actions.import_ledger(personas.department, upload, actor=personas.outsider)
    with pytest.raises(PermissionDenied):
        actions.import_ledger(personas.department, upload, actor=personas.reviewer)  # registers nothing
    assert not Application.objects.exists()


def test_the_template_round_trips(personas, frozen, tmp_path):
    path = tmp_path / "模板.xlsx"
    call_command("import_applications", "--template", str(path))
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[1]] == ledger.HEADERS
    assert ledger.HEADERS[:8] == ["台账编号", "收到申请日期", "申请方式", "申请人类别", "申请人姓名或名称", "申请内容", "办理结果", "答复日期"]
    with path.open("rb") as upload:
        report = ledger.read(upload)
    assert report.ok and len(report.rows) == 1
    values = report.rows[0].values
    assert values["received_on"] == dt.date(2018, 3, 5) and values["outcome"] == Outcome.DISCLOSE
    assert values["category"] == "natural" and values["carried"] is False
    csv_report = ledger.read(io.BytesIO(ledger.template_csv()))
    assert csv_report.ok and csv_report.rows[0].values == values


def test_the_command_imports_a_gbk_csv_and_refuses_a_bad_one(personas, frozen, tmp_path, capsys):
    header = ",".join(ledger.HEADERS[:8])
    good = tmp_path / "台账.csv"
    good.write_bytes(
        (header + "\nA-1,2021-03-01,当面递交,商业企业,某公司,营业执照信息,6.属于四类过程性信息,2021-03-10\n").encode("gbk")
    )
    call_command("import_applications", "--org", personas.department.code, str(good))
    app = Application.objects.get(ledger_number="A-1")
    assert (app.outcome, app.category, app.applicant_type) == (Outcome.WITHHOLD_PROCESS, "business", "legal")
    assert app.ledger_import.imported_by is None and "新增申请 1 件" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text(header + "\nA-2,2021-03-01,当面递交,商业企业,某公司,信息,予以公开,\n", encoding="utf-8")
    with pytest.raises(CommandError, match="未导入任何申请"):
        call_command("import_applications", "--org", personas.department.name, str(bad))
    assert "第2行：【答复日期】已填写办理结果的，须填写答复日期" in capsys.readouterr().err
    with pytest.raises(CommandError, match="找不到机构"):
        call_command("import_applications", "--org", "没有这个局", str(good))
    assert Application.objects.count() == 1


def test_the_staff_page_uploads_the_ledger_and_shows_the_row_report(client, personas, frozen):
    client.force_login(personas.editor)
    url = reverse("applications_staff:ledger")
    page = client.get(url)
    assert page.status_code == 200 and "导入依申请公开台账" in page.content.decode()
    rows = generated_rows(n=4)
    rows[2]["申请人类别"] = "个人"
    bad = client.post(url, {"organisation": personas.department.pk, "file": workbook(rows)})
    text = bad.content.decode()
    assert "台账有误，未导入任何申请" in text and "“个人”不是表三的申请人类别" in text
    assert not Application.objects.exists()
    rows[2]["申请人类别"] = "自然人"
    done = client.post(url, {"organisation": personas.department.pk, "file": workbook(rows)})
    assert "新增申请 4 件" in done.content.decode() and Application.objects.count() == 4
    # The other department is no choice here, and its staff get no page for this one's ledger.
    refused = client.post(url, {"organisation": personas.other_department.pk, "file": workbook(rows)})
    assert "无权为该机构导入台账" in refused.content.decode() and Application.objects.count() == 4
    client.force_login(personas.reviewer)
    assert client.get(url).status_code == 403
    assert client.get(reverse("applications_staff:ledger_template")).status_code == 403
    assert ReviewCase.objects.count() == sum(1 for r in rows if r.get("复议诉讼类型"))
