"""行政许可和行政处罚等信用信息“双公示”: licensing, penalty and enforcement decisions.

A ``Decision`` is one decision of one organisation (许可机关 / 处罚机关), with the fields of the
national 双公示 data standard (行政许可: 行政许可决定文书号, 项目名称, 审批类别, 许可内容, 行政相对人名称,
行政相对人类别, 统一社会信用代码 / 证件号码, 法定代表人, 许可决定日期, 有效期自/至, 许可机关, 数据来源单位;
行政处罚: 行政处罚决定书文号, 案件名称, 违法事实, 处罚依据, 处罚类别1/2, 处罚内容, 罚款金额（万元）,
没收违法所得、没收非法财物的金额（万元）, 处罚决定日期, 处罚机关 …; 行政强制 likewise).

Decisions are published in batches (``Batch``, 公示批次): a department releases the decisions it has
recorded as one information item of its own, in the catalog's 行政许可和服务 or 行政处罚和强制 column,
with the decisions as its table; the catalog's review and approval publish it (``notices.py``). A
decision is public while its batch's item is public, it has not been withdrawn (撤销), and its
publicity period (公示期限) has not ended (``public.py``); a periodic job records the end.

A natural person's ID number is encrypted and never public; their name is kept encrypted and the
public sees only its mask (``party_name`` holds what the public may see of the party's name).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.lib.noticelink import NoticeLinked
from gongkai.orgs.models import Organisation
from gongkai.personal.fields import BlindIndexField, EncryptedField, Kind


class DecisionKind(models.TextChoices):
    LICENSING = "licensing", _("行政许可")
    PENALTY = "penalty", _("行政处罚")
    ENFORCEMENT = "enforcement", _("行政强制")


class PartyType(models.TextChoices):
    """行政相对人类别 (national standard: 法人及非法人组织、自然人、个体工商户)."""

    LEGAL = "legal", _("法人及非法人组织")
    NATURAL = "natural", _("自然人")
    INDIVIDUAL_BUSINESS = "individual_business", _("个体工商户")


class LicensingCategory(models.TextChoices):
    """审批类别 / 许可类别 (national standard)."""

    GENERAL = "general", _("普通")
    FRANCHISE = "franchise", _("特许")
    RECOGNITION = "recognition", _("认可")
    APPROVAL = "approval", _("核准")
    REGISTRATION = "registration", _("登记")
    OTHER = "other", _("其他")


class PenaltyCategory(models.TextChoices):
    """处罚类别 (《中华人民共和国行政处罚法》第九条)."""

    WARNING = "warning", _("警告")
    CRITICISM = "criticism", _("通报批评")
    FINE = "fine", _("罚款")
    CONFISCATE_INCOME = "confiscate_income", _("没收违法所得")
    CONFISCATE_PROPERTY = "confiscate_property", _("没收非法财物")
    SUSPEND_LICENCE = "suspend_licence", _("暂扣许可证件")
    DOWNGRADE = "downgrade", _("降低资质等级")
    REVOKE_LICENCE = "revoke_licence", _("吊销许可证件")
    RESTRICT_BUSINESS = "restrict_business", _("限制开展生产经营活动")
    SUSPEND_BUSINESS = "suspend_business", _("责令停产停业")
    CLOSE = "close", _("责令关闭")
    RESTRICT_PRACTICE = "restrict_practice", _("限制从业")
    DETENTION = "detention", _("行政拘留")
    OTHER = "other", _("其他")


class EnforcementCategory(models.TextChoices):
    """行政强制措施 and 行政强制执行的方式 (《中华人民共和国行政强制法》第九条、第十二条)."""

    SEAL = "seal", _("查封场所、设施或者财物")
    SEIZE = "seize", _("扣押财物")
    FREEZE = "freeze", _("冻结存款、汇款")
    OTHER_MEASURE = "other_measure", _("其他行政强制措施")
    SURCHARGE = "surcharge", _("加处罚款或者滞纳金")
    TRANSFER = "transfer", _("划拨存款、汇款")
    AUCTION = "auction", _("拍卖或者依法处理查封、扣押的场所、设施或者财物")
    RESTORE = "restore", _("排除妨碍、恢复原状")
    SUBSTITUTE = "substitute", _("代履行")
    OTHER_EXECUTION = "other_execution", _("其他强制执行方式")


CATEGORIES: dict[str, type[models.TextChoices]] = {
    DecisionKind.LICENSING: LicensingCategory,
    DecisionKind.PENALTY: PenaltyCategory,
    DecisionKind.ENFORCEMENT: EnforcementCategory,
}
ALL_CATEGORY_CHOICES = [(value, label) for choices in CATEGORIES.values() for value, label in choices.choices]
CATEGORY_LABELS = dict(ALL_CATEGORY_CHOICES)


class BatchGroup(models.TextChoices):
    """The two columns of 第二十条: licensing (第五项) and penalties with enforcement (第六项)."""

    LICENSING = "licensing", _("行政许可")
    PENALTY = "penalty", _("行政处罚和行政强制")


GROUP_OF_KIND = {
    DecisionKind.LICENSING: BatchGroup.LICENSING,
    DecisionKind.PENALTY: BatchGroup.PENALTY,
    DecisionKind.ENFORCEMENT: BatchGroup.PENALTY,
}


class DecisionState(models.TextChoices):
    """Where a decision stands (``workflow.py``). Whether a released one is public also follows its
    batch's item in the catalog (``notices.py``)."""

    RECORDED = "recorded", _("已登记")
    RELEASED = "released", _("已提交公示")
    WITHDRAWN = "withdrawn", _("已撤销")
    ENDED = "ended", _("公示期满")


