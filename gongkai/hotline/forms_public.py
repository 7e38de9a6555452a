"""Forms of the public mailbox (区长信箱): writing a letter and following it. No account needed."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.hotline.models import Category
from gongkai.lib.abuse import GuardedForm
from gongkai.lib.text import reject_control_characters, reject_control_characters_multiline
from gongkai.orgs.models import Organisation, OrgKind

TITLE_MAX = 100
CONTENT_MAX = 4000  # Open311 allows 4000 characters for a description; the same limit here

_MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$")


def clean_phone(value: str) -> str:
    """A mainland mobile or landline number, normalised (``13907350001``, ``0735-2345678``).

    Raises ``forms.ValidationError`` with a Chinese message otherwise.
    """
    text = unicodedata.normalize("NFKC", value or "").strip()
    text = re.sub(r"^\((0\d{2,3})\)\s*", r"\1-", text)  # (0735)2345678
    text = re.sub(r"\s*(?:转|ext\.?|x)\s*", "-", text, flags=re.IGNORECASE)  # extension
    text = re.sub(r"[\s-]+", "-", text).strip("-")
    compact = re.sub(r"^(?:\+86|0086|86)(?=1\d{10}$)", "", text.replace("-", ""))
    if _MOBILE_RE.match(compact):
        return compact
    if _LANDLINE_RE.match(text):
        return text
    raise forms.ValidationError(
        _("请填写正确的手机号码（11位）或固定电话（带区号，如 0735-2345678）。"), code="phone"
    )


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Category) -> str:
        return obj.name


class PlaceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.name


class MailboxForm(GuardedForm):
    """One letter to the district head. Name and phone are needed for a reply, unless anonymous.
    The honeypot, time stamp and captcha come from ``GuardedForm``."""

    title = forms.CharField(
        label=_("信件标题"),
        max_length=TITLE_MAX,
        validators=[reject_control_characters],
        error_messages={
            "required": _("请填写信件标题。"),
            "max_length": _("标题最多%(limit_value)d个字，您填写了%(show_value)d个字。"),
        },
        widget=forms.TextInput(attrs={"placeholder": _("用一句话概括您反映的问题或建议")}),
    )
    content = forms.CharField(
        label=_("信件内容"),
        max_length=CONTENT_MAX,
        validators=[reject_control_characters_multiline],
        error_messages={
            "required": _("请填写信件内容。"),
            "max_length": _("信件内容最多%(limit_value)d个字，您填写了%(show_value)d个字。"),
        },
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("请写明事情发生的时间、地点、经过和您的诉求。请勿在正文中填写身份证号码等个人信息。"),
    )
    category = CategoryChoiceField(
        label=_("诉求类别"),
        queryset=Category.objects.none(),
        required=False,
        empty_label=_("请选择（可不选）"),
        error_messages={"invalid_choice": _("请从列表中选择诉求类别。")},
    )
    place = PlaceChoiceField(
        label=_("所在乡镇（街道）"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("请选择（可不选）"),
        error_messages={"invalid_choice": _("请从列表中选择乡镇（街道）。")},
    )
    place_detail = forms.CharField(
        label=_("具体地点"),
        max_length=200,
        required=False,
        validators=[reject_control_characters],
        error_messages={"max_length": _("具体地点最多%(limit_value)d个字。")},
        widget=forms.TextInput(attrs={"placeholder": _("如：某某路与某某街交叉口")}),
        help_text=_("问题发生的地点，不是您的住址。"),
    )
    anonymous = forms.BooleanField(
        label=_("匿名来信"),
        required=False,
        help_text=_(
            "匿名来信不留姓名。不留电话的，承办单位无法与您联系和回访，办理结果只能凭查询码在本网站查看。"
        ),
    )
    name = forms.CharField(
        label=_("姓名"),
        max_length=50,
        required=False,
        validators=[reject_control_characters],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("联系电话"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        help_text=_("用于承办单位联系您和办结后回访，不会公开。"),
    )
    email = forms.EmailField(
        label=_("电子邮箱"),
        max_length=254,
        required=False,
        error_messages={"invalid": _("请填写正确的电子邮箱地址，如 name@example.com。")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    publish_allowed = forms.BooleanField(
        label=_("同意公开"),
        required=False,
        help_text=_(
            "勾选即表示您同意在办结后将信件内容和答复在本网站“信件公开”栏目公开。"
            "公开前会删去您的姓名、电话、身份证号码、地址等个人信息；不勾选的信件不会公开，办理不受影响。"
        ),
    )
    def __init__(self, *args: Any, district: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.district = district
        self.fields["category"].queryset = Category.objects.filter(district=district, is_active=True)
        self.fields["place"].queryset = Organisation.objects.filter(
            district=district, kind__in=[OrgKind.TOWN, OrgKind.STREET], is_active=True
        ).order_by("kind", "sort_order", "pk")

    def clean_title(self) -> str:
        return self.cleaned_data["title"].strip()

    def clean_content(self) -> str:
        content = self.cleaned_data["content"].strip()
        if len(content) < 5:
            raise forms.ValidationError(_("信件内容太短，请把情况写清楚一些。"), code="too_short")
        return content

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"].strip()
        return clean_phone(value) if value else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("anonymous"):
            data["name"] = ""
        else:
            if not (data.get("name") or "").strip() and "name" not in self.errors:
                self.add_error("name", _("请填写您的姓名；如不愿留名，请勾选“匿名来信”。"))
            if not data.get("phone") and "phone" not in self.errors:
                self.add_error(
                    "phone", _("请填写联系电话，以便承办单位答复和回访；如不愿留电话，请勾选“匿名来信”。")
                )
        return data

    def ticket_data(self) -> dict[str, Any]:
        """What ``actions.intake`` records."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "matter": data["content"],
            "category": data.get("category"),
            "place": data.get("place"),
            "place_detail": data.get("place_detail", "").strip(),
            "anonymous": bool(data.get("anonymous")),
            "caller_name": (data.get("name") or "").strip(),
            "phone": data.get("phone") or "",
            "email": data.get("email") or "",
            "publish_allowed": bool(data.get("publish_allowed")),
        }


class FollowForm(GuardedForm):
    """工单编号 + 查询码 → the letter. Pasted in seconds: no timing check."""

    timed = False

    number = forms.CharField(
        label=_("信件编号"),
        max_length=30,
        error_messages={"required": _("请填写信件编号。")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric", "spellcheck": "false"}),
    )
    code = forms.CharField(
        label=_("查询码"),
        max_length=20,
        error_messages={"required": _("请填写查询码。")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        help_text=_("提交信件时显示的8位字母数字组合，不区分大小写。"),
    )

    def clean_number(self) -> str:
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", self.cleaned_data["number"]))

    def clean_code(self) -> str:
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", self.cleaned_data["code"])).upper()
