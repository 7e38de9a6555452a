"""Procurement's one link to the catalog (through ``catalog/interface.py``, the layer contract's one
interface between domain apps): each notice of a project is an information item.

Drafting a notice writes its title and body (the project's facts and amounts as tables) as a draft
item of the purchasing unit in the district's 政府采购 column; review, approval and publication are
the catalog's. Whether a notice is public, and since when, is asked here of the catalog every time
— the catalog is the one record of what the portal shows, so a notice withdrawn there leaves the
portal, the open data and the figures together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.catalog.interface import ItemRef, draft_item, find_item, import_published_item, item_refs
from gongkai.orgs.models import Organisation
from gongkai.procurement.models import Method, Notice, NoticeKind, Project

# Where a notice goes: the district's 政府采购 column (第二十条第九项), else 通知公告 …
NOTICE_COLUMNS = ("zfcg", "tzgg", "gzdt")

# The name of the tender notice of each method (采购公告 in general).
TENDER_TITLES = {
    Method.OPEN_TENDER: "公开招标公告",
    Method.INVITED_TENDER: "邀请招标资格预审公告",
    Method.COMPETITIVE_NEGOTIATION: "竞争性谈判公告",
    Method.COMPETITIVE_CONSULTATION: "竞争性磋商公告",
    Method.INQUIRY: "询价公告",
    Method.SINGLE_SOURCE: "单一来源采购公示",
    Method.ONLINE_BIDDING: "网上竞价公告",
    Method.FRAMEWORK_AGREEMENT: "框架协议采购征集公告",
}
TENDERED = frozenset({Method.OPEN_TENDER, Method.INVITED_TENDER})


def result_word(project: Project) -> str:
    """中标 for tenders, 成交 for the other methods (政府采购法实施条例 第四十三条)."""
    return "中标" if project.method in TENDERED else "成交"


def title(project: Project, kind: str) -> str:
    if kind == NoticeKind.INTENTION:
        return _("%(org)s%(name)s采购意向公开") % {"org": project.organisation.name, "name": project.name}
    if kind == NoticeKind.TENDER:
        return f"{project.name}{TENDER_TITLES.get(project.method, '采购公告')}"
    return _("%(name)s%(word)s结果公告") % {"name": project.name, "word": result_word(project)}


def body(project: Project, kind: str) -> str:
    """The notice's text: what the notice must say (财库〔2020〕10号 for the intention: 项目名称,
    需求概况, 预算金额, 预计采购时间; 实施条例第四十三条 for the result), the amounts as a table."""
    return render_to_string(
        "procurement/notice_body.html",
        {"project": project, "kind": kind, "result_word": result_word(project), "kinds": NoticeKind},
    )


def written_date(project: Project, kind: str) -> dt.date:
    if kind == NoticeKind.RESULT and project.supplier_chosen_on:
        return project.supplier_chosen_on
    if kind == NoticeKind.TENDER and project.started_on:
        return project.started_on
    return timezone.localdate()


def draft_notice(project: Project, kind: str, *, actor) -> ItemRef:
    """The notice as a draft item of the purchasing unit (the catalog checks that ``actor`` may
    write one there)."""
    version = draft_item(
        actor=actor,
        organisation=project.organisation,
        column_slugs=NOTICE_COLUMNS,
        title=title(project, kind),
        body=body(project, kind),
        written_date=written_date(project, kind),
    )
    return item_refs(project.district, [version.item_id])[version.item_id]


def import_notice(project: Project, kind: str, *, published_at: dt.datetime) -> ItemRef:
    """A notice the old site published at ``published_at``, brought in as published (the demo's
    history; the catalog's import, run at the server)."""
    return import_published_item(
        actor=None,
        organisation=project.organisation,
        column_slugs=NOTICE_COLUMNS,
        title=title(project, kind),
        body=body(project, kind),
        doc_number="",
        written_date=written_date(project, kind) if kind != NoticeKind.INTENTION else published_at.date(),
        published_at=published_at,
        source=f"政府采购 {project.code}",
    )


def find_notice(district: Organisation, index_no: str) -> ItemRef | None:
    return find_item(district, index_no)


def refs(district: Organisation, notices: Iterable[Notice]) -> dict[int, ItemRef]:
    """Each notice's item (by item id), asking the catalog once for all of them."""
    return item_refs(district, [n.item_id for n in notices])


def published_on(ref: ItemRef | None) -> dt.date | None:
    """The day a public notice was first published (local date); None while it is not public."""
    if ref is None or not ref.is_public or ref.published_at is None:
        return None
    return timezone.localdate(ref.published_at)


def state_label(ref: ItemRef | None) -> str:
    """Where a notice stands in the catalog: 已公开, 草稿, 待保密审查 …, 已撤回, or 信息不存在."""
    if ref is None:
        return _("信息不存在")
    if ref.is_public:
        return _("已公开")
    return ref.state_label
