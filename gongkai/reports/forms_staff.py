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
