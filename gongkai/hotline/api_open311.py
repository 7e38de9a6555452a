"""Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2), mounted at ``/open311/v2/``.

A stable interface for apps and aggregators that speak Open311:

- ``GET  services.json``          the district's active categories as services
- ``GET  requests.json``          tickets: ``service_request_id`` (comma list; overrides all
  other filters), ``service_code``, ``start_date`` / ``end_date`` (ISO 8601, on the time received;
  at most 90 days apart; default the last 90 days), ``status`` (``open``, ``closed`` or both);
  newest first, at most 1000
- ``POST requests.json``          a new letter to the mailbox (form-encoded, as the spec says)
- ``GET  requests/<id>.json``     one ticket by its number, as a one-element array
- ``GET  discovery.json``         the endpoint description

Only JSON: the ``.xml`` format of the spec is not offered (404). No ``api_key`` is needed — the
POST is throttled per client IP together with the web form — and one given is ignored.
``jurisdiction_id`` is optional: the district follows from the host name; a given one must be the
district's unified social credit code.

Personal data never leaves through this API: no name, phone, e-mail or address of the citizen.
``description`` is shown only as the mailbox column shows it: once the ticket is closed, the
citizen agreed to publication and staff confirmed the public text (``actions.publish_letter``,
which de-identifies it); before that it is null, as the consent text promises. ``address`` is the
place of the matter (town or street; the spot only with the published text), not the citizen's
address. ``lat``/``long`` are given only with the citizen's consent, rounded to 3 decimals
(about 100 m), and are null otherwise.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import DatabaseError
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.csrf import csrf_exempt

from gongkai.hotline import actions
from gongkai.hotline.deadlines import DueDates, due_of, limits_for
from gongkai.hotline.forms_public import CONTENT_MAX, clean_phone
from gongkai.hotline.models import Category, Channel, Status, Ticket
from gongkai.hotline.offices import mailbox_office
from gongkai.hotline.publishing import deidentify_for
from gongkai.hotline.throttles import count_letter, letters_limit_reached
from gongkai.lib import abuse, bounds
from gongkai.lib.text import CONTROL_CHARACTERS_MESSAGE, has_control_characters
from gongkai.orgs.models import Organisation, OrgKind

logger = logging.getLogger(__name__)

MAX_RESULTS = 1000
MAX_SPAN = dt.timedelta(days=90)
# Published coordinates are rounded to this many places: about 100 m, a street, not a door.
COORDINATE_PLACES = Decimal("0.001")


# ---- responses ---------------------------------------------------------------------------------


def _json(data, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"  # a public, read-mostly API without cookies
    return response


def error(status: int, description: str) -> JsonResponse:
    """The spec's error format: ``[{"code": 400, "description": "…"}]`` with the same HTTP status."""
    response = _json([{"code": status, "description": description}], status=status)
    if status == 429:
        response["Retry-After"] = "3600"
    return response


