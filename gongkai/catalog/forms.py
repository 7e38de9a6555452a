"""Forms of the staff workbench for proactive disclosure. They parse input; the actions decide."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gongkai.catalog import actions
from gongkai.catalog.models import Column, Item, Topic, Version
from gongkai.catalog.permissions import editable_orgs
from gongkai.lib.uploads import ACCEPT_ATTR, ALLOWED_LABEL, max_bytes
from gongkai.orgs.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class VersionForm(forms.ModelForm):
    """The content of a draft. ``organisation`` is asked only when the item is new: an item never
    changes its organisation (its index number is that organisation's)."""

    organisation = forms.ModelChoiceField(
        label=_("发布机构"), queryset=Organisation.objects.none(), empty_label=_("请选择")
    )
    also_columns = forms.ModelMultipleChoiceField(
        label=_("同时发布到的栏目"),
        queryset=Column.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_(
            "一条信息可同时属于多个栏目（如一条工作动态同时是专题报道）：年度报告在每个类别各计一次，"
            "总数只计一次。按住 Ctrl（Mac 上为 Command）可多选；不必再选主栏目。"
        ),
        error_messages={"invalid_choice": _("所选栏目“%(value)s”不是本区可用的栏目。")},
    )
    interprets = forms.CharField(
        label=_("解读的政策（索引号）"),
        required=False,
        max_length=40,
        help_text=_("政策解读类信息填写其解读的、已发布的政策文件的索引号"),
    )

    class Meta:
        model = Version
        fields = list(actions.CONTENT_FIELDS)
        widgets = {
            "title": forms.TextInput(attrs={"size": 80}),
            "written_date": DATE,
            "effective_date": DATE,
            "repealed_date": DATE,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 16, "spellcheck": "false"}),
            "scheduled_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format=DATETIME_LOCAL_FORMAT
            ),
        }
        help_texts = {
            "body": _("可直接粘贴 HTML；保存时自动清理脚本等不安全内容"),
            "scheduled_at": _("留空则领导审批通过后立即发布"),
        }

    def __init__(self, *args, user, district_id: int | None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.user = user
        self.district_id = district_id
        self.is_new = self.instance.pk is None
        if self.is_new:
            orgs = editable_orgs(user)
            self.fields["organisation"].queryset = orgs
            if orgs.count() == 1:
                self.fields["organisation"].initial = orgs.first()
        else:
            del self.fields["organisation"]
            if self.instance.interprets_id:
                self.initial["interprets"] = self.instance.interprets.index_no
            self.initial["also_columns"] = [c.pk for c in self.instance.also_columns.all()]
        columns = Column.objects.filter(district_id=district_id, is_active=True).select_related("parent")
        self.fields["column"].queryset = columns
        # Offered: the district's columns but the current main one (the item counts in it
        # already); accepted: any of the district's, so that a draft moved to another main column
        # may keep its old one — clean() refuses the main column chosen in the same form.
        also = self.fields["also_columns"]
        also.queryset = columns
        also.widget.choices = [(c.pk, str(c)) for c in columns if c.pk != self.instance.column_id]
        self.fields["column"].empty_label = _("请选择")
        self.fields["topic"].queryset = Topic.objects.all()
        self.fields["topic"].empty_label = _("（不分类）")
        self.fields["scheduled_at"].input_formats = [DATETIME_LOCAL_FORMAT, "%Y-%m-%d %H:%M"]

    def clean_interprets(self) -> Item | None:
        value = (self.cleaned_data.get("interprets") or "").strip()
        if not value:
            return None
        item = (
            Item.objects.filter(
                district_id=self.district_id,
                index_no=value,
                live__isnull=False,
                withdrawn_at__isnull=True,
            )
            .select_related("live")
            .first()
        )
        if item is None:
            raise ValidationError(_("找不到索引号为“%(no)s”的已发布信息。"), params={"no": value})
        return item

    def clean(self) -> dict:
        cleaned = super().clean()
        column, also = cleaned.get("column"), cleaned.get("also_columns")
        if column is not None and also and column in also:
            self.add_error(
                "also_columns",
                _("“%(name)s”已是主栏目，无需再选为同时发布的栏目。") % {"name": column.name},
            )
        return cleaned

    def content(self) -> dict:
        """The cleaned content, as the actions take it (``also_columns`` with it)."""
        content = {name: self.cleaned_data.get(name) for name in actions.CONTENT_FIELDS}
        content[actions.ALSO_COLUMNS] = list(self.cleaned_data.get("also_columns") or ())
        return content


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("退回理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, strip=True
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("撤回理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, strip=True
    )
    public_notice = forms.BooleanField(label=_("在原网址公开撤回说明"), required=False, initial=True)


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("上传附件"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTR}),
        error_messages={"required": _("请选择要上传的文件。"), "empty": _("文件是空的，请重新选择。")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("支持 %(types)s，单个文件不超过 %(mb)s MB") % {
            "types": ALLOWED_LABEL,
            "mb": max_bytes() // (1024 * 1024),
        }
