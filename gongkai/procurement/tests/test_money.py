"""Savings and savings rates equal an independent computation: exact fractions, rounded half up by
hand, over random projects — per project and in totals (sum of savings ÷ sum of budgets over the
projects with a contract amount)."""

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from gongkai.procurement import money

# Amounts in fen (分), so that the test's arithmetic is whole numbers.
fen = st.integers(min_value=1, max_value=99_999_999_999)


def percent_two_decimals(numerator: int, denominator: int) -> str:
    """numerator ÷ denominator as a percentage, rounded half up to two decimals, by integers."""
    scaled = Fraction(numerator * 10000, denominator)  # hundredths of a percent
    sign = -1 if scaled < 0 else 1
    whole, rest = divmod(abs(scaled.numerator), scaled.denominator)
    if 2 * rest >= scaled.denominator:
        whole += 1
    whole *= sign
    return f"{'-' if whole < 0 else ''}{abs(whole) // 100}.{abs(whole) % 100:02d}"


@st.composite
def project(draw):
    budget = draw(fen)
    contracted = draw(st.booleans())
    contract = draw(st.integers(min_value=1, max_value=budget)) if contracted else None
    return budget, contract


def yuan(value_fen: int | None) -> Decimal | None:
    return None if value_fen is None else Decimal(value_fen) / 100


@given(project())
def test_a_projects_savings_and_rate_equal_an_independent_computation(row):
    budget, contract = row
    saved = money.savings(yuan(budget), yuan(contract))
    if contract is None:
        assert saved is None
        return
    assert saved == yuan(budget - contract)
    assert str(money.rate(saved, yuan(budget))) == percent_two_decimals(budget - contract, budget)


@given(st.lists(project(), max_size=60))
def test_totals_are_the_sum_of_savings_over_the_sum_of_budgets_of_the_contracted_projects(rows):
    totals = money.totals((yuan(b), yuan(c)) for b, c in rows)
    contracted = [(b, c) for b, c in rows if c is not None]
    budget = sum(b for b, _c in contracted)
    contract = sum(c for _b, c in contracted)
    assert totals.projects == len(rows)
    assert totals.contracted == len(contracted)
    assert totals.planned_budget == yuan(sum(b for b, _c in rows)) or not rows
    assert totals.budget == (yuan(budget) if contracted else Decimal("0.00"))
    assert totals.savings == (yuan(budget - contract) if contracted else Decimal("0.00"))
    if contracted:
        assert str(totals.savings_rate) == percent_two_decimals(budget - contract, budget)
    else:
        assert totals.savings_rate is None


def test_the_rate_is_not_the_average_of_the_projects_rates():
    # 10 % saved on 100 元 and nothing on 900 元: 1 % of the budgets, not the 5 % of an average.
    totals = money.totals([(Decimal("100"), Decimal("90")), (Decimal("900"), Decimal("900"))])
    assert totals.savings_rate == Decimal("1.00")


def test_the_seeds_amounts_give_the_computed_rates_not_the_stated_ones():
    """The seed states 3.06 % and 3.22 %; its own amounts (in 万元) make 3.08 % and 3.16 %."""
    assert money.rate(Decimal("635"), Decimal("20622")) == Decimal("3.08")
    assert money.rate(Decimal("36"), Decimal("1138")) == Decimal("3.16")


def test_wan_rounds_half_up_to_two_decimals():
    assert money.wan(Decimal("12345")) == Decimal("1.23")
    assert money.wan(Decimal("12350")) == Decimal("1.24")
    assert money.wan(Decimal("199870000.00")) == Decimal("19987.00")
