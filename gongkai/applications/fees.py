"""Processing fees (信息处理费), 《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）.

One method per application, never both:
- per application: the same applicant's applications to the same agency in one calendar month —
  the first 10 free, the 11th–30th 100 元 each, and from the 31st each further band of 10 costs
  100 元 more per application (31st–40th 200 元, 41st–50th 300 元 …);
- per page: pages 1–30 free, 31–100 at 10 元, 101–200 at 20 元, 201 and up at 40 元 a page.
"""

from __future__ import annotations

from decimal import Decimal

from gongkai.applications.models import ApplicantType, Application

FREE_APPLICATIONS = 10
FREE_PAGES = 30
PAGE_BANDS = [(100, Decimal(10)), (200, Decimal(20)), (None, Decimal(40))]  # (up to page, price)


def per_application_fee(nth: int) -> Decimal:
    """The fee for the applicant's ``nth`` application to the agency in this calendar month."""
    if nth <= FREE_APPLICATIONS:
        return Decimal(0)
    if nth <= 30:
        return Decimal(100)
    return Decimal(100) * (2 + (nth - 31) // 10)


def per_page_fee(pages: int) -> Decimal:
    total = Decimal(0)
    lower = FREE_PAGES
    for upper, price in PAGE_BANDS:
        top = pages if upper is None else min(pages, upper)
        if top > lower:
            total += price * (top - lower)
        if upper is None or pages <= upper:
            break
        lower = upper
    return total


def monthly_application_rank(app: Application) -> int:
    """This application's place among the same applicant's applications to the same agency in its
    calendar month (for per-application fees)."""
    same = Application.objects.filter(
        organisation=app.organisation,
        received_on__year=app.received_on.year,
        received_on__month=app.received_on.month,
        pk__lte=app.pk,
    )
    if app.applicant_type == ApplicantType.NATURAL and app.id_number_hash:
        same = same.filter(id_number_hash=app.id_number_hash)
    elif app.uscc:
        same = same.filter(uscc=app.uscc)
    else:
        return 1
    return same.count()
