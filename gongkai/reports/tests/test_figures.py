"""The report's figures against counts worked out in the test from the generated records."""

import datetime as dt

import pytest
import time_machine

from gongkai.applications.models import Application, ReviewCase
from gongkai.reports import actions, figures, formats
from gongkai.reports.models import ReportFormat

pytestmark = pytest.mark.django_db
START, END = dt.date(2021, 1, 1), dt.date(2021, 12, 31)
GROUP_OF = {"disclose": "disclose", "partial": "partial"}


def expected_cell(apps, row: str, column: str) -> int:
    def counted(a) -> bool:
        if column != "total" and a.category != column:
            return False
        if row == "new":
            return START <= a.received_on <= END
        if row == "carried_in":
            return a.received_on < START and (a.replied_on is None or a.replied_on >= START)
        if row == "carried_out":
            return a.received_on <= END and (a.replied_on is None or a.replied_on > END)
        replied = a.replied_on is not None and START <= a.replied_on <= END
        if row == "results_total":
            return replied and bool(a.outcome)
        return replied and a.outcome == row

    return sum(1 for a in apps if counted(a))


@pytest.fixture
def mine(ledger, personas):
    return [a for a in ledger if a.organisation_id == personas.department.pk]


def test_the_format_follows_the_year():
    assert formats.format_for(2018) == ReportFormat.NARRATIVE
    assert formats.format_for(2019) == formats.format_for(2020) == ReportFormat.TRIAL_2019
    assert formats.format_for(2021) == formats.format_for(2030) == ReportFormat.OFFICIAL_2021


def test_every_cell_of_table_three_equals_a_count_of_the_generated_records(mine, personas):
    computed = figures.compute(personas.department, 2021)
    rows = computed["table_three"]["rows"]
    assert list(rows) == formats.three_row_keys(ReportFormat.OFFICIAL_2021)
    assert len(rows) == 2 + 2 + 8 + 3 + 5 + 3 + 1 + 1
    for row in rows:
        for column in computed["table_three"]["columns"]:
            assert rows[row][column] == expected_cell(mine, row, column), (row, column)
    assert rows["new"]["total"] > 0 and rows["carried_in"]["total"] > 0 and rows["carried_out"]["total"] > 0


def test_the_2019_format_has_one_row_for_other_handling(mine, personas):
    rows = figures.compute(personas.department, 2020)["table_three"]["rows"]
    assert "other" in rows and "other_1" not in rows
    assert rows["other"]["total"] == sum(
        1
        for a in mine
        if a.replied_on and a.replied_on.year == 2020 and a.outcome.startswith("other_")
    )


def test_a_district_counts_every_organisation_and_a_department_only_its_own(ledger, personas):
    district = figures.compute(personas.district, 2021)["table_three"]["rows"]
    assert district["new"]["total"] == expected_cell(ledger, "new", "total")
    other = figures.compute(personas.other_department, 2021)["table_three"]["rows"]
    assert other["new"]["total"] + figures.compute(personas.department, 2021)["table_three"]["rows"]["new"][
        "total"
    ] == district["new"]["total"]


def test_table_four_counts_the_cases_filed_in_the_year(ledger, personas):
    four = figures.compute(personas.district, 2021)["table_four"]
    cases = list(ReviewCase.objects.filter(filed_on__year=2021))
    for kind, _label in formats.FOUR_KINDS:
        for result, _l in formats.FOUR_RESULTS:
            expected = sum(1 for c in cases if c.kind == kind and (result == "total" or c.result == result))
            assert four[kind][result] == expected, (kind, result)
    assert sum(four[k]["total"] for k in four) == len(cases) > 0


def test_the_balance_holds_for_clean_records_in_every_column(ledger, personas):
    balance = figures.compute(personas.district, 2021)["checks"]["balance"]
    assert balance["ok"] and balance["breaks"] == []
    assert set(balance["columns"]) == {k for k, _l in formats.THREE_COLUMNS}


def test_a_broken_record_breaks_the_balance_and_is_named(ledger, personas):
    broken = next(a for a in ledger if a.replied_on and a.replied_on.year == 2021 and a.received_on.year == 2021)
    Application.objects.filter(pk=broken.pk).update(outcome="")  # replied, but no outcome recorded
    balance = figures.compute(personas.district, 2021)["checks"]["balance"]
    assert not balance["ok"]
    assert [b["number"] for b in balance["breaks"]] == [broken.number]
    assert not balance["columns"][broken.category]["ok"] and not balance["columns"]["total"]["ok"]
    assert balance["columns"][broken.category]["left"] == balance["columns"][broken.category]["right"] + 1


@time_machine.travel(dt.datetime(2023, 2, 1, 9, tzinfo=dt.UTC), tick=False)
def test_the_carry_over_is_checked_against_last_years_approved_report(ledger, personas, put_application):
    previous = actions.generate_report(personas.department, 2020, actor=personas.coordinator)
    actions.approve_report(previous, actor=personas.coordinator)
    check = figures.compute(personas.department, 2021)["checks"]["carry_over"]
    assert check["ok"] and check["source"] == "上年已审定的年度报告"
    # A 2020 application entered after 2020's report was approved, still open in 2021:
    late = put_application(personas.department, dt.date(2020, 12, 20), category="research")
    check = figures.compute(personas.department, 2021)["checks"]["carry_over"]
    assert not check["ok"] and check["columns_differing"] == ["research", "total"]
    assert check["carried_in"]["research"] == check["previous_carried_out"]["research"] + 1
    assert late.number  # the record is what makes the difference


def test_the_json_keys_are_stable(ledger, personas):
    computed = figures.compute(personas.district, 2021)
    assert set(computed) == {
        "schema", "organisation", "year", "format", "table_two", "table_three", "table_four",
        "narrative", "checks", "missing",
    }
    assert set(computed["table_two"]) == {"rules", "normative", "licensing", "penalty", "enforcement", "fees"}
    assert set(computed["table_two"]["rules"]) == {"made", "repealed", "in_force"}
    assert set(computed["checks"]) == {"balance", "carry_over"}
    assert computed["table_two"]["licensing"]["decisions"] == 0  # 双公示: none published in the test
    assert computed["table_two"]["fees"] == {"amount_wan": "0.00"}  # no fee recorded in the test
    assert computed["missing"] == []  # every registry now gives its figures
    narrative = computed["narrative"]
    totals = {"projects", "contracted", "budget_wan", "contract_wan", "savings_wan", "savings_rate"}
    assert set(narrative["procurement"]) == totals | {"by_type", "online_bidding"}
    assert set(narrative["procurement"]["by_type"]) == {"goods", "works", "services"}
    assert set(narrative["procurement"]["online_bidding"]) == totals
    assert set(narrative["budgets"]) == {
        "budget_units", "complete", "on_time", "late", "published", "government_complete", "final_year",
    }
    assert set(narrative["publicity"]) >= {"housing_allocated", "low_rent", "public_rental", "urban_dibao_wan"}


def test_shares_are_of_the_distinct_total_to_two_decimals():
    assert figures.percent(6143, 11908) == "51.59"
    assert figures.percent(16, 11908) == "0.13"
    assert figures.percent(1, 0) is None
