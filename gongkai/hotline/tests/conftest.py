import pytest

from gongkai.hotline import actions
from gongkai.hotline.models import Category, Channel


@pytest.fixture
def hotline(personas):
    """The personas' district with categories; the operator works in the office."""
    cats = {
        name: Category.objects.create(district=personas.district, name=name, default_organisation=org)
        for name, org in [
            ("教育", personas.department),
            ("财政", personas.other_department),
            ("城市管理", None),
        ]
    }
    return cats


@pytest.fixture
def call(personas, hotline):
    def make(matter="孩子入学划片问题，希望尽快答复", category="教育", **data):
        ticket, code = actions.intake(
            office=personas.office,
            channel=Channel.PHONE,
            actor=personas.operator,
            data={
                "caller_name": "李女士",
                "phone": "13907350001",
                "matter": matter,
                "category": hotline[category],
                **data,
            },
        )
        ticket.query_code = code
        return ticket

    return make
