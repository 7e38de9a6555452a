"""Public read-only API of the power list (in /api/openapi.json), a stable interface:

- ``GET /api/powers?organisation=<code>&as_of=YYYY-MM-DD``: the list as it stood on ``as_of``
  (default today), of one organisation (its unified social credit code; the units below it
  included) or of the whole district — each power's ``code``, ``name``, ``type`` (行政许可 …),
  ``basis``, ``organisation`` (the implementing organisation's code) and ``status`` (保留, 新增,
  承接, 调整, 部分取消);
- ``GET /api/powers/changes?year=YYYY``: the changes per kind that took effect in the year.

Only what the portal shows (``public.py``). A bad date, year or organisation is a 4xx with a
Chinese ``detail``, never a 500.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError

from gongkai.orgs.models import Organisation
from gongkai.powers import listing, stats
from gongkai.powers.public import public_changes

router = Router(tags=["行政权力清单"])


class PowerOut(Schema):
    code: str
    name: str
    type: str
    basis: str
    organisation: str
    status: str


class ChangeCountsOut(Schema):
    year: int
    counts: dict[str, int]


def _district(request: HttpRequest) -> Organisation:
    district = getattr(request, "district", None)
    if district is None:
        raise HttpError(404, "本站尚未配置区。")
    return district


def _day(text: str | None) -> dt.date:
    if not text:
        return timezone.localdate()
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise HttpError(400, "日期格式应为 YYYY-MM-DD，例如 2018-12-31。") from None


@router.get(
    "/powers",
    response=list[PowerOut],
    summary="某日的行政权力清单",
    description="as_of：日期（YYYY-MM-DD，默认今天）；organisation：实施主体的统一社会信用代码（含其下属单位，默认全区）。",
)
def powers(request: HttpRequest, organisation: str | None = None, as_of: str | None = None):
    district = _district(request)
    day = _day(as_of)
    entries = listing.in_force(public_changes(district), day)
    if organisation:
        org = Organisation.objects.filter(district=district, code=organisation.strip()).first()
        if org is None:
            raise HttpError(404, f"本区没有代码为 {organisation.strip()[:40]} 的机构。")
        entries = listing.narrowed(entries, organisation_ids=org.descendant_ids())
    return [
        {
            "code": entry.power.code,
            "name": entry.name,
            "type": entry.get_type_display(),
            "basis": entry.basis,
            "organisation": entry.organisation.code,
            "status": entry.get_status_display(),
        }
        for entry in listing.for_display(entries)
    ]


@router.get(
    "/powers/changes",
    response=ChangeCountsOut,
    summary="某年行政权力清单变更数量",
    description="year：年份（默认今年）；counts：各变更类型（baseline 清单公布、add 新增、take_over 承接、"
    "adjust 调整、partial_cancel 部分取消、cancel 取消）当年生效的项数。",
)
def change_counts(request: HttpRequest, year: str | None = None):
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
    return {"year": number, "counts": stats.change_counts(district, number)}
