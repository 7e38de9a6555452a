"""A report as a document: the HTML page, the body of its catalog item, DOCX and PDF — all four made
from one description (``document``), so they say the same.

Tables are grids of cells with row and column spans, laid out as the format prints them
(``formats.py``); each number cell carries the key of its figure, which the staff view turns
into a link to the records counted in it (``trace.py``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.template.loader import render_to_string

from gongkai.lib import officialdoc
from gongkai.reports import formats
from gongkai.reports.models import Report, ReportFormat


@dataclass
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    head: bool = False
    number: bool = False
    key: str = ""  # "table_three.withhold_6.natural": the figure, for tracing
    missing: bool = False
    url: str = ""  # set by the staff view: the records counted in the cell


@dataclass
class Table:
    key: str
    caption: str
    rows: list[list[Cell]] = field(default_factory=list)

    @property
    def width(self) -> int:
        return sum(c.colspan for c in self.rows[0]) if self.rows else 0


@dataclass
class Section:
    key: str
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Document:
    title: str
    organisation: str
    year: int
    format: str
    sections: list[Section]
    signature: str
    date: str


def _value(value) -> tuple[str, bool]:
    if value is None:
        return "—", True
    return str(value), False


def _num(value, key: str) -> Cell:
    text, missing = _value(value)
    return Cell(text, number=True, key=key, missing=missing)


def table_two(figures: dict) -> Table:
    blocks = formats.table_two(figures["format"])
    width = 1 + max(len(b.columns) for b in blocks)
    table = Table("table_two", "二、主动公开政府信息情况")
    values = figures["table_two"] or {}
    for block in blocks:
        table.rows.append([Cell(block.item, colspan=width, head=True)])
        last = width - len(block.columns)  # the last column spans what the block does not use
        header = [Cell("信息内容", head=True)]
        for i, (_key, label) in enumerate(block.columns):
            header.append(Cell(label, head=True, colspan=last if i == len(block.columns) - 1 else 1))
        table.rows.append(header)
        for row_key, row_label in block.rows:
            cells = [Cell(row_label)]
            for i, (col_key, _label) in enumerate(block.columns):
                cell = _num(values.get(row_key, {}).get(col_key), f"table_two.{row_key}.{col_key}")
                if i == len(block.columns) - 1:
                    cell.colspan = last
                cells.append(cell)
            table.rows.append(cells)
    return table


def table_three(figures: dict) -> Table:
    fmt = figures["format"]
    rows = figures["table_three"]["rows"]
    columns = [key for key, _label in formats.THREE_COLUMNS]
    labels = dict(formats.THREE_COLUMNS)
    table = Table("table_three", "三、收到和处理政府信息公开申请情况")
    table.rows.append([Cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", colspan=3, rowspan=3, head=True), Cell("申请人情况", colspan=7, head=True)])
    table.rows.append(
        [Cell(labels["natural"], rowspan=2, head=True), Cell("法人或其他组织", colspan=5, head=True), Cell(labels["total"], rowspan=2, head=True)]
    )
    table.rows.append([Cell(labels[c], head=True) for c in formats.LEGAL_PERSON_COLUMNS])

    def numbers(key: str) -> list[Cell]:
        return [_num(rows[key][c], f"table_three.{key}.{c}") for c in columns]

    for key, label in (formats.NEW_ROW, formats.CARRIED_IN_ROW):
        table.rows.append([Cell(label, colspan=3), *numbers(key)])
    groups = formats.three_results(fmt)
    span = sum(len(g.rows) or 1 for g in groups)
    first = True
    for group in groups:
        lead = [Cell(formats.RESULTS_HEADING, rowspan=span)] if first else []
        first = False
        if not group.rows:
            table.rows.append([*lead, Cell(group.label, colspan=2), *numbers(group.key)])
            continue
        for i, (key, label) in enumerate(group.rows):
            head = [Cell(group.label, rowspan=len(group.rows))] if i == 0 else []
            table.rows.append([*(lead if i == 0 else []), *head, Cell(label), *numbers(key)])
    key, label = formats.CARRIED_OUT_ROW
    table.rows.append([Cell(label, colspan=3), *numbers(key)])
    return table


def table_four(figures: dict) -> Table:
    values = figures["table_four"]
    table = Table("table_four", "四、政府信息公开行政复议、行政诉讼情况")
    results = formats.FOUR_RESULTS
    table.rows.append([Cell("行政复议", colspan=5, head=True), Cell("行政诉讼", colspan=10, head=True)])
    table.rows.append(
        [
            *[Cell(label, rowspan=2, head=True) for _key, label in results],
            Cell("未经复议直接起诉", colspan=5, head=True),
            Cell("复议后起诉", colspan=5, head=True),
        ]
    )
    table.rows.append([Cell(label, head=True) for _kind in range(2) for _key, label in results])
    table.rows.append(
        [
            _num(values[kind][result], f"table_four.{kind}.{result}")
            for kind, _label in formats.FOUR_KINDS
            for result, _l in results
        ]
    )
    return table


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def document(report: Report) -> Document:
    figures = report.figures
    fmt = report.format
    sections = []
    for key, heading in formats.SECTIONS[fmt]:
        section = Section(key, heading)
        if key == "table_two":
            section.tables.append(table_two(figures))
        elif key == "table_three":
            section.tables.append(table_three(figures))
        elif key == "table_four":
            section.tables.append(table_four(figures))
        else:
            section.paragraphs = _paragraphs(getattr(report, key))
        sections.append(section)
    signer = report.organisation.name
    if report.organisation.is_district:
        signer = f"{report.organisation.short_name or report.organisation.name}政务公开领导小组办公室"
    day = (report.approved_at or report.generated_at).date()
    intro = Section("intro", "")
    if fmt == ReportFormat.NARRATIVE:
        intro.paragraphs = []
    else:
        intro.paragraphs = [
            f"本报告根据《中华人民共和国政府信息公开条例》第五十条的规定，由{signer}编制。"
            f"报告所列数据的统计期限自{report.year}年1月1日起至{report.year}年12月31日止。"
        ]
    return Document(
        title=report.title,
        organisation=report.organisation.name,
        year=report.year,
        format=fmt,
        sections=[intro, *sections] if intro.paragraphs else sections,
        signature=signer,
        date=f"{day.year}年{day.month}月{day.day}日",
    )


# --- HTML ------------------------------------------------------------------------------------------


def item_body(report: Report) -> str:
    """The body of the report's information item: the document without page chrome."""
    return render_to_string(
        "reports/_document.html", {"doc": document(report), "trace": None, "report": report, "links": True}
    )


