"""The portal's yearly form (政府网站工作年度报表, 国办函〔2018〕12号): its fields, where each figure
comes from, and the form as a document (HTML, the catalog item's body, DOCX).

The notice names eight parts — 信息发布, 专栏专题, 解读回应, 办事服务, 互动交流, 安全防护, 移动新媒体,
创新发展 — under the site's particulars; ``SECTIONS`` lists the fields of each as the form published
on government portals lays them out (units in the labels). A field with a ``source`` is computed from
the records, through the domain apps' ``stats.py`` only (the layer contract); a field without one is
entered by the disclosure office and shown as entered (填报). The platform never types a figure it
holds: what it computes the office cannot overwrite.

- 信息发布: items published in the year (catalog): in total and in the catalog — every item of the
  platform is in the 信息公开目录 — and those of the columns whose annual-report category is
  概况 (机构设置 …) or 政务动态; the category words are in ``OVERVIEW_GROUPS`` / ``NEWS_GROUPS``;
- 办事服务: service items registered and the year's cases (services), whether a catalogue of
  service items with its guides is published;
- 互动交流 · 留言办理: the district head's mailbox (区长信箱, hotline): letters received and closed.

Keys of ``WebsiteForm.figures``: ``schema`` ("gongkai.website-form/1"), ``year``, ``district``
{code, name}, and ``values`` {field key: value} for every computed field (None: nothing to count).
``WebsiteForm.entered`` holds {field key: value} for the entered ones.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.catalog import stats as catalog_stats
from gongkai.hotline import stats as hotline_stats
from gongkai.orgs.models import Organisation, PortalHost
from gongkai.reports import rendering
from gongkai.reports.models import WebsiteForm
from gongkai.services import stats as services_stats

SCHEMA = "gongkai.website-form/1"
OVERVIEW_GROUPS = ("机构设置", "概况")
NEWS_GROUPS = ("政务动态",)

INT, BOOL, TEXT = "int", "bool", "text"


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str = INT
    source: Callable[[Organisation, int, dict], Any] | None = None
    required: bool = True  # an entered field the office must fill before approval

    @property
    def computed(self) -> bool:
        return self.source is not None


@dataclass(frozen=True)
class Part:
    key: str
    heading: str
    fields: list[Field]


# --- the sources: the records behind the computed fields -------------------------------------------


def _published(district: Organisation, year: int, memo: dict):
    if "published" not in memo:
        memo["published"] = catalog_stats.published(district, catalog_stats.Period.year(year))
    return memo["published"]


def _groups(words: tuple[str, ...]):
    def count(district: Organisation, year: int, memo: dict) -> int:
        by_group = _published(district, year, memo).by_group
        return sum(n for group, n in by_group.items() if any(w in group for w in words))

    return count


def _total(district: Organisation, year: int, memo: dict) -> int:
    return _published(district, year, memo).total


def _guides(district: Organisation, year: int, memo: dict) -> dict:
    if "guides" not in memo:
        memo["guides"] = services_stats.guides(district)
    return memo["guides"]


def _cases(district: Organisation, year: int, memo: dict) -> dict:
    if "cases" not in memo:
        memo["cases"] = services_stats.cases(district, year)
    return memo["cases"]


def _mailbox(district: Organisation, year: int, memo: dict):
    if "hotline" not in memo:
        memo["hotline"] = hotline_stats.year_figures(district, year)
    return memo["hotline"]


def _home_url(district: Organisation, year: int, memo: dict) -> str:
    host = PortalHost.objects.filter(district=district).order_by("pk").values_list("host", flat=True).first()
    return f"https://{host}/" if host else ""


SECTIONS: list[Part] = [
    Part(
        "site",
        "网站基本信息",
        [
            Field("site.name", "网站名称", TEXT, lambda d, y, m: f"{d.name}门户网站"),
            Field("site.url", "首页网址", TEXT, _home_url),
            Field("site.sponsor", "主办单位", TEXT, lambda d, y, m: d.name),
            Field("site.type", "网站类型", TEXT, lambda d, y, m: "政府门户网站"),
            Field("site.code", "政府网站标识码", TEXT),
            Field("site.icp", "ICP备案号", TEXT),
            Field("site.police", "公安机关备案号", TEXT),
            Field("site.visitors", "独立用户访问总量（单位：个）"),
            Field("site.visits", "网站总访问量（单位：次）"),
        ],
    ),
    Part(
        "info",
        "信息发布（单位：条）",
        [
            Field("info.total", "总数", INT, _total),
            Field("info.overview", "概况类信息更新量", INT, _groups(OVERVIEW_GROUPS)),
            Field("info.news", "政务动态信息更新量", INT, _groups(NEWS_GROUPS)),
            Field("info.catalog", "信息公开目录信息更新量", INT, _total),
        ],
    ),
    Part(
        "topics",
        "专栏专题（单位：个）",
        [Field("topics.maintained", "维护数量"), Field("topics.new", "新开设数量")],
    ),
    Part(
        "interpret",
        "解读回应",
        [
            Field("interpret.total", "解读信息发布总数（单位：条）"),
            Field("interpret.materials", "其中：解读材料数量（单位：条）"),
            Field("interpret.products", "其中：解读产品数量（单位：条）"),
            Field("interpret.media", "其中：媒体评论文章数量（单位：篇）"),
            Field("interpret.responses", "回应公众关注热点或重大舆情数量（单位：次）"),
        ],
    ),
    Part(
        "services",
        "办事服务",
        [
            Field("services.catalog", "是否发布服务事项目录", BOOL, lambda d, y, m: _guides(d, y, m)["published"] > 0),
            Field("services.users", "注册用户数（单位：个）"),
            Field("services.items", "政务服务事项数量（单位：项）", INT, lambda d, y, m: _guides(d, y, m)["items"]),
            Field("services.online", "可全程在线办理政务服务事项数量（单位：项）"),
            Field("services.cases", "办件量（单位：件）·总数", INT, lambda d, y, m: _cases(d, y, m)["received"]),
            Field("services.cases_natural", "办件量·自然人办件量（单位：件）"),
            Field("services.cases_legal", "办件量·法人办件量（单位：件）"),
        ],
    ),
    Part(
        "interact",
        "互动交流",
        [
            Field("interact.unified", "是否使用统一平台", BOOL),
            Field("messages.received", "留言办理·收到留言数量（单位：条）", INT, lambda d, y, m: _mailbox(d, y, m).letters),
            Field("messages.closed", "留言办理·办结留言数量（单位：条）", INT, lambda d, y, m: _mailbox(d, y, m).letters_closed),
            Field("messages.days", "留言办理·平均办理时间（单位：天）"),
            Field("messages.published", "留言办理·公开答复数量（单位：条）"),
            Field("surveys.rounds", "征集调查·征集调查期数（单位：期）"),
            Field("surveys.opinions", "征集调查·收到意见数量（单位：条）"),
            Field("surveys.results", "征集调查·公布调查结果期数（单位：期）"),
            Field("interviews.rounds", "在线访谈·访谈期数（单位：期）"),
            Field("interviews.questions", "在线访谈·网民留言数量（单位：条）"),
            Field("interviews.answers", "在线访谈·答复网民提问数量（单位：条）"),
            Field("interact.smart_qa", "是否提供智能问答", BOOL),
        ],
    ),
    Part(
        "security",
        "安全防护",
        [
            Field("security.checks", "安全检测评估次数（单位：次）"),
            Field("security.found", "发现问题数量（单位：个）"),
            Field("security.fixed", "问题整改数量（单位：个）"),
            Field("security.monitoring", "是否建立安全监测预警机制", BOOL),
            Field("security.drills", "是否开展应急演练", BOOL),
            Field("security.officer", "是否明确网站安全负责人", BOOL),
        ],
    ),
    Part(
        "media",
        "移动新媒体",
        [
            Field("media.has", "是否有移动新媒体", BOOL),
            Field("media.weibo_name", "微博·名称", TEXT, required=False),
            Field("media.weibo_posts", "微博·信息发布量（单位：条）", required=False),
            Field("media.weibo_followers", "微博·关注量（单位：个）", required=False),
            Field("media.wechat_name", "微信·名称", TEXT, required=False),
            Field("media.wechat_posts", "微信·信息发布量（单位：条）", required=False),
            Field("media.wechat_subscribers", "微信·订阅数（单位：个）", required=False),
            Field("media.other", "其他", TEXT, required=False),
        ],
    ),
    Part(
        "innovation",
        "创新发展",
        [
            Field("innovation.search", "搜索即服务", BOOL),
            Field("innovation.languages", "多语言版本", BOOL),
            Field("innovation.accessible", "无障碍浏览", BOOL),
            Field("innovation.personal", "千人千网", BOOL),
            Field("innovation.other", "其他", TEXT, required=False),
        ],
    ),
    Part(
        "sign",
        "填报信息",
        [
            Field("sign.head", "单位负责人", TEXT),
            Field("sign.reviewer", "审核人", TEXT),
            Field("sign.filler", "填报人", TEXT),
            Field("sign.phone", "联系电话", TEXT),
        ],
    ),
]
FIELDS: dict[str, Field] = {f.key: f for part in SECTIONS for f in part.fields}
ENTERED = [f for f in FIELDS.values() if not f.computed]
MAX_NUMBER = 10**12
MAX_TEXT = 200


def compute(district: Organisation, year: int) -> dict:
    """Every computed field of ``district``'s form for ``year``, from the records now."""
    memo: dict = {}
    return {
        "schema": SCHEMA,
        "year": year,
        "district": {"code": district.code, "name": district.name},
        "values": {f.key: f.source(district, year, memo) for f in FIELDS.values() if f.computed},
    }


