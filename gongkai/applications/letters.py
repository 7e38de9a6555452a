"""Reply letters (告知书): the text per outcome, kept as editable templates, rendered to DOCX and PDF.

Reads and rendering only: generating and keeping a letter, opening it, and saving a template are
actions (``actions/letters.py``), which audit them. The templates are Django template
text rendered by a separate engine with no loaders and no tag libraries, over a context of plain
strings only (never model instances), so an edited template can reach nothing but these values.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.template import Context, Engine, TemplateSyntaxError
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.applications.models import Application, LetterTemplate, PauseKind, ReplyLetter
from gongkai.applications.outcomes import INFO, Outcome
from gongkai.lib.dates import cn_date
from gongkai.orgs.models import Organisation

# Every name a template may use, with what it means (shown on the editing page).
PLACEHOLDERS: dict[str, str] = {
    "applicant_name": "申请人姓名或名称",
    "number": "申请编号",
    "received_on": "收到申请之日",
    "description": "所需政府信息的名称或内容描述",
    "doc_number": "文件名称、文号",
    "outcome_label": "办理结果",
    "basis": "法律依据",
    "reply_summary": "答复要点",
    "redirect_to": "告知的机关或获取途径",
    "agency": "办理机关名称",
    "agency_phone": "办理机关联系电话",
    "replied_on": "答复日期",
    "review_body": "行政复议机关",
    "clarification_sent_on": "补正通知日期",
    "clarification_due": "补正期限",
    "fee_notice_on": "收费通知日期",
    "fee_amount": "信息处理费金额",
}

RIGHTS_NOTICE = (
    "如对本告知不服，可以在收到本告知之日起六十日内向{{ review_body }}申请行政复议，"
    "或者在收到本告知之日起六个月内依法向人民法院提起行政诉讼。"
)
OPENING = (
    "{{ applicant_name }}：\n"
    "本机关于{{ received_on }}收到您提出的政府信息公开申请（申请编号：{{ number }}），"
    "申请获取“{{ description }}”{% if doc_number %}（{{ doc_number }}）{% endif %}的政府信息。现告知如下："
)
CLOSING = (
    "{{ reply_summary }}\n"
    + RIGHTS_NOTICE
    + "\n{% if agency_phone %}如有疑问，请与本机关联系，联系电话：{{ agency_phone }}。{% endif %}\n特此告知。"
)
TITLE = "政府信息公开申请答复告知书"
TITLE_ENDED = "政府信息公开申请终止处理告知书"

# The paragraph that differs per outcome: what was decided and on which article (Art. 36–39 and 30,
# 42 of the 2019 Regulations; 国办函〔2020〕109号 for fees). {{ basis }} is INFO[outcome].basis.
DECISIONS: dict[str, str] = {
    Outcome.DISCLOSE: (
        "经审查，您申请获取的政府信息属于公开范围。根据{{ basis }}的规定，本机关决定予以公开"
        "{% if redirect_to %}。该信息已经主动公开，您可以通过以下途径获取：{{ redirect_to }}"
        "{% else %}，现将该政府信息提供给您，请查收{% endif %}。"
    ),
    Outcome.PARTIAL: (
        "经审查，您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。根据{{ basis }}的规定，"
        "本机关向您提供可以公开的政府信息内容，对不予公开的部分说明理由如下："
    ),
    Outcome.WITHHOLD_SECRET: (
        "经审查，您申请获取的政府信息属于依法确定的国家秘密。根据{{ basis }}的规定，该政府信息不予公开。"
    ),
    Outcome.WITHHOLD_LAW: (
        "经审查，您申请获取的政府信息属于法律、行政法规禁止公开的政府信息。根据{{ basis }}的规定，"
        "该政府信息不予公开。"
    ),
    Outcome.WITHHOLD_SECURITY: (
        "经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。"
        "根据{{ basis }}的规定，该政府信息不予公开。"
    ),
    Outcome.WITHHOLD_THIRD_PARTY: (
        "经审查，您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害。"
        "本机关已书面征求第三方意见，第三方不同意公开，且本机关认为不公开不会对公共利益造成重大影响。"
        "根据{{ basis }}的规定，该政府信息不予公开。"
    ),
    Outcome.WITHHOLD_INTERNAL: (
        "经审查，您申请获取的信息属于人事管理、后勤管理、内部工作流程等方面的内部事务信息。"
        "根据{{ basis }}的规定，本机关决定不予公开。"
    ),
    Outcome.WITHHOLD_PROCESS: (
        "经审查，您申请获取的信息属于本机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、"
        "请示报告等过程性信息。根据{{ basis }}的规定，本机关决定不予公开。"
    ),
    Outcome.WITHHOLD_ENFORCEMENT: (
        "经审查，您申请获取的信息属于行政执法案卷信息。根据{{ basis }}的规定，本机关决定不予公开。"
    ),
    Outcome.WITHHOLD_QUERY: (
        "经审查，您申请获取的信息属于工商、不动产登记资料等有关法律、行政法规对信息的获取有特别规定的"
        "行政查询事项。根据{{ basis }}的规定，请您依照有关法律、行政法规的规定办理"
        "{% if redirect_to %}（{{ redirect_to }}）{% endif %}。"
    ),
    # close() fills redirect_to with "经检索，本机关未制作、获取该政府信息" when no agency is named.
    Outcome.UNABLE_NOT_HELD: (
        "{% if redirect_to %}{{ redirect_to }}。{% else %}经检索，本机关未制作、获取该政府信息。{% endif %}"
        "根据{{ basis }}的规定，本机关无法向您提供该政府信息。"
    ),
    Outcome.UNABLE_NEEDS_MAKING: (
        "经审查，本机关没有制作或者获取您所申请的现成信息，提供该信息需要本机关对现有政府信息进行"
        "加工、分析。根据{{ basis }}的规定，本机关不予提供。"
    ),
    Outcome.UNABLE_UNCLEAR: (
        "本机关已于{{ clarification_sent_on }}书面通知您补正申请内容。经审查，补正后的申请内容仍不明确，"
        "本机关无法确定您所需政府信息的名称或者范围。根据{{ basis }}的规定，本机关无法向您提供。"
        "您可以在明确所需政府信息后重新提出申请。"
    ),
    Outcome.NOT_HANDLED_PETITION: (
        "经审查，您以政府信息公开申请的形式提出的是信访、投诉、举报等诉求。根据{{ basis }}的规定，"
        "本机关不作为政府信息公开申请处理，您可以通过信访、投诉、举报等相应渠道提出。"
    ),
    Outcome.NOT_HANDLED_REPEAT: (
        "经审查，本机关已就您申请获取的同一政府信息依法作出过答复，您再次提出的申请属于重复申请。"
        "根据{{ basis }}的规定，本机关不予重复处理。"
    ),
    Outcome.NOT_HANDLED_PUBLICATION: (
        "经审查，您申请获取的是政府公报、报刊、书籍等公开出版物。根据{{ basis }}的规定，"
        "本机关告知您获取的途径{% if redirect_to %}：{{ redirect_to }}{% endif %}。"
    ),
    Outcome.NOT_HANDLED_EXCESSIVE: (
        "经审查，您申请公开政府信息的数量、频次明显超过合理范围。本机关已要求您说明理由，"
        "经审查认为申请理由不合理。根据{{ basis }}的规定，本机关不予处理。"
    ),
    Outcome.NOT_HANDLED_CONFIRM: (
        "经审查，您的申请内容为要求本机关确认或者重新出具您已获取的信息，不属于获取政府信息的申请。"
        "根据{{ basis }}的规定，本机关不作为政府信息公开申请处理。"
    ),
    Outcome.OTHER_NO_CLARIFICATION: (
        "本机关已于{{ clarification_sent_on }}书面通知您补正申请内容，补正期限至{{ clarification_due }}。"
        "您在期限内无正当理由未予补正。根据{{ basis }}的规定，视为您放弃申请，"
        "本机关不再处理您的该项政府信息公开申请。"
    ),
    Outcome.OTHER_FEE_UNPAID: (
        "本机关已于{{ fee_notice_on }}向您发出信息处理费缴费通知，应缴金额{{ fee_amount }}元。"
        "您逾期未按通知要求缴纳费用。根据{{ basis }}的规定，视为您放弃申请，"
        "本机关不再处理您的该项政府信息公开申请。"
    ),
    Outcome.OTHER: "根据{{ basis }}的规定，本机关对您的申请处理如下：",
}

ENDED = {Outcome.OTHER_NO_CLARIFICATION, Outcome.OTHER_FEE_UNPAID}


def default_title(outcome: str) -> str:
    return TITLE_ENDED if outcome in ENDED else TITLE


def default_body(outcome: str) -> str:
    return f"{OPENING}\n{DECISIONS[outcome]}\n{CLOSING}"


# --- rendering --------------------------------------------------------------------------------

_INVALID = "\x00缺少占位符:%s\x00"
# No loaders, no libraries beyond the built-ins: {% include %} and {% load %} find nothing.
_ENGINE = Engine(autoescape=False, string_if_invalid=_INVALID, libraries={}, loaders=[])


def _sample_context() -> dict[str, str]:
    return {name: f"（{label}）" for name, label in PLACEHOLDERS.items()}


def check_template(title: str, body: str) -> None:
    """Refuse a template that does not render: a syntax error or a placeholder we do not provide."""
    errors = []
    for label, text in ((_("标题"), title), (_("正文"), body)):
        try:
            output = _ENGINE.from_string(text).render(Context(_sample_context(), autoescape=False))
        except TemplateSyntaxError as exc:
            errors.append(_("%(part)s中的模板语法有误：%(error)s") % {"part": label, "error": exc})
            continue
        except Exception as exc:  # e.g. {% include %} of a template that cannot exist here
            errors.append(_("%(part)s无法生成：%(error)s") % {"part": label, "error": exc})
            continue
        if "{{" in output or "{%" in output or "}}" in output or "%}" in output:
            errors.append(_("%(part)s中有未写完整的占位符（缺少 }} 或 %%}）。") % {"part": label})
        unknown = sorted({chunk.split("\x00")[0] for chunk in output.split("\x00缺少占位符:")[1:]})
        if unknown:
            errors.append(
                _("%(part)s中有无法识别的占位符：%(names)s。可用的占位符见下方说明。")
                % {"part": label, "names": "、".join(unknown) or "?"}
            )
    if errors:
        raise ValidationError(errors)


def template_for(district: Organisation | None, outcome: str) -> LetterTemplate:
    """The district's own template for ``outcome``, else the default, else the built-in text."""
    found = {
        t.district_id: t
        for t in LetterTemplate.objects.filter(outcome=outcome).filter(
            Q(district=district) | Q(district__isnull=True)
        )
    }
    chosen = found.get(district.pk if district else None) or found.get(None)
    return chosen or LetterTemplate(outcome=outcome, title=default_title(outcome), body=default_body(outcome))


