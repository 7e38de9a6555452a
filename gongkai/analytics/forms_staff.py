"""The analytics page's filters: a period of whole months and an organisation; parsing only."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_MONTHS = 36
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


class MonthField(forms.CharField):
    """``YYYY-MM`` (what ``<input type="month">`` sends), as the month's first day."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2025-01"})

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        match = _MONTH.match(value)
        if not match or not 1 <= int(match[2]) <= 12 or not 2000 <= int(match[1]) <= 2100:
            raise ValidationError(
                _("月份“%(value)s”格式不对，请按“2025-01”的格式填写。"), params={"value": value[:20]}
            )
        return dt.date(int(match[1]), int(match[2]), 1)


def add_months(month: dt.date, n: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def month_end(month: dt.date) -> dt.date:
    return add_months(month, 1) - dt.timedelta(days=1)


class FilterForm(forms.Form):
    start = MonthField(label=_("起始月份"), required=False)
    end = MonthField(label=_("截止月份"), required=False)
    organisation = forms.ModelChoiceField(
        label=_("单位"),
        queryset=None,
        required=False,
        empty_label=None,
        error_messages={"invalid_choice": _("所选单位不存在或无权查看。")},
    )

    def __init__(self, *args, organisations, default_organisation, today: dt.date, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].label_from_instance = lambda o: _("全区") if o.is_district else o.name
        self.default_organisation = default_organisation
        self.this_month = today.replace(day=1)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        end = data.get("end") or self.this_month
        start = data.get("start") or add_months(end, -11)
        if start > end:
            raise ValidationError(_("起始月份不能晚于截止月份。"))
        span = (end.year - start.year) * 12 + end.month - start.month + 1
        if span > MAX_MONTHS:
            raise ValidationError(
                _("统计期间最长 %(n)s 个月，所选为 %(span)s 个月，请缩短。"),
                params={"n": MAX_MONTHS, "span": span},
            )
        data["start"], data["end"] = start, end
        data["organisation"] = data.get("organisation") or self.default_organisation
        return data
