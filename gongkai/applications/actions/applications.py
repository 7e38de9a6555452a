"""The application itself: intake, acceptance, transfer, extension, the reply and its delivery, and
the applicant's ID copy opened for a member of staff."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import require
from gongkai.applications import deadlines, permissions, workflow
from gongkai.applications.actions.common import allow, locked, open_file
from gongkai.applications.models import (
    ApplicantType,
    Application,
    ApplicationCounter,
    Channel,
    Delivery,
    PauseKind,
)
from gongkai.applications.outcomes import ApplicantCategory, Outcome
from gongkai.audit.log import record
from gongkai.audit.models import AuditKind
from gongkai.lib import counters, querycode
from gongkai.orgs.models import Organisation

ABANDONING = {Outcome.OTHER_NO_CLARIFICATION, Outcome.OTHER_FEE_UNPAID}


def find_by_query(number: str, code: str, *, district: Organisation | None = None) -> Application | None:
    """The application with this number, if the query code matches (no account needed).

    With ``district``, only that district's applications are found (a district's own portal)."""
    found = Application.objects.select_related("organisation").filter(number=number.strip())
    if district is not None:
        found = found.filter(district=district)
    app = found.first()
    if app is None or not querycode.matches(app.query_code_hash, code):
        return None
    return app


def receipt_date(channel: str, arrived: dt.date, confirmed_on: dt.date | None = None) -> dt.date:
    """The day of receipt by Art. 31: handed in or signed for on arrival; an ordinary letter, a fax
    or an e-mail on the day receipt is confirmed (the office must confirm the day it arrives);
    an online application on the day it is submitted, which the platform confirms at once."""
    if channel in (Channel.LETTER, Channel.FAX, Channel.EMAIL) and confirmed_on:
        if confirmed_on < arrived:
            raise ValidationError({"confirmed_on": "确认收到的日期不能早于送达日期。"})
        return confirmed_on
    return arrived


def _next_number(district: Organisation, year: int) -> str:
    serial = counters.next_value(ApplicationCounter, district=district, year=year)
    return f"{district.code[2:8]}-{year}-{serial:05d}"


APPLICANT_FIELDS = (
    "applicant_type",
    "category",
    "name",
    "id_type",
    "id_number",
    "org_name",
    "uscc",
    "legal_representative",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
    "description",
    "doc_number",
    "form",
    "delivery",
)


@transaction.atomic
def submit_application(
    *,
    organisation: Organisation,
    data: dict[str, Any],
    channel: str = Channel.ONLINE,
    actor=None,
    arrived_on: dt.date | None = None,
    confirmed_on: dt.date | None = None,
    id_copy=None,
) -> tuple[Application, str]:
    """Register an application; returns it with the private query code (shown once to the applicant).

    Citizens submit online without an account (``actor`` None); staff register applications received
    in person, by post or fax (``actor`` must hold application.register for the organisation).
    """
    if actor is not None:
        require(actor, "application.register", organisation)
    elif channel != Channel.ONLINE:
        raise PermissionDenied("只有工作人员可以登记非网上申请。")
    now = timezone.now()
    arrived_on = arrived_on or timezone.localdate(now)
    received_on = receipt_date(channel, arrived_on, confirmed_on)
    code = querycode.new_code()
    values = {k: v for k, v in data.items() if k in APPLICANT_FIELDS}
    if values.get("applicant_type") == ApplicantType.NATURAL:
        values["category"] = ApplicantCategory.NATURAL
    app = Application(
        district_id=organisation.district_id,
        organisation=organisation,
        number=_next_number(organisation.district, received_on.year),
        query_code_hash=querycode.code_hash(code),
        channel=channel,
        submitted_at=now,
        received_on=received_on,
        registered_by=actor,
        status=workflow.INITIAL,
        **values,
    )
    if id_copy is not None:
        app.id_copy = id_copy
    app.full_clean(exclude=["id_copy", "query_code_hash"])
    app.save()
    record(
        "application.submit",
        actor=actor,
        target=app,
        organisation=organisation,
        changes={"status": [None, app.status], "received_on": [None, received_on.isoformat()]},
        note=f"{app.get_channel_display()}；{app.get_applicant_type_display()}",
    )
    return app, code


@transaction.atomic
def accept(app: Application, *, actor) -> Application:
    app = locked(app)
    transition = allow(app, "accept", actor)
    old, app.status = app.status, transition.target
    app.save(update_fields=["status"])
    record(
        "application.accept",
        actor=actor,
        target=app,
        changes={"status": [old, app.status]},
    )
    return app


@transaction.atomic
def transfer(app: Application, to: Organisation, *, actor, reason: str) -> Application:
    """Route the application to the organisation that holds the information (recorded)."""
    app = locked(app)
    allow(app, "transfer", actor)
    require(actor, "application.route", to)
    if not reason.strip():
        raise ValidationError({"reason": "请填写转办理由。"})
    old = app.organisation
    app.organisation = to
    app.save(update_fields=["organisation"])
    record(
        "application.transfer",
        actor=actor,
        target=app,
        organisation=to,
        changes={"organisation": [old.name, to.name]},
        note=reason.strip(),
    )
    return app


@transaction.atomic
def extend(app: Application, *, actor, days: int, reason: str, on: dt.date | None = None) -> Application:
    """One extension of at most 20 working days, approved by the disclosure office (Art. 33)."""
    app = locked(app)
    allow(app, "extend", actor)
    on = on or timezone.localdate()
    if app.extension_days:
        raise ValidationError("答复期限只能延长一次。")
    if not 1 <= days <= deadlines.EXTENSION_MAX_DAYS:
        raise ValidationError({"days": f"延长期限最长不得超过{deadlines.EXTENSION_MAX_DAYS}个工作日。"})
    if not reason.strip():
        raise ValidationError({"reason": "请填写延期理由。"})
    deadline = deadlines.deadline_of(app, on)
    if deadline.due and on > deadline.due:
        raise ValidationError("答复期限已过，不能再延期。")
    app.extension_days, app.extension_on, app.extension_reason, app.extension_approved_by = (
        days,
        on,
        reason.strip(),
        actor,
    )
    app.save(update_fields=["extension_days", "extension_on", "extension_reason", "extension_approved_by"])
    record(
        "application.extend",
        actor=actor,
        target=app,
        changes={"extension_days": [0, days]},
        note=reason.strip(),
    )
    return app


@transaction.atomic
def close(
    app: Application, *, actor, outcome: str, replied_on: dt.date, summary: str = "", redirect_to: str = ""
) -> Application:
    """Reply with one of the official outcomes; the application is then closed."""
    app = locked(app)
    transition = allow(app, "close", actor)
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": "请选择办理结果。"})
    if replied_on < app.received_on:
        raise ValidationError({"replied_on": "答复日期不能早于收到申请之日。"})
    open_stop = app.clock_stops.filter(ended_on__isnull=True).first()
    if open_stop and outcome not in ABANDONING:
        raise ValidationError(f"{open_stop.get_kind_display()}尚未结束，请先登记结果。")
    if outcome == Outcome.OTHER_NO_CLARIFICATION and not (
        open_stop and open_stop.kind == PauseKind.CLARIFICATION and replied_on > open_stop.respond_by
    ):
        raise ValidationError({"outcome": "只有补正期限届满仍未补正的，才能按“逾期不补正”处理。"})
    if outcome == Outcome.OTHER_FEE_UNPAID and not (
        open_stop and open_stop.kind == PauseKind.FEE and replied_on > open_stop.respond_by
    ):
        raise ValidationError({"outcome": "只有缴费期限届满仍未缴费的，才能按“逾期未缴费”处理。"})
    if outcome in (Outcome.UNABLE_NOT_HELD,) and not redirect_to.strip():
        # Art. 36(5): if another agency holds it, say which; if nobody does, say so.
        redirect_to = "经检索，本机关未制作、获取该政府信息"
    old_status = app.status
    app.status = transition.target
    app.outcome, app.replied_on, app.reply_summary, app.redirect_to = (
        outcome,
        replied_on,
        summary,
        redirect_to,
    )
    app.save(update_fields=["status", "outcome", "replied_on", "reply_summary", "redirect_to"])
    record(
        "application.close",
        actor=actor,
        target=app,
        changes={"status": [old_status, app.status], "outcome": [None, outcome]},
        note=summary[:200],
    )
    return app


@transaction.atomic
def record_delivery(app: Application, *, actor, delivered_on: dt.date, method: str) -> Application:
    app = locked(app)
    allow(app, "deliver", actor)
    if method not in Delivery.values:
        raise ValidationError({"method": "请选择送达方式。"})
    if delivered_on < app.replied_on:
        raise ValidationError({"delivered_on": "送达日期不能早于答复日期。"})
    app.delivered_on, app.delivered_by = delivered_on, method
    app.save(update_fields=["delivered_on", "delivered_by"])
    record(
        "application.deliver",
        actor=actor,
        target=app,
        changes={"delivered_on": [None, delivered_on.isoformat()]},
    )
    return app


# --- the applicant's personal data --------------------------------------------------------------


@transaction.atomic
def open_id_copy(app: Application, *, actor) -> File:
    """The applicant's ID copy, opened for ``actor`` to read: a look at personal data, audited.

    PermissionDenied unless ``permissions.can_see_personal``; FileNotFoundError when none was handed
    in or the file is missing (then nothing is recorded)."""
    permissions.require_personal(actor, app)
    if not app.id_copy:
        raise FileNotFoundError("no ID copy")
    record(
        "personal.id_copy",
        kind=AuditKind.PERSONAL_VIEW,
        actor=actor,
        target=app,
        note=_("下载身份证明材料"),
    )
    return open_file(app.id_copy)
