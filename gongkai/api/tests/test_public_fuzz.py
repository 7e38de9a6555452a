"""Every public API parameter, given extreme numbers, dates and strings, gets an answer — never a 500.

The endpoints and their parameters are read from the OpenAPI document itself, so a router added
later is fuzzed too; the Open311 endpoints (outside the document) are listed by hand.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

EXTREME_INTS = st.sampled_from(
    [
        "0",
        "-1",
        "10000",
        "99999",
        "2147483648",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775809",
        "1" * 20,
        "9" * 25,
        "1e308",
        "١٢",  # Arabic-Indic digits: int() accepts them
        "１２",
    ]
) | st.integers(min_value=-(10**30), max_value=10**30).map(str)
EXTREME_DATES = st.sampled_from(
    [
        "9999-12-31",
        "0001-01-01",
        "0000-01-01",
        "10000-01-01",
        "9999-12-31T23:59:59+14:00",
        "0001-01-01T00:00:00-12:00",
        "9999-12-31T23:59:59",
        "2025-02-30",
        "2025-13-01",
        "-2025-01-01",
    ]
) | st.dates().map(lambda d: d.isoformat())
ODD_STRINGS = st.text(max_size=40) | st.sampled_from(
    ["%", "' OR 1=1 --", "\x01\x07", "a" * 5000, "1,2,3" * 50]
)
ANY_VALUE = EXTREME_INTS | EXTREME_DATES | ODD_STRINGS


def _plausible(param: dict) -> str:
    """A value that passes a parameter's type, for the parameters not being fuzzed."""
    schema = param.get("schema", {})
    kinds = {schema.get("type"), schema.get("format")} | {
        option.get(key) for option in schema.get("anyOf", []) for key in ("type", "format")
    }
    if "date" in kinds:
        return "2025-06-09"
    if "integer" in kinds:
        return "1"
    return "a"


def _public_get_endpoints() -> list[tuple[str, dict[str, str], dict[str, str]]]:
    """Each GET endpoint with its path and query parameters, each given a plausible value."""
    from gongkai.api.public import api

    schema = api.get_openapi_schema(path_prefix="/api")
    endpoints = []
    for path, methods in schema["paths"].items():
        operation = methods.get("get")
        if operation is None:
            continue
        params = operation.get("parameters", [])
        path_params = {p["name"]: _plausible(p) for p in params if p["in"] == "path"}
        query_params = {p["name"]: _plausible(p) for p in params if p["in"] == "query" and p.get("required")}
        optional = {p["name"]: "" for p in params if p["in"] == "query" and not p.get("required")}
        endpoints.append((path, path_params, {**optional, **query_params}))
    return endpoints


ENDPOINTS = _public_get_endpoints()
OPEN311 = [
    (
        "/open311/v2/requests.json",
        {},
        dict.fromkeys(["service_code", "start_date", "end_date", "status", "service_request_id"], ""),
    ),
    ("/open311/v2/services.json", {}, {"jurisdiction_id": ""}),
    ("/open311/v2/requests/{number}.json", {"number": "1"}, {}),
]


def test_the_fuzzed_endpoints_are_the_whole_public_api():
    paths = {path for path, _, _ in ENDPOINTS}
    assert {"/api/items", "/api/search", "/api/workdays", "/api/calendar/{year}"} <= paths
    assert len(paths) >= 20


def _url(path: str, path_values: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: re.sub(r"[/?#%\\]", "", path_values[m[1]]) or "1", path)


@pytest.mark.parametrize(
    ("path", "path_params", "query_params"),
    [endpoint for endpoint in ENDPOINTS + OPEN311 if endpoint[1] or endpoint[2]],
    ids=lambda v: str(v),
)
def test_no_public_parameter_makes_a_500(client, personas, path, path_params, query_params):
    """One or two parameters at a time take extreme values; the others keep plausible ones (a
    refused plausible value would hide the fuzzed one behind a 422)."""
    names = sorted(path_params) + sorted(query_params)

    @settings(max_examples=40, database=None)
    @given(st.dictionaries(st.sampled_from(names), ANY_VALUE, min_size=1, max_size=2))
    def run(fuzzed):
        path_values = {**path_params, **{k: v for k, v in fuzzed.items() if k in path_params}}
        query = {k: v for k, v in {**query_params, **fuzzed}.items() if k in query_params and v != ""}
        url = _url(path, path_values)
        response = client.get(url, query)
        assert response.status_code < 500, (url, query, response.status_code, response.content[:300])

    run()


@pytest.mark.parametrize(
    "url",
    [
        "/api/items?year=10000",
        "/api/items?year=-1",
        "/api/items?year=" + "9" * 25,
        "/api/items?organisation=" + "1" * 20,
        "/api/items?page=" + "1" * 20,
        "/api/items?page_size=" + "1" * 20,
        "/api/search?q=a&page=9223372036854775807",
        "/api/workdays?start=9999-12-31&days=366",
        "/api/workdays?start=0001-01-01&days=366",
        "/api/calendar/" + "9" * 25,
        "/api/deadline?received=0001-01-01",
        "/api/deadline?received=9999-12-31",
        "/open311/v2/requests.json?start_date=9999-12-31",
        "/open311/v2/requests.json?end_date=0001-01-01",
        "/open311/v2/requests.json?start_date=0001-01-01T00:00:00-12:00",
        "/open311/v2/requests.json?service_code=" + "1" * 23,
    ],
)
def test_the_reported_out_of_range_inputs_are_refused_plainly(client, personas, url):
    response = client.get(url)
    assert 400 <= response.status_code < 500 or response.status_code == 200, (url, response.status_code)


@pytest.mark.parametrize(
    "query",
    [
        {"start_date": "9999-12-31"},
        {"end_date": "0001-01-01"},
        {"start_date": "0001-01-01T00:00:00-12:00"},
        {"start_date": "not a date"},
        {"service_code": "1" * 23},
        {"status": "pending"},
    ],
)
def test_open311_refusals_are_400s_in_the_georeport_format_in_chinese(client, personas, query):
    response = client.get("/open311/v2/requests.json", query)
    assert response.status_code == 400
    [error] = response.json()
    assert error["code"] == 400 and re.search(r"[\u4e00-\u9fff]", error["description"]), error
