"""Forms of the citizen side of disclosure applications: the application (政府信息公开申请表),
the status lookup and the deadline calculator.

The forms only parse and check what was typed; the application is created by
``actions.submit_application``. Every message is in Chinese and names the field.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

import filetype
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import ProhibitNullCharactersValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.applications.models import ApplicantType, Delivery, Form, IdType
from gongkai.applications.outcomes import ApplicantCategory
from gongkai.lib.abuse import GuardedForm
from gongkai.lib.validators import validate_id_number, validate_uscc
from gongkai.orgs.models import Organisation, OrgKind

ID_COPY_MAX_MB = 5
# filetype's answer (by the file's first bytes) → the extension the copy is stored under.
ID_COPY_TYPES = {"image/jpeg": ".jpg", "image/png": ".png", "application/pdf": ".pdf"}
ID_COPY_ACCEPT = ".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"

NATURAL_FIELDS = ("name", "id_type", "id_number")
LEGAL_FIELDS = ("org_name", "uscc", "legal_representative", "contact_person", "category")
LEGAL_CATEGORIES = [(v, label) for v, label in ApplicantCategory.choices if v != ApplicantCategory.NATURAL]
AGENCY_KINDS = (OrgKind.DEPARTMENT, OrgKind.TOWN, OrgKind.STREET)

_MOBILE_RE = re.compile(r"(?:\+?86)?1[3-9]\d{9}")
_LANDLINE_RE = re.compile(
    r"(?:\(0\d{2,3}\)|0\d{2,3}-?)?[2-9]\d{6,7}(?:(?:-|转|ext\.?|x)\d{1,6})?", re.IGNORECASE
)
_POSTCODE_RE = re.compile(r"\d{6}")


def _reject_control_characters(value: str, *, multiline: bool = False) -> None:
    allowed = {"\n", "\r", "\t"} if multiline else set()
    if any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in value):
        raise ValidationError(_("含有无法识别的控制字符，请删除后重新填写。"), code="control_characters")


class TextField(forms.CharField):
    """A text input that refuses control characters (the null character included) in Chinese."""

    def __init__(self, *args: Any, multiline: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.multiline = multiline
        self.validators = [v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)]

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value:
            _reject_control_characters(value, multiline=self.multiline)


def _required(label: str) -> dict[str, str]:
    return {"required": _("请填写%(label)s。") % {"label": label}}


def _chosen(label: str) -> dict[str, str]:
    return {
        "required": _("请选择%(label)s。") % {"label": label},
        "invalid_choice": _("请从列表中选择%(label)s。") % {"label": label},
    }


def normalise_phone(value: str) -> str:
    """A mobile or landline number as the citizen wrote it, tidied; ValidationError if neither."""
    text = unicodedata.normalize("NFKC", value).strip()
    compact = re.sub(r"[\s\-]", "", text)
    if _MOBILE_RE.fullmatch(compact):
        return compact[-11:]
    spaced = re.sub(r"\s+", "", text)
    if _LANDLINE_RE.fullmatch(spaced):
        return spaced
    raise ValidationError(
        _("请填写正确的联系电话：11位手机号码，或带区号的固定电话（如 0735-2345678）。"), code="phone"
    )


def identify_id_copy(uploaded: UploadedFile) -> str:
    """The extension the copy is stored under, by the file's content; ValidationError otherwise."""
    size = uploaded.size or 0
    if size > ID_COPY_MAX_MB * 1024 * 1024:
        raise ValidationError(
            _("文件过大（%(size).1f MB），身份证明材料不能超过 %(max)d MB，请压缩后重新选择。")
            % {"size": size / 1024 / 1024, "max": ID_COPY_MAX_MB},
            code="too_large",
        )
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    guess = filetype.guess(head) if head else None
    if guess is None or guess.mime not in ID_COPY_TYPES:
        raise ValidationError(
            _("身份证明材料只能是 JPEG、PNG 图片或 PDF 文件（按文件内容识别，与文件名无关），请重新选择。"),
            code="unsupported_type",
        )
    return ID_COPY_TYPES[guess.mime]


def agencies(district: Organisation) -> list[Organisation]:
    """The district government itself and its active departments, towns and streets (one query)."""
    return list(
        Organisation.objects.filter(
            Q(pk=district.pk) | Q(district=district, kind__in=AGENCY_KINDS, is_active=True)
        ).order_by("sort_order", "id")
    )


