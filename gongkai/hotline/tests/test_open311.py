"""Open311 GeoReport v2 at /open311/v2/: responses valid against the spec's JSON Schemas, and no
personal data in any of them.

The schemas are the shared copies in ``shared/open311/georeport-v2/`` beside the repository.
"""

import datetime as dt
import json
import os
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.accounts.factories import make_org
from gongkai.hotline import actions
from gongkai.hotline.models import Channel, Satisfaction, Status, Ticket
from gongkai.orgs.models import OrgKind

jsonschema = pytest.importorskip("jsonschema")
from referencing import Registry, Resource  # noqa: E402 - after the import check
from referencing.jsonschema import DRAFT4  # noqa: E402

pytestmark = pytest.mark.django_db

SCHEMA_DIR = Path(__file__).resolve().parents[3].parent / "shared" / "open311" / "georeport-v2"
NAME, PHONE, EMAIL = "钱多多", "13907354321", "qian@example.com"
HOME = "郴州市测试区幸福路66号"


def _schemas():
    if not SCHEMA_DIR.is_dir():
        message = (
            f"Open311 JSON Schemas not found at {SCHEMA_DIR}: shared/open311/georeport-v2 must be a "
            "sibling folder of the repository (see shared/open311/README.md)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message + " — the Open311 tests may not be skipped in CI", pytrace=False)
        pytest.skip(message)
    documents = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMA_DIR.glob("*.json")}
    registry = Registry().with_resources(
        (name, Resource.from_contents(doc, default_specification=DRAFT4)) for name, doc in documents.items()
    )
    return documents, registry


@pytest.fixture(scope="module")
def schemas():
    return _schemas()


DATETIME_FIELDS = ("requested_datetime", "updated_datetime", "expected_datetime")


