"""State changes of disclosure applications. One function per verb: one transaction, permission
and validity checks, an audit event (never with the applicant's personal data in it)."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from gongkai.accounts.permissions import require
from gongkai.applications import deadlines, fees
from gongkai.applications.models import (
    ApplicantType,
    Application,
    ApplicationCounter,
    Channel,
    ClockStop,
    Delivery,
    FeeMethod,
    PauseKind,
    ReplyDocument,
    ReviewCase,
    ReviewKind,
    Status,
)
from gongkai.applications.outcomes import ApplicantCategory, Outcome
from gongkai.audit.log import record
from gongkai.lib import counters, querycode
from gongkai.lib.uploads import file_sha256, validate_upload
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
        changes={"status": [None, Status.RECEIVED], "received_on": [None, received_on.isoformat()]},
        note=f"{app.get_channel_display()}；{app.get_applicant_type_display()}",
    )
    return app, code


def _locked(app: Application) -> Application:
    return Application.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=app.pk)


def _open(app: Application) -> None:
    if app.status == Status.CLOSED:
        raise ValidationError("该申请已答复办结。")


def stops_for_deadline(app: Application) -> list[deadlines.Stop]:
    return [
        deadlines.Stop(s.kind, s.get_kind_display(), s.started_on, s.ended_on, s.respond_by)
        for s in app.clock_stops.all()
    ]


def deadline_of(app: Application, today: dt.date | None = None) -> deadlines.Deadline:
    return deadlines.compute(
        app.received_on,
        stops_for_deadline(app),
        extension_days=app.extension_days,
        today=today or timezone.localdate(),
    )


@transaction.atomic
def accept(app: Application, *, actor) -> Application:
    app = _locked(app)
    require(actor, "application.handle", app.organisation)
    if app.status != Status.RECEIVED:
        raise ValidationError("只有新收到的申请可以受理。")
    app.status = Status.PROCESSING
    app.save(update_fields=["status"])
    record(
        "application.accept",
        actor=actor,
        target=app,
        changes={"status": [Status.RECEIVED, Status.PROCESSING]},
    )
    return app


@transaction.atomic
def transfer(app: Application, to: Organisation, *, actor, reason: str) -> Application:
    """Route the application to the organisation that holds the information (recorded)."""
    app = _locked(app)
    _open(app)
    require(actor, "application.route", app.organisation)
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


def _stop(app, kind, *, actor, started_on, respond_by, **extra) -> ClockStop:
    if app.clock_stops.filter(ended_on__isnull=True).exists():
        raise ValidationError("已有尚未结束的暂停计时，请先登记其结果。")
    if started_on < app.received_on:
        raise ValidationError({"started_on": "不能早于收到申请之日。"})
    deadline = deadline_of(app, started_on)
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
    app = _locked(app)
    _open(app)
    require(actor, "application.handle", app.organisation)
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
    app = _locked(app)
    _open(app)
    require(actor, "application.handle", app.organisation)
    if kind not in (PauseKind.THIRD_PARTY, PauseKind.CO_AGENCY):
        raise ValidationError({"kind": "未知的征求意见类型。"})
    if not party.strip():
        raise ValidationError({"party": "请填写征求意见的对象。"})
    respond_by = deadlines.respond_by(sent_on, deadlines.CONSULTATION_DAYS)
    return _stop(app, kind, actor=actor, started_on=sent_on, respond_by=respond_by, party=party.strip())


@transaction.atomic
def issue_fee_notice(app: Application, *, actor, method: str, quantity: int, notice_on: dt.date) -> ClockStop:
    """Notify a processing fee; the time until payment does not count (国办函〔2020〕109号)."""
    app = _locked(app)
    _open(app)
    require(actor, "application.handle", app.organisation)
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


def monthly_application_rank(app: Application) -> int:
    """This application's place among the same applicant's applications to the same agency in its
    calendar month (for per-application fees)."""
    same = Application.objects.filter(
        organisation=app.organisation,
        received_on__year=app.received_on.year,
        received_on__month=app.received_on.month,
        pk__lte=app.pk,
    )
    if app.applicant_type == ApplicantType.NATURAL and app.id_number_hash:
        same = same.filter(id_number_hash=app.id_number_hash)
    elif app.uscc:
        same = same.filter(uscc=app.uscc)
    else:
        return 1
    return same.count()


@transaction.atomic
def end_stop(stop: ClockStop, *, actor, ended_on: dt.date) -> ClockStop:
    """The clarification arrived, the consulted party answered, or the fee was paid."""
    app = _locked(stop.application)
    _open(app)
    require(actor, "application.handle", app.organisation)
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


@transaction.atomic
def extend(app: Application, *, actor, days: int, reason: str, on: dt.date | None = None) -> Application:
    """One extension of at most 20 working days, approved by the disclosure office (Art. 33)."""
    app = _locked(app)
    _open(app)
    require(actor, "application.extend", app.organisation)
    on = on or timezone.localdate()
    if app.extension_days:
        raise ValidationError("答复期限只能延长一次。")
    if not 1 <= days <= deadlines.EXTENSION_MAX_DAYS:
        raise ValidationError({"days": f"延长期限最长不得超过{deadlines.EXTENSION_MAX_DAYS}个工作日。"})
    if not reason.strip():
        raise ValidationError({"reason": "请填写延期理由。"})
    deadline = deadline_of(app, on)
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
    app = _locked(app)
    _open(app)
    require(actor, "application.handle", app.organisation)
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
    app.status = Status.CLOSED
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
        changes={"status": [old_status, Status.CLOSED], "outcome": [None, outcome]},
        note=summary[:200],
    )
    return app


@transaction.atomic
def record_delivery(app: Application, *, actor, delivered_on: dt.date, method: str) -> Application:
    app = _locked(app)
    require(actor, "application.handle", app.organisation)
    if app.status != Status.CLOSED:
        raise ValidationError("请先作出答复。")
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


@transaction.atomic
def add_review_case(app: Application, *, actor, kind: str, filed_on: dt.date, body: str = "") -> ReviewCase:
    """A review or lawsuit against the reply: only a closed application has one to challenge."""
    app = _locked(app)
    require(actor, "application.handle", app.organisation)
    if app.status != Status.CLOSED:
        raise ValidationError("该申请尚未答复，不能登记针对答复的行政复议或行政诉讼。")
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
    require(actor, "application.handle", case.application.organisation)
    old = case.result
    case.result, case.decided_on, case.note = result, decided_on, note
    case.full_clean()
    case.save()
    record(
        "application.review_result",
        actor=actor,
        target=case.application,
        changes={"review_result": [old, result]},
        note=note[:200],
    )
    return case


# --- documents delivered with the reply ---------------------------------------------------------


def _documents_open(app: Application) -> None:
    """The documents may change until delivery is recorded; then they are what was delivered."""
    if app.delivered_on is not None:
        raise ValidationError("已登记送达，送达的答复材料不能再更改。")


def _document_name(name: str) -> str:
    """The name shown and used for downloads: no path, at most 200 characters, extension kept."""
    base = os.path.basename((name or "").replace("\\", "/")).strip() or "答复材料"
    if len(base) > 200:
        stem, ext = os.path.splitext(base)
        base = stem[: 200 - len(ext)] + ext
    return base


@transaction.atomic
def attach_document(app: Application, uploaded_file: UploadedFile, *, actor) -> ReplyDocument:
    """Add a document to deliver with the reply; its type is checked by content, not by name."""
    app = _locked(app)
    require(actor, "application.handle", app.organisation)
    _documents_open(app)
    content_type, _extension = validate_upload(uploaded_file)
    sha256 = file_sha256(uploaded_file)
    name = _document_name(uploaded_file.name)
    same = app.documents.filter(sha256=sha256).first()
    if same is not None:
        raise ValidationError(f"该文件已经上传过（{same.name}）。")
    document = ReplyDocument(
        application=app,
        name=name,
        content_type=content_type,
        size=uploaded_file.size,
        sha256=sha256,
        uploaded_by=actor,
    )
    document.file.save(name, uploaded_file, save=False)
    stored, storage = document.file.name, document.file.storage
    try:  # the file is written outside the transaction: do not leave it behind without its row
        document.save()
        record(
            "application.attach",
            actor=actor,
            target=app,
            changes={"document": [None, name]},
            note=f"{name}（{document.size} 字节，SHA-256 {sha256[:12]}…）",
        )
    except Exception:
        storage.delete(stored)
        raise
    return document


@transaction.atomic
def remove_document(document: ReplyDocument, *, actor) -> None:
    """Take a document off the reply before delivery; the stored file goes once this commits."""
    app = _locked(document.application)
    require(actor, "application.handle", app.organisation)
    _documents_open(app)
    document = ReplyDocument.objects.select_for_update().get(pk=document.pk, application=app)
    name, path, storage = document.name, document.file.name, document.file.storage
    document.delete()
    record(
        "application.detach",
        actor=actor,
        target=app,
        changes={"document": [name, None]},
        note=name,
    )
    if path:
        transaction.on_commit(lambda: storage.delete(path))
