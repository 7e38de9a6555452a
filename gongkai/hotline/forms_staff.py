"""Forms of the hotline workbench. They parse input only; views hand the cleaned data to one action."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.hotline.models import Category, Channel, DutyShift, HotlineSettings, Satisfaction, Urgency
from gongkai.orgs.models import Organisation, OrgKind

STAFF_CHANNELS = [(c.value, c.label) for c in Channel if c != Channel.MAILBOX]
UNIT_KINDS = (OrgKind.DEPARTMENT, OrgKind.TOWN, OrgKind.STREET, OrgKind.BUDGET_UNIT, OrgKind.OFFICE)


def units_of(district_id: int):
    """Organisations of the district that can handle a ticket, in the district's order."""
    return Organisation.objects.filter(district_id=district_id, is_active=True, kind__in=UNIT_KINDS).order_by(
        "kind", "sort_order", "pk"
    )


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.name


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.name


class IntakeForm(forms.Form):
    """接听登记: the fields in the order an operator types them during a call."""

    phone = forms.CharField(
        label=_("来电号码"),
        max_length=30,
        required=False,
        widget=forms.TextInput(
            attrs={"autofocus": True, "inputmode": "tel", "autocomplete": "off", "data-lookup": ""}
        ),
    )
    caller_name = forms.CharField(
        label=_("姓名"), max_length=50, required=False, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    matter = forms.CharField(
        label=_("诉求内容"),
        widget=forms.Textarea(attrs={"rows": 4, "data-ctrl-enter": ""}),
        error_messages={"required": _("请填写诉求内容。")},
    )
    category = forms.ModelChoiceField(label=_("类别"), queryset=Category.objects.none(), required=False)
    place = UnitChoiceField(
        label=_("发生地（乡镇街道）"), queryset=Organisation.objects.none(), required=False
    )
    urgency = forms.ChoiceField(label=_("紧急程度"), choices=Urgency.choices, initial=Urgency.NORMAL)
    place_detail = forms.CharField(label=_("具体地点"), max_length=200, required=False)
    channel = forms.ChoiceField(label=_("渠道"), choices=STAFF_CHANNELS, initial=Channel.PHONE)
    anonymous = forms.BooleanField(label=_("匿名（不向承办单位提供来电人信息）"), required=False)

    def __init__(self, *args, district_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(district_id=district_id, is_active=True)
        self.fields["place"].queryset = Organisation.objects.filter(
            district_id=district_id, is_active=True, kind__in=(OrgKind.TOWN, OrgKind.STREET)
        ).order_by("kind", "sort_order", "pk")

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"].strip()
        digits = "".join(c for c in value if c.isdigit())
        if value and len(digits) < 7:
            raise forms.ValidationError(_("请输入完整的电话号码。"))
        return value

    def intake_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k != "channel"}
        return {k: v for k, v in data.items() if v not in (None, "")}


class DispatchForm(forms.Form):
    lead = UnitChoiceField(label=_("主办单位"), queryset=Organisation.objects.none())
    co = UnitMultipleChoiceField(
        label=_("协办单位"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    note = forms.CharField(label=_("派单说明"), max_length=500, required=False)

    def __init__(self, *args, district_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = units_of(district_id)
        self.fields["co"].queryset = units_of(district_id)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}))


class TransferForm(forms.Form):
    to = UnitChoiceField(label=_("转至承办单位"), queryset=Organisation.objects.none())
    reason = forms.CharField(label=_("转办理由"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, district_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = units_of(district_id)


class ExtendForm(forms.Form):
    days = forms.IntegerField(label=_("延期工作日"), min_value=1)
    reason = forms.CharField(label=_("延期理由"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, max_days: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"] = forms.IntegerField(
            label=_("延期工作日"),
            min_value=1,
            max_value=max_days,
            help_text=_("最长%(n)s个工作日") % {"n": max_days},
        )


class EscalateForm(forms.Form):
    note = forms.CharField(label=_("督办意见"), widget=forms.Textarea(attrs={"rows": 2}))


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("办理结果"), widget=forms.Textarea(attrs={"rows": 4}))


class CallbackForm(forms.Form):
    reached = forms.TypedChoiceField(
        label=_("是否联系上来电人"),
        choices=[("1", _("已联系上")), ("0", _("未能联系上"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    satisfaction = forms.ChoiceField(
        label=_("满意度"), choices=[("", "—"), *Satisfaction.choices], required=False
    )
    no_callback_reason = forms.CharField(label=_("未能回访原因"), max_length=200, required=False)
    note = forms.CharField(label=_("回访记录"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class DutyShiftForm(forms.ModelForm):
    organisation = UnitChoiceField(label=_("单位"), queryset=Organisation.objects.none(), required=False)

    class Meta:
        model = DutyShift
        fields = [
            "date",
            "shift",
            "person_name",
            "position",
            "organisation",
            "is_district_leader",
            "is_published",
        ]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, district_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = units_of(district_id)


class RosterImportForm(forms.Form):
    file = forms.FileField(label=_("接听安排表（XLSX）"))
    publish = forms.BooleanField(label=_("导入后立即在门户网站公布"), required=False, initial=True)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("请上传 .xlsx 格式的表格。"))
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("文件不能超过 2 MB。"))
        return upload


class CategoryForm(forms.ModelForm):
    default_organisation = UnitChoiceField(
        label=_("默认承办单位"), queryset=Organisation.objects.none(), required=False
    )

    class Meta:
        model = Category
        fields = ["name", "default_organisation", "sort_order", "is_active"]

    def __init__(self, *args, district_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.district_id = district_id
        self.fields["default_organisation"].queryset = units_of(district_id)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        taken = Category.objects.filter(district_id=self.instance.district_id, name=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("本区已有同名类别。"))
        return name


class LimitsForm(forms.ModelForm):
    class Meta:
        model = HotlineSettings
        fields = [
            "limit_normal",
            "limit_urgent",
            "limit_very_urgent",
            "extension_max",
            "return_within",
            "duplicate_window_days",
        ]


class PublishForm(forms.Form):
    question = forms.CharField(
        label=_("公开的来信内容"),
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("请填写公开的来信内容。")},
    )
    answer = forms.CharField(
        label=_("公开的答复内容"),
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("请填写公开的答复内容。")},
    )