def validate(schemas, name, data):
    documents, registry = schemas
    validator = jsonschema.Draft4Validator(
        documents[name], registry=registry, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    validator.validate(data)
    # "format": "date-time" is only checked with an optional package: check it here.
    for item in data if isinstance(data, list) else [data]:
        for field in DATETIME_FIELDS:
            if item.get(field) is not None:
                moment = dt.datetime.fromisoformat(item[field])
                assert moment.tzinfo is not None, f"{field} has no time zone: {item[field]}"


def swagger_definition(schemas, name):
    """A Swagger 2.0 definition as a JSON Schema in which every property may also be null — the
    spec shows ``"account_id": null`` — the way the spec's own schema files treat optional values."""
    documents, _registry = schemas
    definition = json.loads(json.dumps(documents["swagger.json"]["definitions"][name]))
    for prop in definition["properties"].values():
        prop["type"] = [prop["type"], "null"]
        prop.pop("format", None)
    return {"type": "array", "items": definition, "minItems": 1}


def no_personal_data(body: str):
    for secret in (NAME, PHONE, EMAIL, "qian@", "幸福路66号", "1390735", "430102199001011234"):
        assert secret not in body, f"personal data {secret!r} in an Open311 response"


@pytest.fixture
def town(personas):
    return make_org("测试区城关镇", OrgKind.TOWN, personas.district)


@pytest.fixture
def ticket_of(personas, hotline, town):
    def make(category="教育", *, consent=True, received_at=None, matter=None, **data):
        ticket, _code = actions.intake(
            office=personas.office,
            channel=Channel.PHONE,
            actor=personas.operator,
            received_at=received_at,
            data={
                "caller_name": NAME,
                "phone": PHONE,
                "email": EMAIL,
                "address": HOME,
                "matter": matter
                or f"我是{NAME}，电话{PHONE}，身份证430102199001011234，反映学校食堂卫生问题。",
                "category": hotline[category],
                "place": town,
                "place_detail": "第一中学食堂",
                "publish_allowed": consent,
                **data,
            },
        )
        return ticket

    return make


def get(client, name, **params):
    return client.get(reverse(f"open311:{name}"), params)


def body(response):
    text = response.content.decode()
    no_personal_data(text)
    return json.loads(text)


# ---- services ----------------------------------------------------------------------------------


def test_services_are_the_districts_active_categories(client, schemas, hotline, personas):
    hotline["财政"].is_active = False
    hotline["财政"].save()
    response = get(client, "services")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    services = body(response)
    validate(schemas, "services.json", services)
    by_code = {s["service_code"]: s for s in services}
    assert set(by_code) == {str(hotline["教育"].pk), str(hotline["城市管理"].pk)}
    education = by_code[str(hotline["教育"].pk)]
    assert education["service_name"] == "教育" and education["metadata"] is False
    assert education["type"] == "realtime" and education["group"] == personas.department.name


def test_a_wrong_jurisdiction_is_a_404_in_the_spec_format(client, schemas, personas, hotline):
    assert get(client, "services", jurisdiction_id=personas.district.code).status_code == 200
    response = get(client, "services", jurisdiction_id="nowhere")
    assert response.status_code == 404
    assert body(response) == [
        {"code": 404, "description": "jurisdiction_id 'nowhere' 不存在，应为本区的统一社会信用代码。"}
    ]


# ---- GET requests --------------------------------------------------------------------------------


def test_requests_map_tickets_without_personal_data(client, schemas, ticket_of, personas, town):
    ticket = ticket_of()
    actions.dispatch(ticket, personas.department, actor=personas.operator)
    data = body(get(client, "requests"))
    validate(schemas, "requests.json", data)
    (item,) = data
    assert item["service_request_id"] == ticket.number
    assert item["status"] == "open" and item["status_notes"] == "办理中"
    assert item["service_name"] == "教育" and item["agency_responsible"] == personas.department.name
    # Consent promises publication after closure and staff review: nothing of the text before.
    assert item["description"] is None and item["address"] == town.name
    assert item["expected_datetime"] is not None


def _close(ticket, personas):
    actions.dispatch(ticket, personas.department, actor=personas.operator)
    actions.reply(ticket, actor=personas.editor, text=f"已整改，已电话告知{NAME}。")
    actions.callback(ticket, actor=personas.operator, reached=True, satisfaction=Satisfaction.SATISFIED)
    return actions.close(ticket, actor=personas.operator)


def test_the_description_is_shown_only_once_closed_and_its_public_text_confirmed(
    client, schemas, ticket_of, personas, town
):
    from gongkai.hotline.actions import publish_letter, unpublish_letter

    ticket = ticket_of()
    _close(ticket, personas)
    (item,) = body(get(client, "requests"))
    assert item["status"] == "closed" and item["description"] is None  # closed, not yet reviewed
    ticket = Ticket.objects.get(pk=ticket.pk)
    publish_letter(
        ticket,
        actor=personas.coordinator,
        question=f"反映学校食堂卫生问题，联系人{NAME}，电话{PHONE}。",
        answer="已整改。",
    )
    (item,) = body(get(client, "requests"))
    validate(schemas, "requests.json", [item])
    assert item["description"] == "反映学校食堂卫生问题，联系人钱**，电话139****4321。"
    assert item["address"] == f"第一中学食堂，{town.name}"  # the place of the matter, not the caller's home
    assert "身份证" not in item["description"]  # the staff's text, not the letter as written
    unpublish_letter(Ticket.objects.get(pk=ticket.pk), actor=personas.coordinator, reason="申请人撤回同意")
    (item,) = body(get(client, "requests"))
    assert item["description"] is None and item["address"] == town.name


def test_a_published_text_without_consent_is_never_described(client, ticket_of, personas):
    ticket = ticket_of(consent=False)
    _close(ticket, personas)
    Ticket.objects.filter(pk=ticket.pk).update(published=True, public_question="某问题")
    (item,) = body(get(client, "requests"))
    assert item["description"] is None


def test_coordinates_only_with_consent_and_rounded(client, ticket_of):
    with_consent = ticket_of(latitude=Decimal("25.770512"), longitude=Decimal("113.014718"))
    without = ticket_of(consent=False, latitude=Decimal("25.770512"), longitude=Decimal("113.014718"))
    items = {i["service_request_id"]: i for i in body(get(client, "requests"))}
    assert (items[with_consent.number]["lat"], items[with_consent.number]["long"]) == (25.771, 113.015)
    assert items[without.number]["lat"] is None and items[without.number]["long"] is None
    assert "770512" not in json.dumps(list(items.values()))


def test_a_closed_ticket_is_closed_with_its_closing_time(client, schemas, ticket_of, personas):
    ticket = ticket_of()
    actions.dispatch(ticket, personas.department, actor=personas.operator)
    actions.reply(ticket, actor=personas.editor, text=f"已整改，已电话告知{NAME}。")
    actions.callback(ticket, actor=personas.operator, reached=True, satisfaction=Satisfaction.SATISFIED)
    actions.close(ticket, actor=personas.operator)
    (item,) = body(get(client, "requests"))
    ticket.refresh_from_db()
    assert item["status"] == "closed" and item["status_notes"] == "已办结"
    assert dt.datetime.fromisoformat(item["updated_datetime"]) == ticket.closed_at.replace(microsecond=0)
    assert item["expected_datetime"] is None


def test_without_consent_the_matter_is_not_described(client, schemas, ticket_of, town):
    ticket_of(consent=False)
    (item,) = body(get(client, "requests"))
    assert item["description"] is None and item["address"] == town.name


def test_requests_filter_by_id_code_status_and_dates(client, schemas, ticket_of, personas, hotline):
    now = timezone.now()
    old = ticket_of(received_at=now - dt.timedelta(days=120), matter="很久以前的问题。")
    education = ticket_of(received_at=now - dt.timedelta(days=10))
    city = ticket_of("城市管理", received_at=now - dt.timedelta(days=2), matter="路面破损。")
    closed = ticket_of("城市管理", received_at=now - dt.timedelta(days=1), matter="井盖缺失。")
    Ticket.objects.filter(pk=closed.pk).update(status=Status.CLOSED, closed_at=now)

    def ids(**params):
        response = get(client, "requests", **params)
        assert response.status_code == 200, response.content
        data = body(response)
        validate(schemas, "requests.json", data)
        return [item["service_request_id"] for item in data]

    # default: the last 90 days, newest first
    assert ids() == [closed.number, city.number, education.number]
    # service_request_id overrides every other filter, even the 90 days
    assert set(ids(service_request_id=f"{old.number},{city.number}", status="closed")) == {
        old.number,
        city.number,
    }
    assert ids(service_code=str(hotline["教育"].pk)) == [education.number]
    assert ids(status="open") == [city.number, education.number]
    assert ids(status="closed") == [closed.number]
    assert ids(status="open,closed") == [closed.number, city.number, education.number]
    start = (now - dt.timedelta(days=3)).isoformat()
    assert ids(start_date=start) == [closed.number, city.number]
    end = (now - dt.timedelta(days=5)).isoformat()
    assert ids(end_date=end) == [education.number]
    assert ids(
        start_date=(now - dt.timedelta(days=130)).date().isoformat(),
        end_date=(now - dt.timedelta(days=100)).date().isoformat(),
    ) == [old.number]


@pytest.mark.parametrize(
    "params",
    [
        {"status": "pending"},
        {"start_date": "yesterday"},
        {"start_date": "2025-01-01", "end_date": "2025-06-01"},  # more than 90 days
        {"start_date": "2025-03-01", "end_date": "2025-02-01"},
        {"service_code": "abc"},
    ],
)
def test_bad_filters_are_400_in_the_spec_format(client, schemas, hotline, params):
    response = get(client, "requests", **params)
    assert response.status_code == 400
    (error,) = body(response)
    assert error["code"] == 400 and error["description"]


def test_at_most_1000_requests_are_returned(client, personas, hotline, monkeypatch):
    from gongkai.hotline import api_open311

    monkeypatch.setattr(api_open311, "MAX_RESULTS", 3)
    for i in range(5):
        actions.intake(office=personas.office, channel=Channel.MAILBOX, data={"matter": f"第{i}件事"})
    assert len(body(get(client, "requests"))) == 3


# ---- one request -------------------------------------------------------------------------------


def test_one_request_by_its_number(client, schemas, ticket_of):
    ticket = ticket_of()
    response = client.get(reverse("open311:request", args=[ticket.number]))
    data = body(response)
    validate(schemas, "requests.json", data)
    assert [item["service_request_id"] for item in data] == [ticket.number]
    missing = client.get(reverse("open311:request", args=["431002250009999"]))
    assert missing.status_code == 404 and body(missing)[0]["code"] == 404


def test_another_districts_request_is_not_found(client, hotline):
    from gongkai.accounts.factories import build_personas

    other = build_personas(prefix="外区", region="431003")
    ticket, _code = actions.intake(office=other.office, channel=Channel.MAILBOX, data={"matter": "外区的事"})
    assert client.get(reverse("open311:request", args=[ticket.number])).status_code == 404


# ---- POST requests -------------------------------------------------------------------------------


def post_data(hotline, **overrides):
    data = {
        "service_code": str(hotline["城市管理"].pk),
        "description": f"城关镇建设路路灯不亮。联系人{NAME}，电话{PHONE}。",
        "lat": "25.770512",
        "long": "113.014718",
        "address_string": "测试区城关镇建设路12号路口",
        "first_name": "多多",
        "last_name": "钱",
        "phone": PHONE,
        "email": EMAIL,
        "api_key": "ignored",
    }
    data.update(overrides)
    return data


def test_posting_a_request_creates_a_mailbox_ticket(schemas, personas, hotline, town):
    client = Client(enforce_csrf_checks=True)  # an API: no CSRF token needed
    response = client.post(reverse("open311:requests"), post_data(hotline))
    assert response.status_code == 200, response.content
    data = body(response)
    jsonschema.validate(data, swagger_definition(schemas, "RequestResponse"))
    (created,) = data
    assert set(created) == {"service_request_id", "token", "service_notice", "account_id"}
    assert created["token"] is None and created["account_id"] is None
    ticket = Ticket.objects.get(number=created["service_request_id"])
    assert ticket.channel == Channel.MAILBOX and ticket.office == personas.office and ticket.operator is None
    assert ticket.category == hotline["城市管理"] and ticket.place == town
    assert ticket.caller_name.plaintext() == NAME and ticket.phone.plaintext() == PHONE
    assert str(ticket.latitude) == "25.770512" and not ticket.publish_allowed
    code = created["service_notice"].split("查询码 ")[1][:8]
    assert actions.find_by_query(ticket.number, code) == ticket

    detail = body(client.get(reverse("open311:request", args=[ticket.number])))
    validate(schemas, "requests.json", detail)
    # Posted through the API without the mailbox's consent: the spot is not published.
    assert detail[0]["lat"] is None and detail[0]["status_notes"] == "待派单"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"service_code": ""}, "缺少 service_code"),
        ({"service_code": "999999"}, "不存在"),
        ({"lat": "", "long": "", "address_string": ""}, "缺少位置"),
        ({"lat": "100"}, "between"),
        ({"long": ""}, "同时提供"),
        ({"description": ""}, "缺少 description"),
        ({"email": "nope"}, "email"),
        ({"phone": "12"}, "phone"),
    ],
)
def test_a_bad_post_is_400_in_the_spec_format(client, hotline, overrides, message):
    response = client.post(reverse("open311:requests"), post_data(hotline, **overrides))
    assert response.status_code == 400
    (error,) = body(response)
    assert error["code"] == 400 and message in error["description"]
    assert not Ticket.objects.exists()


