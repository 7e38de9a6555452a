"""Bulletins (督查通报): a periodic bulletin of the units' standing and findings, generated from the
scorecards, the findings and the work plan. Every figure and table is computed again each time the
bulletin is shown, from the records (each figure with the address of the records behind it, for
the office's pages); only the prose paragraphs are typed (``Bulletin.prose``). Rendered as HTML
(the staff page, and the body of the catalog item when released) and as DOCX in the office's
format: 小标宋 title, 黑体 numbered section heads 一、二、三…, 仿宋 body (GB/T 9704 sizes).

The bulletin's states and verbs are the table ``TRANSITIONS``; ``actions.py`` applies them.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.lib import officialdoc
from gongkai.lib.text import printable
from gongkai.orgs.models import Organisation
from gongkai.supervision import checks, plans, scorecards
from gongkai.supervision.checks import link
from gongkai.supervision.models import Bulletin, BulletinKind, BulletinState, Finding, PlanTask

SECTION_NUMBERS = "一二三四五六七八九十"

# --- the workflow table ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    verb: str
    label: str
    sources: frozenset[str]
    target: str | None  # None: the state stays
    permission: str


TRANSITIONS: dict[str, Transition] = {
    t.verb: t
    for t in [
        Transition(
            "edit", gettext_lazy("修改文字"), frozenset({BulletinState.DRAFT}), None, "supervision.manage"
        ),
        Transition(
            "submit",
            gettext_lazy("提交审定"),
            frozenset({BulletinState.DRAFT}),
            BulletinState.SUBMITTED,
            "supervision.manage",
        ),
        # approved by another of the office than the one who submitted it (two people see it)
        Transition(
            "approve",
            gettext_lazy("审定"),
            frozenset({BulletinState.SUBMITTED}),
            BulletinState.APPROVED,
            "supervision.manage",
        ),
        Transition(
            "return",
            gettext_lazy("退回修改"),
            frozenset({BulletinState.SUBMITTED, BulletinState.APPROVED}),
            BulletinState.DRAFT,
            "supervision.manage",
        ),
        # drafted as an item of the notices column under the disclosure office: its editor sends it
        Transition(
            "release",
            gettext_lazy("提交发布"),
            frozenset({BulletinState.APPROVED}),
            BulletinState.RELEASED,
            "item.edit",
        ),
    ]
}


def check(verb: str, state: str) -> Transition:
    transition = TRANSITIONS[verb]
    if state not in transition.sources:
        raise ValidationError(
            _("通报当前状态（%(state)s）不能执行“%(verb)s”。")
            % {"state": BulletinState(state).label, "verb": transition.label}
        )
    return transition


def verbs_from(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if state in t.sources and t.verb != "edit"]


# --- the period --------------------------------------------------------------------------------


def period_key(kind: str, year: int, number: int | None) -> str:
    if kind == BulletinKind.YEARLY:
        return f"{year}"
    if kind == BulletinKind.QUARTERLY:
        if number not in (1, 2, 3, 4):
            raise ValidationError(_("季度须为1至4。"))
        return f"{year}-Q{number}"
    if number is None or not 1 <= number <= 12:
        raise ValidationError(_("月份须为1至12。"))
    return f"{year}-{number:02d}"


def period_start(kind: str, year: int, number: int | None) -> dt.date:
    if kind == BulletinKind.YEARLY:
        return dt.date(year, 1, 1)
    if kind == BulletinKind.QUARTERLY:
        return dt.date(year, 3 * number - 2, 1)
    return dt.date(year, number, 1)


def period_of(bulletin: Bulletin, today: dt.date | None = None) -> scorecards.Period:
    try:
        return scorecards.Period.parse(bulletin.period, today or timezone.localdate())
    except ValueError as exc:
        raise ValidationError(str(exc)) from None


PROSE_KEYS = ("overview", "standing", "findings", "plan", "requirements")

DEFAULT_PROSE = {
    "overview": gettext_lazy(
        "为推动政务公开各项工作落实，区政务公开办公室依据《中华人民共和国政府信息公开条例》和政府网站与"
        "政务新媒体检查指标，对各单位政务公开工作开展了日常督查和考核评分。现将有关情况通报如下。"
    ),
    "standing": gettext_lazy(
        "各单位考核得分由信息发布及时率、预决算公开完整率、依申请按时答复率、热线办理和督查问题整改等指标加权计算。"
    ),
    "findings": gettext_lazy("督查发现的问题已逐一反馈责任单位，整改后由系统复查自动销号。"),
    "plan": gettext_lazy("请各责任单位对照年度政务公开工作要点，按时推进落实并报送进展。"),
    "requirements": gettext_lazy(
        "各单位要高度重视政务公开工作，对通报的问题立即整改，举一反三，建立长效机制；"
        "得分靠后的单位要认真分析原因，切实提升政务公开工作水平。"
    ),
}


def default_prose() -> dict[str, str]:
    return {key: str(text) for key, text in DEFAULT_PROSE.items()}


# --- the document ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A computed figure and where its records are."""

    value: object
    url: str = ""

    def __str__(self) -> str:
        return str(self.value)