def agency_choices(orgs: list[Organisation]) -> list:
    groups: dict[str, list[tuple[str, str]]] = {"district": [], "department": [], "town": []}
    for org in orgs:
        key = (
            "district"
            if org.kind == OrgKind.DISTRICT
            else "department"
            if org.kind == OrgKind.DEPARTMENT
            else "town"
        )
        groups[key].append((str(org.pk), org.name))
    labels = {"district": _("区人民政府"), "department": _("区直部门"), "town": _("乡镇（街道）")}
    return [("", _("请选择受理机关"))] + [(labels[k], v) for k, v in groups.items() if v]


class ApplicationForm(GuardedForm):
    """政府信息公开申请表. Both applicant blocks are on the page; only the chosen one is read.
    The honeypot, time stamp and captcha come from ``GuardedForm``."""

    applicant_type = forms.ChoiceField(
        label=_("申请人类型"),
        choices=ApplicantType.choices,
        initial=ApplicantType.NATURAL,
        widget=forms.RadioSelect,
        error_messages=_chosen("申请人类型"),
    )
    # 自然人
    name = TextField(label=_("姓名"), max_length=50, required=False)
    id_type = forms.ChoiceField(
        label=_("证件类型"),
        choices=IdType.choices,
        initial=IdType.MAINLAND_ID,
        required=False,
        error_messages=_chosen("证件类型"),
    )
    id_number = TextField(label=_("证件号码"), max_length=30, required=False)
    # 法人或其他组织
    org_name = TextField(label=_("名称"), max_length=200, required=False)
    uscc = TextField(label=_("统一社会信用代码"), max_length=30, required=False)
    legal_representative = TextField(label=_("法定代表人"), max_length=50, required=False)
    contact_person = TextField(label=_("联系人"), max_length=50, required=False)
    category = forms.ChoiceField(
        label=_("申请人类别"),
        choices=[("", _("请选择")), *LEGAL_CATEGORIES],
        required=False,
        error_messages=_chosen("申请人类别"),
    )
    # 联系方式
    phone = TextField(
        label=_("联系电话"),
        max_length=30,
        error_messages=_required("联系电话"),
        help_text=_("手机号码或带区号的固定电话"),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("电子邮箱"),
        max_length=254,
        required=False,
        help_text=_("选择以电子邮件获取信息的，必须填写"),
        error_messages={"invalid": _("请填写正确的电子邮箱地址，如 name@example.com。")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    address = TextField(
        label=_("通信地址"), max_length=200, required=False, help_text=_("选择邮寄方式获取信息的，必须填写")
    )
    postcode = TextField(
        label=_("邮政编码"),
        max_length=6,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    # 所需信息
    organisation = forms.ChoiceField(
        label=_("受理机关"),
        help_text=_("请选择制作或保存该信息的机关；不确定的，可以选择区人民政府"),
        error_messages=_chosen("受理机关"),
    )
    description = TextField(
        label=_("所需信息的内容描述"),
        min_length=5,
        max_length=5000,
        multiline=True,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("请尽量写明信息的名称、时间范围、涉及的事项等，便于准确查找"),
        error_messages={
            **_required("所需信息的内容描述"),
            "min_length": _("内容描述过短（至少 %(limit_value)d 个字），请写明所需信息的具体内容。"),
            "max_length": _("内容描述过长（最多 %(limit_value)d 个字，现有 %(show_value)d 个字）。"),
        },
    )
    doc_number = TextField(
        label=_("文件名称、文号"), max_length=200, required=False, help_text=_("选填，如 北政发〔2018〕10号")
    )
    form = forms.ChoiceField(
        label=_("信息的载体形式"),
        choices=Form.choices,
        initial=Form.ELECTRONIC,
        widget=forms.RadioSelect,
        error_messages=_chosen("信息的载体形式"),
    )
    delivery = forms.ChoiceField(
        label=_("获取信息的方式"),
        choices=Delivery.choices,
        initial=Delivery.ONLINE,
        widget=forms.RadioSelect,
        error_messages=_chosen("获取信息的方式"),
    )
    id_copy = forms.FileField(
        label=_("身份证明材料"),
        required=False,
        help_text=_("选填。身份证或营业执照的照片、扫描件，JPEG、PNG 或 PDF 格式，不超过 %(max)d MB")
        % {"max": ID_COPY_MAX_MB},
        widget=forms.ClearableFileInput(
            attrs={"accept": ID_COPY_ACCEPT, "data-max-bytes": str(ID_COPY_MAX_MB * 1024 * 1024)}
        ),
        error_messages={
            "empty": _("所选文件是空的，请重新选择。"),
            "invalid": _("文件上传不完整，请重新选择。"),
        },
    )

    # Shown with a required mark inside their own block (the block decides, not the browser).
    REQUIRED_IN_BLOCK = frozenset(NATURAL_FIELDS + LEGAL_FIELDS)

    def __init__(self, *args: Any, district: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.district = district
        self._agencies = {str(org.pk): org for org in agencies(district)}
        self.fields["organisation"].choices = agency_choices(list(self._agencies.values()))
        self.id_copy_dropped = False  # a file was chosen but the form is shown again

    def clean_organisation(self) -> Organisation:
        org = self._agencies.get(self.cleaned_data["organisation"])
        if org is None:
            raise ValidationError(_("请从列表中选择受理机关。"), code="invalid_choice")
        return org

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data["phone"])

    def clean_postcode(self) -> str:
        value = unicodedata.normalize("NFKC", self.cleaned_data["postcode"])
        if value and not _POSTCODE_RE.fullmatch(value):
            raise ValidationError(_("邮政编码应为6位数字。"), code="postcode")
        return value

    def clean_id_copy(self) -> UploadedFile | None:
        uploaded = self.cleaned_data.get("id_copy")
        if not uploaded:
            return None
        uploaded.name = "id-copy" + identify_id_copy(uploaded)
        return uploaded

    def _require(self, data: dict, names: tuple[str, ...]) -> None:
        for field in names:
            if not data.get(field) and field not in self.errors:
                label = self.fields[field].label
                verb = _("请选择") if isinstance(self.fields[field], forms.ChoiceField) else _("请填写")
                self.add_error(field, ValidationError(f"{verb}{label}。", code="required"))

    def clean(self) -> dict:
        data = super().clean()
        kind = data.get("applicant_type")
        if kind == ApplicantType.NATURAL:
            for field in LEGAL_FIELDS:
                data[field] = ""
            self._require(data, NATURAL_FIELDS)
            number = data.get("id_number")
            if number and data.get("id_type") == IdType.MAINLAND_ID:
                try:
                    data["id_number"] = validate_id_number(number)
                except ValidationError as exc:
                    self.add_error("id_number", exc)
            data["category"] = ApplicantCategory.NATURAL
        elif kind == ApplicantType.LEGAL:
            for field in NATURAL_FIELDS:
                data[field] = ""
            self._require(data, LEGAL_FIELDS)
            if data.get("uscc"):
                try:
                    data["uscc"] = validate_uscc(data["uscc"])
                except ValidationError as exc:
                    self.add_error("uscc", exc)
            data["name"] = data.get("org_name", "")
        delivery = data.get("delivery")
        if delivery == Delivery.EMAIL and not data.get("email") and "email" not in self.errors:
            self.add_error(
                "email", ValidationError(_("选择以电子邮件获取信息的，请填写电子邮箱。"), code="required")
            )
        if delivery == Delivery.POST and not data.get("address") and "address" not in self.errors:
            self.add_error(
                "address", ValidationError(_("选择邮寄方式获取信息的，请填写通信地址。"), code="required")
            )
        return data

    def application_data(self) -> dict[str, Any]:
        """What ``actions.submit_application`` takes as ``data``."""
        skip = {"organisation", "id_copy", "website", "issued", "captcha"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class StatusLookupForm(GuardedForm):
    timed = False  # pasted in seconds

    number = TextField(
        label=_("申请编号"),
        max_length=30,
        error_messages=_required("申请编号"),
        help_text=_("提交申请后回执上显示的编号，由数字和短横线组成"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    code = TextField(
        label=_("查询码"),
        max_length=20,
        error_messages=_required("查询码"),
        help_text=_("8位字母和数字，不区分大小写"),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )


class DeadlineForm(forms.Form):
    received = forms.DateField(
        label=_("收到申请之日"),
        input_formats=["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("请选择收到申请的日期。"),
            "invalid": _("日期格式不正确，请按“年-月-日”填写，如 2025-06-09。"),
        },
    )

    def clean_received(self) -> dt.date:
        value = self.cleaned_data["received"]
        if not 1900 <= value.year <= 2100:
            raise ValidationError(_("请选择 1900 年至 2100 年之间的日期。"), code="range")
        return value
