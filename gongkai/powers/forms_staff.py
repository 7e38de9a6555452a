"""Parsing the workbench's power-list forms; forms decide nothing (the actions do)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.models import Organisation
from gongkai.powers.models import ChangeKind, PowerType


class DocumentForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("发文机构"),
        queryset=Organisation.objects.none(),
        help_text=_("公告将以该机构名义起草，例如区政府办"),
    )
    number = forms.CharField(label=_("文号"), max_length=100, help_text=_("例如 北政发〔2018〕10号"))
    title = forms.CharField(label=_("标题"), max_length=300)
    issued_on = forms.DateField(label=_("印发日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.none()
        )


class ChangeForm(forms.Form):
    code = forms.CharField(label=_("权力编码"), max_length=40)
    kind = forms.ChoiceField(label=_("变更类型"), choices=ChangeKind.choices)
    effective_on = forms.DateField(
        label=_("生效日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("不填则为文件印发日期"),
    )
    name = forms.CharField(label=_("权力名称"), max_length=300, required=False)
    type = forms.ChoiceField(label=_("权力类型"), choices=[("", "—"), *PowerType.choices], required=False)
    basis = forms.CharField(label=_("设定依据"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    organisation = forms.ModelChoiceField(
        label=_("实施主体"), queryset=Organisation.objects.none(), required=False
    )
    responsibilities = forms.CharField(
        label=_("责任事项"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    note = forms.CharField(
        label=_("变更说明"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("调整、部分取消时写明变更的内容"),
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.none()
        )
        for name in ("name", "type", "basis", "organisation", "responsibilities"):
            self.fields[name].help_text = _("新增、承接、清单公布时必填；调整、部分取消时不填则保持原内容")

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "code": data["code"],
            "kind": data["kind"],
            "effective_on": data["effective_on"],
            "name": data["name"],
            "type": data["type"],
            "basis": data["basis"],
            "organisation": data["organisation"],
            "responsibilities": data["responsibilities"],
            "note": data["note"],
        }


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))


class LinkForm(forms.Form):
    index_no = forms.CharField(label=_("公告的索引号"), max_length=40)
