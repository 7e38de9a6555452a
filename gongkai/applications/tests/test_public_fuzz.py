"""Whatever is typed into the public forms, the server never answers with an error page (500)."""

from __future__ import annotations

import os

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, event, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from gongkai.applications.models import ApplicantType, Delivery, Form, IdType
from gongkai.applications.outcomes import ApplicantCategory

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 16

FIELDS = {
    "applicant_type": ApplicantType.values,
    "name": None,
    "id_type": IdType.values,
    "id_number": None,
    "org_name": None,
    "uscc": None,
    "legal_representative": None,
    "contact_person": None,
    "category": ApplicantCategory.values,
    "phone": None,
    "email": None,
    "address": None,
    "postcode": None,
    "organisation": None,
    "description": None,
    "doc_number": None,
    "form": Form.values,
    "delivery": Delivery.values,
}

any_text = st.text()  # any code point but surrogates: control characters, RTL marks, emoji …
control_text = st.text(
    alphabet=st.characters(max_codepoint=0x1F) | st.sampled_from("\x7f\u200b\ufeff"), max_size=20
)
huge_text = st.builds(lambda ch, n: ch * n, st.characters(), st.integers(1_000, 300_000))


def value_for(field: str, choices: list[str] | None):
    options = [any_text, control_text, huge_text, st.just(""), st.integers().map(str)]
    if choices:
        options.insert(0, st.sampled_from(choices))
    return st.one_of(options)


@st.composite
def submissions(draw, base: dict):
    data = dict(base)
    # A few fields changed at a time, so that many examples get as far as being saved.
    for field in draw(st.sets(st.sampled_from(list(FIELDS)), max_size=5)):
        if draw(st.integers(0, 4)):
            data[field] = draw(value_for(field, FIELDS[field]))
        else:
            data.pop(field, None)
    upload = draw(st.sampled_from([None, None, "random", "png"]))
    if upload:
        name = draw(st.text(max_size=60).filter(lambda n: os.path.basename(n) not in {"", ".", ".."}))
        content = draw(st.binary(max_size=2048)) if upload == "random" else PNG + draw(st.binary(max_size=64))
        data["id_copy"] = SimpleUploadedFile(name, content)
    return data


@pytest.fixture
def base(personas, citizen_data):
    return {**citizen_data, "organisation": str(personas.department.pk)}


@examples(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_the_application_form_never_answers_500(client, base, data, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()  # the submission throttle must not decide the outcome
    payload = data.draw(submissions(base))
    response = client.post("/apply/", payload)
    event(f"HTTP {response.status_code}")
    assert response.status_code < 500
    if response.status_code == 200:
        assert "政府信息公开申请表" in response.content.decode()


@examples(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(number=st.one_of(st.text(), st.just("")), code=st.one_of(st.text(), st.just("")))
def test_the_status_lookup_never_answers_500(client, personas, number, code):
    cache.clear()
    assert client.post("/apply/status/", {"number": number, "code": code}).status_code < 500


@examples(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.text(max_size=30))
def test_the_calculator_page_never_answers_500(client, personas, value):
    assert client.get("/apply/deadline/", {"received": value}).status_code < 500
