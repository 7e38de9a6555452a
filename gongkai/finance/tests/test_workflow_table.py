"""The disclosure's transition table walked pair by pair: every verb from every state, through its action."""

import pytest
from django.core.exceptions import ValidationError

from gongkai.catalog import actions as catalog_actions
from gongkai.catalog.models import Column, Item
from gongkai.finance import actions, workflow
from gongkai.finance.models import FinanceTable, Kind, State

from .conftest import workbook

pytestmark = pytest.mark.django_db

CALLS = {
    "edit": lambda d, p, item: actions.update_disclosure(d, actor=p.editor, functions="职能"),
    "import": lambda d, p, item: actions.import_tables(d, workbook(Kind.THREE_PUBLIC_FINAL), actor=p.editor),
    "mark_empty": lambda d, p, item: actions.mark_empty(d, "tpf-1", actor=p.editor),
    "remove_table": lambda d, p, item: actions.remove_table(
        FinanceTable.objects.get(disclosure=d), actor=p.editor
    ),
    "release": lambda d, p, item: actions.release_disclosure(d, actor=p.editor),
    "link": lambda d, p, item: actions.link_item(d, actor=p.editor, index_no=item.index_no),
}
PAIRS = [(verb, state) for verb in workflow.TRANSITIONS for state in State.values]


def test_every_verb_has_a_call_and_a_label():
    assert set(CALLS) == set(workflow.TRANSITIONS)
    assert all(str(t.label) for t in workflow.TRANSITIONS.values())


@pytest.mark.parametrize("verb,state", PAIRS)
def test_each_verb_works_exactly_from_its_source_states(verb, state, personas, frozen, make_disclosure):
    d = make_disclosure(kind=Kind.THREE_PUBLIC_FINAL)
    actions.import_tables(d, workbook(Kind.THREE_PUBLIC_FINAL), actor=personas.editor)
    actions.update_disclosure(d, actor=personas.editor, three_public_changes="压减接待费")
    column = Column.objects.get(district=personas.district, slug="sgjf")
    version = catalog_actions.create_item(
        actor=personas.editor,
        organisation=personas.budget_unit,
        column=column,
        title="旧网站的“三公”经费决算",
        body="<p>x</p>",
    )
    item = Item.objects.get(pk=version.item_id)
    if state == State.RELEASED:
        d = actions.release_disclosure(d, actor=personas.editor)
    transition = workflow.TRANSITIONS[verb]
    if state in transition.sources:
        CALLS[verb](d, personas, item)
        d.refresh_from_db()
        assert d.state == (transition.target or state)
    else:
        with pytest.raises(workflow.IllegalTransition):
            CALLS[verb](d, personas, item)
        d.refresh_from_db()
        assert d.state == state


def test_the_refusal_is_worded_in_chinese():
    exc = workflow.IllegalTransition("release", State.RELEASED)
    assert isinstance(exc, ValidationError)
    assert exc.messages == ["该预决算公开当前状态（已提交发布）不能执行“提交发布”。"]
