"""The power list's interface for the service items: a public power is found by code with its
name, type and page; a draft, unknown or another district's code is not."""

import datetime as dt

from gongkai.accounts.factories import build_personas
from gongkai.powers.interface import find_power
from gongkai.powers.models import ChangeKind, PowerType


def test_a_public_power_is_found_with_its_name_type_and_page(personas, listed, make_document, add_power):
    found = find_power(personas.district, "JY-001")
    assert found is not None
    assert (found.code, found.name, found.type_label, found.in_force) == (
        "JY-001",
        "权力JY-001",
        "行政许可",
        True,
    )
    assert found.public_url == "/xxgk/qlqd/ql/JY-001/"

    draft = make_document(number="教发〔2018〕2号", issued_on=dt.date(2018, 5, 1))
    add_power(draft, "JY-009", kind=ChangeKind.ADD, type=PowerType.PENALTY)
    assert find_power(personas.district, "JY-009") is None  # recorded, not yet public
    assert find_power(personas.district, "NO-SUCH") is None
    assert find_power(personas.district, "  ") is None
    other = build_personas(prefix="乙", region="431003")
    assert find_power(other.district, "JY-001") is None


def test_a_cancelled_power_is_found_as_not_in_force(personas, listed, make_document, publish):
    from gongkai.powers import actions

    document = make_document(number="教发〔2018〕3号", issued_on=dt.date(2018, 5, 2))
    actions.record_change(document, actor=personas.editor, code="JY-002", kind=ChangeKind.CANCEL)
    publish(document)
    found = find_power(personas.district, "JY-002")
    assert found is not None and found.in_force is False
