"""Public read-only API of proactive disclosure (in /api/openapi.json): columns, items, search.

Everything goes through ``gongkai.catalog.public``: the API shows exactly what the portal shows.
"""

from __future__ import annotations

import datetime as dt
import math

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from gongkai.catalog import search
from gongkai.catalog.models import Column
from gongkai.catalog.public import Tombstone, public_item_or_404, public_items
from gongkai.catalog.sanitize import clean_html
from gongkai.lib import abuse, bounds

router = Router(tags=["主动公开"])
MAX_PAGE_SIZE = 100


class ColumnOut(Schema):
    slug: str
    name: str
    parent: str | None
    statutory: str
    rss: str
    atom: str


class ItemSummary(Schema):
    id: int
    index_no: str
    title: str
    column: str
    organisation: str
    doc_number: str
    written_date: dt.date | None
    published_at: dt.datetime
    validity: str
    url: str


class Attachment(Schema):
    name: str
    content_type: str
    size: int
    url: str


class ItemDetail(ItemSummary):
    topic: str | None
    keywords: str
    summary: str
    body_html: str
    effective_date: dt.date | None
    repealed_date: dt.date | None
    version: int
    updated_at: dt.datetime
    attachments: list[Attachment]
    interprets: int | None


class ItemPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[ItemSummary]


class SearchHit(ItemSummary):
    snippet_html: str


class SearchPage(Schema):
    query: str
    count: int  # every match (the tantivy engine), or up to the cap when ``more``
    results: list[SearchHit]
    more: bool = False  # True when ``count`` is the database engine's cap and there are more matches
    page: int = 1
    pages: int = 0  # the pages of 20 that hold results: ceil(count / 20)
    sort: str = "relevance"


class ItemFilters(Schema):
    column: str | None = None
    organisation: int | None = None
    year: int | None = None
    page: int = 1
    page_size: int = 20


def _district(request: HttpRequest):
    district = getattr(request, "district", None)
    if district is None:
        raise HttpError(404, "本站尚未配置区。")
    return district


def _summary(request: HttpRequest, item) -> dict:
    v = item.live
    return {
        "id": item.pk,
        "index_no": item.index_no,
        "title": v.title,
        "column": v.column.name,
        "organisation": item.organisation.name,
        "doc_number": v.doc_number,
        "written_date": v.written_date,
        "published_at": item.first_published_at,
        "validity": v.get_validity_display() if v.validity else "",
        "url": request.build_absolute_uri(reverse("catalog:item", args=[item.pk])),
    }


@router.get("/columns", response=list[ColumnOut], summary="栏目")
def columns(request: HttpRequest):
    district = _district(request)
    rows = Column.objects.filter(district=district, is_active=True).select_related("parent")
    return [
        {
            "slug": c.slug,
            "name": c.name,
            "parent": c.parent.slug if c.parent_id else None,
            "statutory": c.statutory,
            "rss": request.build_absolute_uri(reverse("catalog:column_rss", args=[c.slug])),
            "atom": request.build_absolute_uri(reverse("catalog:column_atom", args=[c.slug])),
        }
        for c in rows
    ]


@router.get("/items", response=ItemPage, summary="已公开的政府信息（按发布时间倒序）")
def items(request: HttpRequest, filters: Query[ItemFilters]):
    district = _district(request)
    qs = public_items(district)
    if filters.column:
        column = Column.objects.filter(district=district, slug=filters.column).first()
        if column is None:
            raise HttpError(404, "没有这个栏目。")
        qs = qs.filter(live__column_id__in=search._column_ids(column))
    if filters.organisation is not None:
        if not bounds.valid_id(filters.organisation):
            raise HttpError(400, "没有这个机构。")
        qs = qs.filter(organisation_id=filters.organisation)
    if filters.year is not None:
        if not bounds.valid_year(filters.year):
            raise HttpError(400, bounds.YEAR_MESSAGE)
        qs = qs.filter(first_published_at__year=filters.year)
    if not bounds.valid_page(filters.page):
        raise HttpError(400, bounds.PAGE_MESSAGE)
    size = max(1, min(filters.page_size, MAX_PAGE_SIZE))
    page = filters.page
    total = qs.count()
    rows = qs[(page - 1) * size : page * size]
    return {"count": total, "page": page, "page_size": size, "results": [_summary(request, i) for i in rows]}


@router.get("/items/{item_id}", response=ItemDetail, summary="一条政府信息")
def item(request: HttpRequest, item_id: int):
    if not bounds.valid_id(item_id):
        raise HttpError(404, "没有这条信息。")
    found = public_item_or_404(_district(request), item_id)
    if isinstance(found, Tombstone):
        raise HttpError(410, f"该信息已于{found.withdrawn_at:%Y年%m月%d日}撤回：{found.reason}")
    v = found.live
    return {
        **_summary(request, found),
        "topic": v.topic.name if v.topic_id else None,
        "keywords": v.keywords,
        "summary": v.summary,
        "body_html": clean_html(v.body),
        "effective_date": v.effective_date,
        "repealed_date": v.repealed_date,
        "version": v.number,
        "updated_at": v.published_at,
        "interprets": v.interprets_id,
        "attachments": [
            {
                "name": a.name,
                "content_type": a.content_type,
                "size": a.size,
                "url": request.build_absolute_uri(reverse("catalog:attachment", args=[found.pk, a.pk])),
            }
            for a in v.attachments.all()
        ],
    }


@router.get("/search", response=SearchPage, summary="全文检索（中文分词）")
@abuse.rate_limited(abuse.SEARCHES, counts=abuse.has_query, api=True)
def search_items(request: HttpRequest, q: str, page: int = 1, sort: str = "relevance"):
    """Public items containing every word of ``q`` (split at spaces; Chinese words are found inside
    longer words too), 20 a page, by relevance or (``sort=date``) newest first; ``pages`` is the
    number of pages that hold results."""
    if sort not in search.SORTS:
        raise HttpError(400, "排序方式应为 relevance（相关度）或 date（发布时间）。")
    district = _district(request)
    if not q.strip():
        return {"query": q, "count": 0, "results": [], "page": page, "pages": 0, "sort": sort}
    if not bounds.valid_page(page):
        raise HttpError(400, bounds.PAGE_MESSAGE)
    results = search.search(q, district=district, limit=20, offset=(page - 1) * 20, sort=sort)
    public_ids = set(
        public_items(district).filter(pk__in=[h.item.pk for h in results.hits]).values_list("pk", flat=True)
    )
    return {
        "query": q,
        "count": results.total,
        "more": results.more,
        "page": page,
        "pages": math.ceil(results.total / 20),
        "sort": sort,
        "results": [
            {**_summary(request, h.item), "snippet_html": h.snippet}
            for h in results.hits
            if h.item.pk in public_ids
        ],
    }
