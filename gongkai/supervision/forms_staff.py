"""Parsing the office's settings form; the action decides and validates."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.models import Organisation
from gongkai.supervision.models import THRESHOLD_FIELDS, WEIGHT_FIELDS, Progress, SupervisionSettings


class SettingsForm(forms.ModelForm):
    class Meta:
        model = SupervisionSettings
        fields = THRESHOLD_FIELDS + WEIGHT_FIELDS


# --- the work plan ---------------------------------------------------------------------------------


class TaskForm(forms.Form):
    number = forms.CharField(label=_("序号"), max_length=20, required=False)
    text = forms.CharField(label=_("任务内容"), widget=forms.Textarea(attrs={"rows": 3}))
    category = forms.CharField(label=_("类别"), max_length=60, required=False)
    lead = forms.ModelChoiceField(label=_("牵头单位"), queryset=Organisation.objects.none())
    partners = forms.ModelMultipleChoiceField(
        label=_("配合单位"), queryset=Organisation.objects.none(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    due_on = forms.DateField(label=_("完成时限"), widget=forms.DateInput(attrs={"type": "date"}))
    source = forms.CharField(label=_("来源文件"), max_length=300, required=False)

    def __init__(self, *args, district: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        units = Organisation.objects.filter(district=district, is_active=True).exclude(pk=district.pk)
        self.fields["lead"].queryset = units
        self.fields["partners"].queryset = units

    def task_data(self) -> dict:
        data = {k: self.cleaned_data[k] for k in ("number", "text", "category", "due_on", "source")}
        lead = self.cleaned_data["lead"]
        data["units"] = [lead, *[u for u in self.cleaned_data["partners"] if u != lead]]
        return data


class ReportForm(forms.Form):
    unit = forms.TypedChoiceField(label=_("报送单位"), coerce=int)
    progress = forms.ChoiceField(label=_("进度"), choices=Progress.choices)
    text = forms.CharField(label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
    # the evidence (佐证材料) is a list of item ids the page offers as checkboxes; the action checks
    # that each is the unit's own published item

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("工作要点表格（.xlsx）"))


class ReviewForm(forms.Form):
    note = forms.CharField(label=_("审核意见"), max_length=500, required=False)