@dataclass
class Table:
    head: list[str]
    rows: list[list[object]]  # cells: str or Figure
    id: str = ""


@dataclass
class Section:
    key: str
    heading: str
    prose: str  # the typed paragraph (``Bulletin.prose[key]``)
    facts: list[list[object]] = field(default_factory=list)  # computed sentences: str and Figure parts
    tables: list[Table] = field(default_factory=list)


@dataclass
class Document:
    title: str
    number_line: str
    period: scorecards.Period
    sections: list[Section]
    signature: str
    date: str


def _findings_in(district: Organisation, period: scorecards.Period):
    """Findings standing at some time in the period (as the scorecards count them): begun by its
    end, not closed before its start."""
    return Finding.objects.filter(district=district, since__lte=period.end).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=period.start)
    )


def _fmt(value) -> str:
    return "—" if value is None else str(value)


def document(bulletin: Bulletin, *, today: dt.date | None = None) -> Document:
    district = bulletin.district
    period = period_of(bulletin, today)
    prose = {**default_prose(), **(bulletin.prose or {})}
    findings_url = link("supervision_staff:findings", query={"state": "all"})

    cards = [c for c in scorecards.scorecards(district, period) if c.score is not None]
    scored = [c.score for c in cards]
    average = (sum(scored) / len(scored)).quantize(scorecards.TENTH) if scored else None

    found = list(_findings_in(district, period).select_related("unit"))
    open_at_end = [f for f in found if f.closed_on is None or f.closed_on > period.end]
    closed_in = [f for f in found if f.closed_on is not None and f.closed_on <= period.end]
    new_in = [f for f in found if f.since >= period.start]

    overview = Section(
        "overview",
        _("总体情况"),
        prose["overview"],
        facts=[
            [
                _("本期（%(label)s）共考核") % {"label": period.label},
                Figure(len(cards), link("supervision_staff:scorecards", query={"period": bulletin.period})),
                _("个单位，平均得分"),
                Figure(
                    _fmt(average), link("supervision_staff:scorecards", query={"period": bulletin.period})
                ),
                _("分；督查检查在本期存在问题"),
                Figure(len(found), findings_url),
                _("个，其中本期新出现"),
                Figure(len(new_in), findings_url),
                _("个，本期已整改"),
                Figure(len(closed_in), link("supervision_staff:findings", query={"state": "closed"})),
                _("个，期末尚未整改"),
                Figure(len(open_at_end), link("supervision_staff:findings", query={"state": "open"})),
                _("个。"),
            ]
        ],
    )

    ranking = Table(
        [_("名次"), _("单位"), _("得分"), _("失分最多的指标")],
        [],
        id="bulletin-ranking",
    )
    for card in cards:
        worst = max((i for i in card.indicators if i.applies), key=lambda i: i.lost, default=None)
        url = link("supervision_staff:scorecard", card.unit.pk, query={"period": bulletin.period})
        ranking.rows.append(
            [
                Figure(card.rank, url),
                card.unit.name,
                Figure(card.score, url),
                f"{worst.label}（失{worst.lost}分）" if worst is not None and worst.lost > 0 else "—",
            ]
        )
    standing_facts = []
    if cards:
        top, bottom = cards[0], cards[-1]
        standing_facts.append(
            [
                _("得分最高的是%(unit)s（") % {"unit": top.unit.name},
                Figure(
                    top.score,
                    link("supervision_staff:scorecard", top.unit.pk, query={"period": bulletin.period}),
                ),
                _("分），得分最低的是%(unit)s（") % {"unit": bottom.unit.name},
                Figure(
                    bottom.score,
                    link("supervision_staff:scorecard", bottom.unit.pk, query={"period": bulletin.period}),
                ),
                _("分）。"),
            ]
        )
    standing = Section("standing", _("各单位考核得分"), prose["standing"], standing_facts, [ranking])

    by_rule = Counter(f.rule for f in found)
    open_by_rule = Counter(f.rule for f in open_at_end)
    closed_by_rule = Counter(f.rule for f in closed_in)
    rules = Table([_("问题类型"), _("本期存在"), _("本期整改"), _("期末未整改")], [], id="bulletin-rules")
    for rule, n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        url = link("supervision_staff:findings", query={"state": "all", "rule": rule})
        rules.rows.append(
            [checks.label_of(rule), Figure(n, url), closed_by_rule[rule], Figure(open_by_rule[rule], url)]
        )
    units_open = Counter((f.unit_id, f.unit.name) for f in open_at_end)
    units = Table([_("责任单位"), _("期末未整改问题")], [], id="bulletin-units")
    for (unit_id, name), n in sorted(units_open.items(), key=lambda kv: (-kv[1], kv[0][1])):
        units.rows.append([name, Figure(n, link("supervision_staff:findings", query={"unit": unit_id}))])
    findings = Section(
        "findings", _("督查发现的问题"), prose["findings"], [], [t for t in (rules, units) if t.rows]
    )
    if not found:
        findings.facts.append([_("本期督查检查未发现问题。")])

    tasks = PlanTask.objects.filter(district=district, year=period.start.year, due_on__lte=period.end)
    statuses = plans.statuses(tasks, period.end)
    plan_url = link("supervision_staff:plan", query={"year": period.start.year})
    overdue = [s for s in statuses if s.overdue]
    plan_table = Table([_("逾期任务"), _("未完成单位"), _("完成时限")], [], id="bulletin-plan")
    for s in overdue:
        plan_table.rows.append(
            [
                Figure(s.task.text, link("supervision_staff:plan_task", s.task.pk)),
                "、".join(p.unit.name for p in s.open_parts()),
                s.due.strftime("%Y-%m-%d"),
            ]
        )
    plan = Section(
        "plan",
        _("工作要点落实情况"),
        prose["plan"],
        facts=[
            [
                _("%(year)s年工作要点中完成时限在本期末以前的任务") % {"year": period.start.year},
                Figure(len(statuses), plan_url),
                _("项，已完成"),
                Figure(sum(1 for s in statuses if s.done), plan_url),
                _("项，逾期未完成"),
                Figure(
                    len(overdue),
                    link("supervision_staff:plan", query={"year": period.start.year, "state": "overdue"}),
                ),
                _("项。"),
            ]
        ],
        tables=[plan_table] if plan_table.rows else [],
    )
    requirements = Section("requirements", _("下一步工作要求"), prose["requirements"])

    from gongkai.supervision.publishing import publisher

    office = publisher(district)
    day = (bulletin.approved_at and timezone.localdate(bulletin.approved_at)) or today or timezone.localdate()
    return Document(
        title=bulletin.title,
        number_line=_("%(year)s年第%(n)s期") % {"year": period.start.year, "n": bulletin.number},
        period=period,
        sections=[overview, standing, findings, plan, requirements],
        signature=office.name,
        date=f"{day.year}年{day.month}月{day.day}日",
    )


