"""Organisations: each district is the root of a tree of departments, towns, streets and budget units."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.lib.validators import validate_uscc


class OrgKind(models.TextChoices):
    DISTRICT = "district", _("区（县）人民政府")
    OFFICE = "office", _("内设机构")
    DEPARTMENT = "department", _("区直部门")
    TOWN = "town", _("乡镇")
    STREET = "street", _("街道")
    BUDGET_UNIT = "budget_unit", _("预算单位")


# Which kinds may sit under which: the district at the top, budget units under departments.
ALLOWED_PARENTS: dict[str, set[str | None]] = {
    OrgKind.DISTRICT: {None},
    OrgKind.OFFICE: {OrgKind.DISTRICT, OrgKind.DEPARTMENT},
    OrgKind.DEPARTMENT: {OrgKind.DISTRICT},
    OrgKind.TOWN: {OrgKind.DISTRICT},
    OrgKind.STREET: {OrgKind.DISTRICT},
    OrgKind.BUDGET_UNIT: {OrgKind.DEPARTMENT, OrgKind.TOWN, OrgKind.STREET, OrgKind.DISTRICT},
}


def _validate_uscc_field(value: str) -> None:
    validate_uscc(value)


class Organisation(models.Model):
    name = models.CharField(_("名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=30)
    code = models.CharField(
        _("统一社会信用代码"), max_length=18, unique=True, validators=[_validate_uscc_field]
    )
    kind = models.CharField(_("类型"), max_length=20, choices=OrgKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # The root district of the tree, kept so that every query can be scoped to one district
    # without walking the tree. Set from the parent on save; an organisation never changes district.
    district = models.ForeignKey(
        "self",
        verbose_name=_("所属区"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)

    # Contact data shown in the disclosure guide (《条例》第十二条).
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    fax = models.CharField(_("传真"), max_length=50, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    website = models.URLField(_("网站"), blank=True)
    duties = models.TextField(_("主要职责"), blank=True)

    class Meta:
        verbose_name = _("组织机构")
        verbose_name_plural = _("组织机构")
        ordering = ["district_id", "sort_order", "id"]
        indexes = [models.Index(fields=["district", "kind"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if self.parent_id is None:
            super().save(*args, **kwargs)
            if self.district_id != self.pk:
                self.district_id = self.pk
                Organisation.objects.filter(pk=self.pk).update(district_id=self.pk)
            return
        self.district_id = self.parent.district_id
        super().save(*args, **kwargs)

    def clean(self) -> None:
        parent_kind = self.parent.kind if self.parent_id else None
        if parent_kind not in ALLOWED_PARENTS[self.kind]:
            raise ValidationError({"parent": _("该类型的机构不能设在所选上级之下。")})
        if self.pk and self.parent_id:
            node = self.parent
            while node is not None:
                if node.pk == self.pk:
                    raise ValidationError({"parent": _("上级不能是本机构或其下级。")})
                node = node.parent
        if self.pk:
            old_district = (
                Organisation.objects.filter(pk=self.pk).values_list("district_id", flat=True).first()
            )
            new_district = self.pk if self.parent_id is None else self.parent.district_id
            if old_district and old_district != new_district:
                raise ValidationError({"parent": _("机构不能调整到其他区。")})

    @property
    def is_district(self) -> bool:
        return self.kind == OrgKind.DISTRICT

    def ancestors(self) -> list[Organisation]:
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain

    def descendant_ids(self) -> set[int]:
        """IDs of this organisation and everything below it."""
        return with_descendants({self.pk})


def with_descendants(roots: set[int]) -> set[int]:
    """The given organisation IDs and every organisation below them (one query per tree level)."""
    found = set(roots)
    frontier = list(roots)
    while frontier:
        frontier = [
            pk
            for pk in Organisation.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
            if pk not in found
        ]
        found.update(frontier)
    return found


class PortalHost(models.Model):
    """A host name on which a district's portal answers (一市一平台: many districts, one deployment)."""

    host = models.CharField(
        _("主机名"), max_length=253, unique=True, help_text=_("不含端口，例如 beihu.example.gov.cn")
    )
    district = models.ForeignKey(
        Organisation,
        verbose_name=_("区"),
        on_delete=models.CASCADE,
        related_name="portal_hosts",
        limit_choices_to={"kind": OrgKind.DISTRICT},
    )

    class Meta:
        verbose_name = _("门户域名")
        verbose_name_plural = _("门户域名")

    def __str__(self) -> str:
        return self.host

    def save(self, *args, **kwargs) -> None:
        self.host = self.host.strip().lower()
        super().save(*args, **kwargs)


class LeadingGroupRole(models.TextChoices):
    LEADER = "leader", _("组长")
    DEPUTY = "deputy", _("副组长")
    MEMBER = "member", _("成员")


class LeadingGroup(models.Model):
    """The district's 政务公开领导小组 and the office (公开办) that runs its daily work."""

    district = models.OneToOneField(
        Organisation,
        verbose_name=_("区"),
        on_delete=models.CASCADE,
        related_name="leading_group",
        limit_choices_to={"kind": OrgKind.DISTRICT},
    )
    name = models.CharField(_("名称"), max_length=100)
    office = models.ForeignKey(
        Organisation,
        verbose_name=_("办公室（公开办）"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("负责全区政府信息公开日常工作的机构"),
    )
    office_host = models.ForeignKey(
        Organisation,
        verbose_name=_("办公室设在"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    established = models.DateField(_("成立日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("政务公开领导小组")
        verbose_name_plural = _("政务公开领导小组")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.office_id and self.office.district_id != self.district_id:
            raise ValidationError({"office": _("公开办必须属于本区。")})


class LeadingGroupMember(models.Model):
    group = models.ForeignKey(LeadingGroup, on_delete=models.CASCADE, related_name="members")
    role = models.CharField(_("职务"), max_length=10, choices=LeadingGroupRole.choices)
    person_name = models.CharField(_("姓名"), max_length=50, blank=True)
    position = models.CharField(
        _("现任职务"), max_length=100, blank=True, help_text=_("例如：区长、常务副区长")
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("成员单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("领导小组成员")
        verbose_name_plural = _("领导小组成员")
        ordering = ["group", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["group", "organisation"], name="one_membership_per_unit"),
        ]

    def __str__(self) -> str:
        return self.person_name or (self.organisation.name if self.organisation_id else "")

    def clean(self) -> None:
        if not self.person_name and not self.organisation_id:
            raise ValidationError(_("请填写姓名或选择成员单位。"))
        if self.organisation_id and self.organisation.district_id != self.group.district_id:
            raise ValidationError({"organisation": _("成员单位必须属于本区。")})
