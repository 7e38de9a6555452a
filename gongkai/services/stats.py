"""The services app's figures, for the annual report (政务服务、第二十条第（五）项), the dashboards
and the public figures page: functions of what they count (a district, or an organisation and
the units below it) and a year — no user, no request, no clock.

The rules every figure follows:

- A case counts in the year of the event the figure is about: 办件量 (received) by 申请日期,
  accepted by 受理日期, completed, on time and one-visit by 办结日期, a rating by its 评价日期 (else
  the 办结日期, else the 申请日期). It counts for its implementing organisation (实施机关).
- On time (按时办结): completed on or before its 承诺办结日期; the rate is over the completed cases
  that have one (``timed``). One visit (一次办结): completed with at most one visit to the hall.
- 满意率 is (非常满意 + 满意 + 基本满意) ÷ the cases rated; 差评 are 不满意 and 非常不满意, and
  ``bad_followed_up`` counts those with a recorded 整改 or 回访.
- Rates are percentages to two decimals (half up), None when nothing was counted.
- 行政许可 decisions (第二十条第（五）项): cases of 行政许可 items completed in the year with 准予.
- Guides: what the public sees (``public.py``); an item is incomplete while the newest version of
  its guide misses an element (or it has no guide).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from gongkai.orgs.models import Organisation
from gongkai.services import guides as guide_rules
from gongkai.services.models import (
    BAD_RATINGS,
    CaseResult,
    FollowUp,
    ItemType,
    Rating,
    ServiceCase,
    ServiceGuide,
    ServiceItem,
)


@dataclass(frozen=True)
class Scope:
    """A district, or some of its organisations (``organisation_ids``; None: the whole district)."""

    district_id: int
    organisation_ids: frozenset[int] | None = None

    @classmethod
    def of(cls, organisation: Organisation) -> Scope:
        if organisation.is_district:
            return cls(organisation.pk)
        return cls(organisation.district_id, frozenset(organisation.descendant_ids()))


def _scope(of: Organisation | Scope) -> Scope:
    return of if isinstance(of, Scope) else Scope.of(of)


def rate(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` as a percentage to two decimals (half up); None when ``whole`` is 0."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _cases(scope: Scope) -> QuerySet[ServiceCase]:
    cases = ServiceCase.objects.filter(source__district_id=scope.district_id)
    if scope.organisation_ids is not None:
        cases = cases.filter(organisation_id__in=scope.organisation_ids)
    return cases.order_by()


def _year(field: str, year: int) -> Q:
    return Q(**{f"{field}__gte": dt.date(year, 1, 1), f"{field}__lte": dt.date(year, 12, 31)})


RATING_LEVELS = [value for value, _label in Rating.choices]  # 非常满意 … 非常不满意
GOOD_RATINGS = [value for value in RATING_LEVELS if value not in BAD_RATINGS]


def _empty() -> dict:
    return {
        "received": 0,
        "visits": 0,
        "accepted": 0,
        "completed": 0,
        "timed": 0,
        "on_time": 0,
        "one_visit": 0,
        "ratings": dict.fromkeys(RATING_LEVELS, 0),
        "bad_followed_up": 0,
    }


def _figures(cases: QuerySet[ServiceCase], year: int, *, by: str | None) -> dict:
    """The raw counts, for the whole ``cases`` (key None) or per value of ``by``."""
    keys = [by] if by else []
    out: dict = {}

    def slot(row: dict) -> dict:
        return out.setdefault(row[by] if by else None, _empty())

    def grouped(queryset: QuerySet, **aggregates) -> list[dict]:
        if by:
            return list(queryset.values(by).annotate(**aggregates))
        return [queryset.aggregate(**aggregates)]

    for row in grouped(cases.filter(_year("received_on", year)), n=Count("pk"), v=Sum("visits")):
        if row["n"]:
            slot(row).update(received=row["n"], visits=row["v"] or 0)
    for row in grouped(cases.filter(_year("accepted_on", year)), n=Count("pk")):
        if row["n"]:
            slot(row)["accepted"] = row["n"]
    completed = grouped(
        cases.filter(_year("completed_on", year)),
        n=Count("pk"),
        timed=Count("pk", filter=Q(due_on__isnull=False)),
        on_time=Count("pk", filter=Q(due_on__isnull=False, completed_on__lte=F("due_on"))),
        one_visit=Count("pk", filter=Q(visits__lte=1)),
    )
    for row in completed:
        if row["n"]:
            slot(row).update(
                completed=row["n"], timed=row["timed"], on_time=row["on_time"], one_visit=row["one_visit"]
            )
    rated = (
        cases.exclude(rating="")
        .annotate(rated_in=Coalesce("rated_on", "completed_on", "received_on"))
        .filter(_year("rated_in", year))
    )
    for row in rated.values(*keys, "rating").annotate(n=Count("pk")):
        slot(row)["ratings"][row["rating"]] = row["n"]
    followed = rated.filter(rating__in=BAD_RATINGS).filter(
        Exists(FollowUp.objects.filter(case=OuterRef("pk")))
    )
    for row in grouped(followed, n=Count("pk")):
        if row["n"]:
            slot(row)["bad_followed_up"] = row["n"]
    return out


def _finish(raw: dict) -> dict:
    ratings = raw["ratings"]
    rated = sum(ratings.values())
    bad = sum(ratings[level] for level in BAD_RATINGS)
    good = sum(ratings[level] for level in GOOD_RATINGS)
    return {
        "received": raw["received"],
        "visits": raw["visits"],
        "accepted": raw["accepted"],
        "completed": raw["completed"],
        "timed": raw["timed"],
        "on_time": raw["on_time"],
        "on_time_rate": rate(raw["on_time"], raw["timed"]),
        "one_visit": raw["one_visit"],
        "one_visit_rate": rate(raw["one_visit"], raw["completed"]),
        "ratings": dict(ratings),
        "rated": rated,
        "bad_ratings": bad,
        "bad_followed_up": raw["bad_followed_up"],
        "bad_open": bad - raw["bad_followed_up"],
        "satisfaction_rate": rate(good, rated),
    }


def cases(of: Organisation | Scope, year: int) -> dict:
    """The year's case figures: ``received`` (办件量), ``visits`` (到现场人次), ``accepted``,
    ``completed``, ``timed``, ``on_time``, ``on_time_rate``, ``one_visit``, ``one_visit_rate``,
    ``ratings`` (per level, every level), ``rated``, ``bad_ratings``, ``bad_followed_up``,
    ``bad_open`` and ``satisfaction_rate``."""
    raw = _figures(_cases(_scope(of)), year, by=None).get(None, _empty())
    return _finish(raw)


def cases_by_organisation(of: Organisation | Scope, year: int) -> list[tuple[Organisation, dict]]:
    """The same figures for each implementing organisation that had a case in the year, in the tree's order."""
    found = _figures(_cases(_scope(of)), year, by="organisation_id")
    orgs = Organisation.objects.filter(pk__in=list(found)).order_by("sort_order", "id")
    return [(org, _finish(found[org.pk])) for org in orgs]


