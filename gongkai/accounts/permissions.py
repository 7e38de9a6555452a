"""The one place that decides who may see and do what.

Every view, API handler and action asks here; none re-implements the rules. The rules live in
``roles.PERMISSIONS``; this module turns a user's memberships into a *reach*: the districts in
which a district-wide role grants a permission, and the organisations (with everything under
them) in which an organisation role grants it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from gongkai.accounts.roles import AUDITED_ADMINISTRATORS, DISTRICT_WIDE, roles_with

if TYPE_CHECKING:
    from gongkai.accounts.models import User
    from gongkai.orgs.models import Organisation


@dataclass(frozen=True)
class Reach:
    districts: frozenset[int] = field(default_factory=frozenset)
    orgs: frozenset[int] = field(default_factory=frozenset)

    def __bool__(self) -> bool:
        return bool(self.districts or self.orgs)

    def covers(self, org_id: int | None, district_id: int | None) -> bool:
        return (district_id in self.districts) or (org_id in self.orgs)


_CACHE_ATTR = "_gongkai_reach_cache"


def _memberships(user: User) -> list[tuple[str, int, int]]:
    cache = getattr(user, _CACHE_ATTR, None)
    if cache is None:
        cache = {}
        setattr(user, _CACHE_ATTR, cache)
    if "memberships" not in cache:
        cache["memberships"] = list(
            user.memberships.filter(organisation__is_active=True).values_list(
                "role", "organisation_id", "organisation__district_id"
            )
        )
    return cache["memberships"]


def clear_cache(user: User) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def reach(user: User | None, permission: str) -> Reach:
    """Where ``user`` holds ``permission``."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Reach()
    allowed = roles_with(permission)
    cache = getattr(user, _CACHE_ATTR, None) or {}
    key = ("reach", permission)
    if key in cache:
        return cache[key]
    districts: set[int] = set()
    roots: set[int] = set()
    for role, org_id, district_id in _memberships(user):
        if role not in allowed:
            continue
        if role in DISTRICT_WIDE:
            districts.add(district_id)
        else:
            roots.add(org_id)
    cache = getattr(user, _CACHE_ATTR)
    orgs: frozenset[int] = frozenset()
    if roots:
        # Many permissions share the same roles and so the same roots: walk the tree once per set.
        tree_key = ("descendants", frozenset(roots))
        if tree_key not in cache:
            cache[tree_key] = frozenset(_with_descendants(roots))
        orgs = cache[tree_key]
    result = Reach(frozenset(districts), orgs)
    cache[key] = result
    return result


def _with_descendants(roots: set[int]) -> set[int]:
    from gongkai.orgs.models import with_descendants

    return with_descendants(roots)


def has_perm(user: User | None, permission: str, org: Organisation | None) -> bool:
    """May ``user`` exercise ``permission`` on a record belonging to ``org``?"""
    if org is None:
        return False
    return reach(user, permission).covers(org.pk, org.district_id)


def has_any(user: User | None, permission: str) -> bool:
    """Does ``user`` hold ``permission`` anywhere (to show a menu entry, say)?"""
    return bool(reach(user, permission))


def require(user: User | None, permission: str, org: Organisation | None) -> None:
    """Raise PermissionDenied unless ``has_perm``; actions call this first."""
    if not has_perm(user, permission, org):
        raise PermissionDenied(f"{permission} refused")


def org_filter(user: User | None, permission: str, org_field: str = "organisation") -> Q:
    """A Q object selecting records whose ``org_field`` lies within the user's reach.

    ``org_field`` names the ForeignKey to Organisation; pass ``""`` to filter Organisation itself.
    """
    r = reach(user, permission)
    if not r:
        return Q(pk__in=[])
    prefix = f"{org_field}__" if org_field else ""
    id_lookup = f"{org_field}_id__in" if org_field else "pk__in"
    return Q(**{f"{prefix}district_id__in": r.districts}) | Q(**{id_lookup: r.orgs})


def scope(
    queryset: QuerySet, user: User | None, permission: str, org_field: str = "organisation"
) -> QuerySet:
    """``queryset`` narrowed to what ``user`` may see or do under ``permission``."""
    return queryset.filter(org_filter(user, permission, org_field))


def visible_orgs(user: User | None) -> QuerySet[Organisation]:
    from gongkai.orgs.models import Organisation

    return scope(Organisation.objects.all(), user, "org.view", "")


def primary_district_id(user: User) -> int | None:
    """The district the user works in (their account's, else that of their first role)."""
    if user.district_id:
        return user.district_id
    memberships = _memberships(user)
    return memberships[0][2] if memberships else None


def user_roles(user: User) -> set[str]:
    return {role for role, _org, _district in _memberships(user)}


# What the administrators do to accounts and roles, whoever does it (a superuser in the Django admin
# included): the security auditor's to read, nobody else's.
ADMINISTRATION_ACTIONS = ("staff.", "auth.unlock")


def administrators_events() -> Q:
    """Events of the system and security administrators (三员分立): those done by a holder of one
    of the two roles, and every change to accounts and roles."""
    from gongkai.accounts.models import Membership

    admins = Membership.objects.filter(role__in=AUDITED_ADMINISTRATORS).values("user_id")
    by_action = Q()
    for prefix in ADMINISTRATION_ACTIONS:
        by_action |= Q(action__startswith=prefix)
    return Q(actor_id__in=admins) | by_action


def visible_events(user) -> QuerySet:
    """Audit events of the organisations the user may audit; district-wide roles also see
    district-level events. The administrators' events are seen only with audit.admin (the
    security auditor), and so never by the administrators themselves."""
    from gongkai.audit.models import AuditEvent

    r = reach(user, "audit.view")
    admin = reach(user, "audit.admin")
    if not r and not admin:
        return AuditEvent.objects.none()
    ordinary = (Q(district_id__in=r.districts) | Q(organisation_id__in=r.orgs)) & ~administrators_events()
    of_admins = Q(district_id__in=admin.districts) & administrators_events()
    return AuditEvent.objects.filter(ordinary | of_admins)
