"""The participation figures as an XLSX workbook: a sheet of particulars, then one sheet per chart
with its data table (the same rows the page prints beside the chart)."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from gongkai.analytics.figures import Participation

_INVALID = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))


def _sheet_title(title: str, taken: set[str]) -> str:
    base = title.translate(_INVALID)[:31]
    name, n = base, 2
    while name in taken:
        suffix = f"({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


def workbook(figures: Participation) -> bytes:
    wb = Workbook()
    about = wb.active
    about.title = _("说明")
    who = _("全区") if figures.organisation.is_district else figures.organisation.name
    about.append([_("公众参与分析")])
    about["A1"].font = Font(bold=True, size=14)
    for label, value in [
        (_("区"), figures.district.name),
        (_("统计范围"), who),
        (_("统计期间"), f"{figures.period.start:%Y-%m-%d} — {figures.period.end:%Y-%m-%d}"),
        (_("导出时间"), timezone.localtime().strftime("%Y-%m-%d %H:%M")),
    ]:
        about.append([label, value])
    if not figures.searches_shown:
        about.append([_("说明"), _("站内检索为全区门户数据，由政务公开办公室查看。")])
    about.column_dimensions["A"].width = 14
    about.column_dimensions["B"].width = 48
    taken = {about.title}
    for chart in figures.charts:
        ws = wb.create_sheet(_sheet_title(chart.title, taken))
        ws.append([chart.title])
        ws["A1"].font = Font(bold=True)
        ws.append(chart.headers)
        for cell in ws[2]:
            cell.font = Font(bold=True)
        for row in chart.rows:
            ws.append(row)
        if chart.note:
            ws.append([])
            ws.append([chart.note])
        for i, header in enumerate(chart.headers, start=1):
            widest = max([len(str(header))] + [len(str(r[i - 1])) for r in chart.rows])
            ws.column_dimensions[get_column_letter(i)].width = min(60, max(10, widest * 2))
        ws.freeze_panes = "A3"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
