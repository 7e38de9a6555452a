"""财政预决算和行政事业性收费: budgets and final accounts (预决算) of the district and every budget
unit, the three public expenses (三公经费), administrative fees (行政事业性收费).

A ``Disclosure`` is one unit's (or the district's own, 区本级) budget, final accounts, 三公 budget
or 三公 final accounts of one fiscal year: the finance bureau's approval date (批复), from which the
deadline runs, the standard tables (``FinanceTable``, their figures as data, ``tables.py``) and
the explanation (情况说明). Released, it is drafted as an information item in the catalog; it is
public while that item is (``notices.py``), and its publication date is the item's. Nothing about
publication is stored twice, and no figure is typed: key figures are read from the tables.

Fees: ``FeeItem`` is one item of the district's list of administrative fees (项目名称, 收费依据,
收费标准, 执收单位), in force from one year (to another, once cancelled); ``FeeCollection`` the
amount one item brought in over one year, in yuan.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.lib.noticelink import Recorded, Released
from gongkai.orgs.models import Organisation


class Level(models.TextChoices):
    """Whose budget: the district government's own (区本级, published by the finance bureau) or a
    budget unit's (部门)."""

    GOVERNMENT = "government", _("区本级")
    DEPARTMENT = "department", _("部门")


class Kind(models.TextChoices):
    BUDGET = "budget", _("预算")
    FINAL = "final", _("决算")
    THREE_PUBLIC_BUDGET = "three_public_budget", _("“三公”经费预算")
    THREE_PUBLIC_FINAL = "three_public_final", _("“三公”经费决算")


FINAL_KINDS = frozenset({Kind.FINAL, Kind.THREE_PUBLIC_FINAL})
THREE_PUBLIC_KINDS = frozenset({Kind.THREE_PUBLIC_BUDGET, Kind.THREE_PUBLIC_FINAL})


def disclosure_year(kind: str, fiscal_year: int) -> int:
    """The year a disclosure is due in: a budget in its own year, final accounts in the next
    (the seed's 2018: 2017年决算 and 2018年预算)."""
    return fiscal_year + 1 if kind in FINAL_KINDS else fiscal_year


def fiscal_year_for(kind: str, year: int) -> int:
    """The fiscal year whose ``kind`` falls due in ``year`` (``disclosure_year`` inverted)."""
    return year - 1 if kind in FINAL_KINDS else year


class State(models.TextChoices):
    """Entered as a draft, then released for publication (the catalog's workflow publishes it)."""

    DRAFT = "draft", _("草稿")
    RELEASED = "released", _("已提交发布")


# The sections of the explanation (情况说明): (field, label).
SECTIONS: list[tuple[str, str]] = [
    ("functions", _("机构职能")),
    ("changes", _("收支增减变化原因")),
    ("three_public_changes", _("“三公”经费增减原因")),
    ("operating_costs", _("机关运行经费")),
    ("procurement", _("政府采购情况")),
    ("assets", _("国有资产占用情况")),
    ("performance", _("绩效管理情况")),
    ("glossary", _("名词解释")),
]
# Which sections each (level, kind) must have before it is released.
REQUIRED_SECTIONS: dict[tuple[str, str], tuple[str, ...]] = {
    (Level.DEPARTMENT, Kind.BUDGET): tuple(name for name, _label in SECTIONS),
    (Level.DEPARTMENT, Kind.FINAL): tuple(name for name, _label in SECTIONS),
    (Level.DEPARTMENT, Kind.THREE_PUBLIC_BUDGET): ("three_public_changes",),
    (Level.DEPARTMENT, Kind.THREE_PUBLIC_FINAL): ("three_public_changes",),
    (Level.GOVERNMENT, Kind.BUDGET): ("changes", "glossary"),
    (Level.GOVERNMENT, Kind.FINAL): ("changes", "glossary"),
    (Level.GOVERNMENT, Kind.THREE_PUBLIC_BUDGET): ("three_public_changes",),
    (Level.GOVERNMENT, Kind.THREE_PUBLIC_FINAL): ("three_public_changes",),
}
# The structured figures of the explanation (机关运行经费, 政府采购: total and its parts), 万元.
PROCUREMENT_PARTS = ("procurement_goods_wan", "procurement_works_wan", "procurement_services_wan")


def _wan(verbose: str):
    return models.DecimalField(verbose, max_digits=14, decimal_places=2, null=True, blank=True)


