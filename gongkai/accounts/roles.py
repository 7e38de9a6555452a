"""Staff roles and what each may do: the one table that every permission check reads."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("公开办协调员")
    EDITOR = "editor", _("信息编辑")
    REVIEWER = "reviewer", _("保密审查员")
    LEADER = "leader", _("单位领导")
    OPERATOR = "operator", _("热线话务员")
    AUDITOR = "auditor", _("审计员（只读）")
    SYSADMIN = "sysadmin", _("系统管理员")
    # 三员分立 (等级保护 2.0 第三级, #15): the system administrator keeps accounts and configuration,
    # the security administrator gives and takes roles, the security auditor alone reads what the
    # two of them did. No one holds two of the three (ADMINISTRATORS, accounts/actions.py).
    SECADMIN = "secadmin", _("安全管理员")
    SECAUDITOR = "secauditor", _("安全审计员")


# Roles whose reach is the whole district, whichever organisation the membership names.
DISTRICT_WIDE = frozenset({Role.COORDINATOR, Role.AUDITOR, Role.SYSADMIN, Role.SECADMIN, Role.SECAUDITOR})
# The three administrators (三员): at most one of them per person; the trail of what the system and
# security administrators did is read by the security auditor only (permissions.visible_events).
ADMINISTRATORS = frozenset({Role.SYSADMIN, Role.SECADMIN, Role.SECAUDITOR})
AUDITED_ADMINISTRATORS = frozenset({Role.SYSADMIN, Role.SECADMIN})

# Each permission, and the roles that hold it. A permission is checked against an organisation:
# a role held in organisation O grants it for O and for everything under O (a department's
# budget units); a district-wide role grants it for the whole district.
# Later capabilities add their permissions here, so the whole policy stays readable in one place.
PERMISSIONS: dict[str, frozenset[str]] = {
    # organisations and staff
    "org.view": frozenset(Role.values),
    "org.edit_contacts": frozenset({Role.COORDINATOR, Role.LEADER, Role.EDITOR, Role.SYSADMIN}),
    "org.manage": frozenset({Role.COORDINATOR, Role.SYSADMIN}),
    "staff.manage": frozenset({Role.SYSADMIN}),  # accounts: create, disable, reset a password
    "staff.roles": frozenset({Role.SECADMIN}),  # give and take roles (三员分立)
    "staff.unlock": frozenset({Role.COORDINATOR, Role.SYSADMIN}),  # lift a sign-in lockout (#15)
    # audit trail and personal data; the administrators' own trail needs audit.admin
    "audit.view": frozenset({Role.COORDINATOR, Role.AUDITOR, Role.LEADER, Role.SECAUDITOR}),
    "audit.admin": frozenset({Role.SECAUDITOR}),
    "personal.reveal": frozenset({Role.COORDINATOR, Role.EDITOR, Role.LEADER, Role.OPERATOR}),
    # working-day calendar (national, kept by the office)
    "calendar.edit": frozenset({Role.COORDINATOR, Role.SYSADMIN}),
    # proactive disclosure (catalog)
    "item.view": frozenset({Role.EDITOR, Role.REVIEWER, Role.LEADER, Role.COORDINATOR, Role.AUDITOR}),
    "item.edit": frozenset({Role.EDITOR}),
    "item.review": frozenset({Role.REVIEWER}),
    "item.approve": frozenset({Role.LEADER}),
    "item.withdraw": frozenset({Role.LEADER, Role.COORDINATOR}),
    "catalog.configure": frozenset({Role.COORDINATOR, Role.SYSADMIN}),
    "catalog.import": frozenset({Role.COORDINATOR, Role.SYSADMIN}),
    "search.stats": frozenset({Role.COORDINATOR, Role.AUDITOR}),
    # disclosure applications (依申请公开)
    "application.view": frozenset({Role.EDITOR, Role.LEADER, Role.COORDINATOR, Role.AUDITOR}),
    "application.register": frozenset({Role.EDITOR, Role.LEADER, Role.COORDINATOR}),
    "application.handle": frozenset({Role.EDITOR, Role.LEADER, Role.COORDINATOR}),
    "application.route": frozenset({Role.COORDINATOR}),
    "application.extend": frozenset({Role.COORDINATOR}),  # the disclosure office's head approves (Art. 33)
    "application.templates": frozenset({Role.COORDINATOR}),
    # the district head's hotline and mailbox
    "ticket.view": frozenset({Role.OPERATOR, Role.EDITOR, Role.LEADER, Role.COORDINATOR, Role.AUDITOR}),
    "ticket.intake": frozenset({Role.OPERATOR, Role.COORDINATOR}),
    "ticket.dispatch": frozenset({Role.OPERATOR, Role.COORDINATOR}),
    "ticket.handle": frozenset({Role.EDITOR, Role.LEADER}),
    "ticket.callback": frozenset({Role.OPERATOR}),
    "ticket.escalate": frozenset({Role.COORDINATOR}),
    "hotline.configure": frozenset({Role.OPERATOR, Role.COORDINATOR}),
    "hotline.publish": frozenset({Role.COORDINATOR}),
    "hotline.reports": frozenset({Role.COORDINATOR, Role.AUDITOR, Role.OPERATOR}),
    # the power list (行政权力清单): departments keep their own powers, the office the whole district;
    # publishing a batch drafts its notice in the catalog, which also needs item.edit there
    "power.view": frozenset({Role.EDITOR, Role.REVIEWER, Role.LEADER, Role.COORDINATOR, Role.AUDITOR}),
    "power.edit": frozenset({Role.EDITOR, Role.COORDINATOR}),
    "power.publish": frozenset({Role.EDITOR, Role.COORDINATOR}),
    # the key-area registries: each organisation keeps its own entries, the office the whole
    # district; publishing drafts an information item in the catalog (which also needs item.edit)
    "service.view": frozenset({Role.EDITOR, Role.REVIEWER, Role.LEADER, Role.COORDINATOR, Role.AUDITOR}),
    "service.edit": frozenset({Role.EDITOR, Role.COORDINATOR}),
    "service.publish": frozenset({Role.EDITOR, Role.COORDINATOR}),
    "service.import": frozenset({Role.EDITOR, Role.COORDINATOR}),
    "decision.view": frozenset({Role.EDITOR, Role.REVIEWER, Role.LEADER, Role.COORDINATOR, Role.AUDITOR}),
    "decision.edit": frozenset({Role.EDITOR, Role.COORDINATOR}),
    "decision.publish": frozenset({Role.EDITOR, Role.COORDINATOR}),
    "finance.view": frozenset({Role.EDITOR, Role.REVIEWER, Role.LEADER, Role.COORDINATOR, Role.AUDITOR}),
    "finance.edit": frozenset({Role.EDITOR, Role.COORDINATOR}),
    "finance.publish": frozenset({Role.EDITOR, Role.COORDINATOR}),
    "procurement.view": frozenset({Role.EDITOR, Role.REVIEWER, Role.LEADER, Role.COORDINATOR, Role.AUDITOR}),
    "procurement.edit": frozenset({Role.EDITOR, Role.COORDINATOR}),
    "procurement.publish": frozenset({Role.EDITOR, Role.COORDINATOR}),
    "publicity.view": frozenset({Role.EDITOR, Role.REVIEWER, Role.LEADER, Role.COORDINATOR, Role.AUDITOR}),
    "publicity.edit": frozenset({Role.EDITOR, Role.COORDINATOR}),
    "publicity.publish": frozenset({Role.EDITOR, Role.COORDINATOR}),
    "sector.view": frozenset({Role.EDITOR, Role.REVIEWER, Role.LEADER, Role.COORDINATOR, Role.AUDITOR}),
    "sector.edit": frozenset({Role.EDITOR, Role.COORDINATOR}),
    "sector.confirm": frozenset({Role.LEADER, Role.COORDINATOR}),
    # the annual reports: each organisation drafts its own, the office the district's and sees all
    "report.view": frozenset({Role.EDITOR, Role.REVIEWER, Role.LEADER, Role.COORDINATOR, Role.AUDITOR}),
    "report.edit": frozenset({Role.EDITOR, Role.COORDINATOR}),
    "report.approve": frozenset({Role.LEADER, Role.COORDINATOR}),
    # supervision and assessment: the office sees the district, a unit its own findings and score
    "supervision.view": frozenset({Role.EDITOR, Role.REVIEWER, Role.LEADER, Role.COORDINATOR, Role.AUDITOR}),
    "supervision.manage": frozenset({Role.COORDINATOR}),
    "supervision.report": frozenset({Role.EDITOR, Role.LEADER}),
    "analytics.view": frozenset({Role.LEADER, Role.COORDINATOR, Role.AUDITOR}),
    # background jobs
    "jobs.view": frozenset({Role.COORDINATOR, Role.SYSADMIN, Role.AUDITOR}),
}

# Permissions that change something; a read-only auditor never holds one of these.
READ_ONLY = frozenset(
    {
        "org.view",
        "audit.view",
        "audit.admin",
        "jobs.view",
        "item.view",
        "search.stats",
        "application.view",
        "ticket.view",
        "hotline.reports",
        "power.view",
        "service.view",
        "decision.view",
        "finance.view",
        "procurement.view",
        "publicity.view",
        "sector.view",
        "report.view",
        "supervision.view",
        "analytics.view",
    }
)


def roles_with(permission: str) -> frozenset[str]:
    try:
        return PERMISSIONS[permission]
    except KeyError:
        raise KeyError(f"unknown permission {permission!r}: add it to gongkai/accounts/roles.py") from None
