"""An item standing in more than one column (Version.also_columns) through the staff item form:
offered without the main column, checked, audited, kept on a correction."""

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.catalog import actions
from gongkai.catalog.models import Column, Version

pytestmark = pytest.mark.django_db


def _data(personas, column, **overrides):
    data = {
        "organisation": personas.department.pk,
        "column": column.pk,
        "title": "区政府召开教育工作专题会议",
        "doc_kind": "information",
        "disclosure_mode": "proactive",
        "validity": "",
        "body": "<p>会议研究部署了有关工作。</p>",
        "keywords": "",
        "summary": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def columns(personas):
    return {c.slug: c for c in Column.objects.filter(district=personas.district)}


def test_an_item_is_created_in_a_second_column_and_the_choice_is_audited(client, personas, columns, column):
    client.force_login(personas.editor)
    version = actions.create_item(
        actor=personas.editor, organisation=personas.department, column=column, title="t"
    )
    form = client.get(reverse("catalog_staff:edit", args=[version.pk])).context["form"]
    offered = {pk for pk, _label in form.fields["also_columns"].widget.choices}
    assert column.pk not in offered and columns["ztbd"].pk in offered
    response = client.post(
        reverse("catalog_staff:new"), _data(personas, column, also_columns=[columns["ztbd"].pk])
    )
    assert response.status_code == 302
    created = Version.objects.get(title="区政府召开教育工作专题会议")
    assert list(created.also_columns.all()) == [columns["ztbd"]]
    event = AuditEvent.objects.get(action="item.create", target_id=str(created.item_id))
    assert event.changes["also_columns"] == [[], [str(columns["ztbd"])]]
    page = client.get(response["Location"]).content.decode()
    assert "同时发布到的栏目" in page and columns["ztbd"].name in page


def test_the_main_column_chosen_again_is_refused_in_chinese_and_nothing_is_lost(client, personas, column):
    client.force_login(personas.editor)
    response = client.post(reverse("catalog_staff:new"), _data(personas, column, also_columns=[column.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert f"“{column.name}”已是主栏目，无需再选为同时发布的栏目。" in page
    assert 'value="区政府召开教育工作专题会议"' in page
    assert not Version.objects.filter(title="区政府召开教育工作专题会议").exists()
    unknown = client.post(reverse("catalog_staff:new"), _data(personas, column, also_columns=[999999]))
    assert "不是本区可用的栏目" in unknown.content.decode()


def test_the_action_refuses_the_main_column_an_inactive_one_and_a_move_onto_an_also_column(
    personas, columns, column
):
    ztbd = columns["ztbd"]
    with pytest.raises(Exception) as refused:
        actions.create_item(
            actor=personas.editor,
            organisation=personas.department,
            column=column,
            title="t",
            also_columns=[column],
        )
    assert "已是主栏目" in str(refused.value)
    version = actions.create_item(
        actor=personas.editor, organisation=personas.department, column=column, title="t", also_columns=[ztbd]
    )
    with pytest.raises(Exception) as moved:
        actions.update_draft(version, actor=personas.editor, column=ztbd)  # also_columns unchanged
    assert "已是主栏目" in str(moved.value)
    Column.objects.filter(pk=columns["tzgg"].pk).update(is_active=False)
    with pytest.raises(Exception) as inactive:
        actions.update_draft(
            version, actor=personas.editor, also_columns=[Column.objects.get(pk=columns["tzgg"].pk)]
        )
    assert "已停用" in str(inactive.value)
    assert list(Version.objects.get(pk=version.pk).also_columns.all()) == [ztbd]


def test_editing_changes_the_columns_and_a_correction_keeps_them(client, personas, columns, column, publish):
    ztbd, tzgg = columns["ztbd"], columns["tzgg"]
    version = actions.create_item(
        actor=personas.editor,
        organisation=personas.department,
        column=column,
        title="t",
        body="<p>b</p>",
        also_columns=[ztbd],
    )
    client.force_login(personas.editor)
    data = _data(personas, column, title="t", body="<p>b</p>", also_columns=[ztbd.pk, tzgg.pk])
    del data["organisation"]
    assert client.post(reverse("catalog_staff:edit", args=[version.pk]), data).status_code == 302
    assert set(Version.objects.get(pk=version.pk).also_columns.all()) == {ztbd, tzgg}
    event = AuditEvent.objects.filter(action="item.edit", target_id=str(version.item_id)).latest("pk")
    before, after = event.changes["also_columns"]
    assert before == [str(ztbd)] and set(after) == {str(ztbd), str(tzgg)}
    publish(Version.objects.get(pk=version.pk))
    correction = actions.start_correction(version.item, actor=personas.editor)
    assert set(correction.also_columns.all()) == {ztbd, tzgg}
    form = client.get(reverse("catalog_staff:edit", args=[correction.pk])).context["form"]
    assert set(form.initial["also_columns"]) == {ztbd.pk, tzgg.pk}
    del data["also_columns"]  # none selected: the correction stands in its main column only
    client.post(reverse("catalog_staff:edit", args=[correction.pk]), data)
    assert not Version.objects.get(pk=correction.pk).also_columns.exists()
