"""Times that do not count toward the reply deadline: a clarification asked of the applicant, a
consultation of a third party or another agency, a fee notice; their end; and their periods
recounted once the working-day calendar has the year they ran into."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.applications import deadlines, fees
from gongkai.applications.actions.common import allow, locked
from gongkai.applications.models import Application, ClockStop, FeeMethod, PauseKind
from gongkai.audit.log import record


def _stop(
    app: Application, kind: str, *, actor, started_on: dt.date, respond_by: dt.date, **extra
) -> ClockStop:
    if app.clock_stops.filter(ended_on__isnull=True).exists():
        raise ValidationError("已有尚未结束的暂停计时，请先登记其结果。")
    if started_on < app.received_on:
        raise ValidationError({"started_on": "不能早于收到申请之日。"})
    deadline = deadlines.deadline_of(app, started_on)
    if deadline.due and started_on > deadline.due:
        raise ValidationError({"started_on": "答复期限已过，不能再暂停计时。"})
    stop = ClockStop.objects.create(
        application=app, kind=kind, started_on=started_on, respond_by=respond_by, created_by=actor, **extra
    )
    record(
        f"application.{kind}_start",
        actor=actor,
        target=app,
        changes={"clock": ["running", "stopped"]},
        note=f"{stop.get_kind_display()}，期限{respond_by}",
    )
    return stop


@transaction.atomic
def request_clarification(
    app: Application, *, actor, sent_on: dt.date, respond_by: dt.date, note: str = ""
) -> ClockStop:
    """Ask once and completely for what is missing, within 7 working days of receipt (Art. 30)."""
    app = locked(app)
    allow(app, "clarify", actor)
    if app.clock_stops.filter(kind=PauseKind.CLARIFICATION).exists():
        raise ValidationError("补正应当一次性告知，本申请已经发出过补正通知。")
    latest = deadlines.clarification_latest(app.received_on)
    if sent_on > latest:
        raise ValidationError(
            {"sent_on": f"补正通知应当在收到申请之日起7个工作日内（{latest:%Y年%m月%d日}前）发出。"}
        )
    if respond_by <= sent_on:
        raise ValidationError({"respond_by": "补正期限应晚于通知日期。"})
    return _stop(
        app, PauseKind.CLARIFICATION, actor=actor, started_on=sent_on, respond_by=respond_by, note=note
    )


@transaction.atomic
def start_consultation(app: Application, *, actor, kind: str, party: str, sent_on: dt.date) -> ClockStop:
    """Consult a third party (Art. 32) or another agency (Art. 34): they have 15 working days."""
    app = locked(app)
    allow(app, "consult", actor)
    if kind not in (PauseKind.THIRD_PARTY, PauseKind.CO_AGENCY):
        raise ValidationError({"kind": "未知的征求意见类型。"})
    if not party.strip():
        raise ValidationError({"party": "请填写征求意见的对象。"})
    respond_by = deadlines.respond_by(sent_on, deadlines.CONSULTATION_DAYS)
    return _stop(app, kind, actor=actor, started_on=sent_on, respond_by=respond_by, party=party.strip())


@transaction.atomic
def issue_fee_notice(app: Application, *, actor, method: str, quantity: int, notice_on: dt.date) -> ClockStop:
    """Notify a processing fee; the time until payment does not count (国办函〔2020〕109号)."""
    app = locked(app)
    allow(app, "fee", actor)
    if method == FeeMethod.PER_APPLICATION:
        amount = fees.per_application_fee(quantity)
    elif method == FeeMethod.PER_PAGE:
        amount = fees.per_page_fee(quantity)
    else:
        raise ValidationError({"method": "请选择计收方式。"})
    if amount <= 0:
        raise ValidationError({"quantity": "在免费范围内，不应收费。"})
    respond_by = deadlines.respond_by(notice_on, deadlines.FEE_PAYMENT_DAYS)
    return _stop(
        app,
        PauseKind.FEE,
        actor=actor,
        started_on=notice_on,
        respond_by=respond_by,
        fee_method=method,
        fee_quantity=quantity,
        fee_amount=amount,
    )


@transaction.atomic
def end_stop(stop: ClockStop, *, actor, ended_on: dt.date) -> ClockStop:
    """The clarification arrived, the consulted party answered, or the fee was paid."""
    app = locked(stop.application)
    allow(app, "end_stop", actor)
    stop = ClockStop.objects.select_for_update().get(pk=stop.pk)
    if stop.ended_on is not None:
        raise ValidationError("该暂停计时已经结束。")
    if ended_on < stop.started_on:
        raise ValidationError({"ended_on": "不能早于开始日期。"})
    stop.ended_on = ended_on
    stop.save(update_fields=["ended_on"])
    record(
        f"application.{stop.kind}_end",
        actor=actor,
        target=app,
        changes={"clock": ["stopped", "running"]},
        note=f"{stop.get_kind_display()}结束于{ended_on}",
    )
    return stop


STOP_PERIODS = {
    PauseKind.THIRD_PARTY: deadlines.CONSULTATION_DAYS,
    PauseKind.CO_AGENCY: deadlines.CONSULTATION_DAYS,
    PauseKind.FEE: deadlines.FEE_PAYMENT_DAYS,
}


@transaction.atomic
def recount_stop_periods(*, year: int, actor=None) -> list[ClockStop]:
    """Bring the stored answer and payment periods of open stops in line once ``year`` is in the
    working-day calendar (they were counted provisionally through it). Safe to run again."""
    changed = []
    stops = ClockStop.objects.select_for_update().filter(
        ended_on__isnull=True, kind__in=list(STOP_PERIODS), respond_by__year__gte=year
    )
    for stop in stops.select_related("application__organisation"):
        respond_by = deadlines.respond_by(stop.started_on, STOP_PERIODS[stop.kind])
        if respond_by == stop.respond_by:
            continue
        old, stop.respond_by = stop.respond_by, respond_by
        stop.save(update_fields=["respond_by"])
        record(
            f"application.{stop.kind}_recount",
            actor=actor,
            target=stop.application,
            changes={"respond_by": [old.isoformat(), respond_by.isoformat()]},
            note=f"{year}年节假日安排录入后重新计算{stop.get_kind_display()}期限",
        )
        changed.append(stop)
    return changed
