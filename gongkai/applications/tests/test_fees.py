from decimal import Decimal

import pytest

from gongkai.applications.fees import per_application_fee, per_page_fee


@pytest.mark.parametrize(
    ("nth", "fee"), [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (55, 400)]
)
def test_per_application_fee_bands(nth, fee):
    assert per_application_fee(nth) == Decimal(fee)


@pytest.mark.parametrize(
    ("pages", "fee"),
    [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)],
)
def test_per_page_fee_bands(pages, fee):
    # 31–100: 70 pages × 10 = 700; 101–200: 100 × 20 = 2000; 201–250: 50 × 40 = 2000
    assert per_page_fee(pages) == Decimal(fee)