class Disclosure(Released, Recorded):
    district = models.ForeignKey(
        Organisation, verbose_name=_("区"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        Organisation,
        verbose_name=_("预算单位"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("谁的预决算：预算单位，或区本级（区人民政府）"),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("公开单位"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("以谁的名义公开：部门预决算为预算单位本身，区本级为区财政局"),
    )
    level = models.CharField(_("层级"), max_length=20, choices=Level.choices)
    kind = models.CharField(_("公开内容"), max_length=30, choices=Kind.choices)
    fiscal_year = models.PositiveSmallIntegerField(
        _("预决算年度"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    approved_on = models.DateField(
        _("批复日期"), null=True, blank=True, help_text=_("财政部门批复（区本级：人大批准）的日期")
    )
    state = models.CharField(
        _("状态"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True
    )
    item_id = models.PositiveBigIntegerField(_("公开信息"), null=True, blank=True)

    functions = models.TextField(_("机构职能"), blank=True)
    changes = models.TextField(_("收支增减变化原因"), blank=True)
    three_public_changes = models.TextField(_("“三公”经费增减原因"), blank=True)
    operating_costs = models.TextField(_("机关运行经费"), blank=True)
    procurement = models.TextField(_("政府采购情况"), blank=True)
    assets = models.TextField(_("国有资产占用情况"), blank=True)
    performance = models.TextField(_("绩效管理情况"), blank=True)
    glossary = models.TextField(_("名词解释"), blank=True)
    operating_costs_wan = _wan(_("机关运行经费（万元）"))
    procurement_total_wan = _wan(_("政府采购总额（万元）"))
    procurement_goods_wan = _wan(_("其中：货物（万元）"))
    procurement_works_wan = _wan(_("其中：工程（万元）"))
    procurement_services_wan = _wan(_("其中：服务（万元）"))
    procurement_sme_wan = _wan(_("授予中小企业合同金额（万元）"))


    class Meta:
        verbose_name = _("预决算公开")
        verbose_name_plural = _("预决算公开")
        ordering = ["-fiscal_year", "unit__sort_order", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind", "fiscal_year"], name="finance_one_disclosure_per_unit_kind_year"
            )
        ]
        indexes = [models.Index(fields=["district", "fiscal_year", "kind"])]

    def __str__(self) -> str:
        return self.title

    @property
    def year(self) -> int:
        """The year it falls due in (公开年度)."""
        return disclosure_year(self.kind, self.fiscal_year)

    @property
    def title(self) -> str:
        if self.level == Level.GOVERNMENT:
            what = {
                Kind.BUDGET: "财政预算",
                Kind.FINAL: "财政决算",
                Kind.THREE_PUBLIC_BUDGET: "本级“三公”经费预算",
                Kind.THREE_PUBLIC_FINAL: "本级“三公”经费决算",
            }[self.kind]
            return f"{self.unit.short_name or self.unit.name}{self.fiscal_year}年{what}"
        what = {
            Kind.BUDGET: "部门预算",
            Kind.FINAL: "部门决算",
            Kind.THREE_PUBLIC_BUDGET: "“三公”经费预算",
            Kind.THREE_PUBLIC_FINAL: "“三公”经费决算",
        }[self.kind]
        return f"{self.unit.name}{self.fiscal_year}年{what}"


class FinanceTable(models.Model):
    """One standard table of a disclosure: its figures (``tables.TableData`` as JSON), or empty
    with the note that says why (本单位无政府性基金预算财政拨款收入支出，故本表为空表)."""

    disclosure = models.ForeignKey(
        Disclosure, verbose_name=_("预决算公开"), on_delete=models.CASCADE, related_name="tables"
    )
    code = models.CharField(_("表"), max_length=20)
    data = models.JSONField(_("数据"), default=dict, blank=True)
    is_empty = models.BooleanField(_("空表"), default=False)
    note = models.TextField(_("说明"), blank=True)
    source = models.CharField(_("来源文件"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("录入时间"), default=timezone.now)

    class Meta:
        verbose_name = _("预决算表")
        verbose_name_plural = _("预决算表")
        ordering = ["disclosure_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["disclosure", "code"], name="finance_one_table_per_code")
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def spec(self):
        from gongkai.finance.tables import SPECS

        return SPECS[self.code]

    def table(self):
        from gongkai.finance.tables import TableData

        return TableData.from_json(self.spec, self.data)


class DeadlineRule(models.Model):
    """How many days after approval a district's disclosures are due (default 20, 预算法 第十四条)."""

    district = models.OneToOneField(
        Organisation, verbose_name=_("区"), on_delete=models.CASCADE, related_name="+"
    )
    department_days = models.PositiveSmallIntegerField(
        _("部门预决算公开时限（日）"), default=20, validators=[MinValueValidator(1), MaxValueValidator(90)]
    )
    government_days = models.PositiveSmallIntegerField(
        _("区本级预决算公开时限（日）"), default=20, validators=[MinValueValidator(1), MaxValueValidator(90)]
    )

    class Meta:
        verbose_name = _("预决算公开时限")
        verbose_name_plural = _("预决算公开时限")

    def __str__(self) -> str:
        return f"{self.department_days}/{self.government_days}"


class FeeItem(Recorded):
    """One administrative fee (行政事业性收费项目) of the district's list."""

    district = models.ForeignKey(
        Organisation, verbose_name=_("区"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("执收单位"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("项目名称"), max_length=200)
    basis = models.TextField(_("收费依据"))
    standard = models.TextField(_("收费标准"))
    from_year = models.PositiveSmallIntegerField(
        _("起始年度"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    until_year = models.PositiveSmallIntegerField(
        _("停征年度"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("自该年起停止征收（取消或停征）"),
    )
    note = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("行政事业性收费项目")
        verbose_name_plural = _("行政事业性收费项目")
        ordering = ["organisation__sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="finance_fee_name_unique_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def in_force(self, year: int) -> bool:
        return self.from_year <= year and (self.until_year is None or year < self.until_year)


class FeeCollection(models.Model):
    """What one fee item brought in over one year (元, to the fen)."""

    item = models.ForeignKey(
        FeeItem, verbose_name=_("收费项目"), on_delete=models.CASCADE, related_name="collections"
    )
    year = models.PositiveSmallIntegerField(
        _("年度"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    amount_yuan = models.DecimalField(_("收费金额（元）"), max_digits=16, decimal_places=2)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("登记时间"), default=timezone.now)

    class Meta:
        verbose_name = _("收费金额")
        verbose_name_plural = _("收费金额")
        ordering = ["item_id", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["item", "year"], name="finance_one_collection_per_item_year")
        ]

    def __str__(self) -> str:
        return f"{self.item_id} {self.year}"
