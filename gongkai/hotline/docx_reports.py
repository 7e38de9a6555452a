"""Word documents for leaders: the monthly bulletin (红头 style) and a 专题材料 on one topic.

Fonts follow the usual official-document habit (方正小标宋 for the red title, 仿宋 for the text,
黑体 for section heads); Word substitutes what the reader's machine lacks.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from gongkai.hotline.bulletins import Bulletin, named_text, overview_text, percent
from gongkai.hotline.hotissues import TopicReport
from gongkai.lib.text import printable

RED = RGBColor(0xC4, 0x16, 0x1C)
SECTION_NUMBERS = "一二三四五六七八九十"


def _font(run, name: str, size: float, *, bold: bool = False, color: RGBColor | None = None) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


# Every text passes ``printable``: a control character stored in a letter cannot be written to XML.
def _para(
    doc, text: str = "", *, size: float = 16, font: str = "仿宋_GB2312", bold=False, color=None, align=None
):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    if text:
        _font(p.add_run(printable(text)), font, size, bold=bold, color=color)
    return p


def _red_rule(paragraph) -> None:
    """The red line under the masthead: a bottom border on the paragraph."""
    ppr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "18"), ("w:space", "1"), ("w:color", "C4161C")):
        bottom.set(qn(key), value)
    border.append(bottom)
    ppr.append(border)


def _heading(doc, index: int, text: str) -> None:
    _para(doc, f"{SECTION_NUMBERS[index]}、{text}", font="黑体", size=16)


def _table(doc, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(printable(text)), "黑体", 10.5)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = ""
            _font(cell.paragraphs[0].add_run(printable(text)), "仿宋_GB2312", 10.5)


def _masthead(doc, title: str, number_line: str, issuer: str, date_text: str) -> None:
    _para(doc, title, font="方正小标宋简体", size=30, color=RED, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, number_line, size=16, align=WD_ALIGN_PARAGRAPH.CENTER)
    p = _para(doc, f"{issuer}　　　　{date_text}", size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    _red_rule(p)


def _save(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def bulletin_docx(b: Bulletin) -> bytes:
    doc = Document()
    _masthead(
        doc,
        b.title,
        f"{b.year}年{b.number_label}",
        b.office_name,
        f"{b.issued_on.year}年{b.issued_on.month}月{b.issued_on.day}日",
    )
    _para(
        doc,
        f"{b.district_name}区长公开电话{b.period_label}办理情况通报",
        font="黑体",
        size=18,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )

    _heading(doc, 0, "总体情况")
    _para(doc, overview_text(b))

    _heading(doc, 1, "各单位办理情况")
    _table(
        doc,
        ["排名", "承办单位", "受理", "办结", "按时答复", "超期", "满意率"],
        [
            [u.rank, u.name, u.received, u.closed, u.on_time, u.overdue, percent(u.satisfaction_rate)]
            for u in b.units
        ],
    )

    _heading(doc, 2, "领导接听情况")
    if b.duty:
        _table(
            doc,
            ["日期", "班次", "接听领导", "职务", "单位", "接听来电", "已办结"],
            [
                [f"{d.date:%m月%d日}", d.shift, d.person_name, d.position, d.unit, d.calls, d.closed]
                for d in b.duty
            ],
        )
    else:
        _para(doc, "本月未安排领导接听。")

    _heading(doc, 3, "热点问题")
    if b.categories:
        _para(doc, "按类别：" + "；".join(f"{name}{n}件" for name, n in b.categories) + "。")
    if b.keywords:
        _para(doc, "群众反映较多的问题涉及：" + "、".join(f"{w}（{n}件）" for w, n in b.keywords) + "。")
    if not b.categories:
        _para(doc, "本月无诉求。")

    _heading(doc, 4, "通报")
    _para(doc, named_text(b))
    return _save(doc)


def special_report_docx(r: TopicReport, *, issuer: str = "") -> bytes:
    doc = Document()
    _masthead(
        doc,
        "专题材料",
        f"关于“{r.topic}”问题的情况报告",
        issuer or f"{r.district_name}区长公开电话办公室",
        f"{r.start:%Y年%m月%d日}至{r.end:%Y年%m月%d日}",
    )
    _heading(doc, 0, "基本情况")
    rate = percent(r.closed / r.total) if r.total else "—"
    _para(
        doc,
        f"{r.start:%Y年%m月%d日}至{r.end:%Y年%m月%d日}，区长公开电话和区长信箱共受理涉及“{r.topic}”的群众诉求"
        f"{r.total}件，已办结{r.closed}件，办结率{rate}。",
    )
    _heading(doc, 1, "变化趋势（按周）")
    _table(doc, ["周（起始日）", "件数"], [[f"{w:%Y-%m-%d}", n] for w, n in r.weekly])
    _heading(doc, 2, "分布情况（按乡镇街道）")
    _table(doc, ["乡镇（街道）", "件数"], [[name, n] for name, n in r.places] or [["—", 0]])
    _heading(doc, 3, "承办单位")
    _table(doc, ["承办单位", "件数"], [[name, n] for name, n in r.units] or [["—", 0]])
    _heading(doc, 4, "典型诉求")
    if r.samples:
        for s in r.samples:
            _para(doc, f"{s.number}（{s.received:%m月%d日}，{s.place}，{s.unit}）：{s.matter}", size=14)
    else:
        _para(doc, "本期间无相关诉求。")
    if r.keywords:
        _heading(doc, 5, "相关关键词")
        _para(doc, "、".join(f"{w}（{n}件）" for w, n in r.keywords) + "。")
    return _save(doc)
