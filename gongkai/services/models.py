"""政务服务事项、办事指南和办件: service items (政务服务事项) and their guides (办事指南), service cases
(办件) and their 好差评 ratings.

- A ``ServiceItem`` carries the six basic elements kept uniform nationally (事项名称, 事项编码,
  事项类型, 主管部门, 实施机关, 设定和实施依据) and, where it exercises one, the code of its power
  in the power list (read through ``gongkai.powers.interface``, never a foreign key into it).
- Its ``ServiceGuide`` rows are the versions of its guide (办事指南). A version is written as a
  draft, then released: released means frozen, its notice drafted in the catalog, whose review
  and approval make it public (``notices.py``). A published guide changes only by a new version
  going through review again; the public sees the newest version whose notice is public.
- A ``ServiceCase`` is one handled application (办件) as the provincial service platform exported
  it (``CaseSource``: one platform export with its saved column mapping), keyed by its 办件编号
  within the source, so importing the same export again adds nothing. Whether it was completed in
  time is computed (``completed_on <= due_on``), never stored. Its 好差评 ``rating``; a 差评 (不满意,
  非常不满意) needs a ``FollowUp`` (整改 or 回访), and stays on the to-do list until it has one.
- An ``ImportRun`` is one import of an export file, run as a background job: its progress and its
  rejected rows (row number and reason, downloadable) are read by the staff page.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.lib.noticelink import NoticeLinked, Recorded, Released
from gongkai.orgs.models import Organisation
from gongkai.personal.fields import EncryptedField, Kind


class ItemType(models.TextChoices):
    """事项类型 of a service item (the power types a citizen applies under, plus 公共服务)."""

    LICENSING = "licensing", _("行政许可")
    BENEFIT = "benefit", _("行政给付")
    CONFIRMATION = "confirmation", _("行政确认")
    REWARD = "reward", _("行政奖励")
    ADJUDICATION = "adjudication", _("行政裁决")
    LEVY = "levy", _("行政征收")
    INSPECTION = "inspection", _("行政检查")
    OTHER = "other", _("其他行政权力")
    PUBLIC_SERVICE = "public_service", _("公共服务")


class ServiceItem(Recorded):
    """A service item with its six nationally uniform basic elements."""

    district = models.ForeignKey(
        Organisation, verbose_name=_("区"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("事项编码"), max_length=40, help_text=_("按 GB/T 39554.1 编码，本区内唯一"))
    name = models.CharField(_("事项名称"), max_length=200)
    type = models.CharField(_("事项类型"), max_length=20, choices=ItemType.choices)
    department = models.ForeignKey(
        Organisation, verbose_name=_("主管部门"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("实施机关"), on_delete=models.PROTECT, related_name="+"
    )
    basis = models.TextField(_("设定和实施依据"))
    power_code = models.CharField(
        _("对应权力编码"), max_length=40, blank=True, help_text=_("该事项行使的行政权力在权力清单中的编码")
    )

    class Meta:
        verbose_name = _("政务服务事项")
        verbose_name_plural = _("政务服务事项")
        ordering = ["organisation__sort_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["district", "code"], name="service_item_code_unique_per_district")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class GuideState(models.TextChoices):
    """A guide version: a draft, or released (frozen, its notice in the catalog's workflow).
    Whether it is public follows its notice (``notices.publications``)."""

    DRAFT = "draft", _("草稿")
    RELEASED = "released", _("已提交发布")


class MaterialFormat(models.TextChoices):
    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子")
    EITHER = "either", _("纸质或电子")


class ServiceGuide(NoticeLinked, Released, Recorded):
    """One version of an item's guide (办事指南) and its elements.

    ``materials`` is the list of 申请材料, each ``{"name", "originals", "copies", "format",
    "required", "note"}`` (``guides.clean_materials`` says what is allowed). Time limits are in
    working days; 0 means 即办 (done on the spot)."""

    item = models.ForeignKey(
        ServiceItem, verbose_name=_("事项"), on_delete=models.PROTECT, related_name="guides"
    )
    version = models.PositiveSmallIntegerField(_("版本"))
    state = models.CharField(
        _("状态"), max_length=20, choices=GuideState.choices, default=GuideState.DRAFT, db_index=True
    )
    conditions = models.TextField(_("申请条件"), blank=True)
    materials = models.JSONField(_("申请材料"), default=list, blank=True)
    location = models.TextField(_("办理地点"), blank=True)
    hours = models.CharField(_("办理时间"), max_length=300, blank=True)
    fees = models.TextField(_("收费标准"), blank=True)
    legal_limit_days = models.PositiveSmallIntegerField(_("法定时限（工作日）"), null=True, blank=True)
    promised_limit_days = models.PositiveSmallIntegerField(_("承诺时限（工作日）"), null=True, blank=True)
    visits = models.PositiveSmallIntegerField(_("到现场次数"), null=True, blank=True)
    process = models.TextField(_("办理流程"), blank=True)
    consultation = models.TextField(_("咨询方式"), blank=True)
    complaint = models.TextField(_("监督投诉方式"), blank=True)
    phone = models.CharField(_("联系电话"), max_length=100, blank=True)
    note = models.TextField(_("修订说明"), blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("编写人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("编写时间"), default=timezone.now)

    class Meta:
        verbose_name = _("办事指南")
        verbose_name_plural = _("办事指南")
        ordering = ["item_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["item", "version"], name="service_guide_version_unique"),
            # At most one draft per item: a new version starts from the newest, not beside another draft.
            models.UniqueConstraint(
                fields=["item"], condition=Q(state="draft"), name="service_guide_one_draft_per_item"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id} v{self.version}"


# --- service cases ---------------------------------------------------------------------------------


class CaseSource(models.Model):
    """One provincial platform export stream and its column mapping (our field → the export's header)."""

    district = models.ForeignKey(
        Organisation, verbose_name=_("区"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("负责机构"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("导入该来源办件的机构，一般为政务服务中心"),
    )
    name = models.CharField(_("来源名称"), max_length=100, help_text=_("例如 湖南省政务服务平台"))
    mapping = models.JSONField(_("列对应关系"), default=dict, blank=True)
    created_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    class Meta:
        verbose_name = _("办件来源")
        verbose_name_plural = _("办件来源")
        ordering = ["district_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="case_source_name_unique_per_district")
        ]

    def __str__(self) -> str:
        return self.name


class CaseResult(models.TextChoices):
    APPROVED = "approved", _("准予")
    REFUSED = "refused", _("不予")
    WITHDRAWN = "withdrawn", _("撤回或终止")


class Rating(models.TextChoices):
    """好差评 (GB/T 39734-2020): five levels; the last two are 差评."""

    VERY_SATISFIED = "5", _("非常满意")
    SATISFIED = "4", _("满意")
    BASIC = "3", _("基本满意")
    DISSATISFIED = "2", _("不满意")
    VERY_DISSATISFIED = "1", _("非常不满意")


BAD_RATINGS = frozenset({Rating.DISSATISFIED, Rating.VERY_DISSATISFIED})


class ServiceCase(models.Model):
    """One handled application (办件) as the provincial platform exported it.

    The applicant's name and phone are kept only for a 差评 (they are needed to call back), and
    then encrypted (``gongkai.personal``): the registry's figures need no one's name."""

    source = models.ForeignKey(
        CaseSource, verbose_name=_("来源"), on_delete=models.PROTECT, related_name="cases"
    )
    case_no = models.CharField(_("办件编号"), max_length=64)
    item = models.ForeignKey(
        ServiceItem, verbose_name=_("事项"), on_delete=models.PROTECT, related_name="cases"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("实施机关"), on_delete=models.PROTECT, related_name="+"
    )
    received_on = models.DateField(_("申请日期"))
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    completed_on = models.DateField(_("办结日期"), null=True, blank=True)
    due_on = models.DateField(
        _("承诺办结日期"), null=True, blank=True, help_text=_("受理日期加承诺时限（工作日），或导出文件所载")
    )
    result = models.CharField(_("办理结果"), max_length=20, choices=CaseResult.choices, blank=True)
    visits = models.PositiveSmallIntegerField(_("到现场次数"), default=0)
    rating = models.CharField(_("评价"), max_length=1, choices=Rating.choices, blank=True)
    rated_on = models.DateField(_("评价日期"), null=True, blank=True)
    applicant_name = EncryptedField(_("申请人"), kind=Kind.NAME, blank=True)
    applicant_phone = EncryptedField(_("申请人电话"), kind=Kind.PHONE, blank=True)
    # What the export said, hashed: an export imported again updates only the rows that changed.
    fingerprint = models.CharField(_("行摘要"), max_length=32)
    imported_at = models.DateTimeField(_("导入时间"), default=timezone.now)

    class Meta:
        verbose_name = _("办件")
        verbose_name_plural = _("办件")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "case_no"], name="service_case_no_unique_per_source")
        ]
        indexes = [
            models.Index(fields=["organisation", "received_on"]),
            models.Index(fields=["item", "completed_on"]),
            models.Index(fields=["rating", "received_on"]),
        ]

    def __str__(self) -> str:
        return self.case_no

    def personal_data_organisation(self) -> Organisation:
        return self.organisation

    @property
    def on_time(self) -> bool | None:
        if self.completed_on is None or self.due_on is None:
            return None
        return self.completed_on <= self.due_on

    @property
    def is_bad(self) -> bool:
        return self.rating in BAD_RATINGS


class FollowUpKind(models.TextChoices):
    RECTIFY = "rectify", _("整改")
    CALLBACK = "callback", _("回访")


class FollowUp(models.Model):
    """The recorded follow-up of a 差评: what was put right (整改) or the call back (回访)."""

    case = models.ForeignKey(
        ServiceCase, verbose_name=_("办件"), on_delete=models.PROTECT, related_name="follow_ups"
    )
    kind = models.CharField(_("方式"), max_length=20, choices=FollowUpKind.choices)
    done_on = models.DateField(_("完成日期"))
    note = models.TextField(_("情况说明"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    class Meta:
        verbose_name = _("差评整改回访")
        verbose_name_plural = _("差评整改回访")
        ordering = ["case_id", "done_on", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_kind_display()}"


class ImportState(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("导入中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


def import_path(instance: ImportRun, filename: str) -> str:
    return f"services/imports/{timezone.now():%Y/%m}/{filename[-60:]}"


class ImportRun(models.Model):
    """One import of an export file: where it stands, what it did, and the rows it refused."""

    source = models.ForeignKey(
        CaseSource, verbose_name=_("来源"), on_delete=models.PROTECT, related_name="runs"
    )
    file = models.FileField(_("导入文件"), upload_to=import_path, max_length=200, blank=True)
    file_name = models.CharField(_("文件名"), max_length=200)
    state = models.CharField(
        _("状态"), max_length=20, choices=ImportState.choices, default=ImportState.QUEUED
    )
    total_rows = models.PositiveIntegerField(_("总行数"), null=True, blank=True)
    rows_read = models.PositiveIntegerField(_("已读行数"), default=0)
    created = models.PositiveIntegerField(_("新增"), default=0)
    updated = models.PositiveIntegerField(_("更新"), default=0)
    unchanged = models.PositiveIntegerField(_("未变"), default=0)
    rejected = models.PositiveIntegerField(_("拒收"), default=0)
    rejects = models.FileField(_("拒收行"), upload_to=import_path, max_length=200, blank=True)
    error = models.TextField(_("错误信息"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("导入人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    # Moved on with every batch written: a run ``running`` whose heartbeat stopped lost its process.
    heartbeat_at = models.DateTimeField(_("最近进展时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("办件导入")
        verbose_name_plural = _("办件导入")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.source_id} {self.file_name}"

    @property
    def percent(self) -> int:
        if self.state == ImportState.DONE:
            return 100
        if not self.total_rows:
            return 0
        return min(99, self.rows_read * 100 // self.total_rows)

    @property
    def is_active(self) -> bool:
        return self.state in (ImportState.QUEUED, ImportState.RUNNING)