PDF_CSS = """
@page { size: A4; margin: 30mm 22mm 28mm 24mm;
        @bottom-center { content: "— " counter(page) " —"; font-size: 10.5pt; } }
body { font-family: "Noto Serif CJK SC", "Noto Serif CJK", "FangSong", "STFangsong", serif;
       font-size: 14pt; line-height: 1.75; }
h1 { font-family: "Noto Serif CJK SC", "Noto Serif CJK", serif; font-weight: 900;
     text-align: center; font-size: 20pt; line-height: 1.5; margin: 0 0 14pt; }
h2 { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", sans-serif; font-size: 14pt; margin: 12pt 0 6pt; }
p { margin: 0; text-indent: 2em; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 12pt; font-size: 9.5pt; line-height: 1.35;
        page-break-inside: auto; }
th, td { border: 0.6pt solid #000; padding: 2pt 3pt; text-align: center; vertical-align: middle; }
td.label { text-align: left; }
.sign { text-align: right; margin-top: 18pt; text-indent: 0; }
"""


def html_page(report: Report) -> str:
    """A standalone page of the report (the download, and what the PDF is made from)."""
    return render_to_string(
        "reports/print.html", {"doc": document(report), "css": PDF_CSS, "trace": None}
    )


def pdf(report: Report) -> bytes:
    from weasyprint import HTML

    return HTML(string=html_page(report)).write_pdf()


# --- DOCX ------------------------------------------------------------------------------------------

BODY_FONT, TITLE_FONT, HEADING_FONT = officialdoc.BODY_FONT, officialdoc.TITLE_FONT, officialdoc.HEADING_FONT


_font = officialdoc.set_font


def _docx_table(doc, table: Table) -> None:
    """A real Word table with the grid's merged cells."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    height, width = len(table.rows), table.width
    word = doc.add_table(rows=height, cols=width)
    word.style = "Table Grid"
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            target = word.cell(r, c)
            if cell.colspan > 1 or cell.rowspan > 1:
                target = target.merge(word.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            paragraph = target.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if (not cell.number and not cell.head and cell.colspan < width and len(cell.text) > 6) else WD_ALIGN_PARAGRAPH.CENTER
            _font(paragraph.add_run(cell.text), BODY_FONT, 9, bold=cell.head)
            c += cell.colspan


def docx(report: Report) -> bytes:
    """A4, margins and type sizes after GB/T 9704: title 二号 小标宋, body 三号 仿宋, headings 黑体."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    described = document(report)
    doc = officialdoc.new_document()

    def para(text: str, **style):
        return officialdoc.paragraph(doc, text, **style)

    para(described.title, font=TITLE_FONT, size=22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    for part in described.sections:
        if part.heading:
            para(part.heading, font=HEADING_FONT, size=16)
        for text in part.paragraphs:
            para(text)
        for table in part.tables:
            _docx_table(doc, table)
    para("")
    para(described.signature, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    para(described.date, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
