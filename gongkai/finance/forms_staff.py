"""Parsing the workbench's finance forms; forms decide nothing (the actions do)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.finance.models import SECTIONS, Kind
from gongkai.orgs.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DisclosureForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("预算单位"), queryset=Organisation.objects.none())
    kind = forms.ChoiceField(label=_("公开内容"), choices=Kind.choices)
    fiscal_year = forms.IntegerField(label=_("预决算年度"), min_value=2000, max_value=2100)
    approved_on = forms.DateField(
        label=_("批复日期"),
        required=False,
        widget=DATE,
        help_text=_("财政部门批复（区本级：人大批准）的日期，公开时限从此起算"),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Organisation.objects.none()


class CycleForm(forms.Form):
    kind = forms.ChoiceField(label=_("公开内容"), choices=Kind.choices)
    fiscal_year = forms.IntegerField(label=_("预决算年度"), min_value=2000, max_value=2100)
    approved_on = forms.DateField(label=_("批复日期"), widget=DATE)


class DeadlineForm(forms.Form):
    department_days = forms.IntegerField(label=_("部门预决算：批复后（日）"), min_value=1, max_value=90)
    government_days = forms.IntegerField(label=_("区本级预决算：批准后（日）"), min_value=1, max_value=90)


class ExplanationForm(forms.Form):
    approved_on = forms.DateField(label=_("批复日期"), required=False, widget=DATE)
    operating_costs_wan = forms.DecimalField(
        label=_("机关运行经费（万元）"), required=False, decimal_places=2, max_digits=14
    )
    procurement_total_wan = forms.DecimalField(
        label=_("政府采购总额（万元）"), required=False, decimal_places=2, max_digits=14
    )
    procurement_goods_wan = forms.DecimalField(
        label=_("其中：货物（万元）"), required=False, decimal_places=2, max_digits=14
    )
    procurement_works_wan = forms.DecimalField(
        label=_("其中：工程（万元）"), required=False, decimal_places=2, max_digits=14
    )
    procurement_services_wan = forms.DecimalField(
        label=_("其中：服务（万元）"), required=False, decimal_places=2, max_digits=14
    )
    procurement_sme_wan = forms.DecimalField(
        label=_("授予中小企业合同金额（万元）"), required=False, decimal_places=2, max_digits=14
    )

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(SECTIONS)
        for name, _label in SECTIONS:
            self.fields[name] = forms.CharField(
                label=labels[name],
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_("必填") if name in sections else "",
            )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel 文件（.xlsx）"),
        help_text=_("每张表一个工作表，工作表名称或表头标题为表名；金额单位万元，保留两位小数"),
    )


class EmptyForm(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("空表说明"), required=False, max_length=300)


class LinkForm(forms.Form):
    index_no = forms.CharField(label=_("已发布信息的索引号"), max_length=40)


class FeeItemForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("执收单位"), queryset=Organisation.objects.none())
    name = forms.CharField(label=_("项目名称"), max_length=200)
    basis = forms.CharField(label=_("收费依据"), widget=forms.Textarea(attrs={"rows": 2}))
    standard = forms.CharField(label=_("收费标准"), widget=forms.Textarea(attrs={"rows": 2}))
    from_year = forms.IntegerField(label=_("起始年度"), min_value=2000, max_value=2100)
    until_year = forms.IntegerField(
        label=_("停征年度"),
        min_value=2000,
        max_value=2100,
        required=False,
        help_text=_("自该年起停止征收；仍在征收的不填"),
    )
    note = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.none()
        )


class CollectionForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    amount_yuan = forms.DecimalField(label=_("收费金额（元）"), min_value=0, decimal_places=2, max_digits=16)
