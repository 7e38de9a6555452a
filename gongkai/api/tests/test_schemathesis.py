"""Schemathesis against the public API's OpenAPI document (/api/openapi.json): every operation, with
data generated from its schema (valid and invalid), answers without a server error, and every
answer matches the documented responses (status code, content type, body schema).

CI runs a small number of cases per operation; ``make security`` runs many more
(``GONGKAI_FUZZ_EXAMPLES``). The figures (operations, cases) are printed at the end.
"""

from __future__ import annotations

import json
import os
from collections import Counter

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = [pytest.mark.django_db, pytest.mark.security]

EXAMPLES = int(os.environ.get("GONGKAI_FUZZ_EXAMPLES", "2"))
STATUSES: Counter[int] = Counter()  # the answers seen, for the summary line
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def wsgi_app(personas):
    """The deployment's WSGI application on the test database (as Django's test client does, the
    connection is kept open between requests)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _fuzz_operation(operation, mode: GenerationMode, counts: dict[str, int], headers, cookies) -> None:
    label = operation.label

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def run(case):
        if cookies:  # the signed-in session, in place of whatever the security scheme generated
            case.cookies = {**(case.cookies or {}), **cookies}
        response = case.call(headers=headers)
        counts[label] = counts.get(label, 0) + 1
        STATUSES[response.status_code] += 1
        case.validate_response(response, checks=CHECKS)

    run()


def _fuzz(schema, mode: GenerationMode, counts: dict[str, int], headers=None, cookies=None) -> list[str]:
    """Fuzz every operation; the failures found, one text per operation."""
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        try:
            _fuzz_operation(operation, mode, counts, headers, cookies)
        except Unsatisfiable:
            assert mode == GenerationMode.NEGATIVE, operation.label  # no parameter to make invalid
        except BaseExceptionGroup as group:  # schemathesis's FailureGroup: each failure found
            details = "; ".join(
                f"{getattr(f, 'title', '')} {getattr(f, 'message', f)}".strip() for f in group.exceptions
            )
            failures.append(f"{operation.label}: {details}")
    return failures


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
def test_every_public_api_operation_answers_as_documented(wsgi_app, mode, capsys):
    STATUSES.clear()
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", wsgi_app)
    counts: dict[str, int] = {}
    failures = _fuzz(schema, mode, counts)
    with capsys.disabled():
        print(
            f"\nschemathesis ({mode.value}): {len(counts)} operations, {sum(counts.values())} cases; {dict(STATUSES)}"
        )
    assert not failures, "\n\n".join(failures)
    assert len(counts) >= 10  # every operation of the document was reached


@pytest.fixture
def staff_headers(client, personas) -> dict[str, dict[str, str]]:
    """The office's coordinator signed in, with the CSRF token, as the workbench's own script calls
    the staff API (made before ``wsgi_app``: the test client reconnects the connection closing)."""
    client.force_login(personas.coordinator)
    client.get("/staff/")  # sets the CSRF cookie
    cookies = {name: morsel.value for name, morsel in client.cookies.items()}
    return {"headers": {"X-CSRFToken": cookies.get("csrftoken", "")}, "cookies": cookies}


def test_every_staff_api_operation_answers_as_documented(staff_headers, wsgi_app, capsys):
    STATUSES.clear()
    schema = schemathesis.openapi.from_wsgi("/staff/api/openapi.json", wsgi_app)
    counts: dict[str, int] = {}
    failures = []
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        failures += _fuzz(schema, mode, counts, **staff_headers)
    with capsys.disabled():
        print(
            f"\nschemathesis (staff): {len(counts)} operations, {sum(counts.values())} cases; {dict(STATUSES)}"
        )
    assert not failures, "\n\n".join(failures)
    assert len(counts) == 3


def test_no_key_appears_twice_in_the_documents(client, personas):
    """A status keyed both as 404 and "404" becomes one JSON key twice, which Swagger UI's parser
    refuses (the /api/docs page then shows nothing)."""
    twice = []

    def pairs(items):
        keys = [k for k, _v in items]
        twice.extend(k for k in set(keys) if keys.count(k) > 1)
        return dict(items)

    client.force_login(personas.coordinator)
    for url in ("/api/openapi.json", "/staff/api/openapi.json"):
        json.loads(client.get(url).content, object_pairs_hook=pairs)
    assert not twice