class Open311Error(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status, self.description = status, description


def _district(request: HttpRequest) -> Organisation:
    district = getattr(request, "district", None)
    if district is None:
        raise Open311Error(404, "jurisdiction_id 无效：本站尚未配置区。")
    wanted = (request.GET.get("jurisdiction_id") or request.POST.get("jurisdiction_id") or "").strip()
    if wanted and wanted.upper() != district.code:
        raise Open311Error(404, f"jurisdiction_id {wanted[:40]!r} 不存在，应为本区的统一社会信用代码。")
    return district


def api(*methods: str):
    """An API view: only ``methods`` (else 405), every refusal in the spec's error format."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            if request.method not in methods and not (request.method == "HEAD" and "GET" in methods):
                response = error(405, f"不支持 {request.method} 方法。")
                response["Allow"] = ", ".join(methods)
                return response
            if request.method == "POST":
                # Within the size limits, read before anything else touches the body (lib/abuse.py).
                refusal = abuse.admit(request, uploads=False)
                if refusal is not None:
                    return error(*refusal)
            if any("\x00" in v for q in (request.GET, request.POST) for vs in q.lists() for v in vs[1]):
                return error(400, "参数中不能含有空字符（NUL）。")
            try:
                return view(request, *args, **kwargs)
            except Open311Error as exc:
                return error(exc.status, exc.description)

        return wrapped

    return decorate


# ---- representations ---------------------------------------------------------------------------


def _iso(moment: dt.datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def service(category: Category) -> dict:
    unit = category.default_organisation.name if category.default_organisation_id else None
    return {
        "service_code": str(category.pk),
        "service_name": category.name,
        "description": f"{category.name}类诉求" + (f"，一般由{unit}承办" if unit else ""),
        "metadata": False,
        "type": "realtime",
        "keywords": category.name,
        "group": unit,
    }


def _expected(ticket: Ticket, dues: DueDates | None) -> str | None:
    """The end of the due date shown to citizens (provisional while its year is not entered)."""
    if ticket.status in (Status.REPLIED, Status.CLOSED):
        return None
    due = dues.due(ticket.dispatched_at, ticket.urgency, ticket.extension_days) if dues else due_of(ticket)
    if due is None:
        return None
    end_of_day = dt.datetime.combine(due.due, dt.time(23, 59, 59))
    return _iso(timezone.make_aware(end_of_day))


def _address(ticket: Ticket, *, detailed: bool) -> str | None:
    parts = []
    if detailed and ticket.place_detail:
        parts.append(deidentify_for(ticket, ticket.place_detail))
    if ticket.place_id:
        parts.append(ticket.place.name)
    return "，".join(parts) or None


def _updated(ticket: Ticket) -> dt.datetime:
    if ticket.status == Status.CLOSED and ticket.closed_at:
        return ticket.closed_at
    moments = [ticket.received_at, ticket.dispatched_at, ticket.replied_at, ticket.closed_at]
    return max(m for m in moments if m is not None)


def is_described(ticket: Ticket) -> bool:
    """Whether Open311 shows the ticket's text: only as the mailbox column shows it — closed, with
    the citizen's consent, and its public text confirmed by staff (``publishing.published_letters``)."""
    return (
        ticket.published
        and ticket.publish_allowed
        and ticket.status == Status.CLOSED
        and bool((ticket.public_question or "").strip())
    )


def _coordinate_out(ticket: Ticket, value: Decimal | None) -> float | None:
    if value is None or not ticket.publish_allowed:
        return None
    return float(Decimal(value).quantize(COORDINATE_PLACES, rounding=ROUND_HALF_UP))


def service_request(ticket: Ticket, dues: DueDates | None = None) -> dict:
    """One ticket as an Open311 request, without any personal data; ``dues``: its district's
    deadlines, when many tickets are mapped."""
    described = is_described(ticket)
    # The confirmed text was de-identified when published; once more, as the column does.
    description = deidentify_for(ticket, ticket.public_question)[:CONTENT_MAX] if described else None
    return {
        "service_request_id": ticket.number,
        "status": "closed" if ticket.status == Status.CLOSED else "open",
        "status_notes": ticket.get_status_display(),
        "service_name": ticket.category.name if ticket.category_id else None,
        "service_code": str(ticket.category_id) if ticket.category_id else "",
        "description": description,
        "agency_responsible": (ticket.lead or ticket.office).name,
        "service_notice": None,
        "requested_datetime": _iso(ticket.received_at),
        "updated_datetime": _iso(_updated(ticket)),
        "expected_datetime": _expected(ticket, dues),
        "address": _address(ticket, detailed=described),
        "address_id": None,
        "zipcode": None,
        "lat": _coordinate_out(ticket, ticket.latitude),
        "long": _coordinate_out(ticket, ticket.longitude),
        "media_url": None,
    }


def _tickets(district: Organisation):
    return Ticket.objects.filter(district=district).select_related("category", "lead", "office", "place")


# ---- services ----------------------------------------------------------------------------------


@api("GET")
def services(request: HttpRequest) -> JsonResponse:
    district = _district(request)
    categories = Category.objects.filter(district=district, is_active=True).select_related(
        "default_organisation"
    )
    return _json([service(c) for c in categories])


@api("GET")
def discovery(request: HttpRequest) -> JsonResponse:
    district = _district(request)
    base = request.build_absolute_uri(reverse("open311:services")).rsplit("/", 1)[0] + "/"
    return _json(
        {
            "changeset": _iso(timezone.now()),
            "contact": f"{district.name} 区长信箱",
            "key_service": "无需 api_key（not required）",
            "endpoints": [
                {
                    "specification": "http://wiki.open311.org/GeoReport_v2",
                    "url": base,
                    "changeset": _iso(timezone.now()),
                    "type": "production",
                    "formats": ["application/json"],
                }
            ],
        }
    )


# ---- requests ----------------------------------------------------------------------------------


def _moment(name: str, value: str, *, end: bool = False) -> dt.datetime:
    value = value.strip().replace(" ", "+")  # a "+08:00" offset arrives as " 08:00" when unencoded
    moment = None
    try:
        moment = parse_datetime(value)
        if moment is None:
            day = parse_date(value)
            if day is not None:
                moment = dt.datetime.combine(day, dt.time.max if end else dt.time.min)
    except ValueError:
        moment = None
    if moment is None:
        raise Open311Error(400, f"{name} 应为 ISO 8601 格式的日期时间，例如 2025-03-01T00:00:00+08:00。")
    if not bounds.valid_date(moment):
        raise Open311Error(400, f"{name}：{bounds.DATE_MESSAGE}")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _filtered(request: HttpRequest, district: Organisation):
    tickets = _tickets(district)
    ids = request.GET.get("service_request_id", "").strip()
    if ids:  # "This overrides all other arguments."
        numbers = [n.strip() for n in ids.split(",") if n.strip()][:MAX_RESULTS]
        return tickets.filter(number__in=numbers)
    code = request.GET.get("service_code", "").strip()
    if code:
        codes = [c.strip() for c in code.split(",") if c.strip()]
        if not all(c.isascii() and c.isdigit() and bounds.valid_id(int(c)) for c in codes):
            raise Open311Error(400, "service_code 不存在，应为 services.json 中列出的服务代码。")
        tickets = tickets.filter(category_id__in=[int(c) for c in codes])
    statuses = {s.strip().lower() for s in request.GET.get("status", "").split(",") if s.strip()}
    if statuses - {"open", "closed"}:
        raise Open311Error(400, "status 应为 open 或 closed（多个值以逗号分隔）。")
    if statuses == {"open"}:
        tickets = tickets.exclude(status=Status.CLOSED)
    elif statuses == {"closed"}:
        tickets = tickets.filter(status=Status.CLOSED)
    start_raw, end_raw = request.GET.get("start_date", ""), request.GET.get("end_date", "")
    start = _moment("start_date", start_raw) if start_raw.strip() else None
    end = _moment("end_date", end_raw, end=True) if end_raw.strip() else None
    if start is None and end is None:
        end = timezone.now()
    if start is None:
        start = end - MAX_SPAN
    if end is None:
        end = start + MAX_SPAN
    if end < start:
        raise Open311Error(400, "end_date 早于 start_date。")
    if end - start > MAX_SPAN + dt.timedelta(days=1):
        raise Open311Error(400, "start_date 与 end_date 相隔不能超过 90 天。")
    return tickets.filter(received_at__gte=start, received_at__lte=end)


@csrf_exempt
@api("GET", "POST")
def requests(request: HttpRequest) -> JsonResponse:
    district = _district(request)
    if request.method == "POST":
        return _create(request, district)
    tickets = _filtered(request, district).order_by("-received_at", "-pk")[:MAX_RESULTS]
    dues = DueDates(limits_for([district.pk])[district.pk])
    return _json([service_request(t, dues) for t in tickets])


@api("GET")
def request_detail(request: HttpRequest, number: str) -> JsonResponse:
    district = _district(request)
    ticket = _tickets(district).filter(number=number).first()
    if ticket is None:
        raise Open311Error(404, f"service_request_id {number[:40]} 不存在。")
    return _json([service_request(ticket)])


# ---- creating a request ------------------------------------------------------------------------


def _coordinate(name: str, value: str, limit: int) -> Decimal:
    try:
        number = Decimal(value.strip())
    except (InvalidOperation, ValueError):
        raise Open311Error(400, f"{name} 应为数字（WGS-84 经纬度，单位为度）。") from None
    if not number.is_finite() or not -limit <= number <= limit:
        raise Open311Error(400, f"{name} 应在 -{limit} 与 {limit} 之间（between）。")
    return number.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


def _place_in(district: Organisation, text: str) -> Organisation | None:
    """The town or street named in an address, if any (the longest name wins)."""
    if not text:
        return None
    places = Organisation.objects.filter(
        district=district, kind__in=[OrgKind.TOWN, OrgKind.STREET], is_active=True
    )
    found = [p for p in places if p.name in text or (p.short_name and p.short_name in text)]
    return max(found, key=lambda p: len(p.name)) if found else None


def _create(request: HttpRequest, district: Organisation) -> JsonResponse:
    data = request.POST
    code = data.get("service_code", "").strip()
    if not code:
        raise Open311Error(400, "缺少 service_code（服务代码）。")
    category = (
        Category.objects.filter(district=district, is_active=True, pk=int(code)).first()
        if code.isdigit() and len(code) < 10
        else None
    )
    if category is None:
        raise Open311Error(400, f"service_code {code[:40]!r} 不存在，应为 services.json 中列出的服务代码。")

    lat_raw, long_raw = data.get("lat", ""), data.get("long", "")
    address = data.get("address_string", "").strip()
    address_id = data.get("address_id", "").strip()
    if bool(lat_raw.strip()) != bool(long_raw.strip()):
        raise Open311Error(400, "lat 与 long 应同时提供。")
    if not lat_raw.strip() and not address and not address_id:
        raise Open311Error(400, "缺少位置：请提供 lat 与 long，或 address_string，或 address_id。")
    latitude = _coordinate("lat", lat_raw, 90) if lat_raw.strip() else None
    longitude = _coordinate("long", long_raw, 180) if long_raw.strip() else None
    if len(address) > 200:
        raise Open311Error(400, "address_string 不能超过 200 个字。")

    description = data.get("description", "").strip()
    if not description:
        raise Open311Error(400, "缺少 description（诉求内容）。")
    if len(description) > CONTENT_MAX:
        raise Open311Error(400, f"description 不能超过 {CONTENT_MAX} 个字。")
    for field, value, multiline in (
        ("description", description, True),
        ("address_string", address, False),
        ("first_name / last_name", data.get("first_name", "") + data.get("last_name", ""), False),
    ):
        if has_control_characters(value, multiline=multiline):
            raise Open311Error(400, f"{field} {CONTROL_CHARACTERS_MESSAGE}")

    for field, limit in (
        ("first_name", 25),
        ("last_name", 25),
        ("email", 254),
        ("phone", 30),
        ("address_id", 200),
    ):
        if len(data.get(field, "")) > limit:
            raise Open311Error(400, f"{field} 不能超过 {limit} 个字符。")

    email = data.get("email", "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise Open311Error(400, "email 不是有效的电子邮件地址。") from None
    phone = data.get("phone", "").strip()
    if phone:
        try:
            phone = clean_phone(phone)
        except ValidationError:
            raise Open311Error(400, "phone 不是有效的手机号码或固定电话号码。") from None
    name = (data.get("last_name", "").strip() + data.get("first_name", "").strip())[:50]

    office = mailbox_office(district)
    if office is None:
        raise Open311Error(503, "本区区长信箱尚未开通，暂不受理来信。")
    if letters_limit_reached(request):
        # No captcha here: an API client gets the limit in the spec's error format.
        raise Open311Error(429, "同一地址提交过于频繁，已达到每小时来信上限，请一小时后再试。")

    title = description.splitlines()[0][:30]
    try:
        ticket, query_code = actions.intake(
            office=office,
            channel=Channel.MAILBOX,
            actor=None,
            data={
                "title": title,
                "matter": description,
                "category": category,
                "place": _place_in(district, address),
                "place_detail": address,
                "latitude": latitude,
                "longitude": longitude,
                "caller_name": name,
                "anonymous": not name,
                "phone": phone,
                "email": email,
                "publish_allowed": False,
            },
        )
    except ValidationError as exc:
        messages = "; ".join(exc.messages) if hasattr(exc, "messages") else str(exc)
        raise Open311Error(400, messages) from None
    except DatabaseError:
        logger.exception("Open311 request could not be saved")
        raise Open311Error(503, "诉求暂时未能保存，请稍后再试。") from None
    count_letter(request, per_session=False)  # API clients keep no cookies
    follow = request.build_absolute_uri(reverse("mailbox:follow"))
    return _json(
        [
            {
                "service_request_id": ticket.number,
                "token": None,
                "service_notice": (
                    f"已受理，信件编号 {ticket.number}，查询码 {query_code}（仅显示一次，请妥善保存）。"
                    f"凭编号和查询码可在 {follow} 查询办理进度和答复。"
                ),
                "account_id": None,
            }
        ]
    )
