"""Disclosure applications (依申请公开): the application, the pauses of its clock, the reply.

Derived facts are not stored: the due date follows from the receipt date, the pauses and the
extension (``deadlines.py``); "overdue" from the due date and today.
"""

from __future__ import annotations

import os
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.applications.outcomes import INFO, ApplicantCategory, Outcome
from gongkai.orgs.models import Organisation
from gongkai.personal.fields import BlindIndexField, EncryptedField, Kind


class Channel(models.TextChoices):
    """How the application arrived; Art. 31 fixes the receipt date per channel."""

    ONLINE = "online", _("网上申请")
    IN_PERSON = "in_person", _("当面递交")
    REGISTERED_MAIL = "registered_mail", _("挂号信/邮政快递")
    LETTER = "letter", _("平常信函")
    FAX = "fax", _("传真")
    EMAIL = "email", _("电子邮件")


class ApplicantType(models.TextChoices):
    NATURAL = "natural", _("自然人")
    LEGAL = "legal", _("法人或其他组织")


class IdType(models.TextChoices):
    MAINLAND_ID = "mainland_id", _("居民身份证")
    PASSPORT = "passport", _("护照")
    HK_MACAO = "hk_macao", _("港澳居民来往内地通行证")
    TAIWAN = "taiwan", _("台湾居民来往大陆通行证")
    OTHER = "other", _("其他有效身份证件")


class Form(models.TextChoices):
    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子")


class Delivery(models.TextChoices):
    POST = "post", _("邮寄")
    EMAIL = "email", _("电子邮件")
    COLLECT = "collect", _("当面领取")
    ONLINE = "online", _("网上获取")


class Status(models.TextChoices):
    RECEIVED = "received", _("已收到")
    PROCESSING = "processing", _("办理中")
    CLOSED = "closed", _("已答复")


class ApplicationCounter(models.Model):
    """The last serial of a district's application numbers in one year; locked to count."""

    district = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["district", "year"], name="one_app_counter_per_year")]

    def __str__(self) -> str:
        return f"{self.district_id}/{self.year}: {self.last}"


def private_upload_path(instance, filename: str) -> str:
    return f"applications/{timezone.now():%Y/%m}/{instance.number}-{filename[-40:]}"


