"""Public read-only API of the services app (in /api/openapi.json):

- ``GET /api/services/guides?organisation=<code>&type=<type>``: the public guides (one per item,
  its newest public version) with the item's basic elements and the guide's time limits;
- ``GET /api/services/cases?year=YYYY``: the year's case figures for the district (received,
  on-time rate, one-visit rate, 好差评 per level, satisfaction rate) and 行政许可 decisions.

Only what the portal shows (``public.py``, ``stats.py``); never a case. Bad input is a 4xx with
a Chinese ``detail``.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError

from gongkai.orgs.models import Organisation
from gongkai.services import public, stats
from gongkai.services.models import ItemType

router = Router(tags=["政务服务事项、办事指南和办件"])


class GuideOut(Schema):
    code: str
    name: str
    type: str
    department: str
    organisation: str
    basis: str
    power_code: str
    version: int
    legal_limit_days: int | None
    promised_limit_days: int | None
    visits: int | None
    fees: str
    phone: str


class CaseFiguresOut(Schema):
    year: int
    received: int
    accepted: int
    completed: int
    on_time: int
    on_time_rate: float | None
    one_visit: int
    one_visit_rate: float | None
    visits: int
    ratings: dict[str, int]
    bad_ratings: int
    bad_followed_up: int
    satisfaction_rate: float | None
    licensing_decisions: int


def _district(request: HttpRequest) -> Organisation:
    district = getattr(request, "district", None)
    if district is None:
        raise HttpError(404, "本站尚未配置区。")
    return district


@router.get(
    "/services/guides",
    response=list[GuideOut],
    summary="公开的办事指南",
    description="organisation：实施机关的统一社会信用代码（含其下属单位）；type：事项类型代码（licensing 行政许可 …）。",
)
def guide_list(request: HttpRequest, organisation: str | None = None, type: str | None = None):
    district = _district(request)
    found = public.public_guides(district)
    if organisation:
        org = Organisation.objects.filter(district=district, code=organisation.strip()).first()
        if org is None:
            raise HttpError(404, f"本区没有代码为 {organisation.strip()[:40]} 的机构。")
        found = found.filter(item__organisation_id__in=org.descendant_ids())
    if type:
        if type not in ItemType.values:
            raise HttpError(400, "事项类型代码应为：" + "、".join(ItemType.values))
        found = found.filter(item__type=type)
    return [
        {
            "code": g.item.code,
            "name": g.item.name,
            "type": g.item.get_type_display(),
            "department": g.item.department.name,
            "organisation": g.item.organisation.code,
            "basis": g.item.basis,
            "power_code": g.item.power_code,
            "version": g.version,
            "legal_limit_days": g.legal_limit_days,
            "promised_limit_days": g.promised_limit_days,
            "visits": g.visits,
            "fees": g.fees,
            "phone": g.phone,
        }
        for g in public.for_display(found)
    ]


@router.get(
    "/services/cases",
    response=CaseFiguresOut,
    summary="某年办件统计与好差评",
    description="year：年份（默认今年）；ratings 的键为评价等级（5 非常满意 … 1 非常不满意）。",
)
def case_figures(request: HttpRequest, year: str | None = None):
    district = _district(request)
    if year is None or not year.strip():
        number = timezone.localdate().year
    else:
        try:
            number = int(year.strip())
        except ValueError:
            raise HttpError(400, "年份应为四位数字，例如 2018。") from None
        if not 1949 <= number <= 2100:
            raise HttpError(400, "年份应为四位数字，例如 2018。")
    figures = stats.cases(district, number)
    return {
        "year": number,
        **{
            k: figures[k]
            for k in (
                "received",
                "accepted",
                "completed",
                "on_time",
                "one_visit",
                "visits",
                "ratings",
                "bad_ratings",
                "bad_followed_up",
            )
        },
        **{
            k: None if figures[k] is None else float(figures[k])
            for k in ("on_time_rate", "one_visit_rate", "satisfaction_rate")
        },
        "licensing_decisions": stats.licensing_decisions(district, number),
    }
