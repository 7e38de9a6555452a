"""Public pages of proactive disclosure: the catalog, columns, items, the disclosure guide and search.

Every read goes through ``gongkai.catalog.public``; pages answer for ``request.district``. Item
pages write nothing to the database: the view count (浏览次数) is counted by a small script that
posts to ``hit`` once per page load (the action ``count_view``), so the HTML stays cacheable and
bots that do not run scripts are never counted.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from gongkai.catalog import actions, search
from gongkai.catalog.models import Attachment, Column, DocKind, Item, Topic, Validity, Version
from gongkai.catalog.public import (
    Tombstone,
    column_or_404,
    interpretations_of,
    items_in_column,
    latest_on_home,
    public_attachments,
    public_columns,
    public_item_or_404,
    public_items,
    subtree_ids,
)
from gongkai.catalog.sanitize import clean_for_display
from gongkai.lib import abuse, pagecache
from gongkai.lib.dates import cn_date
from gongkai.lib.urls import remembered_reverse
from gongkai.orgs.models import Organisation
from gongkai.orgs.queries import leading_group, orgs_by_kind

PER_PAGE = 20
HOME_ITEMS_PER_COLUMN = 6
ANNUAL_REPORT_SLUG = "ndbg"
APPLY_URL_NAME = "applications:apply"  # built by the disclosure-application capability
APPLY_URL_FALLBACK = "/apply/"

# User agents that announce themselves as robots, crawlers, link checkers or scripts. Headless
# Chrome ("HeadlessChrome") is deliberately NOT listed: screen readers' test tools, site monitors
# run by the office and our own browser tests use it, and a robot that runs our script can
# pretend to be any browser anyway — the list only filters the honest majority of crawlers.
BOT_USER_AGENT = re.compile(
    r"bot\b|bot/|robot|spider|crawl|slurp|archiver|mediapartners|lighthouse|pagespeed|"
    r"curl|wget|python|scrapy|httpclient|http-client|okhttp|java/|libwww|phantomjs|"
    r"facebookexternalhit|preview|monitor|scanner|feedfetcher|\bfeed",
    re.IGNORECASE,
)
HIT_HEADER = "gongkai-hit"


def is_bot(user_agent: str) -> bool:
    return not user_agent.strip() or bool(BOT_USER_AGENT.search(user_agent))


# ---- helpers ----


def _int(value: str | None, *, minimum: int = 1, maximum: int = 10**9) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if minimum <= number <= maximum else None


def _page_links(request: HttpRequest, number: int, num_pages: int) -> dict[str, Any]:
    """Links for a pager that keeps the current filters."""

    def url(n: int) -> str:
        query = request.GET.copy()
        query["page"] = n
        return "?" + query.urlencode()

    if num_pages <= 1:
        return {"pages": [], "num_pages": num_pages, "number": number}
    window = sorted({1, num_pages, *range(max(1, number - 2), min(num_pages, number + 2) + 1)})
    pages: list[dict[str, Any]] = []
    previous = 0
    for n in window:
        if n - previous > 1:
            pages.append({"gap": True})
        pages.append({"number": n, "url": url(n), "current": n == number})
        previous = n
    return {
        "pages": pages,
        "num_pages": num_pages,
        "number": number,
        "previous_url": url(number - 1) if number > 1 else "",
        "next_url": url(number + 1) if number < num_pages else "",
    }


def _paginate(request: HttpRequest, queryset) -> tuple[Any, dict[str, Any]]:
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    return page, _page_links(request, page.number, page.paginator.num_pages)


def _column_options(columns: list[Column]) -> list[dict[str, Any]]:
    """Columns as a tree in display order, each with an indent for select options."""
    children: dict[int | None, list[Column]] = {}
    for c in columns:
        children.setdefault(c.parent_id, []).append(c)
    out: list[dict[str, Any]] = []

    def walk(parent: int | None, depth: int) -> None:
        for c in children.get(parent, []):
            out.append({"column": c, "prefix": "\u3000" * depth + "└ " if depth else ""})
            walk(c.pk, depth + 1)

    walk(None, 0)
    return out


def _year_range(year: int) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return dt.datetime(year, 1, 1, tzinfo=tz), dt.datetime(year + 1, 1, 1, tzinfo=tz)


def _publishing_orgs(district: Organisation):
    """Organisations with at least one public item (for the filter list)."""
    publishing = public_items(district).order_by().values("organisation_id")
    return Organisation.objects.filter(pk__in=publishing).order_by("kind", "sort_order", "id")


def _years(district: Organisation) -> list[int]:
    """Every year from the newest public item's back to the oldest's (two index lookups)."""
    dates = public_items(district).values_list("first_published_at", flat=True)
    newest, oldest = dates.first(), dates.order_by("first_published_at").first()
    if newest is None or oldest is None:
        return []
    return list(range(timezone.localtime(newest).year, timezone.localtime(oldest).year - 1, -1))


# ---- catalog (政府信息公开目录) ----


def browse(request: HttpRequest) -> HttpResponse:
    district = getattr(request, "district", None)
    if district is None:
        return render(request, "catalog/portal/browse.html", {})
    columns = public_columns(district)
    by_slug = {c.slug: c for c in columns}
    g = request.GET
    f = {
        "lm": g.get("lm", "").strip(),
        "org": _int(g.get("org")),
        "topic": _int(g.get("topic")),
        "year": _int(g.get("year"), minimum=1949, maximum=2999),
        "validity": g.get("validity", "") if g.get("validity") in Validity.values else "",
        "kind": g.get("kind", "") if g.get("kind") in DocKind.values else "",
    }
    items = public_items(district)
    column = by_slug.get(f["lm"])
    if column is not None:
        items = items.filter(live__column_id__in=subtree_ids(column, columns))
    if f["org"]:
        items = items.filter(organisation_id=f["org"])
    if f["topic"]:
        items = items.filter(live__topic_id=f["topic"])
    if f["year"]:
        start, end = _year_range(f["year"])
        items = items.filter(first_published_at__gte=start, first_published_at__lt=end)
    if f["validity"]:
        items = items.filter(live__validity=f["validity"])
    if f["kind"]:
        items = items.filter(live__doc_kind=f["kind"])
    page, pager = _paginate(request, items)
    filtered = any(v for v in f.values())
    return render(
        request,
        "catalog/portal/browse.html",
        {
            "page_obj": page,
            "pager": pager,
            "filters": f,
            "filtered": filtered,
            "current_column": column,
            "column_options": _column_options(columns),
            "top_columns": [c for c in columns if c.parent_id is None],
            "organisations": _publishing_orgs(district),
            "topics": Topic.objects.all(),
            "years": _years(district),
            "validities": [c for c in Validity.choices if c[0]],
            "doc_kinds": DocKind.choices,
        },
    )


def _column_page(request: HttpRequest, slug: str, *, template: str = "catalog/portal/column.html"):
    district = getattr(request, "district", None)
    column = column_or_404(district, slug)
    columns = public_columns(district)
    parent = next((c for c in columns if c.pk == column.parent_id), None)
    tab_root = parent or column
    tabs = [c for c in columns if c.parent_id == tab_root.pk]
    page, pager = _paginate(request, items_in_column(district, column, columns))
    return render(
        request,
        template,
        {
            "column": column,
            "parent": parent,
            "tab_root": tab_root,
            "tabs": tabs,
            "page_obj": page,
            "pager": pager,
        },
    )


def column_page(request: HttpRequest, slug: str) -> HttpResponse:
    return _column_page(request, slug)


def annual_reports(request: HttpRequest) -> HttpResponse:
    """政府信息公开年报: the annual-report column under its own short address — every item of the
    column, the reports published before the platform included, with a link to the reports' own
    page (xxgk/ndbg/, where the navigation's 年报 entry leads) when the reports app is installed."""
    return _column_page(request, ANNUAL_REPORT_SLUG, template="catalog/portal/annual_reports.html")


# ---- item (政府信息) ----


@dataclass(frozen=True)
class MetaRow:
    """One line of an item page's 信息索引 block."""

    label: str
    value: str
    wide: bool = False


# The block's labels, in the language of the request (translated once per language: every item
# page shows them).
_META_LABELS = {
    "index_no": gettext_lazy("索引号"),
    "topic": gettext_lazy("主题分类"),
    "organisation": gettext_lazy("发布机构"),
    "written": gettext_lazy("成文日期"),
    "doc_number": gettext_lazy("文号"),
    "published": gettext_lazy("发布日期"),
    "validity": gettext_lazy("有效性"),
    "effective": gettext_lazy("施行日期"),
    "repealed": gettext_lazy("废止日期"),
    "mode": gettext_lazy("公开方式"),
    "keywords": gettext_lazy("关键词"),
    "summary": gettext_lazy("内容概述"),
}


@functools.lru_cache(maxsize=16)
def _meta_labels(language: str | None) -> dict[str, str]:
    """The labels in ``language``, which must be the active one (the key of the memo)."""
    return {key: str(label) for key, label in _META_LABELS.items()}


@functools.lru_cache(maxsize=16)
def _choice_labels(language: str | None) -> dict[str, dict[str, str]]:
    """What ``get_validity_display`` and ``get_disclosure_mode_display`` answer, per value, in
    ``language`` (the active one): Django's own rebuilds a dict of the field's choices per call."""
    return {
        name: {value: str(label) for value, label in Version._meta.get_field(name).flatchoices}
        for name in ("validity", "disclosure_mode")
    }


def item_metadata(item: Item, version: Version) -> list[MetaRow]:
    """The 信息索引 block of an item page: what real portals show above the title, in their order."""
    language = get_language()
    label, choice = _meta_labels(language), _choice_labels(language)
    rows = [
        MetaRow(label["index_no"], item.index_no),
        MetaRow(label["topic"], version.topic.name if version.topic else "—"),
        MetaRow(label["organisation"], item.organisation.name),
        MetaRow(label["written"], cn_date(version.written_date) or "—"),
        MetaRow(label["doc_number"], version.doc_number or "—"),
        MetaRow(label["published"], cn_date(item.first_published_at)),
    ]
    if version.validity:
        badge = format_html(
            '<span class="validity validity-{}">{}</span>',
            version.validity,
            choice["validity"].get(version.validity, version.validity),
        )
        rows.append(MetaRow(label["validity"], badge))
    if version.effective_date:
        rows.append(MetaRow(label["effective"], cn_date(version.effective_date)))
    if version.repealed_date:
        rows.append(MetaRow(label["repealed"], cn_date(version.repealed_date)))
    mode = version.disclosure_mode
    rows.append(MetaRow(label["mode"], choice["disclosure_mode"].get(mode, mode)))
    if version.keywords:
        rows.append(MetaRow(label["keywords"], version.keywords, wide=True))
    if version.summary:
        rows.append(MetaRow(label["summary"], version.summary, wide=True))
    return rows


_WIDE = ' class="meta-wide"'


def metadata_html(rows: list[MetaRow]) -> str:
    """The rows of the 信息索引 block as the ``<dl>``'s content, escaped. Written here rather than
    as a template loop: every item page shows a dozen rows, and one call draws them several times
    faster than a dozen rounds of template tags."""
    return mark_safe(  # noqa: S308 — every label and value is escaped here
        "\n".join(
            f"<div{_WIDE if row.wide else ''}><dt>{conditional_escape(row.label)}</dt>"
            f"<dd>{conditional_escape(row.value)}</dd></div>"
            for row in rows
        )
    )


def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    district = getattr(request, "district", None)
    found = public_item_or_404(district, pk)
    if isinstance(found, Tombstone):
        return render(request, "catalog/portal/item_withdrawn.html", {"tombstone": found}, status=410)
    item: Item = found
    version = item.live
    interprets = None
    if version.interprets_id:
        interprets = public_items(district).filter(pk=version.interprets_id).first()
    context = {
        "item": item,
        "version": version,
        "column": version.column,
        # Built once here rather than by template tags (the column's address is shown twice).
        "column_url": remembered_reverse("catalog:column", version.column.slug),
        # ``catalog:hit`` is the item's own address + "hit/", and this page answers only at its
        # own address (a test holds the two together).
        "hit_url": f"{request.path}hit/",
        "published": timezone.localtime(item.first_published_at).strftime("%Y-%m-%d %H:%M"),
        # Asked only when the item's own query says there is something to find.
        "attachments": public_attachments(version) if item.has_attachments else [],
        "interpretations": interpretations_of(district, item) if item.is_explained else [],
        "interprets": interprets,
        "body_html": mark_safe(clean_for_display(version.body)),  # noqa: S308
        "corrected": version.number > 1,
        "metadata": metadata_html(item_metadata(item, version)),
    }
    return render(request, "catalog/portal/item.jinja", context, using="jinja2")


def attachment_download(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    district = getattr(request, "district", None)
    found = public_item_or_404(district, pk)
    if isinstance(found, Tombstone):
        raise Http404
    attachment = Attachment.objects.filter(pk=attachment_id, version_id=found.live_id).first()
    if attachment is None:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@csrf_exempt  # a counter, not a state change anyone owns; the custom header below stands in
@require_POST
@never_cache
def hit(request: HttpRequest, pk: int) -> JsonResponse:
    """Count one view of a public item; answers the new count for the page to show.

    Only requests carrying ``X-Requested-With: gongkai-hit`` count. Browsers never send a custom
    header cross-site without a CORS preflight, which this view does not grant, so other sites
    cannot inflate the count through their visitors. Robots are answered but not counted.
    """
    if request.headers.get("X-Requested-With") != HIT_HEADER:
        return JsonResponse({"error": "forbidden"}, status=403)
    district = getattr(request, "district", None)
    counted = not is_bot(request.headers.get("User-Agent", "")) and actions.count_view(district, pk)
    views = public_items(district).filter(pk=pk).values_list("view_count", flat=True).first()
    if views is None:
        raise Http404
    return JsonResponse({"views": views, "counted": counted})


# ---- disclosure guide (政府信息公开指南) ----


def _apply_url() -> str:
    try:
        return reverse(APPLY_URL_NAME)
    except NoReverseMatch:
        return APPLY_URL_FALLBACK


def guide(request: HttpRequest) -> HttpResponse:
    """《条例》第十二条: the guide, generated from the organisations and columns in the database."""
    district = getattr(request, "district", None)
    context: dict[str, Any] = {"apply_url": _apply_url(), "today": timezone.localdate()}
    if district is not None:
        columns = public_columns(district)
        tops = [c for c in columns if c.parent_id is None]
        children: dict[int, list[Column]] = {}
        for c in columns:
            if c.parent_id:
                children.setdefault(c.parent_id, []).append(c)
        context.update(
            {
                "leading_group": leading_group(request),
                "guide_columns": [(c, children.get(c.pk, [])) for c in tops],
                **orgs_by_kind(district),
            }
        )
    return render(request, "catalog/portal/guide.html", context)


# ---- search (站内检索) ----


# Every result is reachable: 100,000 pages of 20 are two million items, more than a district publishes.
SEARCH_MAX_PAGE = 100_000


def _sort_urls(request: HttpRequest) -> dict[str, str]:
    """The same search ordered by relevance or newest first, from its first page."""
    urls = {}
    for sort in ("relevance", "date"):
        query = request.GET.copy()
        query.pop("page", None)
        query["sort"] = sort
        urls[sort] = "?" + query.urlencode()
    return urls


@abuse.rate_limited(abuse.SEARCHES, counts=abuse.has_query)
def search_page(request: HttpRequest) -> HttpResponse:
    district = getattr(request, "district", None)
    q = " ".join(request.GET.get("q", "").split())[:100]
    context: dict[str, Any] = {"q": q, "searched": False}
    if district is None:
        return render(request, "catalog/portal/search.html", context)
    columns = public_columns(district)
    by_slug = {c.slug: c for c in columns}
    column = by_slug.get(request.GET.get("lm", "").strip())
    org_id = _int(request.GET.get("org"))
    year = _int(request.GET.get("year"), minimum=1949, maximum=2999)
    page = _int(request.GET.get("page"), maximum=SEARCH_MAX_PAGE) or 1
    sort = "date" if request.GET.get("sort") == "date" else "relevance"
    context.update(
        {
            "column": column,
            "sort": sort,
            "sort_urls": _sort_urls(request),
            "org_id": org_id,
            "year": year,
            "column_options": _column_options(columns),
            # Lazy: evaluated only when the cached filter fragment has to be drawn again.
            "organisations": _publishing_orgs(district),
            "years": lambda: _years(district),
            "page_generation": pagecache.generation(),
        }
    )
    if q:
        def run(number: int):
            return search.search(
                q,
                district=district,
                column=column,
                organisation_id=org_id,
                year=year,
                limit=PER_PAGE,
                offset=(number - 1) * PER_PAGE,
                sort=sort,
            )

        results = run(page)
        first_page = page == 1  # a page past the end is still paging, not a new query
        # Exactly the pages that hold results: ceil(total / 20), or the cap's pages when the count is
        # a lower bound (the database engine's "N 条以上"); a page past the end shows the last one.
        num_pages = max(1, math.ceil(results.total / PER_PAGE))
        if page > num_pages:
            page = num_pages
            results = run(page)
        # The index follows publishing and withdrawal; this check keeps the page right even if it lags.
        visible = set(
            public_items(district)
            .filter(pk__in=[h.item.pk for h in results.hits])
            .values_list("pk", flat=True)
        )
        hits = [
            {
                "item": h.item,
                "title_html": mark_safe(h.title_html),  # noqa: S308 - escaped by search.highlight
                "snippet_html": mark_safe(h.snippet),  # noqa: S308 - escaped by search.highlight
            }
            for h in results.hits
            if h.item.pk in visible
        ]
        filtered = bool(column or org_id or year)
        if first_page:
            search.log_query(district, q, results.total, filtered=filtered)
        context.update(
            {
                "searched": True,
                "total": results.total,
                "more": results.more,
                "hits": hits,
                "filtered": filtered,
                "pager": _page_links(request, page, num_pages),
            }
        )
    return render(request, "catalog/portal/search.html", context)


# ---- home page panels ----


def home_latest_context(request: HttpRequest) -> dict[str, Any]:
    """The newest items of each column shown on the home page, in one query."""
    district = getattr(request, "district", None)
    if district is None:
        return {"home_columns": []}
    return {"home_columns": latest_on_home(district, HOME_ITEMS_PER_COLUMN)}
