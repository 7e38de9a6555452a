"""Public read-only API of the 双公示 registry (in /api/openapi.json):

- ``GET /api/decisions?kind=licensing|penalty|enforcement&year=YYYY&organisation=<code>&q=&page=``:
  the decisions on the portal, newest first, 100 a page, each as the open data's record
  (``opendata.FIELDS``: a natural person's name masked, no ID number);
- ``GET /api/decisions/counts?year=YYYY[&organisation=<code>]``: the year's decisions per kind (the
  annual report's 第二十条第（五）（六）项), fines in 万元 and the timeliness of publication.

Only what the portal shows (``public.py``). A bad kind, year or organisation is a 4xx with a
Chinese ``detail``, never a 500.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError

from gongkai.decisions import notices, opendata, stats
from gongkai.decisions.models import DecisionKind
from gongkai.decisions.views_public import filters_of, narrowed
from gongkai.orgs.models import Organisation

router = Router(tags=["行政许可和行政处罚“双公示”"])
PAGE = 100


class DecisionOut(Schema):
    number: str
    kind: str
    title: str
    category: str
    content: str
    facts: str
    basis: str
    licence_name: str
    licence_number: str
    fine_wan: str
    confiscated_wan: str
    party_type: str
    party_name: str
    credit_code: str
    legal_rep: str
    decided_on: str
    valid_from: str
    valid_to: str
    publicity_ends_on: str
    organisation: str
    organisation_code: str
    source: str
    index_no: str
    published_on: str


class DecisionPageOut(Schema):
    count: int
    page: int
    pages: int
    decisions: list[DecisionOut]


class CountsOut(Schema):
    year: int
    licensing: int
    penalty: int
    enforcement: int
    fines_wan: str
    confiscated_wan: str
    released: int
    on_time: int
    late: int
    late_days: int
    unpublished: int


def _district(request: HttpRequest) -> Organisation:
    district = getattr(request, "district", None)
    if district is None:
        raise HttpError(404, "本站尚未配置区。")
    return district


def _year(text: str | None, *, default: int | None) -> int | None:
    if text is None or not text.strip():
        return default
    try:
        number = int(text.strip())
    except ValueError:
        raise HttpError(400, "年份应为四位数字，例如 2018。") from None
    if not 1949 <= number <= 2100:
        raise HttpError(400, "年份应为四位数字，例如 2018。")
    return number


def _organisation(district: Organisation, code: str | None) -> Organisation | None:
    if not code or not code.strip():
        return None
    org = Organisation.objects.filter(district=district, code=code.strip().upper()).first()
    if org is None:
        raise HttpError(404, f"本区没有代码为 {code.strip()[:40]} 的机构。")
    return org


@router.get(
    "/decisions",
    response=DecisionPageOut,
    summary="双公示：公示中的行政许可、行政处罚和行政强制决定",
    description="kind：licensing（行政许可）、penalty（行政处罚）或 enforcement（行政强制），默认全部；"
    "year：决定年份；organisation：决定机关的统一社会信用代码（含其下属单位）；q：文书号、名称或信用代码；"
    "page：页码（每页100条）。自然人姓名部分隐去，不含身份证号码。",
)
def decisions(
    request: HttpRequest,
    kind: str | None = None,
    year: str | None = None,
    organisation: str | None = None,
    q: str | None = None,
    page: int = 1,
):
    district = _district(request)
    if kind and kind not in DecisionKind.values:
        raise HttpError(400, "kind 应为 licensing、penalty 或 enforcement。")
    org = _organisation(district, organisation)
    filters = filters_of({"kind": kind or "", "q": q or ""})
    filters["year"] = _year(year, default=None)
    filters["org"] = org.pk if org else None
    found = narrowed(district, filters)
    count = found.count()
    pages = max(1, -(-count // PAGE))
    if page < 1 or page > pages:
        raise HttpError(404, f"页码应在 1 到 {pages} 之间。")
    rows = list(found[(page - 1) * PAGE : page * PAGE])
    return {
        "count": count,
        "page": page,
        "pages": pages,
        "decisions": opendata.rows(rows, notices.public_batches(district)),
    }


@router.get(
    "/decisions/counts",
    response=CountsOut,
    summary="双公示：某年的决定数量（年度报告第二十条第（五）（六）项）",
    description="year：年份（默认今年）；organisation：机构的统一社会信用代码（含其下属单位，默认全区）。"
    "licensing、penalty、enforcement：当年作出并已公示的决定数；fines_wan：罚款金额（万元，两位小数）；"
    "released、on_time、late、late_days、unpublished：已提交公示的决定中按时公开、逾期公开（及逾期工作日合计）和尚未公开的数量。",
)
def counts(request: HttpRequest, year: str | None = None, organisation: str | None = None):
    district = _district(request)
    number = _year(year, default=timezone.localdate().year)
    of = _organisation(district, organisation) or district
    by_kind = stats.counts_by_kind(of, number)
    timeliness = stats.on_time(of, number)
    return {
        "year": number,
        **by_kind,
        "fines_wan": str(stats.fines_wan(of, number)),
        "confiscated_wan": str(stats.confiscated_wan(of, number)),
        "released": timeliness.released,
        "on_time": timeliness.on_time,
        "late": timeliness.late,
        "late_days": timeliness.late_days,
        "unpublished": timeliness.unpublished,
    }