def review_body(app: Application) -> str:
    """Who hears an administrative review: the district government for its departments and
    offices (行政复议法 2023, 第二十四条); the level above for the district government itself."""
    if app.organisation_id == app.district_id:
        return "上一级人民政府"
    return app.district.name


def _plain(value) -> str:
    return value.plaintext() if value is not None and hasattr(value, "plaintext") else str(value or "")


def letter_context(app: Application, outcome: str) -> dict[str, str]:
    """The placeholders' values, all plain strings. Reads the applicant's full name: callers audit."""
    stops = list(app.clock_stops.all())
    clarification = next((s for s in stops if s.kind == PauseKind.CLARIFICATION), None)
    fee = next((s for s in reversed(stops) if s.kind == PauseKind.FEE), None)
    info = INFO[outcome]
    return {
        "applicant_name": _plain(app.name),
        "number": app.number,
        "received_on": cn_date(app.received_on),
        "description": app.description.strip().rstrip("。"),
        "doc_number": app.doc_number,
        "outcome_label": Outcome(outcome).label,
        "basis": info.basis,
        "reply_summary": app.reply_summary.strip() if app.outcome == outcome else "",
        "redirect_to": app.redirect_to.strip().rstrip("。；;.") if app.outcome == outcome else "",
        "agency": app.organisation.name,
        "agency_phone": app.organisation.phone,
        "replied_on": cn_date(app.replied_on or timezone.localdate()),
        "review_body": review_body(app),
        "clarification_sent_on": cn_date(clarification.started_on) if clarification else "",
        "clarification_due": cn_date(clarification.respond_by) if clarification else "",
        "fee_notice_on": cn_date(fee.started_on) if fee else "",
        "fee_amount": f"{fee.fee_amount:.2f}" if fee and fee.fee_amount is not None else "",
    }


