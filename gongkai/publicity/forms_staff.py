"""Parsing the workbench's publicity forms; forms decide nothing (the actions do)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.models import Organisation
from gongkai.publicity import importer
from gongkai.publicity.kinds import spec
from gongkai.publicity.models import ObjectionOutcome

DATE = {"type": "date"}


class PublicityForm(forms.Form):
    """A list or notice of one kind: the common fields, then the kind's facts."""

    organisation = forms.ModelChoiceField(label=_("公示单位"), queryset=Organisation.objects.none())
    title = forms.CharField(label=_("标题"), max_length=300)
    year = forms.IntegerField(label=_("所属年度"), min_value=2000, max_value=2100)
    month = forms.IntegerField(label=_("所属月份"), min_value=1, max_value=12, required=False, help_text=_("按月公示的名单（如低保）填写"))
    doc_number = forms.CharField(label=_("文号"), max_length=100, required=False)
    description = forms.CharField(
        label=_("公示说明"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("公示的依据、范围，异议的受理方式等；不要填写个人信息"),
    )
    period_days = forms.IntegerField(
        label=_("公示期（天）"), min_value=1, max_value=365, required=False, help_text=_("自发布之日起计算；不填则长期公开")
    )

    def __init__(self, *args, kind: str, organisations=None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        s = spec(kind)
        self.fields["organisation"].queryset = organisations if organisations is not None else Organisation.objects.none()
        if editing:
            del self.fields["organisation"]
        if not s.is_list:
            del self.fields["month"]
        for fact in s.facts:
            field_class = forms.CharField
            widget = forms.Textarea(attrs={"rows": 2}) if fact.type == "text" and not fact.personal else None
            name = fact.key if fact.personal else f"fact_{fact.key}"
            self.fields[name] = field_class(
                label=fact.label,
                required=fact.required and not (editing and fact.personal),
                widget=widget,
                help_text=_("个人信息：加密保存，门户网站只显示脱敏后的内容；修改时留空则不变") if fact.personal else "",
            )

    def values(self) -> dict:
        data = self.cleaned_data
        out = {k: data.get(k) for k in ("title", "year", "month", "doc_number", "description", "period_days")}
        if "month" not in self.fields:
            out["month"] = None
        if "organisation" in self.fields:
            out["organisation"] = data["organisation"]
        facts = {}
        for fact in spec(self.kind).facts:
            if fact.personal:
                out[fact.key] = data.get(fact.key, "")
            else:
                facts[fact.key] = data.get(f"fact_{fact.key}", "")
        if facts:
            out["facts"] = facts
        return out


class EntryForm(forms.Form):
    """One household, the columns of the kind's sheet; the action checks each value."""

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        for col in importer.columns(kind):
            self.fields[col.attr] = forms.CharField(
                label=col.header,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}) if col.attr == "note" else None,
            )
        self.fields["number"].help_text = _("不填则自动编号")


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))


class LinkForm(forms.Form):
    index_no = forms.CharField(label=_("公告的索引号"), max_length=40)


class ObjectionForm(forms.Form):
    received_on = forms.DateField(label=_("收到日期"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"))
    entry_number = forms.IntegerField(label=_("涉及的序号"), required=False, min_value=1, help_text=_("针对名单中某一户的异议填写其序号"))
    objector = forms.CharField(label=_("异议人"), max_length=40, required=False, help_text=_("可匿名"))
    objector_phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)
    content = forms.CharField(label=_("异议内容"), widget=forms.Textarea(attrs={"rows": 3}))


class ResolveForm(forms.Form):
    outcome = forms.ChoiceField(label=_("处理结果"), choices=ObjectionOutcome.choices)
    resolution = forms.CharField(label=_("核实情况"), widget=forms.Textarea(attrs={"rows": 3}))
    resolved_on = forms.DateField(label=_("办结日期"), widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"))


class PeriodForm(forms.Form):
    period_days = forms.IntegerField(label=_("公示期（天）"), min_value=1, max_value=365, required=False)
