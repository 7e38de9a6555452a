"""DOCX in the layout of official documents (GB/T 9704 党政机关公文格式): A4 with its margins, the
typefaces offices file in (小标宋 title, 黑体 headings, 仿宋 body; Word falls back where one is absent),
Chinese text set in the East Asian font slot, 28 pt lines and a two-character first-line indent."""

from __future__ import annotations

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"


def set_font(run, name: str, size_pt: float, *, bold: bool = False) -> None:
    """``run`` in ``name`` at ``size_pt``, for Latin and Chinese text alike."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def new_document():
    """An empty A4 document with GB/T 9704's margins (top 37, bottom 35, left 28, right 26 mm)."""
    from docx import Document
    from docx.shared import Mm

    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    return doc


def paragraph(doc, text: str, *, font: str = BODY_FONT, size: float = 16, align=None, indent: bool = True):
    """A paragraph of ``text`` (三号 = 16 pt by default) on 28 pt lines, indented two characters."""
    from docx.shared import Pt

    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    p.paragraph_format.line_spacing = Pt(28)
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    set_font(p.add_run(text), font, size)
    return p
