"""The work plan (工作要点 / 实施方案): the year's key tasks, their responsible units and due dates,
and the units' progress reports. This module computes what follows from the records — whether a
unit's part and a task are done, overdue or due soon — and holds the reports' workflow table and
the XLSX template, import and export. It writes nothing: ``actions.py`` does.

- A unit's part of a task is done on the day the office accepts a report of it saying 已完成.
- A task is done when every responsible unit's part is; it is overdue when it is not done after
  its due date. A due date that falls on a day off moves to the next working day (期限届满日为
  节假日的顺延), from the working-day calendar (a year not announced yet counted provisionally).
- Due soon: within ``SOON_WORKING_DAYS`` working days of that day.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.orgs.models import Organisation
from gongkai.supervision.models import PlanTask, Progress, ProgressReport, ReportState
from gongkai.workcal.calendar import Basis, add_working_days, working_days_between

SOON_WORKING_DAYS = 5


# --- the reports' workflow: the one table the actions check and the pages draw buttons from ----------


@dataclass(frozen=True)
class Transition:
    verb: str
    label: str
    source: str
    target: str
    permission: str


TRANSITIONS: dict[str, Transition] = {
    t.verb: t
    for t in [
        Transition(
            "accept",
            gettext_lazy("审核通过"),
            ReportState.SUBMITTED,
            ReportState.ACCEPTED,
            "supervision.manage",
        ),
        Transition(
            "return", gettext_lazy("退回"), ReportState.SUBMITTED, ReportState.RETURNED, "supervision.manage"
        ),
    ]
}


def check(verb: str, state: str) -> Transition:
    transition = TRANSITIONS[verb]
    if state != transition.source:
        raise ValidationError(
            _("进展报送当前状态（%(state)s）不能执行“%(verb)s”。")
            % {"state": ReportState(state).label, "verb": transition.label}
        )
    return transition


# --- what follows from the records --------------------------------------------------------------


def effective_due(due_on: dt.date) -> dt.date:
    """The task's last day: its due date, or the first working day after it when that is a day off."""
    return add_working_days(due_on - dt.timedelta(days=1), 1, basis=Basis.PROVISIONAL)


@dataclass
class Part:
    """One responsible unit's part of a task, from its reports (oldest first)."""

    unit: Organisation
    lead: bool
    reports: list[ProgressReport] = field(default_factory=list)

    @property
    def latest(self) -> ProgressReport | None:
        return self.reports[-1] if self.reports else None

    @property
    def pending(self) -> ProgressReport | None:
        latest = self.latest
        return latest if latest is not None and latest.state == ReportState.SUBMITTED else None

    @property
    def accepted(self) -> ProgressReport | None:
        found = [r for r in self.reports if r.state == ReportState.ACCEPTED]
        return found[-1] if found else None

    @property
    def done_on(self) -> dt.date | None:
        for report in self.reports:
            if report.state == ReportState.ACCEPTED and report.progress == Progress.COMPLETED:
                return timezone.localdate(report.reviewed_at)
        return None

    @property
    def label(self) -> str:
        if self.done_on:
            return _("已完成")
        if self.pending:
            return _("待审核")
        latest = self.latest
        if latest is not None and latest.state == ReportState.RETURNED:
            return _("已退回")
        if self.accepted:
            return _("推进中")
        return _("未报送")


@dataclass
class TaskStatus:
    task: PlanTask
    parts: list[Part]
    due: dt.date  # the effective last day
    today: dt.date

    @property
    def done_on(self) -> dt.date | None:
        days = [p.done_on for p in self.parts]
        return max(days) if days and all(days) else None

    @property
    def done(self) -> bool:
        return self.done_on is not None

    @property
    def overdue(self) -> bool:
        return not self.done and self.today > self.due

    @property
    def late(self) -> bool:
        """Done, but after its last day (逾期完成)."""
        return self.done and self.done_on > self.due

    @property
    def working_days_left(self) -> int:
        return working_days_between(self.today, self.due, basis=Basis.PROVISIONAL)

    @property
    def soon(self) -> bool:
        return not self.done and not self.overdue and self.working_days_left <= SOON_WORKING_DAYS

    @property
    def days_overdue(self) -> int:
        return max((self.today - self.due).days, 0)

    @property
    def key(self) -> str:
        if self.done:
            return "late" if self.late else "done"
        if self.overdue:
            return "overdue"
        if self.soon:
            return "soon"
        return "open"

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.key])

    @property
    def pending(self) -> list[ProgressReport]:
        return [p.pending for p in self.parts if p.pending]

    def open_parts(self) -> list[Part]:
        return [p for p in self.parts if not p.done_on]


STATUS_LABELS = {
    "done": gettext_lazy("已完成"),
    "late": gettext_lazy("逾期完成"),
    "overdue": gettext_lazy("已逾期"),
    "soon": gettext_lazy("即将到期"),
    "open": gettext_lazy("推进中"),
}


def with_parts(tasks) -> list[PlanTask]:
    """``tasks`` (a queryset) with their units and reports in three queries."""
    return list(tasks.prefetch_related("task_units__unit", "reports"))


def status_of(task: PlanTask, today: dt.date) -> TaskStatus:
    reports = sorted(task.reports.all(), key=lambda r: (r.submitted_at, r.pk))
    parts = []
    for i, tu in enumerate(sorted(task.task_units.all(), key=lambda tu: (tu.order, tu.pk))):
        parts.append(Part(tu.unit, i == 0, [r for r in reports if r.unit_id == tu.unit_id]))
    return TaskStatus(task, parts, effective_due(task.due_on), today)


