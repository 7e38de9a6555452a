"""The form on which the office enters a new year, as announced by the State Council."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.workcal.actions import (
    FIRST_YEAR,
    LAST_YEAR,
    AdjustedWorkday,
    HolidayPeriod,
    Problem,
    check_year_entry,
)

HOLIDAY_NAMES = ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节"]
# Suggests the usual names (a <datalist> in the template) while allowing any other.
_NAME_WIDGET = forms.TextInput(attrs={"list": "holiday-names"})


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("年份"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    note = forms.CharField(
        label=_("依据"),
        max_length=200,
        required=False,
        help_text=_("例如：国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕×号）"),
    )


class HolidayPeriodForm(forms.Form):
    name = forms.CharField(label=_("节日"), max_length=30, widget=_NAME_WIDGET)
    first = forms.DateField(label=_("放假第一天"), widget=forms.DateInput(attrs={"type": "date"}))
    last = forms.DateField(label=_("放假最后一天"), widget=forms.DateInput(attrs={"type": "date"}))


class AdjustedWorkdayForm(forms.Form):
    date = forms.DateField(label=_("调休上班日"), widget=forms.DateInput(attrs={"type": "date"}))
    name = forms.CharField(label=_("对应节日"), max_length=30, widget=_NAME_WIDGET)


HolidayPeriodFormSet = forms.formset_factory(HolidayPeriodForm, extra=9, max_num=30)
AdjustedWorkdayFormSet = forms.formset_factory(AdjustedWorkdayForm, extra=8, max_num=30)


class YearEntry:
    """The year form with its two lists of rows; validated together by ``check_year_entry``."""

    def __init__(self, data=None, *, initial_year: int | None = None) -> None:
        self.year_form = YearForm(data, initial={"year": initial_year})
        self.holidays = HolidayPeriodFormSet(data, prefix="holidays")
        self.workdays = AdjustedWorkdayFormSet(data, prefix="workdays")
        self.holiday_errors: list[str] = []
        self.workday_errors: list[str] = []
        self._holiday_forms: list[forms.Form] = []
        self._workday_forms: list[forms.Form] = []

    def is_valid(self) -> bool:
        parts = [self.year_form.is_valid(), self.holidays.is_valid(), self.workdays.is_valid()]
        if not self.year_form.is_valid():
            return False
        # The rules are checked on the complete rows even when another row has a field error, so
        # that the office sees every problem at once. Blank extra rows are left out.
        self._holiday_forms = [f for f in self.holidays.forms if f.is_valid() and f.cleaned_data]
        self._workday_forms = [f for f in self.workdays.forms if f.is_valid() and f.cleaned_data]
        incomplete = not all(parts)
        problems = [
            p
            for p in check_year_entry(self.year, self.periods, self.adjusted_workdays)
            # "enter at least one period" would mislead when a period was entered incompletely
            if not (incomplete and p.index is None and p.section != "year")
        ]
        self.add_problems(problems)
        return not incomplete and not problems

    @property
    def year(self) -> int:
        return self.year_form.cleaned_data["year"]

    @property
    def note(self) -> str:
        return self.year_form.cleaned_data["note"]

    @property
    def periods(self) -> list[HolidayPeriod]:
        return [HolidayPeriod(**f.cleaned_data) for f in self._holiday_forms]

    @property
    def adjusted_workdays(self) -> list[AdjustedWorkday]:
        return [AdjustedWorkday(**f.cleaned_data) for f in self._workday_forms]

    def add_problems(self, problems: list[Problem]) -> None:
        """Show each problem next to the field it concerns."""
        for p in problems:
            if p.section == "year":
                self.year_form.add_error(p.field, p.message)
                continue
            rows = self._holiday_forms if p.section == "holidays" else self._workday_forms
            if p.index is None:
                (self.holiday_errors if p.section == "holidays" else self.workday_errors).append(p.message)
            else:
                rows[p.index].add_error(p.field, p.message)

    @property
    def has_errors(self) -> bool:
        return bool(
            self.year_form.errors
            or any(f.errors for f in self.holidays.forms)
            or any(f.errors for f in self.workdays.forms)
            or self.holidays.non_form_errors()
            or self.workdays.non_form_errors()
            or self.holiday_errors
            or self.workday_errors
        )


class NoticeForm(forms.Form):
    """The State Council's notice, pasted whole; read by ``notice.parse_notice``."""

    year = forms.IntegerField(
        label=_("年份"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        required=False,
        help_text=_("通知标题中有年份时可不填；填写时须与标题一致。"),
    )
    # Not stripped: problems are named by line, and the lines must be the ones in the box.
    text = forms.CharField(
        label=_("通知全文"),
        max_length=20000,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false"}),
        help_text=_(
            "从中国政府网复制《国务院办公厅关于××××年部分节假日安排的通知》全文，连同标题粘贴到这里。"
        ),
    )
