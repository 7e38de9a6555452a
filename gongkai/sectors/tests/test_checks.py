"""The checks, worked by hand: the seed's land transfer (8.04 万亩, parts making 7.95) is flagged,
a total that rounding explains is not; negative values and shares above 100 % are errors; a jump
of more than half from last year's figure is a warning; typed values are read strictly."""

from decimal import Decimal

import pytest

from gongkai.sectors import checks
from gongkai.sectors.models import CheckKind, Indicator, PartsRule, Unit


def _indicator(pk, decimals=0, unit=Unit.PEOPLE, parent=None, rule=""):
    return Indicator(
        pk=pk,
        code=f"i{pk}",
        name=f"指标{pk}",
        unit=unit,
        decimals=decimals,
        parent_id=parent,
        parts_rule=rule,
    )


LAND = [
    _indicator(1, 2, Unit.WAN_MU, rule=PartsRule.EQUAL),
    *(_indicator(pk, 3, Unit.WAN_MU, parent=1) for pk in (2, 3, 4, 5)),
]


def _values(*texts):
    return {pk: Decimal(t) for pk, t in zip((1, 2, 3, 4, 5), texts, strict=True)}


def test_the_seeds_land_transfer_is_flagged_with_its_difference_and_tolerance():
    (finding,) = checks.findings(LAND, _values("8.04", "3.928", "1.509", "1.835", "0.678"))
    assert finding.kind == CheckKind.PARTS_SUM and finding.severity == checks.CONFIRM
    assert "合计 7.95万亩" in finding.message
    assert "相差 0.09万亩" in finding.message
    assert "允许误差 0.007" in finding.message  # 0.005 + 4 × 0.0005


def test_parts_within_their_rounding_tolerance_are_not_flagged():
    # 3.928 + 1.509 + 1.835 + 2.773 = 10.045, a total of 10.04 or 10.05 is rounding
    assert checks.findings(LAND, _values("10.04", "3.928", "1.509", "1.835", "2.773")) == []
    assert checks.findings(LAND, _values("10.05", "3.928", "1.509", "1.835", "2.773")) == []
    assert checks.findings(LAND, _values("10.06", "3.928", "1.509", "1.835", "2.773"))


def test_parts_at_most_their_total_pass_until_they_exceed_it():
    total = _indicator(1, rule=PartsRule.AT_MOST)
    parts = [_indicator(2, parent=1), _indicator(3, parent=1)]
    assert checks.findings([total, *parts], {1: Decimal(772), 2: Decimal(44), 3: Decimal(216)}) == []
    (finding,) = checks.findings([total, *parts], {1: Decimal(200), 2: Decimal(44), 3: Decimal(216)})
    assert finding.kind == CheckKind.PARTS_EXCEED and "260" in finding.message


def test_negative_values_shares_above_100_and_missing_values_are_errors():
    share = _indicator(7, 1, Unit.PERCENT)
    count = _indicator(8)
    empty = _indicator(9)
    found = checks.findings([share, count, empty], {7: Decimal("100.5"), 8: Decimal(-1), 9: None})
    assert {(f.indicator.pk, f.kind, f.severity) for f in found} == {
        (7, CheckKind.SHARE_OVER_100, checks.ERROR),
        (8, CheckKind.NEGATIVE, checks.ERROR),
        (9, CheckKind.MISSING, checks.ERROR),
    }
    assert checks.findings([share], {7: Decimal(100)}) == []


def test_a_value_more_than_half_away_from_last_year_is_a_warning():
    count = _indicator(8)
    assert checks.findings([count], {8: Decimal(150)}, {8: Decimal(100)}) == []
    assert checks.findings([count], {8: Decimal(50)}, {8: Decimal(100)}) == []
    (up,) = checks.findings([count], {8: Decimal(151)}, {8: Decimal(100)})
    assert up.kind == CheckKind.YEAR_ON_YEAR and up.severity == checks.WARNING and "增加 51.0%" in up.message
    (down,) = checks.findings([count], {8: Decimal(49)}, {8: Decimal(100)})
    assert "减少 51.0%" in down.message
    assert checks.findings([count], {8: Decimal(5)}, {8: Decimal(0)}) == []  # no base to compare with


@pytest.mark.parametrize(
    ("text", "decimals", "expected"),
    [
        ("1,401.2133", 4, Decimal("1401.2133")),
        ("１２６８", 0, Decimal(1268)),
        (" 3.9 ", 3, Decimal("3.900")),
        ("", 0, None),
        (None, 0, None),
        (1268, 0, Decimal(1268)),
        (651.574, 4, Decimal("651.5740")),
    ],
)
def test_typed_values_are_read_as_decimals(text, decimals, expected):
    assert checks.parse_value(text, _indicator(1, decimals)) == expected


@pytest.mark.parametrize(
    ("text", "decimals", "message"),
    [
        ("三百", 0, "不是数字"),
        ("12.5", 0, "应为整数"),
        ("3.9281", 3, "最多保留3位小数"),
        ("8.04万亩", 2, "不要填写单位"),
        ("1e20", 0, "数值过大"),
        ("NaN", 0, "请填写数字"),
    ],
)
def test_a_value_the_indicator_cannot_hold_is_refused_with_its_reason(text, decimals, message):
    with pytest.raises(checks.BadValue, match=message):
        checks.parse_value(text, _indicator(1, decimals, Unit.WAN_MU))