@override_settings(MAILBOX_LETTERS_PER_IP_PER_HOUR=1)
def test_posting_is_throttled_like_the_form(client, hotline):
    assert client.post(reverse("open311:requests"), post_data(hotline)).status_code == 200
    response = client.post(reverse("open311:requests"), post_data(hotline))
    assert response.status_code == 429 and body(response)[0]["code"] == 429
    assert Ticket.objects.count() == 1


def test_other_methods_are_refused_in_the_spec_format(client, hotline):
    response = client.delete(reverse("open311:requests"))
    assert response.status_code == 405 and body(response)[0]["code"] == 405


def test_xml_is_not_offered(client, hotline):
    assert client.get("/open311/v2/services.xml").status_code == 404


def test_no_personal_data_in_any_response(client, schemas, ticket_of, hotline):
    ticket = ticket_of()
    responses = [
        client.post(reverse("open311:requests"), post_data(hotline)),
        get(client, "services"),
        get(client, "requests"),
        get(client, "requests", service_request_id=ticket.number),
        client.get(reverse("open311:request", args=[ticket.number])),
        get(client, "discovery"),
    ]
    for response in responses:
        assert response.status_code == 200
        no_personal_data(response.content.decode())
        no_personal_data(json.dumps(json.loads(response.content), ensure_ascii=False))