def clean_entered(raw: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The office's input parsed field by field: (values, errors by field key). Only the entered
    fields are read: a computed field cannot be given."""
    values, errors = {}, {}
    for f in ENTERED:
        text = raw.get(f.key)
        text = "" if text is None else str(text).strip()
        if not text:
            continue
        if f.kind == INT:
            cleaned = text.replace(",", "").replace("，", "")
            if not cleaned.isdigit():
                errors[f.key] = _("“%(label)s”须为非负整数。") % {"label": f.label}
            elif int(cleaned) > MAX_NUMBER:
                errors[f.key] = _("“%(label)s”数值过大。") % {"label": f.label}
            else:
                values[f.key] = int(cleaned)
        elif f.kind == BOOL:
            if text in ("是", "true", "1", "on", "yes"):
                values[f.key] = True
            elif text in ("否", "false", "0", "no"):
                values[f.key] = False
            else:
                errors[f.key] = _("“%(label)s”请选择“是”或“否”。") % {"label": f.label}
        elif len(text) > MAX_TEXT:
            errors[f.key] = _("“%(label)s”不能超过%(n)s字。") % {"label": f.label, "n": MAX_TEXT}
        else:
            values[f.key] = text
    return values, errors


def missing_entries(entered: dict[str, Any]) -> list[Field]:
    """The entered fields still empty that the form needs before it is approved."""
    return [f for f in ENTERED if f.required and entered.get(f.key) in (None, "")]


def consistency(values: dict[str, Any]) -> list[str]:
    """What the figures must satisfy together (the parts of a total, fixes of problems found …)."""
    problems = []

    def n(key):
        value = values.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    parts = [n(k) for k in ("interpret.materials", "interpret.products", "interpret.media")]
    if n("interpret.total") is not None and all(p is not None for p in parts) and sum(parts) > n("interpret.total"):
        problems.append(_("解读材料、解读产品和媒体评论文章之和大于解读信息发布总数。"))
    if n("security.fixed") is not None and n("security.found") is not None and n("security.fixed") > n("security.found"):
        problems.append(_("问题整改数量大于发现问题数量。"))
    if n("services.online") is not None and n("services.items") is not None and n("services.online") > n("services.items"):
        problems.append(_("可全程在线办理的事项多于政务服务事项数量。"))
    cases = [n("services.cases_natural"), n("services.cases_legal")]
    if n("services.cases") is not None and all(c is not None for c in cases) and sum(cases) != n("services.cases"):
        problems.append(
            _("自然人办件量与法人办件量之和（%(sum)s）不等于办件量总数（%(total)s）。")
            % {"sum": sum(cases), "total": n("services.cases")}
        )
    if n("surveys.results") is not None and n("surveys.rounds") is not None and n("surveys.results") > n("surveys.rounds"):
        problems.append(_("公布调查结果期数多于征集调查期数。"))
    if n("messages.published") is not None and n("messages.closed") is not None and n("messages.published") > n("messages.closed"):
        problems.append(_("公开答复的留言多于办结的留言。"))
    return problems


def values_of(form: WebsiteForm) -> dict[str, Any]:
    """Every field's value: the computed ones as generated, the entered ones as the office gave them."""
    return {**form.entered, **form.figures.get("values", {})}


# --- the document ----------------------------------------------------------------------------------


def display(f: Field, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if f.kind == BOOL:
        return "是" if value else "否"
    if f.kind == INT:
        return f"{value}"
    return str(value)


def document(form: WebsiteForm, *, marks: bool = False) -> rendering.Document:
    """The form as the portal publishes it: one table per part, field and value. With ``marks``
    (the staff view), each value says whether the platform computed it or the office entered it."""
    values = values_of(form)
    sections = []
    for part in SECTIONS:
        table = rendering.Table(part.key, part.heading)
        head = [rendering.Cell("项目", head=True), rendering.Cell("数据", head=True)]
        if marks:
            head.append(rendering.Cell("来源", head=True))
        table.rows.append(head)
        for f in part.fields:
            row = [
                rendering.Cell(f.label),
                rendering.Cell(display(f, values.get(f.key)), number=f.kind == INT, key=f.key, missing=values.get(f.key) is None),
            ]
            if marks:
                row.append(rendering.Cell("平台计算" if f.computed else "填报"))
            table.rows.append(row)
        sections.append(rendering.Section(part.key, "", tables=[table]))
    moment = form.approved_at or form.generated_at
    date = timezone.localtime(moment).date() if moment else None
    return rendering.Document(
        title=form.title,
        organisation=form.district.name,
        year=form.year,
        format="website",
        sections=sections,
        signature=form.district.name,
        date=f"{date.year}年{date.month}月{date.day}日" if date else "",
    )


def item_body(form: WebsiteForm) -> str:
    return render_to_string("reports/_document.html", {"doc": document(form), "trace": None})


def html_page(form: WebsiteForm) -> str:
    return render_to_string("reports/print.html", {"doc": document(form), "css": rendering.PDF_CSS, "trace": None})


def docx(form: WebsiteForm) -> bytes:
    """The form in Word: the title in 小标宋, each part a table (仿宋)."""
    from docx import Document as WordDocument
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    described = document(form)
    doc = WordDocument()
    section = doc.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(30), Mm(28)
    section.left_margin, section.right_margin = Mm(24), Mm(22)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    rendering._font(title.add_run(described.title), rendering.TITLE_FONT, 18)
    for part in described.sections:
        for table in part.tables:
            caption = doc.add_paragraph()
            rendering._font(caption.add_run(table.caption), rendering.HEADING_FONT, 12)
            rendering._docx_table(doc, table)
    end = doc.add_paragraph()
    end.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    rendering._font(end.add_run(f"{described.signature}　{described.date}"), rendering.BODY_FONT, 12)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
