"""Parsing the staff forms of the annual reports; the actions decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class GenerateForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("报告单位"), queryset=None, error_messages={"required": _("请选择报告单位。"), "invalid_choice": _("无权为该单位生成报告。")}
    )
    year = forms.IntegerField(label=_("年度"), error_messages={"required": _("请填写年度。"), "invalid": _("年度须为数字。")})

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ProseForm(forms.Form):
    def __init__(self, *args, fields, labels, **kwargs):
        super().__init__(*args, **kwargs)
        for name in fields:
            self.fields[name] = forms.CharField(
                label=labels.get(name, name),
                required=False,
                widget=forms.Textarea(attrs={"rows": 10}),
                help_text=_("每行一段。表格中的数据由平台记录生成，不能在此修改。"),
            )


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("退回理由"), widget=forms.Textarea(attrs={"rows": 2}))


class WebsiteEntryForm(forms.Form):
    """The figures of the website's yearly form that the office enters (the platform computes the
    others). Fields are named by the figure's key; the action parses and checks the values."""

    def __init__(self, *args, fields, **kwargs):
        super().__init__(*args, **kwargs)
        for f in fields:
            if f.kind == "bool":
                field = forms.ChoiceField(
                    label=f.label, required=False, choices=[("", "——"), ("是", _("是")), ("否", _("否"))]
                )
            elif f.kind == "int":
                field = forms.CharField(
                    label=f.label, required=False, max_length=20, widget=forms.TextInput(attrs={"inputmode": "numeric"})
                )
            else:
                field = forms.CharField(label=f.label, required=False, max_length=200)
            self.fields[f.key] = field


class WebsiteGenerateForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), error_messages={"required": _("请填写年度。"), "invalid": _("年度须为数字。")})