def statuses(tasks, today: dt.date) -> list[TaskStatus]:
    return [status_of(t, today) for t in with_parts(tasks)]


def overdue_parts(district: Organisation, today: dt.date) -> list[tuple[TaskStatus, Part]]:
    """Every responsible unit's part not done of a task past its last day (the check reads this)."""
    tasks = PlanTask.objects.filter(district=district, due_on__lt=today)
    found = []
    for status in statuses(tasks, today):
        if status.overdue:
            found.extend((status, part) for part in status.open_parts())
    return found


# --- XLSX: the template, the import, the export -----------------------------------------------------

COLUMNS = ["序号", "任务内容", "类别", "责任单位", "完成时限", "来源文件"]
UNIT_SEPARATORS = "、，,；;\n"
MAX_ROWS = 1000


def template_xlsx(year: int) -> bytes:
    """The import template: the header row, an example row and a sheet that explains each column."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "工作要点"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append(
        [
            "1",
            "（示例，导入前请删除本行）及时公开年度预算、决算及“三公”经费",
            "预决算公开",
            "区财政局、区教育局",
            dt.date(year, 6, 30),
            f"{year}年政务公开工作要点",
        ]
    )
    for letter, width in zip("ABCDEF", (8, 60, 16, 36, 14, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    help_sheet = book.create_sheet("填写说明")
    for row in [
        ["列", "说明"],
        ["序号", "可选，如“1”“2.3”"],
        ["任务内容", "必填"],
        ["类别", "可选，如“重点领域信息公开”“政策解读”"],
        ["责任单位", "必填，填写本区机构全称或简称；多个单位用顿号（、）分隔，第一个为牵头单位"],
        ["完成时限", "必填，日期，如 2026-06-30；遇节假日顺延至下一个工作日"],
        ["来源文件", "可选，如“2026年政务公开工作要点”"],
    ]:
        help_sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass
class ImportResult:
    rows: list[dict]
    errors: list[str]


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value or "").strip().replace("/", "-").replace(".", "-")
    for fmt in ("%Y-%m-%d", "%Y年%m月%d日"):
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 (a calendar date)
        except ValueError:
            continue
    return None


def _split_units(text: str) -> list[str]:
    names = [str(text or "")]
    for sep in UNIT_SEPARATORS:
        names = [part for name in names for part in name.split(sep)]
    return [n.strip() for n in names if n.strip()]


def unit_index(district: Organisation) -> dict[str, Organisation]:
    """The district's active organisations by full and short name."""
    index: dict[str, Organisation] = {}
    for org in Organisation.objects.filter(district=district, is_active=True).exclude(pk=district.pk):
        index.setdefault(org.name, org)
        if org.short_name:
            index.setdefault(org.short_name, org)
    return index


def read_xlsx(data: bytes, district: Organisation) -> ImportResult:
    """Parse an uploaded sheet (the template's columns) into task rows, or say what is wrong with
    each row (row numbers as Excel shows them). Nothing is saved here."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        return ImportResult([], [_("无法读取文件，请上传由模板填写的 .xlsx 文件。")])
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(c or "").strip() for c in next(rows, ())]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        return ImportResult([], [_("表头缺少：%(cols)s（请使用下载的模板）") % {"cols": "、".join(missing)}])
    at = {name: header.index(name) for name in COLUMNS}
    units = unit_index(district)
    found, errors = [], []
    for n, row in enumerate(rows, start=2):
        cells = {name: (row[i] if i < len(row) else None) for name, i in at.items()}
        if all(v in (None, "") for v in cells.values()):
            continue
        if len(found) >= MAX_ROWS:
            errors.append(_("一次最多导入%(n)s条任务。") % {"n": MAX_ROWS})
            break
        text = str(cells["任务内容"] or "").strip()
        problems = []
        if not text:
            problems.append(_("任务内容为空"))
        elif text.startswith("（示例"):
            continue
        names = _split_units(cells["责任单位"])
        chosen = []
        for name in names:
            if name in units:
                if units[name] not in chosen:
                    chosen.append(units[name])
            else:
                problems.append(_("本区没有“%(name)s”") % {"name": name})
        if not names:
            problems.append(_("责任单位为空"))
        due = _date(cells["完成时限"])
        if due is None:
            problems.append(_("完成时限不是日期"))
        if problems:
            errors.append(_("第%(n)s行：%(problems)s") % {"n": n, "problems": "；".join(problems)})
            continue
        found.append(
            {
                "number": str(cells["序号"] or "").strip()[:20],
                "text": text,
                "category": str(cells["类别"] or "").strip()[:60],
                "units": chosen,
                "due_on": due,
                "source": str(cells["来源文件"] or "").strip()[:300],
            }
        )
    if not found and not errors:
        errors.append(_("文件中没有任务。"))
    return ImportResult(found, errors)


def export_xlsx(rows: Iterable[TaskStatus]) -> bytes:
    """The tasks with each unit's standing, in the template's columns and then the computed ones."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "工作要点"
    sheet.append([*COLUMNS, "顺延后期限", "状态", "完成日期", "各单位进展"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for s in rows:
        t = s.task
        sheet.append(
            [
                t.number,
                t.text,
                t.category,
                "、".join(p.unit.name for p in s.parts),
                t.due_on,
                t.source,
                s.due,
                s.label,
                s.done_on,
                "；".join(f"{p.unit.name}：{p.label}" for p in s.parts),
            ]
        )
    for letter, width in zip("ABCDEFGHIJ", (8, 60, 16, 36, 14, 30, 14, 10, 14, 50), strict=True):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
