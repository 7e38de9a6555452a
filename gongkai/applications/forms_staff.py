"""Forms of the staff pages for disclosure applications. They parse input; the actions decide."""

from __future__ import annotations

import datetime as dt

import filetype
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.applications import deadlines, letters
from gongkai.applications.models import (
    ApplicantType,
    Channel,
    Delivery,
    FeeMethod,
    Form,
    IdType,
    LetterTemplate,
    PauseKind,
    ReviewKind,
    ReviewResult,
    Status,
)
from gongkai.applications.outcomes import GROUPS, INFO, ApplicantCategory, Outcome
from gongkai.lib.uploads import ACCEPT_ATTR, ALLOWED_LABEL, max_bytes
from gongkai.lib.validators import validate_id_number, validate_uscc
from gongkai.workcal.calendar import due_after

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CLARIFICATION_PERIOD_DAYS = 15
ID_COPY_MAX_MB = 10
ID_COPY_TYPES = {
    "application/pdf",
    "image/jpeg",
    "image/png",
}  # a reasonable period to supply what is missing (Art. 30)


def _today() -> dt.date:
    return timezone.localdate()


def _date(label, *, required=True, initial=_today, help_text=""):
    return forms.DateField(label=label, required=required, initial=initial, widget=DATE, help_text=help_text)


def outcome_choices(blank: str | None = None) -> list:
    """The outcomes grouped as in the annual report's table 三."""
    groups = []
    for key, label in GROUPS:
        groups.append((label, [(o, INFO[o].row) for o in _members(key)]))
    return ([("", blank)] if blank is not None else []) + groups


def _members(group: str) -> list[str]:
    return [o for o in Outcome.values if INFO[o].group == group]


QUICK = [
    ("overdue", _("已超期")),
    ("soon", _("即将到期")),
    ("paused", _("暂停计时中")),
]
OFFLINE_CHANNELS = [(v, label) for v, label in Channel.choices if v != Channel.ONLINE]
CONFIRMED_CHANNELS = (Channel.LETTER, Channel.FAX, Channel.EMAIL)


