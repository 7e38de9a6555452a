"""What waits in the 双公示 registry, for the workbench's to-do list: recorded decisions not yet
released, per organisation and group, the most urgent first (a deadline passed, or near)."""

from __future__ import annotations

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import org_filter
from gongkai.decisions import rules
from gongkai.decisions.models import GROUP_OF_KIND, BatchGroup, Decision, DecisionState
from gongkai.lib.todos import Todo, urgency_for_due
from gongkai.orgs.models import Organisation


def release_todos(user) -> list[Todo]:
    rows = (
        Decision.objects.filter(org_filter(user, "decision.publish"), state=DecisionState.RECORDED)
        .order_by()
        .values("organisation_id", "kind", "district_id")
        .annotate(n=Count("pk"), first=Min("decided_on"))
    )
    grouped: dict[tuple[int, str], dict] = {}
    for row in rows:
        key = (row["organisation_id"], GROUP_OF_KIND[row["kind"]])
        entry = grouped.setdefault(key, {"n": 0, "first": row["first"], "district_id": row["district_id"]})
        entry["n"] += row["n"]
        entry["first"] = min(entry["first"], row["first"])
    orgs = Organisation.objects.in_bulk({org_id for org_id, _g in grouped})
    today = timezone.localdate()
    todos = []
    for (org_id, group), entry in sorted(grouped.items(), key=lambda kv: kv[1]["first"]):
        due = rules.due_on(entry["first"], rules.rules_for(entry["district_id"])).value
        todos.append(
            Todo(
                title=_("%(org)s有 %(n)s 件%(group)s决定待提交公示（最早应于%(due)s前公示）")
                % {
                    "org": orgs[org_id].name,
                    "n": entry["n"],
                    "group": BatchGroup(group).label,
                    "due": due.isoformat(),
                },
                url=reverse("decisions_staff:list")
                + "?"
                + urlencode({"state": DecisionState.RECORDED, "organisation": org_id}),
                count=entry["n"],
                due=due,
                urgency=urgency_for_due(due, today=today),
                category=_("双公示"),
            )
        )
    return todos[:20]


PROVIDERS = [release_todos]