def heading(index: int, section: Section) -> str:
    return f"{SECTION_NUMBERS[index]}、{section.heading}"


def html(bulletin: Bulletin, *, links: bool, today: dt.date | None = None) -> str:
    """The bulletin as HTML: with ``links``, each figure links to its records (the office's page);
    without, plain (the published item's body)."""
    doc = document(bulletin, today=today)
    return render_to_string(
        "supervision/bulletin/_document.html",
        {"doc": doc, "links": links, "numbered": [(heading(i, s), s) for i, s in enumerate(doc.sections)]},
    )


def item_body(bulletin: Bulletin) -> str:
    return html(bulletin, links=False)


def generated_title(district: Organisation, kind: str, key: str) -> str:
    name = district.short_name or district.name
    if kind == BulletinKind.YEARLY:
        when = f"{key}年度"
    elif kind == BulletinKind.QUARTERLY:
        year, q = key.split("-Q")
        when = f"{year}年第{q}季度"
    else:
        year, month = key.split("-")
        when = f"{year}年{int(month)}月"
    return f"{name}政务公开工作督查情况通报（{when}）"


# --- DOCX ----------------------------------------------------------------------------------------

BODY_FONT, TITLE_FONT, HEADING_FONT = officialdoc.BODY_FONT, officialdoc.TITLE_FONT, officialdoc.HEADING_FONT


_font = officialdoc.set_font


def docx(bulletin: Bulletin, *, today: dt.date | None = None) -> bytes:
    """A4 after GB/T 9704: title 二号 小标宋, headings 三号 黑体 一、二、三…, body 三号 仿宋, tables 仿宋."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    described = document(bulletin, today=today)
    doc = officialdoc.new_document()

    def para(text: str, **style):
        return officialdoc.paragraph(doc, printable(text), **style)

    para(described.title, font=TITLE_FONT, size=22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    para(described.number_line, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    for i, part in enumerate(described.sections):
        para(heading(i, part), font=HEADING_FONT, size=16)
        if part.prose.strip():
            for text in part.prose.split("\n"):
                if text.strip():
                    para(text.strip())
        for fact in part.facts:
            para("".join(str(x) for x in fact))
        for table in part.tables:
            word = doc.add_table(rows=1 + len(table.rows), cols=len(table.head))
            word.style = "Table Grid"
            for c, text in enumerate(table.head):
                cell = word.cell(0, c).paragraphs[0]
                cell.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _font(cell.add_run(printable(text)), HEADING_FONT, 10.5)
            for r, row in enumerate(table.rows, start=1):
                for c, value in enumerate(row):
                    cell = word.cell(r, c).paragraphs[0]
                    _font(cell.add_run(printable(str(value))), BODY_FONT, 10.5)
    para("")
    para(described.signature, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    para(described.date, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