class Application(models.Model):
    district = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("办理机关"), on_delete=models.PROTECT, related_name="applications"
    )
    number = models.CharField(_("申请编号"), max_length=30, unique=True)
    query_code_hash = models.CharField(max_length=64, editable=False)
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )

    channel = models.CharField(_("申请方式"), max_length=20, choices=Channel.choices)
    submitted_at = models.DateTimeField(_("提交/送达时间"), default=timezone.now)
    received_on = models.DateField(_("收到申请之日"), db_index=True, help_text=_("按《条例》第三十一条确定"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    applicant_type = models.CharField(_("申请人类型"), max_length=10, choices=ApplicantType.choices)
    category = models.CharField(_("申请人类别"), max_length=10, choices=ApplicantCategory.choices)
    name = EncryptedField(_("姓名/名称"), kind=Kind.NAME)
    id_type = models.CharField(_("证件类型"), max_length=20, choices=IdType.choices, blank=True)
    id_number = EncryptedField(_("证件号码"), kind=Kind.ID_NUMBER, blank=True)
    id_number_hash = BlindIndexField("id_number")
    org_name = models.CharField(_("法人或其他组织名称"), max_length=200, blank=True)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, blank=True, db_index=True)
    legal_representative = EncryptedField(_("法定代表人"), kind=Kind.NAME, blank=True)
    contact_person = EncryptedField(_("联系人"), kind=Kind.NAME, blank=True)
    phone = EncryptedField(_("联系电话"), kind=Kind.PHONE)
    phone_hash = BlindIndexField("phone")
    email = EncryptedField(_("电子邮箱"), kind=Kind.EMAIL, blank=True)
    address = EncryptedField(_("通信地址"), kind=Kind.ADDRESS, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)

    description = models.TextField(_("所需政府信息的名称或内容描述"))
    doc_number = models.CharField(_("文件名称、文号"), max_length=200, blank=True)
    form = models.CharField(_("信息的载体形式"), max_length=20, choices=Form.choices, default=Form.ELECTRONIC)
    delivery = models.CharField(
        _("获取信息的方式"), max_length=20, choices=Delivery.choices, default=Delivery.ONLINE
    )
    id_copy = models.FileField(_("身份证明材料"), upload_to=private_upload_path, blank=True, max_length=200)

    extension_days = models.PositiveSmallIntegerField(_("延期工作日数"), default=0)
    extension_on = models.DateField(_("延期决定日期"), null=True, blank=True)
    extension_reason = models.TextField(_("延期理由"), blank=True)
    extension_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("延期批准人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    outcome = models.CharField(_("办理结果"), max_length=20, choices=Outcome.choices, blank=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True, db_index=True)
    reply_summary = models.TextField(_("答复要点"), blank=True)
    redirect_to = models.CharField(_("告知的机关或获取途径"), max_length=200, blank=True)
    delivered_on = models.DateField(_("送达日期"), null=True, blank=True)
    delivered_by = models.CharField(_("送达方式"), max_length=20, choices=Delivery.choices, blank=True)

    # An application the office handled before it used the platform, imported from its ledger
    # (依申请公开台账): the import it came with, and its number in the ledger (one per organisation).
    ledger_import = models.ForeignKey(
        "LedgerImport",
        verbose_name=_("台账导入批次"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    ledger_number = models.CharField(_("台账编号"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["district", "status", "received_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "ledger_number"],
                condition=~models.Q(ledger_number=""),
                name="one_application_per_ledger_number",
            )
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def outcome_info(self):
        return INFO.get(self.outcome)

    @property
    def is_closed(self) -> bool:
        return self.status == Status.CLOSED


class LedgerImport(models.Model):
    """One ledger (依申请公开台账) imported into an organisation: the file, who imported it, and
    what the import did. A file imported once is recognised by its SHA-256 and not imported again."""

    district = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("办理机关"), on_delete=models.PROTECT, related_name="+"
    )
    file_name = models.CharField(_("文件名"), max_length=200)
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    rows = models.PositiveIntegerField(_("数据行数"), default=0)
    created = models.PositiveIntegerField(_("新增申请"), default=0)
    unchanged = models.PositiveIntegerField(_("此前已导入"), default=0)
    imported_at = models.DateTimeField(_("导入时间"), default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导入人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("依申请公开台账导入")
        verbose_name_plural = _("依申请公开台账导入")
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name}（{self.imported_at:%Y-%m-%d}）"


class PauseKind(models.TextChoices):
    CLARIFICATION = "clarification", _("补正")
    THIRD_PARTY = "third_party", _("征求第三方意见")
    CO_AGENCY = "co_agency", _("征求其他机关意见")
    FEE = "fee", _("缴纳信息处理费")


class FeeMethod(models.TextChoices):
    PER_APPLICATION = "per_application", _("按件计收")
    PER_PAGE = "per_page", _("按量计收")


class ClockStop(models.Model):
    """A time that does not count toward the reply deadline (Art. 30, 32, 34, 42).

    A clarification restarts the 20 working days from the day it arrives; a consultation or a fee
    notice adds the working days it lasted.
    """

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="clock_stops")
    kind = models.CharField(_("类型"), max_length=20, choices=PauseKind.choices)
    started_on = models.DateField(_("开始日期"), help_text=_("发出补正通知、征求意见函或收费通知之日"))
    respond_by = models.DateField(_("答复/补正/缴费期限"))
    ended_on = models.DateField(
        _("结束日期"), null=True, blank=True, help_text=_("收到补正材料、意见或缴费之日")
    )
    party = models.CharField(_("征求对象"), max_length=200, blank=True)
    note = models.TextField(_("说明"), blank=True)
    fee_method = models.CharField(_("计收方式"), max_length=20, choices=FeeMethod.choices, blank=True)
    fee_quantity = models.PositiveIntegerField(_("件数/页数"), null=True, blank=True)
    fee_amount = models.DecimalField(_("金额（元）"), max_digits=10, decimal_places=2, null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("暂停计时")
        verbose_name_plural = _("暂停计时")
        ordering = ["started_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_on}"


class ReviewKind(models.TextChoices):
    REVIEW = "review", _("行政复议")
    DIRECT_SUIT = "direct_suit", _("行政诉讼（未经复议直接起诉）")
    SUIT_AFTER_REVIEW = "suit_after_review", _("行政诉讼（复议后起诉）")


class ReviewResult(models.TextChoices):
    MAINTAINED = "maintained", _("结果维持")
    CORRECTED = "corrected", _("结果纠正")
    OTHER = "other", _("其他结果")
    PENDING = "pending", _("尚未审结")


class ReviewCase(models.Model):
    """An administrative review or lawsuit about an application (report table 四)."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="review_cases")
    kind = models.CharField(_("类型"), max_length=20, choices=ReviewKind.choices)
    filed_on = models.DateField(_("立案/收到日期"))
    body = models.CharField(_("复议机关/法院"), max_length=200, blank=True)
    result = models.CharField(
        _("结果"), max_length=20, choices=ReviewResult.choices, default=ReviewResult.PENDING
    )
    decided_on = models.DateField(_("审结日期"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("复议诉讼案件")
        verbose_name_plural = _("复议诉讼案件")
        ordering = ["-filed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filed_on}"


class LetterTemplate(models.Model):
    """The text of the reply letter (告知书) for one outcome: a district's own, or the global default
    (``district`` empty) that every district starts from. ``body`` is Django template text; the
    placeholders are listed in ``letters.PLACEHOLDERS``."""

    district = models.ForeignKey(
        Organisation,
        verbose_name=_("所属区"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("为空时为全区通用的默认模板"),
    )
    outcome = models.CharField(_("办理结果"), max_length=20, choices=Outcome.choices)
    title = models.CharField(_("标题"), max_length=100)
    body = models.TextField(
        _("正文"),
        help_text=_(
            "每行一段。可用占位符：{{ applicant_name }} 申请人，{{ number }} 申请编号，"
            "{{ received_on }} 收到申请日期，{{ description }} 申请内容，{{ doc_number }} 文件名称文号，"
            "{{ outcome_label }} 办理结果，{{ basis }} 法律依据，{{ reply_summary }} 答复要点，"
            "{{ redirect_to }} 告知的机关或获取途径，{{ agency }} 办理机关，{{ replied_on }} 答复日期，"
            "{{ review_body }} 行政复议机关，{{ clarification_sent_on }} 补正通知日期，"
            "{{ clarification_due }} 补正期限，{{ fee_notice_on }} 收费通知日期，{{ fee_amount }} 收费金额。"
        ),
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("修改人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("告知书模板")
        verbose_name_plural = _("告知书模板")
        ordering = ["outcome", "district_id"]
        constraints = [
            models.UniqueConstraint(fields=["district", "outcome"], name="one_letter_template_per_district"),
            models.UniqueConstraint(
                fields=["outcome"],
                condition=models.Q(district__isnull=True),
                name="one_default_letter_template",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}：{self.title}"


def letter_upload_path(instance, filename: str) -> str:
    return f"applications/letters/{timezone.now():%Y/%m}/{instance.application.number}-{filename[-40:]}"


class ReplyLetter(models.Model):
    """A generated reply letter, as DOCX (to edit and print) and PDF (to deliver)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="letters")
    outcome = models.CharField(_("办理结果"), max_length=20, choices=Outcome.choices)
    is_draft = models.BooleanField(_("草稿"), default=False, help_text=_("办结前生成的告知书为草稿"))
    docx = models.FileField(_("Word 文件"), upload_to=letter_upload_path, max_length=200)
    pdf = models.FileField(_("PDF 文件"), upload_to=letter_upload_path, max_length=200)
    generated_at = models.DateTimeField(_("生成时间"), default=timezone.now)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("生成人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("答复告知书")
        verbose_name_plural = _("答复告知书")
        ordering = ["-generated_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.application.number} {self.generated_at:%Y-%m-%d %H:%M}"


def document_upload_path(instance, filename: str) -> str:
    """Under MEDIA_ROOT/applications/, which no URL serves: only the permission-checked views read it.
    The stored name is random; the name people see is ``ReplyDocument.name``."""
    ext = os.path.splitext(filename)[1].lower()[:6]
    return (
        f"applications/documents/{timezone.now():%Y/%m}/{instance.application.number}-{uuid.uuid4().hex}{ext}"
    )


class ReplyDocument(models.Model):
    """A document delivered with the reply (the letter's 附件): the government information itself.

    Added and removed until delivery is recorded; after that it is what the applicant received.
    """

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("文件"), upload_to=document_upload_path, max_length=200)
    name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(_("文件类型"), max_length=100)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("答复材料")
        verbose_name_plural = _("答复材料")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name
