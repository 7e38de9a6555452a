"""Public read-only API of publicity lists (in /api/openapi.json):

- ``GET /api/publicity?year=YYYY&kind=<code>&organisation=<code>``: the lists and notices public
  today (their period running), each with its index number, period and totals;
- ``GET /api/publicity/{id}/rows``: a public list's masked rows (name and ID number masked; no
  phone, bank account or address is a field at all);
- ``GET /api/publicity/stats?year=YYYY``: the year's figures per kind (lists, households, people,
  amount in 万元) and notices per kind — what the annual report quotes.

Only what the portal shows (``public.py``). A bad year, kind or organisation is a 4xx with a
Chinese ``detail``, never a 500; a list whose period is over is 410.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError

from gongkai.orgs.models import Organisation
from gongkai.publicity import opendata, public, stats
from gongkai.publicity.kinds import Kind

router = Router(tags=["公示公告"])


class PublicityOut(Schema):
    id: int
    title: str
    kind: str
    kind_code: str
    organisation: str
    organisation_code: str
    year: int
    month: int | None
    index_no: str
    published_on: str | None
    period_ends_on: str | None
    households: int | None
    people: int | None
    amount: float | None


class RowOut(Schema):
    number: int
    town: str
    village: str | None
    name: str
    id_number: str
    people: int
    amount: float | None
    category: str | None
    detail: str | None
    area: float | None


class KindFigures(Schema):
    lists: int
    households: int
    people: int
    amount_wan: str


class StatsOut(Schema):
    year: int
    lists: dict[str, KindFigures]
    notices: dict[str, int]


def _district(request: HttpRequest) -> Organisation:
    district = getattr(request, "district", None)
    if district is None:
        raise HttpError(404, "本站尚未配置区。")
    return district


def _year(text: str | None) -> int | None:
    if text is None or not text.strip():
        return None
    try:
        number = int(text.strip())
    except ValueError:
        raise HttpError(400, "年份应为四位数字，例如 2018。") from None
    if not 2000 <= number <= 2100:
        raise HttpError(400, "年份应为四位数字，例如 2018。")
    return number


@router.get(
    "/publicity",
    response=list[PublicityOut],
    summary="正在公示的公示名单和公告",
    description="year：所属年度；kind：类别代码（urban_dibao 城市低保、rural_dibao 农村低保、public_rental 公租房分配、"
    "low_rent 廉租房分配、housing_eligibility 资格认定、renovation_central / renovation_district 危房改造、"
    "land_acquisition 征地、expropriation_notice 征收通告、expropriation_decision 征收决定、compensation_plan 补偿方案、"
    "compensation_decision 补偿决定、mining_right 探矿权）；organisation：公示单位的统一社会信用代码（含下属单位）。",
)
def publicity_list(request: HttpRequest, year: str | None = None, kind: str | None = None, organisation: str | None = None):
    district = _district(request)
    number = _year(year)
    if kind and kind not in Kind.values:
        raise HttpError(400, "类别代码不正确，可选值见接口说明。")
    shown = public.current(district)
    if organisation:
        org = Organisation.objects.filter(district=district, code=organisation.strip()).first()
        if org is None:
            raise HttpError(404, f"本区没有代码为 {organisation.strip()[:40]} 的机构。")
        ids = set(org.descendant_ids())
        shown = [s for s in shown if s.publicity.organisation_id in ids]
    if number:
        shown = [s for s in shown if s.publicity.year == number]
    if kind:
        shown = [s for s in shown if s.publicity.kind == kind]
    totals = public.totals([s.publicity.pk for s in shown])
    out = []
    for s in sorted(shown, key=lambda s: s.publicity.pk):
        record = opendata.publicity_record(s, totals.get(s.publicity.pk) if s.publicity.is_list else None)
        out.append({k: (None if v == "" else v) for k, v in record.items()})
    return out


@router.get("/publicity/stats", response=StatsOut, summary="某年公示公告统计", description="year：所属年度（默认今年）。")
def publicity_stats(request: HttpRequest, year: str | None = None):
    district = _district(request)
    number = _year(year) or timezone.localdate().year
    entries = stats.entries(district, number)
    return {
        "year": number,
        "lists": {
            kind: {"lists": t.lists, "households": t.households, "people": t.people, "amount_wan": f"{t.amount_wan:f}"}
            for kind, t in entries.items()
        },
        "notices": stats.notices_published(district, number),
    }


@router.get("/publicity/{pk}/rows", response=list[RowOut], summary="公示名单（脱敏）")
def publicity_rows(request: HttpRequest, pk: int):
    district = _district(request)
    try:
        shown = public.public_or_gone(district, pk)
    except public.Gone as gone:
        raise HttpError(410, f"公示期已满，名单已于{gone.ended_on:%Y-%m-%d}撤下。") from None
    except Http404:
        raise HttpError(404, "没有这条公示。") from None
    if not shown.publicity.is_list:
        raise HttpError(404, "公告没有名单。")
    return [
        {
            "number": r.number,
            "town": r.town,
            "village": r.village or None,
            "name": r.name,
            "id_number": r.id_number,
            "people": r.people,
            "amount": float(r.amount) if r.amount is not None else None,
            "category": r.category or None,
            "detail": r.detail or None,
            "area": float(r.area) if r.area is not None else None,
        }
        for r in public.public_rows(shown.publicity)
    ]