class FilterForm(forms.Form):
    number = forms.CharField(label=_("申请编号"), required=False, max_length=30)
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[("", _("全部")), *Status.choices])
    quick = forms.ChoiceField(label=_("期限"), required=False, choices=[("", _("全部")), *QUICK])
    organisation = forms.TypedChoiceField(label=_("办理机关"), required=False, coerce=int, empty_value=None)
    channel = forms.ChoiceField(
        label=_("申请方式"), required=False, choices=[("", _("全部")), *Channel.choices]
    )
    applicant_type = forms.ChoiceField(
        label=_("申请人类型"), required=False, choices=[("", _("全部")), *ApplicantType.choices]
    )
    year = forms.TypedChoiceField(label=_("收到年度"), required=False, coerce=int, empty_value=None)
    month = forms.TypedChoiceField(
        label=_("月份"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("全部"))] + [(m, f"{m}月") for m in range(1, 13)],
    )
    outcome = forms.ChoiceField(label=_("办理结果"), required=False)

    def __init__(self, *args, orgs=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", _("全部"))] + [(o.pk, o.name) for o in orgs]
        self.fields["year"].choices = [("", _("全部"))] + [(y, str(y)) for y in years]
        self.fields["outcome"].choices = outcome_choices(blank=str(_("全部")))


class IntakeForm(forms.Form):
    """An application received in person, by post, fax or e-mail, registered by staff."""

    organisation = forms.TypedChoiceField(label=_("办理机关"), coerce=int)
    channel = forms.ChoiceField(label=_("申请方式"), choices=OFFLINE_CHANNELS)
    arrived_on = _date(
        _("送达日期"), help_text=_("当面递交之日、挂号信签收之日，或信函、传真、电子邮件到达之日")
    )
    confirmed_on = _date(
        _("确认收到日期"),
        required=False,
        initial=None,
        help_text=_(
            "平常信函、传真、电子邮件：与申请人确认收到之日（《条例》第三十一条），应当在到达当日确认"
        ),
    )
    applicant_type = forms.ChoiceField(
        label=_("申请人类型"),
        choices=ApplicantType.choices,
        widget=forms.RadioSelect,
        initial=ApplicantType.NATURAL,
    )
    category = forms.ChoiceField(
        label=_("法人或其他组织类别"),
        required=False,
        choices=[("", "—")] + [c for c in ApplicantCategory.choices if c[0] != ApplicantCategory.NATURAL],
    )
    name = forms.CharField(label=_("姓名/名称"), max_length=100, help_text=_("法人或其他组织填写单位全称"))
    id_type = forms.ChoiceField(label=_("证件类型"), required=False, choices=[("", "—"), *IdType.choices])
    id_number = forms.CharField(label=_("证件号码"), required=False, max_length=40)
    uscc = forms.CharField(label=_("统一社会信用代码"), required=False, max_length=18)
    legal_representative = forms.CharField(label=_("法定代表人"), required=False, max_length=50)
    contact_person = forms.CharField(label=_("联系人"), required=False, max_length=50)
    phone = forms.CharField(label=_("联系电话"), max_length=30)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    address = forms.CharField(label=_("通信地址"), required=False, max_length=200)
    postcode = forms.RegexField(
        label=_("邮政编码"),
        required=False,
        regex=r"^\d{6}$",
        error_messages={"invalid": _("邮政编码为6位数字。")},
    )
    description = forms.CharField(
        label=_("所需政府信息的名称或内容描述"), widget=forms.Textarea(attrs={"rows": 4})
    )
    doc_number = forms.CharField(label=_("文件名称、文号"), required=False, max_length=200)
    form = forms.ChoiceField(label=_("信息的载体形式"), choices=Form.choices, initial=Form.PAPER)
    delivery = forms.ChoiceField(label=_("获取信息的方式"), choices=Delivery.choices, initial=Delivery.POST)
    id_copy = forms.FileField(label=_("身份证明材料（扫描件）"), required=False)

    def __init__(self, *args, orgs=(), **kwargs):
        super().__init__(*args, **kwargs)
        orgs = list(orgs)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in orgs]
        if len(orgs) == 1:
            self.fields["organisation"].initial = orgs[0].pk

    def clean_id_copy(self):
        """A scan or photo, judged by its content (magic bytes), not by its name."""
        upload = self.cleaned_data.get("id_copy")
        if not upload:
            return upload
        if upload.size > ID_COPY_MAX_MB * 1024 * 1024:
            raise ValidationError(_("身份证明材料不能超过%(mb)s MB。") % {"mb": ID_COPY_MAX_MB})
        head = upload.read(261)
        upload.seek(0)
        guess = filetype.guess(head)
        if guess is None or guess.mime not in ID_COPY_TYPES:
            raise ValidationError(_("身份证明材料只接受 PDF、JPG 或 PNG 文件。"))
        return upload

    def clean(self):
        data = super().clean()
        channel = data.get("channel")
        arrived, confirmed = data.get("arrived_on"), data.get("confirmed_on")
        if channel in CONFIRMED_CHANNELS and arrived and not confirmed:
            self.add_error("confirmed_on", _("平常信函、传真、电子邮件须填写与申请人确认收到的日期。"))
        if channel not in CONFIRMED_CHANNELS:
            data["confirmed_on"] = None
        if arrived and arrived > timezone.localdate():
            self.add_error("arrived_on", _("送达日期不能晚于今天。"))
        if data.get("applicant_type") == ApplicantType.NATURAL:
            if not data.get("id_type"):
                self.add_error("id_type", _("请选择证件类型。"))
            if not data.get("id_number"):
                self.add_error("id_number", _("请填写证件号码。"))
            elif data.get("id_type") == IdType.MAINLAND_ID:
                try:
                    data["id_number"] = validate_id_number(data["id_number"])
                except ValidationError as exc:
                    self.add_error("id_number", exc)
            data["category"] = ApplicantCategory.NATURAL
        elif data.get("applicant_type") == ApplicantType.LEGAL:
            if not data.get("category"):
                self.add_error("category", _("请选择法人或其他组织的类别。"))
            if not data.get("uscc"):
                self.add_error("uscc", _("请填写统一社会信用代码。"))
            else:
                try:
                    data["uscc"] = validate_uscc(data["uscc"])
                except ValidationError as exc:
                    self.add_error("uscc", exc)
            if not data.get("contact_person"):
                self.add_error("contact_person", _("请填写联系人。"))
            data["org_name"] = data.get("name", "")
            data["id_type"], data["id_number"] = "", ""
        return data


