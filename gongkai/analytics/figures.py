"""The participation figures of one organisation (or the whole district) over a period, as charts:
each a title, the categories along its axis, its series, and the rows of its data table, from the
same numbers. The page draws them with ECharts and prints the tables beside them; the XLSX export
writes the tables. Every number comes from a domain app's ``stats.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from gongkai.applications import stats as application_stats
from gongkai.catalog import stats as catalog_stats
from gongkai.catalog.stats import Period, Scope
from gongkai.hotline import stats as hotline_stats
from gongkai.orgs.models import Organisation

TOP = 20  # items, queries and columns shown by name; the tables of columns and units list all
CHART_BARS = 15  # bars drawn in a chart of names (the table beside it lists them all)


@dataclass(frozen=True)
class Series:
    name: str
    data: list[int]


@dataclass
class Chart:
    key: str
    title: str
    kind: str  # "line", "bar" (months along the axis) or "ranking" (names, horizontal bars)
    categories: list[str]
    series: list[Series]
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    note: str = ""

    @property
    def empty(self) -> bool:
        return not any(any(s.data) for s in self.series)

    def as_json(self) -> dict:
        """What the page's script draws (a ranking: its first CHART_BARS names only)."""
        categories, series = self.categories, self.series
        if self.kind == "ranking":
            categories = categories[:CHART_BARS]
            series = [Series(s.name, s.data[:CHART_BARS]) for s in series]
        return {
            "key": self.key,
            "title": self.title,
            "kind": self.kind,
            "categories": categories,
            "series": [{"name": s.name, "data": s.data} for s in series],
        }


@dataclass
class Participation:
    organisation: Organisation
    district: Organisation
    period: Period
    charts: list[Chart]
    searches_shown: bool

    @property
    def totals(self) -> dict[str, int]:
        by_key = {c.key: c for c in self.charts}
        out = {"views": sum(by_key["views_month"].series[0].data)}
        if "searches_month" in by_key:
            out["searches"] = sum(by_key["searches_month"].series[0].data)
            out["found_nothing"] = sum(by_key["searches_month"].series[1].data)
        out["applications"] = sum(by_key["participation_month"].series[0].data)
        out["letters"] = sum(by_key["participation_month"].series[1].data)
        return out


def month_label(month: dt.date) -> str:
    return f"{month.year}年{month.month}月"


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "—"


def _ranking(key: str, title: str, header: str, rows: list[tuple[str, int]], unit: str) -> Chart:
    return Chart(
        key,
        title,
        "ranking",
        [name for name, _n in rows],
        [Series(unit, [n for _name, n in rows])],
        [header, unit],
        [[name, n] for name, n in rows],
    )


def participation(organisation: Organisation, period: Period, *, searches: bool) -> Participation:
    """The charts for ``organisation`` (a district: all of it) over ``period``. ``searches``: with
    the portal's searches, which are the district's (only for who sees the whole district)."""
    scope = Scope.of(organisation)
    district = organisation if organisation.is_district else organisation.district
    months = catalog_stats.months(period)
    labels = [month_label(m) for m in months]
    charts: list[Chart] = []

    views = catalog_stats.views_by_month(scope, period)
    charts.append(
        Chart(
            "views_month",
            _("各月信息浏览量"),
            "line",
            labels,
            [Series(_("浏览量"), [views[m] for m in months])],
            [_("月份"), _("浏览量")],
            [[label, views[m]] for label, m in zip(labels, months, strict=True)],
        )
    )
    by_column = catalog_stats.views_by_column(scope, period)
    charts.append(
        _ranking(
            "views_column", _("各栏目浏览量"), _("栏目"), [(v.name, v.views) for v in by_column], _("浏览量")
        )
    )
    by_org = catalog_stats.views_by_organisation(scope, period)
    charts.append(
        _ranking(
            "views_organisation",
            _("各单位信息浏览量"),
            _("发布机构"),
            [(v.name, v.views) for v in by_org],
            _("浏览量"),
        )
    )
    top = catalog_stats.most_viewed(scope, period, limit=TOP)
    charts.append(
        Chart(
            "views_item",
            _("浏览最多的信息"),
            "ranking",
            [t.title for t in top],
            [Series(_("浏览量"), [t.views for t in top])],
            [_("索引号"), _("标题"), _("发布机构"), _("浏览量")],
            [[t.index_no, t.title, t.organisation, t.views] for t in top],
        )
    )

    if searches:
        by_month = catalog_stats.searches_by_month(district, period)
        charts.append(
            Chart(
                "searches_month",
                _("各月站内检索次数"),
                "line",
                labels,
                [
                    Series(_("检索次数"), [by_month[m].searches for m in months]),
                    Series(_("无结果次数"), [by_month[m].found_nothing for m in months]),
                ],
                [_("月份"), _("检索次数"), _("无结果次数"), _("无结果占比")],
                [
                    [
                        label,
                        by_month[m].searches,
                        by_month[m].found_nothing,
                        _share(by_month[m].found_nothing, by_month[m].searches),
                    ]
                    for label, m in zip(labels, months, strict=True)
                ],
            )
        )
        charts.append(
            _ranking(
                "searches_top",
                _("检索最多的词"),
                _("检索词"),
                catalog_stats.top_searches(district, period, TOP),
                _("次数"),
            )
        )
        nothing = _ranking(
            "searches_nothing",
            _("未检索到结果的词"),
            _("检索词"),
            catalog_stats.top_searches(district, period, TOP, found_nothing=True),
            _("次数"),
        )
        nothing.note = _(
            "公众找不到的内容：可据此补充公开或调整栏目、标题用词。检索词中的证件号码、电话号码等已脱敏。"
        )
        charts.append(nothing)

    if organisation.is_district:
        applications = application_stats.received_by_month(period.start, period.end, district=district)
        letters = hotline_stats.mailbox_letters_by_month(district, period.start, period.end)
    else:
        ids = frozenset(scope.organisation_ids or ())
        applications = application_stats.received_by_month(
            period.start, period.end, district=district, organisation_ids=ids
        )
        letters = hotline_stats.mailbox_letters_by_month(district, period.start, period.end, lead_ids=ids)
    charts.append(
        Chart(
            "participation_month",
            _("各月依申请公开申请和区长信箱来信"),
            "bar",
            labels,
            [
                Series(_("依申请公开申请"), [applications.get(m, 0) for m in months]),
                Series(_("区长信箱来信"), [letters.get(m, 0) for m in months]),
            ],
            [_("月份"), _("依申请公开申请"), _("区长信箱来信")],
            [
                [label, applications.get(m, 0), letters.get(m, 0)]
                for label, m in zip(labels, months, strict=True)
            ],
            note="" if organisation.is_district else _("本单位办理的申请，以及交本单位承办的区长信箱来信。"),
        )
    )
    return Participation(organisation, district, period, charts, searches)
