"""Parsing the workbench's procurement forms; forms decide nothing (the actions do)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.models import Organisation
from gongkai.procurement.models import Method, NoticeKind, ProcurementType

DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class ProjectForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("采购单位"), queryset=Organisation.objects.none())
    code = forms.CharField(label=_("项目编号"), max_length=40, help_text=_("本区内唯一，例如 BHCG-2018-001"))
    name = forms.CharField(label=_("项目名称"), max_length=200)
    year = forms.IntegerField(label=_("预算年度"), min_value=2000, max_value=2100)
    type = forms.ChoiceField(label=_("采购类别"), choices=[("", "—"), *ProcurementType.choices])
    method = forms.ChoiceField(label=_("采购方式"), choices=[("", "—"), *Method.choices])
    # Text, not a DecimalField: the action parses "1,280,000.00" and words its own errors.
    budget = forms.CharField(label=_("预算金额（元）"), max_length=30, help_text=_("单位为元，最多两位小数"))
    requirements = forms.CharField(
        label=_("需求概况"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("采购意向公开须写明，例如采购内容、数量、主要技术要求"),
    )
    planned_start_on = forms.DateField(
        label=_("预计采购时间"),
        required=False,
        help_text=_("采购意向须在采购活动开始前30日以上公开"),
        **DATE,
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.none()
        )
        self.fields["type"].required = False
        self.fields["method"].required = False

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        return data


class StartForm(forms.Form):
    started_on = forms.DateField(
        label=_("采购活动开始日期"), help_text=_("发布采购公告、发出邀请或谈判文件之日"), **DATE
    )


class AwardForm(forms.Form):
    supplier_name = forms.CharField(label=_("中标（成交）供应商"), max_length=200)
    supplier_code = forms.CharField(label=_("供应商统一社会信用代码"), max_length=18, required=False)
    contract_amount = forms.CharField(label=_("中标（成交）金额（元）"), max_length=30)
    supplier_chosen_on = forms.DateField(
        label=_("确定供应商日期"), help_text=_("结果公告须在此后2个工作日内公开"), **DATE
    )


class ContractForm(forms.Form):
    contract_signed_on = forms.DateField(label=_("合同签订日期"), **DATE)


class TerminateForm(forms.Form):
    reason = forms.CharField(label=_("终止原因"), widget=forms.Textarea(attrs={"rows": 2}))


class LinkForm(forms.Form):
    kind = forms.ChoiceField(label=_("公告类型"), choices=NoticeKind.choices)
    index_no = forms.CharField(label=_("公告的索引号"), max_length=40)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))


STEP_FORMS = {"start": StartForm, "award": AwardForm, "contract": ContractForm, "terminate": TerminateForm}
