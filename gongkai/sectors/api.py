"""Public read-only API of sector figures (in /api/openapi.json), a stable interface:

- ``GET /api/sectors/figures?year=YYYY[&organisation=<code>][&sector=<code>]``: the public
  figures of the year — each with its indicator ``code``, ``name``, ``sector``, ``unit``,
  ``value`` (a decimal string with the indicator's decimal places, so nothing is lost to
  floating point), ``parent_code``, the reporting ``organisation`` (its unified social credit
  code) and ``organisation_name``, the ``version``, ``confirmed_on`` and the ``index_no`` of the
  information item that published it.

Only what the portal shows (``public.py``). A bad year, organisation or sector is a 4xx with a
Chinese ``detail``, never a 500.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from gongkai.orgs.models import Organisation
from gongkai.sectors import checks, notices
from gongkai.sectors.models import Sector
from gongkai.sectors.public import public_figures

router = Router(tags=["行业领域数据"])


class FigureOut(Schema):
    year: int
    code: str
    name: str
    sector: str
    unit: str
    value: str
    parent_code: str
    organisation: str
    organisation_name: str
    version: int
    confirmed_on: str
    index_no: str


def _district(request: HttpRequest) -> Organisation:
    district = getattr(request, "district", None)
    if district is None:
        raise HttpError(404, "本站尚未配置区。")
    return district


@router.get(
    "/sectors/figures",
    response=list[FigureOut],
    summary="某年公开的行业领域数据",
    description="year：年份（四位数字，必填）；organisation：填报单位的统一社会信用代码（可选）；"
    "sector：领域代码（social_assistance 社会救助、education 教育、health 医疗卫生、employment 就业创业、"
    "environment 生态环境、food_drug 食品药品安全、land 农村土地流转、other 其他，可选）。"
    "value 为按指标小数位数书写的十进制字符串。",
)
def figures(request: HttpRequest, year: str, organisation: str | None = None, sector: str | None = None):
    district = _district(request)
    try:
        number = int(year.strip())
    except ValueError:
        raise HttpError(400, "年份应为四位数字，例如 2018。") from None
    if not 1949 <= number <= 2100:
        raise HttpError(400, "年份应为四位数字，例如 2018。")
    rows = public_figures(district, number)
    if organisation:
        org = Organisation.objects.filter(district=district, code=organisation.strip()).first()
        if org is None:
            raise HttpError(404, f"本区没有代码为 {organisation.strip()[:40]} 的机构。")
        rows = rows.filter(version__report__organisation_id__in=org.descendant_ids())
    if sector:
        if sector not in Sector.values:
            raise HttpError(400, "领域代码不正确，可选：" + "、".join(Sector.values))
        rows = rows.filter(indicator__sector=sector)
    rows = list(rows)
    refs = notices.notices_of(district, {f.version_id: f.version for f in rows}.values())
    return [
        {
            "year": f.version.report.year,
            "code": f.indicator.code,
            "name": f.indicator.name,
            "sector": f.indicator.get_sector_display(),
            "unit": f.indicator.unit,
            "value": checks.show(f.value, f.indicator.decimals),
            "parent_code": f.indicator.parent.code if f.indicator.parent_id else "",
            "organisation": f.version.report.organisation.code,
            "organisation_name": f.version.report.organisation.name,
            "version": f.version.number,
            "confirmed_on": f.version.decided_at.date().isoformat() if f.version.decided_at else "",
            "index_no": refs[f.version_id].index_no if f.version_id in refs else "",
        }
        for f in rows
    ]
