import datetime as dt

import pytest

from gongkai.applications import actions
from gongkai.applications.models import ApplicantType, Channel
from gongkai.lib.validators import id_check_digit


def fake_id(birth: str = "19850612", serial: str = "123") -> str:
    body = f"431002{birth}{serial}"
    return body + id_check_digit(body)


@pytest.fixture
def citizen_data():
    return {
        "applicant_type": ApplicantType.NATURAL,
        "name": "张晓明",
        "id_type": "mainland_id",
        "id_number": fake_id(),
        "phone": "13800138000",
        "email": "zhang@example.com",
        "address": "郴州市北湖区人民路12号",
        "description": "2018年城乡低保资金发放明细",
        "form": "electronic",
        "delivery": "online",
    }


@pytest.fixture
def make_app(personas, citizen_data):
    def make(received=dt.date(2025, 6, 9), organisation=None, **overrides):
        data = {**citizen_data, **overrides}
        app, code = actions.submit_application(
            organisation=organisation or personas.department,
            data=data,
            channel=Channel.IN_PERSON,
            actor=personas.coordinator,
            arrived_on=received,
        )
        app.query_code = code
        return app

    return make
