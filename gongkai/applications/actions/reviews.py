"""Administrative reviews and lawsuits against a reply (report table 四)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.applications.actions.common import allow, locked
from gongkai.applications.models import Application, ReviewCase, ReviewKind
from gongkai.audit.log import record


@transaction.atomic
def add_review_case(app: Application, *, actor, kind: str, filed_on: dt.date, body: str = "") -> ReviewCase:
    """A review or lawsuit against the reply: only a closed application has one to challenge."""
    app = locked(app)
    allow(app, "review_add", actor)
    if kind not in ReviewKind.values:
        raise ValidationError({"kind": "请选择行政复议或行政诉讼的类型。"})
    case = ReviewCase(application=app, kind=kind, filed_on=filed_on, body=body)
    case.full_clean()
    case.save()
    record(
        "application.review_case",
        actor=actor,
        target=app,
        changes={"review_case": [None, case.get_kind_display()]},
    )
    return case


@transaction.atomic
def decide_review_case(
    case: ReviewCase, *, actor, result: str, decided_on: dt.date, note: str = ""
) -> ReviewCase:
    app = locked(case.application)
    allow(app, "review_decide", actor)
    case = ReviewCase.objects.select_for_update().get(pk=case.pk, application=app)
    old = case.result
    case.result, case.decided_on, case.note = result, decided_on, note
    case.full_clean()
    case.save()
    record(
        "application.review_result",
        actor=actor,
        target=app,
        changes={"review_result": [old, result]},
        note=note[:200],
    )
    return case
