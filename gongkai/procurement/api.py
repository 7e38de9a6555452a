"""Public read-only API of government procurement (in /api/openapi.json), a stable interface:

- ``GET /api/procurement/summary?year=YYYY[&method=...][&type=...]``: the year's public projects
  (terminated ones left out) — ``projects``, ``contracted`` (those whose result is public),
  ``budget_wan``, ``contract_wan`` and ``savings_wan`` (万元, two decimals, over the contracted
  projects), ``planned_budget_wan`` (the budgets of every project counted) and ``savings_rate``
  (a percentage to two decimals: the sum of savings over the sum of budgets; null when nothing is
  contracted) — in total and ``by_type`` (goods, works, services). Computed from the records
  (``stats.py``) on every request, never stored.

Only what the portal shows (``public.py``). A bad year, method or type is a 400 with a Chinese
``detail``, never a 500.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError

from gongkai.orgs.models import Organisation
from gongkai.procurement import money, stats
from gongkai.procurement.models import Method, ProcurementType

router = Router(tags=["政府采购"])


class TotalsOut(Schema):
    projects: int
    contracted: int
    budget_wan: float
    contract_wan: float
    savings_wan: float
    planned_budget_wan: float
    savings_rate: float | None


class SummaryOut(TotalsOut):
    year: int
    method: str | None
    type: str | None
    by_type: dict[str, TotalsOut]


def _out(totals: money.Totals) -> dict:
    rate = totals.savings_rate
    return {
        "projects": totals.projects,
        "contracted": totals.contracted,
        "budget_wan": float(totals.budget_wan),
        "contract_wan": float(totals.contract_wan),
        "savings_wan": float(totals.savings_wan),
        "planned_budget_wan": float(totals.planned_budget_wan),
        "savings_rate": None if rate is None else float(rate),
    }


def _district(request: HttpRequest) -> Organisation:
    district = getattr(request, "district", None)
    if district is None:
        raise HttpError(404, "本站尚未配置区。")
    return district


def _year(text: str | None) -> int:
    if text is None or not text.strip():
        return timezone.localdate().year
    try:
        number = int(text.strip())
    except ValueError:
        raise HttpError(400, "年份应为四位数字，例如 2018。") from None
    if not 1949 <= number <= 2100:
        raise HttpError(400, "年份应为四位数字，例如 2018。")
    return number


@router.get(
    "/procurement/summary",
    response=SummaryOut,
    summary="某年政府采购情况",
    description="year：预算年度（默认今年）；method：采购方式代码（"
    + "、".join(f"{m.value} {m.label}" for m in Method)
    + "）；type：采购类别代码（goods 货物、works 工程、services 服务）。金额单位万元（两位小数），"
    "savings_rate 为资金节约率（百分数，两位小数）＝节约资金之和÷预算金额之和，只计已公开结果的项目。",
)
def summary(
    request: HttpRequest, year: str | None = None, method: str | None = None, type: str | None = None
):
    district = _district(request)
    number = _year(year)
    method = (method or "").strip() or None
    if method is not None and method not in Method.values:
        raise HttpError(400, "采购方式代码应为：" + "、".join(Method.values) + "。")
    type = (type or "").strip() or None
    if type is not None and type not in ProcurementType.values:
        raise HttpError(400, "采购类别代码应为：goods、works、services。")
    total = stats.summary(district, number, method=method, type=type)
    per_type = stats.by_type(district, number, method=method)
    if type is not None:
        per_type = {type: per_type[type]}
    return {
        "year": number,
        "method": method,
        "type": type,
        **_out(total),
        "by_type": {t: _out(totals) for t, totals in per_type.items()},
    }