class Rules(models.Model):
    """A district's 双公示 rules; defaults from ../shared/regulations.md and the credit-repair rules
    (信用修复: 警告、通报批评和较低数额罚款的处罚信息最短公示三个月，其他最长三年) — configurable."""

    district = models.OneToOneField(
        Organisation, verbose_name=_("区"), on_delete=models.CASCADE, related_name="+"
    )
    publish_within = models.PositiveSmallIntegerField(
        _("公示时限（工作日）"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("作出决定之日起多少个工作日内公示"),
    )
    minor_months = models.PositiveSmallIntegerField(
        _("轻微处罚公示期（月）"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("仅警告、通报批评或较低数额罚款的处罚决定"),
    )
    minor_fine_max_wan = models.DecimalField(
        _("较低数额罚款上限（万元）"),
        max_digits=10,
        decimal_places=4,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("罚款不超过此数额（且无其他处罚）的视为较低数额罚款"),
    )
    other_years = models.PositiveSmallIntegerField(
        _("其他处罚和行政强制公示期（年）"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    updated_at = models.DateTimeField(_("修改时间"), default=timezone.now)

    class Meta:
        verbose_name = _("双公示规则")
        verbose_name_plural = _("双公示规则")

    def __str__(self) -> str:
        return str(self.district)


class Batch(NoticeLinked):
    """One release of an organisation's decisions as one information item (公示批次)."""

    district = models.ForeignKey(
        Organisation, verbose_name=_("区"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("公示单位"), on_delete=models.PROTECT, related_name="+"
    )
    group = models.CharField(_("类别"), max_length=20, choices=BatchGroup.choices)
    title = models.CharField(_("标题"), max_length=300)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提交人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    released_at = models.DateTimeField(_("提交时间"), default=timezone.now)

    class Meta:
        verbose_name = _("公示批次")
        verbose_name_plural = _("公示批次")
        ordering = ["-released_at", "-id"]
        indexes = [models.Index(fields=["district", "released_at"])]

    def __str__(self) -> str:
        return self.title


class Decision(models.Model):
    district = models.ForeignKey(
        Organisation, verbose_name=_("区"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("决定机关"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("许可机关或处罚机关"),
    )
    source = models.ForeignKey(
        Organisation,
        verbose_name=_("数据来源单位"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("决定类型"), max_length=20, choices=DecisionKind.choices, db_index=True)
    number = models.CharField(_("决定文书号"), max_length=100, help_text=_("例如 北卫公许〔2018〕15号"))
    title = models.CharField(_("项目名称/案件名称"), max_length=300)
    category = models.CharField(_("类别"), max_length=30, choices=ALL_CATEGORY_CHOICES)
    category_2 = models.CharField(_("类别二"), max_length=30, choices=ALL_CATEGORY_CHOICES, blank=True)
    content = models.TextField(_("许可内容/处罚内容"))
    facts = models.TextField(_("违法事实"), blank=True)
    basis = models.TextField(_("依据"), blank=True)
    licence_name = models.CharField(_("许可证书名称"), max_length=200, blank=True)
    licence_number = models.CharField(_("许可编号"), max_length=100, blank=True)
    fine_wan = models.DecimalField(
        _("罚款金额（万元）"), max_digits=14, decimal_places=6, null=True, blank=True
    )
    confiscated_wan = models.DecimalField(
        _("没收违法所得、没收非法财物的金额（万元）"), max_digits=14, decimal_places=6, null=True, blank=True
    )

    party_type = models.CharField(_("行政相对人类别"), max_length=30, choices=PartyType.choices)
    # What the public may see of the party's name: a legal person's or business's name in full,
    # a natural person's masked (张*); the natural person's name itself is ``person_name``.
    party_name = models.CharField(_("行政相对人名称"), max_length=200)
    person_name = EncryptedField(_("自然人姓名"), kind=Kind.NAME, blank=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True, db_index=True)
    id_number = EncryptedField(_("身份证号码"), kind=Kind.ID_NUMBER, blank=True)
    id_number_hash = BlindIndexField("id_number")
    legal_rep = models.CharField(_("法定代表人/经营者"), max_length=100, blank=True)

    decided_on = models.DateField(_("决定日期"), db_index=True)
    valid_from = models.DateField(_("有效期自"), null=True, blank=True)
    valid_to = models.DateField(_("有效期至"), null=True, blank=True)
    # Fixed when the decision is recorded, by the district's rules then in force (None: licensing,
    # public while the record stands).
    publicity_ends_on = models.DateField(_("公示截止日期"), null=True, blank=True, db_index=True)
    note = models.TextField(_("备注"), blank=True)

    state = models.CharField(
        _("状态"), max_length=20, choices=DecisionState.choices, default=DecisionState.RECORDED, db_index=True
    )
    batch = models.ForeignKey(
        Batch,
        verbose_name=_("公示批次"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    withdrawn_on = models.DateField(_("撤销日期"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("撤销理由"), blank=True)
    ended_at = models.DateTimeField(_("撤下时间"), null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now)
    updated_at = models.DateTimeField(_("修改时间"), default=timezone.now)

    class Meta:
        verbose_name = _("双公示决定")
        verbose_name_plural = _("双公示决定")
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["district", "number"], name="decision_number_unique_per_district")
        ]
        indexes = [
            models.Index(fields=["organisation", "decided_on"]),
            models.Index(fields=["district", "kind", "decided_on"]),
        ]

    def __str__(self) -> str:
        return self.number

    def personal_data_organisation(self) -> Organisation:
        return self.organisation

    @property
    def category_label(self) -> str:
        labels = [str(CATEGORY_LABELS.get(c, c)) for c in (self.category, self.category_2) if c]
        return "、".join(labels)

    @property
    def is_natural_person(self) -> bool:
        return self.party_type == PartyType.NATURAL