# ---- fuzzing -------------------------------------------------------------------------------------

FIELDS = [
    "service_code",
    "description",
    "lat",
    "long",
    "address_string",
    "address_id",
    "email",
    "first_name",
    "last_name",
    "phone",
    "jurisdiction_id",
    "attribute[x]",
]
values = st.one_of(
    st.text(max_size=60),
    st.from_regex(r"-?\d{1,4}(\.\d{0,9})?", fullmatch=True),
    st.sampled_from(["NaN", "Infinity", "1e999", "0", "", " ", "13907350001", "a@b.c", "\x00"]),
    st.text(min_size=4001, max_size=4100),
)


@override_settings(MAILBOX_LETTERS_PER_IP_PER_HOUR=1_000_000)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(st.sampled_from(FIELDS), values, max_size=len(FIELDS)), valid_code=st.booleans())
def test_fuzzed_posts_never_fail_with_a_server_error(client, hotline, data, valid_code):
    if valid_code:
        data["service_code"] = str(hotline["教育"].pk)
    response = client.post(reverse("open311:requests"), data)
    assert response.status_code in (200, 400, 404), response.content
    payload = json.loads(response.content)
    assert isinstance(payload, list) and payload


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    params=st.dictionaries(
        st.sampled_from(["service_request_id", "service_code", "start_date", "end_date", "status"]),
        st.one_of(st.text(max_size=40), st.datetimes().map(lambda d: d.isoformat())),
        max_size=5,
    )
)
def test_fuzzed_queries_never_fail_with_a_server_error(client, hotline, params):
    response = client.get(reverse("open311:requests"), params)
    assert response.status_code in (200, 400), response.content
