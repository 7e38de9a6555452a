"""Reading a typed value, and the checks a report's values must pass: pure functions of the
indicators and the values, no database, no clock.

Severity:

- ``ERROR`` — must be corrected before the report can be submitted: a value missing, negative,
  or a share above 100 %;
- ``CONFIRM`` — must be corrected, or confirmed with a recorded explanation: parts that do not add
  up to their total (``PartsRule.EQUAL``) or exceed it (``PartsRule.AT_MOST``);
- ``WARNING`` — shown, and may be explained: a value more than ``YEAR_ON_YEAR_LIMIT`` away from
  last year's confirmed figure.

Parts add up within a tolerance that follows from their decimal places: a value kept to d places
may be off by half a unit of its last place, so the sum of n parts may differ from its total by
up to the sum of those halves. The seed's land transfer (8.04 万亩 in all, parts 3.928 + 1.509 +
1.835 + 0.678 = 7.95) differs by 0.09, far beyond 0.005 + 4 × 0.0005 = 0.007: flagged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from gongkai.sectors.models import CheckKind, Indicator, PartsRule

ERROR, CONFIRM, WARNING = "error", "confirm", "warning"
SEVERITY_LABELS = {ERROR: "须更正", CONFIRM: "须更正或说明", WARNING: "提示"}
YEAR_ON_YEAR_LIMIT = Decimal("0.5")  # ±50 %
MAX_VALUE = Decimal("1e13")


class BadValue(ValueError):
    """A typed value that is not a number the indicator can hold; the message says why, in Chinese."""


def parse_value(text: object, indicator: Indicator) -> Decimal | None:
    """The value typed (or read from a sheet) for ``indicator``; None when left empty.

    Accepts 1,401.2133 and full-width digits; refuses words, units, and more decimal places than
    the indicator keeps (so nothing is rounded silently)."""
    if text is None:
        return None
    if isinstance(text, bool):
        raise BadValue(_("请填写数字。"))
    if isinstance(text, int):
        value = Decimal(text)
    elif isinstance(text, float):
        value = Decimal(repr(text))
    elif isinstance(text, Decimal):
        value = text
    else:
        cleaned = str(text).strip().translate(_FULL_WIDTH).replace(",", "").replace(" ", "")
        if not cleaned:
            return None
        if cleaned.endswith(str(indicator.unit)):
            raise BadValue(_("只填数字，不要填写单位（单位：%(unit)s）。") % {"unit": indicator.unit})
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            raise BadValue(_("“%(text)s”不是数字。") % {"text": str(text).strip()[:20]}) from None
    if not value.is_finite():
        raise BadValue(_("请填写数字。"))
    if abs(value) >= MAX_VALUE:
        raise BadValue(_("数值过大，请检查单位（单位：%(unit)s）。") % {"unit": indicator.unit})
    places = -value.normalize().as_tuple().exponent
    if places > indicator.decimals:
        if indicator.decimals == 0:
            raise BadValue(_("应为整数（单位：%(unit)s）。") % {"unit": indicator.unit})
        raise BadValue(
            _("最多保留%(n)s位小数（单位：%(unit)s）。") % {"n": indicator.decimals, "unit": indicator.unit}
        )
    return value.quantize(indicator.step)


_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－", "0123456789.,-")


def show(value: Decimal | None, decimals: int) -> str:
    """A value as the form and the pages show it: its decimal places, no exponent."""
    if value is None:
        return ""
    return f"{value.quantize(Decimal(1).scaleb(-decimals)):f}"


@dataclass(frozen=True)
class Finding:
    kind: str
    severity: str
    indicator: Indicator  # the total, for parts checks
    message: str
    fingerprint: str  # the values the finding is about; an explanation holds while they are unchanged

    @property
    def needs_explanation(self) -> bool:
        return self.severity == CONFIRM

    @property
    def explainable(self) -> bool:
        return self.severity in (CONFIRM, WARNING)

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS[self.severity]


def tolerance(indicators: Iterable[Indicator]) -> Decimal:
    return sum((i.step / 2 for i in indicators), Decimal(0))


def _fp(*values: Decimal | None) -> str:
    return "|".join("" if v is None else f"{v.normalize():f}" for v in values)


def findings(
    indicators: list[Indicator],
    values: Mapping[int, Decimal | None],
    last_year: Mapping[int, Decimal] | None = None,
) -> list[Finding]:
    """Every check of ``values`` (by indicator id) against ``indicators`` (the report's, in order),
    with ``last_year`` (confirmed figures by indicator id) for the year-on-year check."""
    last_year = last_year or {}
    out: list[Finding] = []
    by_parent: dict[int, list[Indicator]] = {}
    for indicator in indicators:
        if indicator.parent_id:
            by_parent.setdefault(indicator.parent_id, []).append(indicator)
    for indicator in indicators:
        value = values.get(indicator.pk)
        unit = indicator.unit
        if value is None:
            out.append(Finding(CheckKind.MISSING, ERROR, indicator, _("未填写。没有发生的填 0。"), ""))
            continue
        if value < 0:
            out.append(Finding(CheckKind.NEGATIVE, ERROR, indicator, _("数值不能为负数。"), _fp(value)))
        if indicator.is_share and value > 100:
            out.append(
                Finding(CheckKind.SHARE_OVER_100, ERROR, indicator, _("比例不能超过100%。"), _fp(value))
            )
        last = last_year.get(indicator.pk)
        if last is not None and last != 0 and abs(value - last) / abs(last) > YEAR_ON_YEAR_LIMIT:
            change = (value - last) / abs(last) * 100
            out.append(
                Finding(
                    CheckKind.YEAR_ON_YEAR,
                    WARNING,
                    indicator,
                    _("上年为 %(last)s%(unit)s，本年%(dir)s %(pct)s%%，请核实。")
                    % {
                        "last": show(last, indicator.decimals),
                        "unit": unit,
                        "dir": _("增加") if change > 0 else _("减少"),
                        "pct": f"{abs(change):.1f}",
                    },
                    _fp(value, last),
                )
            )
        parts = by_parent.get(indicator.pk, [])
        if indicator.parts_rule and parts:
            part_values = [values.get(p.pk) for p in parts]
            if any(v is None for v in part_values):
                continue  # reported as missing
            total = sum(part_values, Decimal(0))
            allowed = tolerance([indicator, *parts])
            difference = total - value
            names = "、".join(p.name for p in parts)
            if indicator.parts_rule == PartsRule.EQUAL and abs(difference) > allowed:
                out.append(
                    Finding(
                        CheckKind.PARTS_SUM,
                        CONFIRM,
                        indicator,
                        _(
                            "分项（%(names)s）合计 %(sum)s%(unit)s，与总数 %(total)s%(unit)s 相差 %(diff)s%(unit)s"
                            "（按小数位数允许误差 %(tol)s）。请更正，或说明原因后确认。"
                        )
                        % {
                            "names": names,
                            "sum": f"{total.normalize():f}",
                            "total": show(value, indicator.decimals),
                            "diff": f"{abs(difference).normalize():f}",
                            "tol": f"{allowed.normalize():f}",
                            "unit": unit,
                        },
                        _fp(value, *part_values),
                    )
                )
            elif indicator.parts_rule == PartsRule.AT_MOST and difference > allowed:
                out.append(
                    Finding(
                        CheckKind.PARTS_EXCEED,
                        CONFIRM,
                        indicator,
                        _(
                            "分项（%(names)s）合计 %(sum)s%(unit)s，超过总数 %(total)s%(unit)s。请更正，或说明原因后确认。"
                        )
                        % {
                            "names": names,
                            "sum": f"{total.normalize():f}",
                            "total": show(value, indicator.decimals),
                            "unit": unit,
                        },
                        _fp(value, *part_values),
                    )
                )
    return out


def explained(finding: Finding, explanations: Mapping[tuple[int, str], object]) -> object | None:
    """The explanation that still holds for ``finding`` (same values), if any; ``explanations`` by
    (indicator id, kind), each with a ``fingerprint``."""
    found = explanations.get((finding.indicator.pk, finding.kind))
    if found is not None and getattr(found, "fingerprint", None) == finding.fingerprint:
        return found
    return None


def blocking(found: list[Finding], explanations: Mapping[tuple[int, str], object]) -> list[Finding]:
    """What stops a submission: errors, and parts checks not explained."""
    return [
        f
        for f in found
        if f.severity == ERROR or (f.needs_explanation and explained(f, explanations) is None)
    ]