class TransferForm(forms.Form):
    to = forms.TypedChoiceField(label=_("转至"), coerce=int)
    reason = forms.CharField(label=_("转办理由"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(o.pk, o.name) for o in targets]


def _clarification_default() -> dt.date:
    # Provisional while the year it falls in is not entered: staff can still change it.
    return due_after(_today(), CLARIFICATION_PERIOD_DAYS).value


class ClarificationForm(forms.Form):
    sent_on = _date(_("补正通知发出日期"))
    respond_by = _date(
        _("补正期限"),
        initial=_clarification_default,
        help_text=_("默认为发出之日起15个工作日"),
    )
    note = forms.CharField(
        label=_("需要补正的内容"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text=_("应当一次性告知需要补正的事项（《条例》第三十条）"),
    )


class ConsultationForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("征求对象类型"),
        choices=[
            (PauseKind.THIRD_PARTY, PauseKind.THIRD_PARTY.label),
            (PauseKind.CO_AGENCY, PauseKind.CO_AGENCY.label),
        ],
    )
    party = forms.CharField(label=_("征求意见的对象"), max_length=200)
    sent_on = _date(
        _("征求意见函发出日期"), help_text=_("对方应在15个工作日内提出意见（《条例》第三十二条、第三十四条）")
    )


class FeeForm(forms.Form):
    method = forms.ChoiceField(label=_("计收方式"), choices=FeeMethod.choices)
    quantity = forms.IntegerField(
        label=_("件数/页数"),
        min_value=1,
        help_text=_("按件：该申请人本月向本机关提出的第几件申请；按量：提供信息的页数"),
    )
    notice_on = _date(_("收费通知日期"))


class EndStopForm(forms.Form):
    stop = forms.IntegerField(widget=forms.HiddenInput)
    ended_on = _date(_("结束日期"), help_text=_("收到补正材料、意见或缴费之日"))


class ExtendForm(forms.Form):
    days = forms.IntegerField(
        label=_("延长工作日数"),
        min_value=1,
        max_value=deadlines.EXTENSION_MAX_DAYS,
        initial=deadlines.EXTENSION_MAX_DAYS,
    )
    reason = forms.CharField(label=_("延期理由"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)
    on = _date(_("批准日期"))


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("办理结果"))
    replied_on = _date(_("答复日期"))
    summary = forms.CharField(
        label=_("答复要点"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    redirect_to = forms.CharField(
        label=_("告知的机关或获取途径"),
        required=False,
        max_length=200,
        help_text=_("不属于本机关公开的，写明负责公开的机关及联系方式；已主动公开的，写明获取途径"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = outcome_choices(blank="—")


class DeliveryForm(forms.Form):
    delivered_on = _date(_("送达日期"))
    method = forms.ChoiceField(label=_("送达方式"), choices=Delivery.choices)


class ReviewCaseForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=ReviewKind.choices)
    filed_on = _date(_("立案/收到日期"))
    body = forms.CharField(label=_("复议机关/法院"), required=False, max_length=200)


class ReviewDecisionForm(forms.Form):
    case = forms.IntegerField(widget=forms.HiddenInput)
    result = forms.ChoiceField(label=_("结果"), choices=ReviewResult.choices)
    decided_on = _date(_("审结日期"))
    note = forms.CharField(label=_("说明"), required=False, max_length=2000)


class LetterForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("草稿按哪种办理结果生成"),
        required=False,
        help_text=_("办结前生成草稿时选择；办结后按已作出的办理结果生成"),
    )
    attachments = forms.CharField(
        label=_("附件"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text=_("每行一项，例如：政府信息公开申请答复材料（共3页）"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = outcome_choices(blank="—")


class DocumentForm(forms.Form):
    """A document to deliver with the reply; the action checks what it really is."""

    file = forms.FileField(
        label=_("上传答复材料"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTR}),
        error_messages={"required": _("请选择要上传的文件。"), "empty": _("文件是空的，请重新选择。")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "支持 %(types)s，单个文件不超过 %(mb)s MB；送达登记后不能再更改"
        ) % {
            "types": ALLOWED_LABEL,
            "mb": max_bytes() // (1024 * 1024),
        }


class LetterTemplateForm(forms.ModelForm):
    class Meta:
        model = LetterTemplate
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18})}

    def clean(self):
        data = super().clean()
        if data.get("title") is not None and data.get("body") is not None:
            letters.check_template(data["title"], data["body"])
        return data


class LedgerForm(forms.Form):
    """A ledger of applications handled before the platform (依申请公开台账), XLSX or CSV."""

    organisation = forms.TypedChoiceField(
        label=_("办理机关"), coerce=int, error_messages={"required": _("请选择办理机关。"), "invalid_choice": _("无权为该机构导入台账。")}
    )
    file = forms.FileField(
        label=_("台账文件（.xlsx 或 .csv）"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
        error_messages={"required": _("请选择台账文件。"), "empty": _("文件是空的，请重新选择。")},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_bytes():
            raise ValidationError(_("文件过大，不能超过 %(mb)s MB。") % {"mb": max_bytes() // (1024 * 1024)})
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise ValidationError(_("请上传 Excel（.xlsx）或 CSV 文件。"))
        return upload
