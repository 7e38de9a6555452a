"""Parsing the workbench's service forms; forms decide nothing (the actions do)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.models import Organisation
from gongkai.services import caseimport, guides
from gongkai.services.models import FollowUpKind, ItemType

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ItemForm(forms.Form):
    name = forms.CharField(label=_("事项名称"), max_length=200, required=False)
    code = forms.CharField(
        label=_("事项编码"), max_length=40, required=False, help_text=_("例如 431002-JY-XK-001")
    )
    type = forms.ChoiceField(label=_("事项类型"), choices=[("", "—"), *ItemType.choices], required=False)
    department = forms.ModelChoiceField(
        label=_("主管部门"), queryset=Organisation.objects.none(), required=False
    )
    organisation = forms.ModelChoiceField(
        label=_("实施机关"), queryset=Organisation.objects.none(), required=False
    )
    basis = forms.CharField(
        label=_("设定和实施依据"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    power_code = forms.CharField(
        label=_("对应权力编码"),
        max_length=40,
        required=False,
        help_text=_("该事项行使的行政权力在权力清单中的编码，可不填"),
    )

    def __init__(self, *args, organisations=None, departments=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.none()
        )
        self.fields["department"].queryset = (
            departments if departments is not None else Organisation.objects.none()
        )
        if editing:
            self.fields["code"].disabled = True


class GuideForm(forms.Form):
    conditions = forms.CharField(
        label=_("申请条件"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    materials = forms.CharField(
        label=_("申请材料"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "每行一种材料：名称 | 原件份数 | 复印件份数 | 形式（纸质、电子、纸质或电子） | 备注；可从表格直接粘贴"
        ),
    )
    location = forms.CharField(label=_("办理地点"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    hours = forms.CharField(label=_("办理时间"), max_length=300, required=False)
    fees = forms.CharField(
        label=_("收费标准"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("不收费的写“不收费”"),
    )
    legal_limit_days = forms.IntegerField(
        label=_("法定时限（工作日）"), required=False, min_value=0, help_text=_("0 表示即办")
    )
    promised_limit_days = forms.IntegerField(label=_("承诺时限（工作日）"), required=False, min_value=0)
    visits = forms.IntegerField(label=_("到现场次数"), required=False, min_value=0)
    process = forms.CharField(label=_("办理流程"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    consultation = forms.CharField(
        label=_("咨询方式"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    complaint = forms.CharField(
        label=_("监督投诉方式"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    phone = forms.CharField(label=_("联系电话"), max_length=100, required=False)
    note = forms.CharField(label=_("修订说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in [*guides.GUIDE_FIELDS, "note"]}


class ImportForm(forms.Form):
    file = forms.FileField(label=_("导出文件（CSV 或 Excel .xlsx）"))


class SourceForm(forms.Form):
    name = forms.CharField(label=_("来源名称"), max_length=100, help_text=_("例如 湖南省政务服务平台"))
    organisation = forms.ModelChoiceField(label=_("负责机构"), queryset=Organisation.objects.none())

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.none()
        )


class MappingForm(forms.Form):
    """One input per field: the export's header for it (empty: the platform's usual header)."""

    def __init__(self, *args, mapping=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = caseimport.mapping_of(mapping)
        for name, label, header, required in caseimport.FIELDS:
            self.fields[name] = forms.CharField(
                label=label,
                max_length=100,
                required=False,
                initial=current[name],
                help_text=(_("必需；") if required else "") + _("平台默认列名：%(h)s") % {"h": header},
            )

    def mapping(self) -> dict:
        return {name: self.cleaned_data.get(name, "") for name in caseimport.FIELD_NAMES}


class FollowUpForm(forms.Form):
    kind = forms.ChoiceField(label=_("方式"), choices=FollowUpKind.choices)
    done_on = forms.DateField(label=_("完成日期"), required=False, widget=DATE)
    note = forms.CharField(label=_("情况说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
