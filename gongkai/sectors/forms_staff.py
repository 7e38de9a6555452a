"""Parsing the workbench's sector forms; forms decide nothing (the actions do). The values form
is not a Django form: its inputs are the report's indicators (``value_<id>``, ``note_<id>``),
read as text and handed to ``actions.enter_values``, which checks every one."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.models import Organisation
from gongkai.sectors.models import CheckKind, Indicator, PartsRule, Sector, Unit


class IndicatorForm(forms.Form):
    code = forms.CharField(
        label=_("指标代码"),
        max_length=60,
        help_text=_("小写字母、数字、下划线，可用“.”分级，例如 edu.textbook_fees_waived.funds"),
    )
    name = forms.CharField(label=_("指标名称"), max_length=200)
    unit = forms.ChoiceField(label=_("计量单位"), choices=Unit.choices)
    decimals = forms.IntegerField(label=_("小数位数"), min_value=0, max_value=6, initial=0)
    sector = forms.ChoiceField(label=_("领域"), choices=Sector.choices)
    organisation = forms.ModelChoiceField(label=_("填报单位"), queryset=Organisation.objects.none())
    parent = forms.ModelChoiceField(
        label=_("上级指标"),
        queryset=Indicator.objects.none(),
        required=False,
        help_text=_("本指标是某个总数的分项时选择"),
    )
    parts_rule = forms.ChoiceField(
        label=_("分项关系"),
        choices=PartsRule.choices,
        required=False,
        help_text=_("本指标是总数时，其分项与它的关系；据此核查"),
    )
    description = forms.CharField(
        label=_("指标说明"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    sort_order = forms.IntegerField(label=_("排序"), min_value=0, required=False)
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)

    def __init__(self, *args, organisations=None, indicators=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.none()
        )
        self.fields["parent"].queryset = indicators if indicators is not None else Indicator.objects.none()


class StartForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("填报单位"), queryset=Organisation.objects.none())
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.none()
        )


class ExplainForm(forms.Form):
    indicator = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(choices=CheckKind.choices, widget=forms.HiddenInput)
    text = forms.CharField(label=_("情况说明"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("退回理由"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("填好的填报表（.xlsx）"))
