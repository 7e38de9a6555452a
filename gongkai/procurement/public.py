"""What the public sees of procurement, defined once: the portal, the open data, the public API
and the figures (``stats.py``) all read through here, so they show the same projects and amounts.

- A project is public once one of its notices is public in the catalog (its intention, tender
  or result notice); its public page lists only its public notices.
- The supplier, the contract amount and so the savings are public with the result notice (中标
  （成交）结果公告), and not before: until then a project shows its budget only, and counts in the
  figures as a project without a contract amount.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404

from gongkai.orgs.models import Organisation
from gongkai.procurement import money, notices
from gongkai.procurement.models import Notice, NoticeKind, Project, ProjectState
from gongkai.procurement.notices import ItemRef

PublicNotices = dict[int, dict[str, tuple[Notice, ItemRef]]]


def public_notices(district: Organisation | None) -> PublicNotices:
    """For each project of the district with a public notice: its public notices by kind."""
    if district is None:
        return {}
    rows = list(Notice.objects.filter(project__district=district).only("pk", "project_id", "kind", "item_id"))
    refs = notices.refs(district, rows)
    found: PublicNotices = {}
    for notice in rows:
        ref = refs.get(notice.item_id)
        if ref is not None and ref.is_public:
            found.setdefault(notice.project_id, {})[notice.kind] = (notice, ref)
    return found


def public_projects(district: Organisation | None, found: PublicNotices | None = None) -> QuerySet[Project]:
    """The district's projects the public sees (``found``: ``public_notices`` already asked)."""
    if district is None:
        return Project.objects.none()
    found = public_notices(district) if found is None else found
    return Project.objects.filter(district=district, pk__in=list(found))


@dataclass
class PublicProject:
    """A project as the public sees it."""

    project: Project
    notices: dict[str, tuple[Notice, ItemRef]] = field(default_factory=dict)

    @property
    def award_public(self) -> bool:
        return NoticeKind.RESULT in self.notices

    @property
    def contract_amount(self) -> Decimal | None:
        if not self.award_public or self.project.state == ProjectState.TERMINATED:
            return None
        return self.project.contract_amount

    @property
    def supplier_name(self) -> str:
        return self.project.supplier_name if self.award_public else ""

    @property
    def supplier_code(self) -> str:
        return self.project.supplier_code if self.award_public else ""

    @property
    def savings(self) -> Decimal | None:
        return money.savings(self.project.budget, self.contract_amount)

    @property
    def savings_rate(self) -> Decimal | None:
        return money.rate(self.savings, self.project.budget)

    def notice(self, kind: str) -> ItemRef | None:
        entry = self.notices.get(kind)
        return entry[1] if entry else None

    def published_on(self, kind: str):
        return notices.published_on(self.notice(kind))

    @property
    def ordered_notices(self) -> list[tuple[str, str, ItemRef]]:
        """(kind, kind label, item) in the order of the procurement."""
        return [
            (kind, label, self.notices[kind][1]) for kind, label in NoticeKind.choices if kind in self.notices
        ]


def as_public(projects, found: PublicNotices) -> list[PublicProject]:
    return [PublicProject(p, found.get(p.pk, {})) for p in projects]


def public_project_or_404(district: Organisation | None, code: str) -> PublicProject:
    found = public_notices(district)
    project = (
        public_projects(district, found).filter(code=code).select_related("organisation", "district").first()
    )
    if project is None:
        raise Http404("没有这个采购项目。")
    return PublicProject(project, found[project.pk])
