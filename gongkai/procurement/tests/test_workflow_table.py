"""The workflow table, walked: every (verb, state) pair either leads where the table says or is
refused, by the action itself, with the state named."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gongkai.procurement import actions, workflow
from gongkai.procurement.models import NoticeKind, Project, ProjectState

pytestmark = pytest.mark.django_db


def _in_state(state, make_project, awarded, personas):
    if state == ProjectState.PLANNED:
        return make_project()
    if state == ProjectState.PROCURING:
        return actions.start_procurement(
            make_project(), actor=personas.editor, started_on=dt.date(2018, 6, 1)
        )
    project = awarded()
    if state == ProjectState.AWARDED:
        return project
    if state == ProjectState.CONTRACTED:
        return actions.record_contract(
            project, actor=personas.editor, contract_signed_on=dt.date(2018, 7, 10)
        )
    return actions.terminate(project, actor=personas.editor, reason="采购需求发生变化")


def _apply(verb, project, personas):
    user = personas.editor
    if verb == "edit":
        return actions.update_project(project, actor=user, name=project.name + "（修改）")
    if verb == "remove":
        return actions.remove_project(project, actor=user)
    if verb == "start":
        return actions.start_procurement(project, actor=user, started_on=dt.date(2018, 6, 1))
    if verb == "award":
        return actions.award(
            project,
            actor=user,
            supplier_name="某公司",
            contract_amount="900000",
            supplier_chosen_on=dt.date(2018, 7, 1),
        )
    if verb == "contract":
        return actions.record_contract(project, actor=user, contract_signed_on=dt.date(2018, 7, 20))
    if verb == "terminate":
        return actions.terminate(project, actor=user, reason="预算调整")
    if verb == "link":
        from gongkai.catalog.interface import draft_item

        version = draft_item(
            actor=user,
            organisation=project.organisation,
            column_slugs=("zfcg", "tzgg"),
            title="旧公告",
            body="<p>x</p>",
        )
        from gongkai.catalog.models import Item

        kind = NoticeKind.TENDER
        return actions.link_notice(
            project, kind, actor=user, index_no=Item.objects.get(pk=version.item_id).index_no
        )
    kind = {v: k for k, v in workflow.NOTICE_VERBS.items()}[verb]
    return actions.draft_notice(project, kind, actor=user)


@pytest.mark.parametrize("state", ProjectState.values)
@pytest.mark.parametrize("verb", list(workflow.TRANSITIONS))
def test_every_verb_in_every_state(verb, state, personas, make_project, awarded):
    project = _in_state(state, make_project, awarded, personas)
    transition = workflow.TRANSITIONS[verb]
    if state not in transition.sources:
        with pytest.raises(ValidationError) as caught:
            _apply(verb, project, personas)
        assert f"（{ProjectState(state).label}）" in caught.value.messages[0]
        return
    _apply(verb, project, personas)
    if verb == "remove":
        assert not Project.objects.filter(pk=project.pk).exists()
        return
    project.refresh_from_db()
    assert project.state == (transition.target or state)


def test_the_staff_page_offers_the_verbs_of_the_state():
    assert {t.verb for t in workflow.verbs_from(ProjectState.TERMINATED)} == set()
    assert "award" in {t.verb for t in workflow.verbs_from(ProjectState.PROCURING)}