def case_years(of: Organisation | Scope) -> list[int]:
    """The years in which cases were received, latest first."""
    days = _cases(_scope(of)).dates("received_on", "year", order="DESC")
    return [d.year for d in days]


def licensing_decisions(of: Organisation | Scope, year: int) -> int:
    """行政许可 decisions made in the year: cases of licensing items completed with 准予."""
    return (
        _cases(_scope(of))
        .filter(_year("completed_on", year), result=CaseResult.APPROVED, item__type=ItemType.LICENSING)
        .count()
    )


def guides(of: Organisation | Scope) -> dict[str, int]:
    """``items`` registered, ``published`` (a guide version the public sees), ``incomplete``
    (the newest version misses an element, or there is no guide yet)."""
    from gongkai.services.public import public_guides

    scope = _scope(of)
    items = ServiceItem.objects.filter(district_id=scope.district_id)
    if scope.organisation_ids is not None:
        items = items.filter(organisation_id__in=scope.organisation_ids)
    item_ids = set(items.values_list("pk", flat=True))
    district = Organisation.objects.get(pk=scope.district_id)
    published = set(public_guides(district).filter(item_id__in=item_ids).values_list("item_id", flat=True))
    newest: dict[int, ServiceGuide] = {}
    for guide in ServiceGuide.objects.filter(item_id__in=item_ids).order_by("item_id", "version"):
        newest[guide.item_id] = guide
    incomplete = sum(1 for pk in item_ids if pk not in newest or guide_rules.missing_elements(newest[pk]))
    return {"items": len(item_ids), "published": len(published), "incomplete": incomplete}


# --- supervision (督查): service items whose guide misses elements -----------------------------


@dataclass(frozen=True)
class IncompleteGuide:
    item_id: int
    code: str
    name: str
    organisation_id: int
    missing: list[str]  # the Chinese names of the elements left out (all of them without a guide)


def incomplete_guides(of: Organisation | Scope) -> list[IncompleteGuide]:
    """Service items whose newest guide misses an element (国办秘函〔2019〕19号: 办事指南要素缺失),
    or that have no guide yet; the same rule as ``guides``'s ``incomplete``. Two queries."""
    scope = _scope(of)
    items = ServiceItem.objects.filter(district_id=scope.district_id)
    if scope.organisation_ids is not None:
        items = items.filter(organisation_id__in=scope.organisation_ids)
    rows = list(items.order_by("pk").values_list("pk", "code", "name", "organisation_id"))
    newest: dict[int, ServiceGuide] = {}
    for guide in ServiceGuide.objects.filter(item_id__in=[r[0] for r in rows]).order_by("item_id", "version"):
        newest[guide.item_id] = guide
    every = [str(label) for _field, label in guide_rules.GUIDE_ELEMENTS]
    out = []
    for pk, code, name, organisation_id in rows:
        missing = guide_rules.missing_elements(newest[pk]) if pk in newest else every
        if missing:
            out.append(IncompleteGuide(pk, code, name, organisation_id, missing))
    return out
