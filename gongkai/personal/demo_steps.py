"""Demo: a few looks at personal data by the office's coordinator (the "显示" button, with a
purpose), so that 审计 → 个人信息查看记录 shows what an inspector would see. Records are taken from
whatever the other steps made (any model with encrypted fields, the district's own), newest first.
Runs once per district: a district that already has views of personal data is left alone."""

from __future__ import annotations

from gongkai.accounts.models import User
from gongkai.accounts.roles import Role
from gongkai.audit.models import AuditEvent, AuditKind
from gongkai.lib.registry import DemoStep
from gongkai.orgs.models import Organisation
from gongkai.personal.actions import reveal
from gongkai.personal.management.commands.rotate_personal_data_keys import models_with_personal_data

PURPOSES = ["电话联系申请人补正材料", "回访来信人", "核实身份", ""]


def load_personal_views(district: Organisation, *, stdout) -> None:
    if AuditEvent.objects.filter(district=district, kind=AuditKind.PERSONAL_VIEW).exists():
        return
    coordinator = (
        User.objects.filter(
            memberships__role=Role.COORDINATOR, memberships__organisation__district=district, is_active=True
        )
        .order_by("pk")
        .first()
    )
    if coordinator is None:
        return
    shown = 0
    for model, fields in models_with_personal_data():
        names = {f.name for f in model._meta.concrete_fields}
        if "district" not in names or model._meta.app_label == "personal":
            continue
        for obj in model.objects.filter(district=district).order_by("-pk")[:2]:
            field = next((f for f in fields if getattr(obj, f.attname)), None)
            if field is None:
                continue
            reveal(coordinator, obj, field.name, purpose=PURPOSES[shown % len(PURPOSES)])
            shown += 1
    stdout.write(f"    个人信息查看记录：{shown} 次查看（公开办协调员）")


DEMO_STEPS = [DemoStep("personal data views", 95, load_personal_views)]
