"""Who may see and do what in supervision: the one place its views and actions ask.

The disclosure office (the coordinator, and the auditor read-only) sees the whole district: every
finding, every unit's scorecard and the ranking; the coordinator runs the checks and sets the
thresholds and weights (``supervision.manage``). A department's staff (``supervision.view``) see
the findings and the scorecard of their own organisation and the units below it, never the
ranking nor another unit's details.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from gongkai.accounts.permissions import has_perm, primary_district_id, reach, scope
from gongkai.accounts.roles import roles_with
from gongkai.orgs.models import Organisation
from gongkai.supervision.models import Bulletin, Finding, PlanTask, PlanTaskUnit


def visible_findings(user) -> QuerySet[Finding]:
    return scope(Finding.objects.all(), user, "supervision.view", "unit")


def sees_district(user, district: Organisation) -> bool:
    """The office's view: the district as a whole, the ranking included."""
    return district.pk in reach(user, "supervision.view").districts


def may_manage(user, district: Organisation) -> bool:
    return has_perm(user, "supervision.manage", district)


def may_see_unit(user, unit: Organisation) -> bool:
    return has_perm(user, "supervision.view", unit)


def home_of(user) -> Organisation | None:
    """The organisation whose standing the user's supervision pages show: the district for the
    office, else the first organisation where the user holds ``supervision.view``."""
    district_id = primary_district_id(user)
    r = reach(user, "supervision.view")
    if not r:
        return None
    if district_id in r.districts:
        return Organisation.objects.get(pk=district_id)
    if r.districts:
        return Organisation.objects.get(pk=min(r.districts))
    membership = (
        user.memberships.filter(role__in=roles_with("supervision.view"), organisation__is_active=True)
        .select_related("organisation")
        .order_by("pk")
        .first()
    )
    return membership.organisation if membership else None


# --- the work plan ---------------------------------------------------------------------------------


def visible_tasks(user) -> QuerySet[PlanTask]:
    """The office sees every task of its district; a unit's staff the tasks their organisation (or
    a unit under it) is responsible for."""
    r = reach(user, "supervision.view")
    if not r:
        return PlanTask.objects.none()
    inside = Q(district_id__in=r.districts) | Q(
        pk__in=PlanTaskUnit.objects.filter(unit_id__in=r.orgs).values("task_id")
    )
    return PlanTask.objects.filter(inside)


def sees_whole_task(user, task: PlanTask) -> bool:
    """The office: every unit's part and reports; a unit sees only its own part."""
    return task.district_id in reach(user, "supervision.view").districts


def may_see_part(user, unit: Organisation) -> bool:
    return has_perm(user, "supervision.view", unit)


def may_report(user, task: PlanTask, unit: Organisation) -> bool:
    """A unit's editor or leader reports on the task for their own unit, if it is responsible."""
    return has_perm(user, "supervision.report", unit) and task.task_units.filter(unit=unit).exists()


def reporting_units(user, task: PlanTask) -> list[Organisation]:
    return [tu.unit for tu in task.task_units.all() if has_perm(user, "supervision.report", tu.unit)]


# --- bulletins -------------------------------------------------------------------------------------


def visible_bulletins(user) -> QuerySet[Bulletin]:
    """The office's own documents until they are published: its staff (district-wide view) and
    the editors of the disclosure office who send them to the catalog."""
    from gongkai.supervision.publishing import publisher

    r = reach(user, "supervision.view")
    office_ids = set()
    for district_id in {d for (d,) in Organisation.objects.filter(pk__in=r.orgs).values_list("district_id")}:
        office = publisher(Organisation.objects.get(pk=district_id))
        if office.pk in r.orgs:
            office_ids.add(district_id)
    return Bulletin.objects.filter(district_id__in=set(r.districts) | office_ids)


def may_release(user, bulletin: Bulletin) -> bool:
    """The disclosure office's editor sends an approved bulletin to the catalog."""
    from gongkai.supervision.publishing import publisher

    return has_perm(user, "item.edit", publisher(bulletin.district))
