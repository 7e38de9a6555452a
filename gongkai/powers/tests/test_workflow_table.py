"""The document's transition table walked pair by pair: every verb from every state, through its
action."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gongkai.catalog.models import Item
from gongkai.powers import actions, workflow
from gongkai.powers.models import ChangeKind, DocumentState, PowerChange, SourceDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice_item(personas):
    from gongkai.catalog import actions as catalog_actions
    from gongkai.catalog.models import Column

    column = Column.objects.get(district=personas.district, slug="tzgg")
    version = catalog_actions.create_item(
        actor=personas.editor,
        organisation=personas.department,
        column=column,
        title="旧网站的公告",
        body="<p>x</p>",
    )
    return Item.objects.get(pk=version.item_id)


CALLS = {
    "record": lambda d, p, item: actions.record_change(
        d, actor=p.editor, code="JY-001", kind=ChangeKind.ADJUST, name="新"
    ),
    "remove": lambda d, p, item: actions.remove_change(PowerChange.objects.get(document=d), actor=p.editor),
    "import": lambda d, p, item: actions.import_changes(d, _empty_sheet(), actor=p.editor),
    "release": lambda d, p, item: actions.release_document(d, actor=p.editor),
    "link": lambda d, p, item: actions.link_notice(d, actor=p.editor, index_no=item.index_no),
}
PAIRS = [(verb, state) for verb in workflow.TRANSITIONS for state in DocumentState.values]


def _empty_sheet():
    from io import BytesIO

    from openpyxl import Workbook

    from gongkai.powers.importer import HEADERS

    book = Workbook()
    book.active.append(HEADERS)
    book.active.append(["JY-002", "调整", "", "改过的名称"])
    buffer = BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def test_the_walk_covers_every_verb_of_the_table():
    assert set(CALLS) == set(workflow.TRANSITIONS)


@pytest.mark.parametrize(("verb", "state"), PAIRS, ids=[f"{v}-from-{s}" for v, s in PAIRS])
def test_a_verb_applies_only_in_the_states_the_table_names(
    personas, listed, make_document, notice_item, verb, state
):
    document = make_document("教发〔2018〕10号", issued_on=dt.date(2018, 4, 20))
    actions.record_change(document, actor=personas.editor, code="JY-003", kind=ChangeKind.CANCEL)
    SourceDocument.objects.filter(pk=document.pk).update(state=state)
    document.refresh_from_db()
    transition = workflow.TRANSITIONS[verb]
    if state in transition.sources:
        CALLS[verb](document, personas, notice_item)
        document.refresh_from_db()
        assert document.state == (transition.target or state)
    else:
        with pytest.raises(ValidationError):
            CALLS[verb](document, personas, notice_item)


def test_linking_needs_an_item_of_the_district_not_yet_another_documents(
    personas, listed, make_document, notice_item
):
    document = make_document("教发〔2018〕10号", issued_on=dt.date(2018, 4, 20))
    actions.record_change(document, actor=personas.editor, code="JY-003", kind=ChangeKind.CANCEL)
    with pytest.raises(ValidationError) as exc:
        actions.link_notice(document, actor=personas.editor, index_no="nothing/2018-00001")
    assert "没有索引号" in " ".join(exc.value.messages)
    listed_item = Item.objects.get(pk=listed.notice_item_id)
    with pytest.raises(ValidationError) as exc:
        actions.link_notice(document, actor=personas.editor, index_no=listed_item.index_no)
    assert "另一份依据文件" in " ".join(exc.value.messages)
    actions.link_notice(document, actor=personas.editor, index_no=notice_item.index_no)


def test_an_empty_document_cannot_be_released(personas, make_document):
    with pytest.raises(ValidationError):
        actions.release_document(make_document(), actor=personas.editor)
