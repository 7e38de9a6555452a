"""The power list (行政权力清单 / 权责清单): each power of each department, and its changes.

A ``Power`` is only an identity: a code, unique in its district and never reused. What the power
is — its name, type, legal basis, implementing organisation and responsibility items — lives in
its ``PowerChange`` rows: each change records the power's attributes as they stand *after* it, and
is tied to the ``SourceDocument`` that ordered it (北政发〔2018〕10号 …). The list as it stood on a
day is, for each power, its latest change effective on or before that day, the cancelled ones
left out (``listing.py``); a power's status is the kind of that change (``STATUS_BY_KIND``).

The public sees a change once its document is released and the notice that publishes it is
public in the catalog (``notices.py``); nothing about publication is stored twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.lib.noticelink import NoticeLinked, Recorded, Released
from gongkai.orgs.models import Organisation


class PowerType(models.TextChoices):
    """The ten types of administrative power, plus 公共服务 that many lists carry."""

    LICENSING = "licensing", _("行政许可")
    PENALTY = "penalty", _("行政处罚")
    ENFORCEMENT = "enforcement", _("行政强制")
    LEVY = "levy", _("行政征收")
    BENEFIT = "benefit", _("行政给付")
    INSPECTION = "inspection", _("行政检查")
    CONFIRMATION = "confirmation", _("行政确认")
    REWARD = "reward", _("行政奖励")
    ADJUDICATION = "adjudication", _("行政裁决")
    OTHER = "other", _("其他行政权力")
    PUBLIC_SERVICE = "public_service", _("公共服务")


class ChangeKind(models.TextChoices):
    """How a document changes the list. ``BASELINE`` enters a power as the list first published
    (or imported) states it: neither an addition nor a take-over, so it counts as neither."""

    BASELINE = "baseline", _("清单公布")
    ADD = "add", _("新增")
    TAKE_OVER = "take_over", _("承接")
    ADJUST = "adjust", _("调整")
    PARTIAL_CANCEL = "partial_cancel", _("部分取消")
    CANCEL = "cancel", _("取消")


# Kinds that bring a code into the district's list for the first time: all attributes required.
NEW_KINDS = frozenset({ChangeKind.BASELINE, ChangeKind.ADD, ChangeKind.TAKE_OVER})


class PowerStatus(models.TextChoices):
    """A power's status on a day: the kind of its latest change by then (``STATUS_BY_KIND``)."""

    KEPT = "kept", _("保留")
    ADDED = "added", _("新增")
    TAKEN_OVER = "taken_over", _("承接")
    ADJUSTED = "adjusted", _("调整")
    PARTIALLY_CANCELLED = "partially_cancelled", _("部分取消")
    CANCELLED = "cancelled", _("已取消")


STATUS_BY_KIND: dict[str, str] = {
    ChangeKind.BASELINE: PowerStatus.KEPT,
    ChangeKind.ADD: PowerStatus.ADDED,
    ChangeKind.TAKE_OVER: PowerStatus.TAKEN_OVER,
    ChangeKind.ADJUST: PowerStatus.ADJUSTED,
    ChangeKind.PARTIAL_CANCEL: PowerStatus.PARTIALLY_CANCELLED,
    ChangeKind.CANCEL: PowerStatus.CANCELLED,
}


class DocumentState(models.TextChoices):
    """A source document's batch of changes: recorded as a draft, then released for publication.
    Whether it is public follows its notice in the catalog (``notices.publication``)."""

    DRAFT = "draft", _("草稿")
    RELEASED = "released", _("已提交发布")


class SourceDocument(NoticeLinked, Released, Recorded):
    """The document that ordered a batch of changes (文号 e.g. 北政发〔2018〕10号)."""

    district = models.ForeignKey(
        Organisation, verbose_name=_("区"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("发文机构"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("发布该文件的机构，例如区政府办；公告以该机构名义起草"),
    )
    number = models.CharField(_("文号"), max_length=100, help_text=_("例如 北政发〔2018〕10号"))
    title = models.CharField(_("标题"), max_length=300)
    issued_on = models.DateField(_("印发日期"))
    state = models.CharField(
        _("状态"), max_length=20, choices=DocumentState.choices, default=DocumentState.DRAFT, db_index=True
    )

    class Meta:
        verbose_name = _("依据文件")
        verbose_name_plural = _("依据文件")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "number"], name="power_document_number_unique_per_district"
            )
        ]

    def __str__(self) -> str:
        return self.number


class Power(models.Model):
    """One power's identity: its code in its district. Everything else is in its changes."""

    district = models.ForeignKey(
        Organisation, verbose_name=_("区"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("权力编码"), max_length=40)
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    class Meta:
        verbose_name = _("行政权力")
        verbose_name_plural = _("行政权力")
        ordering = ["district_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["district", "code"], name="power_code_unique_per_district")
        ]

    def __str__(self) -> str:
        return self.code


class PowerChange(models.Model):
    """One change of one power, by one document; the attributes are the power's after it."""

    power = models.ForeignKey(Power, verbose_name=_("权力"), on_delete=models.PROTECT, related_name="changes")
    document = models.ForeignKey(
        SourceDocument, verbose_name=_("依据文件"), on_delete=models.PROTECT, related_name="changes"
    )
    kind = models.CharField(_("变更类型"), max_length=20, choices=ChangeKind.choices)
    effective_on = models.DateField(_("生效日期"))

    name = models.CharField(_("权力名称"), max_length=300)
    type = models.CharField(_("权力类型"), max_length=20, choices=PowerType.choices)
    basis = models.TextField(_("设定依据"))
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("实施主体"), on_delete=models.PROTECT, related_name="+"
    )
    responsibilities = models.TextField(_("责任事项"))
    note = models.TextField(_("变更说明"), blank=True)

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    class Meta:
        verbose_name = _("权力变更")
        verbose_name_plural = _("权力变更")
        ordering = ["power_id", "effective_on", "id"]
        constraints = [
            # A document changes a power once: two changes would leave "after it" undefined.
            models.UniqueConstraint(fields=["power", "document"], name="one_change_per_power_and_document")
        ]
        indexes = [
            models.Index(fields=["power", "effective_on"]),
            models.Index(fields=["organisation", "effective_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.power_id} {self.get_kind_display()} {self.effective_on}"

    @property
    def status(self) -> str:
        """The status this change gives its power (``STATUS_BY_KIND``)."""
        return STATUS_BY_KIND[self.kind]

    def get_status_display(self) -> str:
        return str(PowerStatus(self.status).label)

    @property
    def in_force(self) -> bool:
        return self.kind != ChangeKind.CANCEL