@dataclass
class LetterText:
    title: str
    number: str
    applicant: str
    address: str
    paragraphs: list[str]
    agency: str
    date: str
    attachments: list[str] = field(default_factory=list)
    draft: bool = False


def render_letter(app: Application, outcome: str, *, attachments=(), draft: bool = False) -> LetterText:
    template = template_for(app.district, outcome)
    context = letter_context(app, outcome)
    engine = Engine(autoescape=False, libraries={}, loaders=[])  # unknown names render empty here
    title = engine.from_string(template.title).render(Context(context, autoescape=False)).strip()
    body = engine.from_string(template.body).render(Context(context, autoescape=False))
    paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
    return LetterText(
        title=title,
        number=app.number,
        applicant=context["applicant_name"],
        address=_plain(app.address),
        paragraphs=paragraphs,
        agency=app.organisation.name,
        date=context["replied_on"],
        attachments=[a.strip() for a in attachments if a.strip()],
        draft=draft,
    )


def _is_salutation(text: str) -> bool:
    return text.endswith("：") and len(text) <= 60


# --- DOCX ---------------------------------------------------------------------------------------

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"


def _set_font(run, name: str, size_pt: float, *, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def build_docx(text: LetterText) -> bytes:
    """A4, margins and type sizes after GB/T 9704 (公文格式): title 二号, body 三号 (16 pt)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)

    def para(content: str, *, align=None, indent: bool = False, size: float = 16, font: str = BODY_FONT):
        p = doc.add_paragraph()
        if align is not None:
            p.alignment = align
        p.paragraph_format.line_spacing = Pt(28)
        if indent:
            p.paragraph_format.first_line_indent = Pt(size * 2)
        _set_font(p.add_run(content), font, size)
        return p

    if text.draft:
        para(_("（草稿，未办结）"), align=WD_ALIGN_PARAGRAPH.CENTER, size=12)
    para(text.title, align=WD_ALIGN_PARAGRAPH.CENTER, size=22, font=TITLE_FONT)
    para(_("申请编号：%(n)s") % {"n": text.number}, align=WD_ALIGN_PARAGRAPH.RIGHT, size=14)
    para(_("申请人：%(name)s") % {"name": text.applicant})
    if text.address:
        para(_("通信地址：%(address)s") % {"address": text.address})
    for content in text.paragraphs:
        para(content, indent=not _is_salutation(content))
    if text.attachments:
        para("")
        para(_("附件：") + text.attachments[0], indent=True)
        for i, name in enumerate(text.attachments[1:], start=2):
            para(f"      {i}．{name}", indent=True)
    para("")
    para(text.agency, align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(text.date, align=WD_ALIGN_PARAGRAPH.RIGHT)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- PDF ----------------------------------------------------------------------------------------

# WeasyPrint needs a CJK font installed on the server (Debian: fonts-noto-cjk).
PDF_CSS = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "SimSun", serif;
       font-size: 16pt; line-height: 28pt; }
h1 { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "SimSun", serif;
     text-align: center; font-size: 22pt; line-height: 1.5; margin: 0 0 12pt; }
p { margin: 0; }
.indent { text-indent: 2em; }
.right { text-align: right; }
.number { text-align: right; font-size: 14pt; }
.draft { text-align: center; font-size: 12pt; color: #c4161c; }
.sign { margin-top: 28pt; }
"""


def letter_html(text: LetterText) -> str:
    e = html.escape
    parts = [
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{e(text.title)}</title><style>{PDF_CSS}</style></head><body>",
    ]
    if text.draft:
        parts.append(f'<p class="draft">{e(_("（草稿，未办结）"))}</p>')
    parts.append(f"<h1>{e(text.title)}</h1>")
    parts.append(f'<p class="number">{e(_("申请编号：%(n)s") % {"n": text.number})}</p>')
    parts.append(f"<p>{e(_('申请人：%(name)s') % {'name': text.applicant})}</p>")
    if text.address:
        parts.append(f"<p>{e(_('通信地址：%(address)s') % {'address': text.address})}</p>")
    for content in text.paragraphs:
        css = "" if _is_salutation(content) else ' class="indent"'
        parts.append(f"<p{css}>{e(content)}</p>")
    if text.attachments:
        parts.append(f'<p class="indent sign">{e(_("附件：") + text.attachments[0])}</p>')
        parts.extend(
            f'<p class="indent">&emsp;&emsp;&emsp;{i}．{e(name)}</p>'
            for i, name in enumerate(text.attachments[1:], start=2)
        )
    parts.append(f'<p class="right sign">{e(text.agency)}</p><p class="right">{e(text.date)}</p>')
    parts.append("</body></html>")
    return "".join(parts)


def build_pdf(text: LetterText) -> bytes:
    from weasyprint import HTML

    return HTML(string=letter_html(text)).write_pdf()


# --- the letters of an application -----------------------------------------------------------

LETTER_FILES = ("docx", "pdf")  # the files kept of each letter (ReplyLetter.docx, .pdf)


def attachment_names(app: Application) -> list[str]:
    """The names of the documents uploaded to deliver with the reply, in upload order."""
    return list(app.documents.order_by("uploaded_at", "pk").values_list("name", flat=True))


def latest_letter(app: Application) -> FieldFile | None:
    """The PDF of the latest final (not draft) reply letter of ``app``, or None."""
    letter = (
        ReplyLetter.objects.filter(application=app, is_draft=False).order_by("-generated_at", "-pk").first()
    )
    return letter.pdf if letter is not None else None


# The root conftest re-seeds the default templates under this name after a flush; the seed itself
# is in seed.py (a write, which only seeds and actions may do).
from gongkai.applications.seed import seed_default_templates  # noqa: E402, F401
