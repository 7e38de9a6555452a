"""Parsing the workbench's 双公示 forms; forms decide nothing (the actions do)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.decisions.models import CATEGORIES, BatchGroup, DecisionKind, PartyType, Rules
from gongkai.orgs.models import Organisation

DATE = {"type": "date"}


def _date(label, required=False, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
    )


class DecisionForm(forms.Form):
    """One decision of one kind (the kind is chosen before the form: its fields follow from it)."""

    organisation = forms.ModelChoiceField(label=_("决定机关"), queryset=Organisation.objects.none())
    number = forms.CharField(label=_("决定文书号"), max_length=100)
    title = forms.CharField(label=_("项目名称"), max_length=300)
    category = forms.ChoiceField(label=_("类别"))
    category_2 = forms.ChoiceField(label=_("处罚类别二"), required=False)
    content = forms.CharField(label=_("许可内容"), widget=forms.Textarea(attrs={"rows": 3}))
    facts = forms.CharField(label=_("违法事实"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    basis = forms.CharField(label=_("依据"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    licence_name = forms.CharField(label=_("许可证书名称"), max_length=200, required=False)
    licence_number = forms.CharField(label=_("许可编号"), max_length=100, required=False)
    fine_wan = forms.DecimalField(
        label=_("罚款金额（万元）"), required=False, min_value=0, max_digits=14, decimal_places=6
    )
    confiscated_wan = forms.DecimalField(
        label=_("没收违法所得、没收非法财物的金额（万元）"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=6,
    )
    party_type = forms.ChoiceField(label=_("行政相对人类别"), choices=PartyType.choices)
    party_name = forms.CharField(
        label=_("行政相对人名称"), max_length=200, required=False, help_text=_("自然人的姓名公示时部分隐去")
    )
    credit_code = forms.CharField(
        label=_("统一社会信用代码"), max_length=18, required=False, help_text=_("法人和个体工商户填写")
    )
    id_number = forms.CharField(
        label=_("身份证号码"),
        max_length=18,
        required=False,
        help_text=_("自然人填写；加密保存，任何时候都不公开"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    legal_rep = forms.CharField(label=_("法定代表人/经营者"), max_length=100, required=False)
    decided_on = _date(_("决定日期"), required=True)
    valid_from = _date(_("有效期自"))
    valid_to = _date(_("有效期至"))
    source = forms.ModelChoiceField(
        label=_("数据来源单位"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("不填则为决定机关"),
    )
    note = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    LICENSING_ONLY = ("licence_name", "licence_number", "valid_from", "valid_to")
    OTHERS_ONLY = ("facts", "basis")
    PENALTY_ONLY = ("category_2", "fine_wan", "confiscated_wan")

    def __init__(self, *args, kind: str, organisations=None, sources=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.none()
        )
        self.fields["source"].queryset = sources if sources is not None else Organisation.objects.none()
        choices = CATEGORIES[kind].choices
        self.fields["category"].choices = [("", "—"), *choices]
        self.fields["category_2"].choices = [("", "—"), *choices]
        drop: tuple[str, ...] = ()
        if kind == DecisionKind.LICENSING:
            self.fields["category"].label = _("审批类别")
            drop = self.OTHERS_ONLY + self.PENALTY_ONLY
        else:
            self.fields["title"].label = _("案件名称")
            self.fields["content"].label = _("处罚内容") if kind == DecisionKind.PENALTY else _("强制内容")
            self.fields["category"].label = _("处罚类别") if kind == DecisionKind.PENALTY else _("强制类别")
            self.fields["basis"].label = _("处罚依据") if kind == DecisionKind.PENALTY else _("强制依据")
            drop = self.LICENSING_ONLY + (self.PENALTY_ONLY if kind == DecisionKind.ENFORCEMENT else ())
        for name in drop:
            del self.fields[name]

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["kind"] = self.kind
        data.pop("organisation", None)
        return data


class WithdrawForm(forms.Form):
    on = _date(_("撤销日期"), required=True)
    reason = forms.CharField(
        label=_("撤销理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("例如：经行政复议决定撤销（北政复决字〔2018〕3号）；理由将在门户公开"),
    )


class ImportForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("决定机关"),
        queryset=Organisation.objects.none(),
        help_text=_("表中“决定机关”列为空的行属于该机关"),
    )
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.none()
        )


class ReleaseForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("公示单位"), queryset=Organisation.objects.none())
    group = forms.ChoiceField(label=_("类别"), choices=BatchGroup.choices)
    decisions = forms.ModelMultipleChoiceField(label=_("决定"), queryset=None, required=False)

    def __init__(self, *args, organisations=None, decisions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.none()
        )
        self.fields["decisions"].queryset = decisions


class RulesForm(forms.ModelForm):
    class Meta:
        model = Rules
        fields = ["publish_within", "minor_months", "minor_fine_max_wan", "other_years"]
