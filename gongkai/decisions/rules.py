"""The district's 双公示 rules applied: when a decision must be public by, how late it was, and
when its publicity period ends. Pure functions of a decision's facts and the district's ``Rules``.

- Deadline (公示时限): the ``publish_within``-th working day after the decision day (default 7,
  ../shared/regulations.md, unverified — configurable). Late by the working days from the
  deadline to the day the batch's item was published.
- Publicity period (公示期限, per the credit-repair rules, configurable): a penalty of only a
  warning, a public criticism or a fine of at most ``minor_fine_max_wan`` 万元 — ``minor_months``
  (default 3) months; any other penalty and every enforcement decision — ``other_years`` (default
  3) years; counted from the decision day, the decision public through the end day. Licensing
  decisions have none: they stay public while the record stands.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal

from gongkai.decisions.models import DecisionKind, PenaltyCategory, Rules
from gongkai.orgs.models import Organisation
from gongkai.workcal.calendar import Estimate, estimate, working_days_between
from gongkai.workcal.calendar import add_working_days as _add

MINOR_CATEGORIES = frozenset({PenaltyCategory.WARNING, PenaltyCategory.CRITICISM, PenaltyCategory.FINE})


def rules_for(district: Organisation | int) -> Rules:
    """The district's rules; the defaults (unsaved) until the office changes one."""
    district_id = district if isinstance(district, int) else district.pk
    found = Rules.objects.filter(district_id=district_id).first()
    return found or Rules(district_id=district_id)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day where it has no such day)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def is_minor(categories: list[str], fine_wan: Decimal | None, rules: Rules) -> bool:
    """Only a warning, a public criticism or a small fine."""
    used = [c for c in categories if c]
    if not used or not set(used) <= MINOR_CATEGORIES:
        return False
    if PenaltyCategory.FINE in used:
        return fine_wan is not None and fine_wan <= rules.minor_fine_max_wan
    return True


def publicity_ends_on(
    kind: str, categories: list[str], fine_wan: Decimal | None, decided_on: dt.date, rules: Rules
) -> dt.date | None:
    """The last day the decision is public (None: no period)."""
    if kind == DecisionKind.LICENSING:
        return None
    if kind == DecisionKind.PENALTY and is_minor(categories, fine_wan, rules):
        return add_months(decided_on, rules.minor_months)
    return add_months(decided_on, 12 * rules.other_years)


def due_on(decided_on: dt.date, rules: Rules) -> Estimate[dt.date]:
    """The last day on which publishing is on time."""
    return estimate(lambda basis: _add(decided_on, rules.publish_within, basis=basis))


def days_late(decided_on: dt.date, published_on: dt.date, rules: Rules) -> int:
    """Working days from the deadline to the day of publication (0: on time)."""
    due = due_on(decided_on, rules).value
    if published_on <= due:
        return 0
    return estimate(lambda basis: working_days_between(due, published_on, basis=basis)).value
