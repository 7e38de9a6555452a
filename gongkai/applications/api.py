"""Public JSON API of disclosure applications (no login): the reply deadline calculator.

Mounted on the public NinjaAPI with ``api.add_router("/", router)`` in gongkai/api/public.py.
STABLE INTERFACE: ``GET /api/deadline?received=YYYY-MM-DD``. While a year the dates run into is
not yet in the working-day calendar, the answer stays a 400 naming that year (``year``), and adds
the provisional dates under ``provisional`` (keys ``due``, ``extended_due``, ``earliest_due``,
``earliest_extended_due``, ``basis``, ``note``).
"""

from __future__ import annotations

import datetime as dt
import re

from django.http import HttpRequest, JsonResponse
from ninja import Query, Router, Schema
from pydantic import Field

from gongkai.applications import deadlines
from gongkai.lib import bounds

router = Router(tags=["依申请公开"])

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


class SkippedDayOut(Schema):
    date: dt.date
    reason: str = Field(description="节日名称，或“周末”")


class DeadlineOut(Schema):
    received: dt.date = Field(description="收到申请之日（当日不计入）")
    due: dt.date = Field(description="答复期限：收到申请之日起第 20 个工作日（《条例》第三十三条）")
    extended_due: dt.date = Field(description="经批准延期后最迟的答复期限：再加 20 个工作日")
    skipped: list[SkippedDayOut] = Field(
        description="收到申请之日至延期后期限之间不计入的日子（节假日与周末）"
    )


class ProvisionalDeadlineOut(Schema):
    due: dt.date = Field(description="暂定答复期限：按周末、法定节假日（含补假）计算")
    extended_due: dt.date = Field(description="暂定的延期后最迟答复期限")
    earliest_due: dt.date = Field(description="答复期限最早可能的日期（临近节假日的周末均按可能调休上班计）")
    earliest_extended_due: dt.date = Field(description="延期后最迟答复期限最早可能的日期")
    basis: str = Field(description="计算依据，固定为 statutory_holidays_and_weekends")
    note: str = Field(description="给申请人的说明（中文）")


class DeadlineErrorOut(Schema):
    detail: str = Field(description="错误说明（中文）")
    year: int | None = Field(None, description="工作日历尚未录入的年份（仅在缺少该年节假日安排时给出）")
    provisional: ProvisionalDeadlineOut | None = Field(
        None, description="缺少该年节假日安排时的暂定日期（仅在给出 year 时给出）"
    )


def _error(detail: str, status: int = 400, **extra) -> JsonResponse:
    return JsonResponse({"detail": detail, **extra}, status=status)


@router.get(
    "/deadline",
    response={200: DeadlineOut, 400: DeadlineErrorOut},
    summary="政府信息公开申请的答复期限",
    description=(
        "按工作日计算依申请公开的答复期限：收到申请之日不计入，法定节假日和周末不计入，调休上班日计入。"
        "日期格式不正确，或所需年份的节假日安排尚未录入工作日历时，返回 400 和中文说明。"
    ),
)
def deadline(
    request: HttpRequest,
    received: str = Query(..., description="收到申请之日，格式 YYYY-MM-DD", examples=["2025-06-09"]),
):
    text = received.strip()
    if not _DATE_RE.fullmatch(text):
        return _error("日期格式不正确，请按 YYYY-MM-DD 填写，例如 2025-06-09。")
    try:
        received_on = dt.date.fromisoformat(text)
    except ValueError:
        return _error(f"日期无效：{text} 不是存在的日期。")
    if not bounds.valid_date(received_on):
        return _error(f"收到申请之日：{bounds.DATE_MESSAGE}")
    try:
        result = deadlines.calculator(received_on)
    except OverflowError:
        return _error("日期超出可以计算的范围。")
    if result.provisional:
        year = result.pending_year
        return _error(
            f"{year}年的节假日安排尚未录入工作日历，无法计算工作日。",
            year=year,
            provisional={
                "due": result.due.isoformat(),
                "extended_due": result.extended_due.isoformat(),
                "earliest_due": result.earliest_due.isoformat(),
                "earliest_extended_due": result.earliest_extended_due.isoformat(),
                "basis": "statutory_holidays_and_weekends",
                "note": result.pending_note,
            },
        )
    return {
        "received": result.received,
        "due": result.due,
        "extended_due": result.extended_due,
        "skipped": [{"date": d, "reason": r} for d, r in result.skipped],
    }
