"""The steps of a project through the actions: what each checks, what it writes, what it refuses."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from gongkai.audit.models import AuditEvent
from gongkai.procurement import actions
from gongkai.procurement.models import NoticeKind, Project, ProjectState

pytestmark = pytest.mark.django_db


def test_a_project_is_entered_as_planned_with_its_audit_event(personas, make_project):
    project = make_project(code="JY-CG-001", budget="1280000.00")
    assert project.state == ProjectState.PLANNED
    assert project.budget == Decimal("1280000.00")
    event = AuditEvent.objects.get(action="procurement.create", target_id=str(project.pk))
    assert event.changes["budget"] == [None, "1280000.00"]


def test_bad_input_is_refused_with_every_problem_named(personas, today):
    with pytest.raises(ValidationError) as caught:
        actions.create_project(
            actor=personas.editor,
            organisation=personas.department,
            code="",
            name="",
            year=18,
            type="food",
            method="lottery",
            budget="12.345",
        )
    errors = caught.value.message_dict
    assert set(errors) == {"code", "name", "year", "type", "method", "budget"}
    assert "两位小数" in errors["budget"][0]
    assert not Project.objects.exists()


@pytest.mark.parametrize("text", ["abc", "-5", "0", "1e400"])
def test_an_amount_that_is_not_a_positive_sum_of_money_is_refused(personas, make_project, text):
    with pytest.raises(ValidationError) as caught:
        actions.create_project(
            actor=personas.editor,
            organisation=personas.department,
            code="X-1",
            name="项目",
            year=2018,
            type="goods",
            method="inquiry",
            budget=text,
        )
    assert "budget" in caught.value.message_dict


def test_amounts_with_thousands_separators_are_read(personas, today):
    project = actions.create_project(
        actor=personas.editor,
        organisation=personas.department,
        code="X-2",
        name="项目",
        year=2018,
        type="services",
        method="inquiry",
        budget="1,234,567.80元",
    )
    assert project.budget == Decimal("1234567.80")


def test_a_code_is_used_once_in_a_district(make_project):
    make_project(code="JY-CG-001")
    with pytest.raises(ValidationError) as caught:
        make_project(code="JY-CG-001")
    assert "已有编号" in caught.value.message_dict["code"][0]


def test_the_contract_amount_may_not_exceed_the_budget(personas, make_project):
    project = make_project(budget="100000.00")
    actions.start_procurement(project, actor=personas.editor, started_on=dt.date(2018, 6, 1))
    with pytest.raises(ValidationError) as caught:
        actions.award(
            project,
            actor=personas.editor,
            supplier_name="某公司",
            contract_amount="100000.01",
            supplier_chosen_on=dt.date(2018, 6, 20),
        )
    assert "超出预算" in caught.value.message_dict["contract_amount"][0]
    project.refresh_from_db()
    assert project.state == ProjectState.PROCURING and project.contract_amount is None


def test_award_checks_the_supplier_code_and_the_dates(personas, make_project):
    project = make_project()
    actions.start_procurement(project, actor=personas.editor, started_on=dt.date(2018, 6, 1))
    with pytest.raises(ValidationError) as caught:
        actions.award(
            project,
            actor=personas.editor,
            supplier_name="某公司",
            supplier_code="91431000000000000X",
            contract_amount="900000",
            supplier_chosen_on=dt.date(2018, 5, 1),
        )
    errors = caught.value.message_dict
    assert "校验位" in errors["supplier_code"][0] or "统一社会信用代码" in errors["supplier_code"][0]
    assert "不能早于" in errors["supplier_chosen_on"][0]


def test_a_day_in_the_future_is_refused(personas, make_project, today):
    project = make_project()
    with pytest.raises(ValidationError) as caught:
        actions.start_procurement(project, actor=personas.editor, started_on=today + dt.timedelta(days=1))
    assert "不能晚于今天" in caught.value.message_dict["started_on"][0]


def test_the_steps_lead_to_a_contract_and_the_savings_are_computed(personas, awarded):
    project = awarded(budget="1000000.00", contract="968000.00")
    project = actions.record_contract(project, actor=personas.editor, contract_signed_on=dt.date(2018, 7, 20))
    assert project.state == ProjectState.CONTRACTED
    assert project.savings == Decimal("32000.00")
    assert project.savings_rate == Decimal("3.20")
    actions_seen = list(
        AuditEvent.objects.filter(target_id=str(project.pk), action__startswith="procurement.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions_seen == [
        "procurement.create",
        "procurement.start",
        "procurement.award",
        "procurement.contract",
    ]


def test_a_step_out_of_order_is_refused_in_chinese(personas, make_project):
    project = make_project()
    with pytest.raises(ValidationError) as caught:
        actions.record_contract(project, actor=personas.editor, contract_signed_on=dt.date(2018, 7, 20))
    assert "不能执行“登记合同”" in caught.value.messages[0]


def test_termination_needs_a_reason_and_ends_the_project(personas, make_project):
    project = make_project()
    with pytest.raises(ValidationError):
        actions.terminate(project, actor=personas.editor, reason=" ")
    project = actions.terminate(project, actor=personas.editor, reason="符合条件的供应商不足三家，依法废标")
    assert project.state == ProjectState.TERMINATED


def test_the_plan_is_edited_while_planned_and_the_change_is_audited(personas, make_project):
    project = make_project(budget="500000.00")
    actions.update_project(project, actor=personas.editor, budget="520000.00", name="新名称")
    project.refresh_from_db()
    assert (project.budget, project.name) == (Decimal("520000.00"), "新名称")
    event = AuditEvent.objects.filter(action="procurement.edit").latest("pk")
    assert event.changes["budget"] == ["500000.00", "520000.00"]


def test_a_planned_project_without_notices_can_be_removed_and_one_with_a_notice_cannot(
    personas, make_project
):
    first = make_project()
    actions.remove_project(first, actor=personas.editor)
    assert not Project.objects.filter(pk=first.pk).exists()
    second = make_project()
    actions.draft_notice(second, NoticeKind.INTENTION, actor=personas.editor)
    with pytest.raises(ValidationError):
        actions.remove_project(second, actor=personas.editor)


def test_an_intention_must_say_what_the_circular_requires(personas, make_project):
    project = make_project(requirements="", planned_start_on=None)
    with pytest.raises(ValidationError) as caught:
        actions.draft_notice(project, NoticeKind.INTENTION, actor=personas.editor)
    assert "需求概况" in caught.value.messages[0] and "预计采购时间" in caught.value.messages[0]


def test_a_drafted_notice_is_a_draft_item_of_the_purchasing_unit_with_the_amounts(personas, awarded):
    from gongkai.catalog.models import Item, Version

    project = awarded(budget="1000000.00", contract="950000.00")
    notice = actions.draft_notice(project, NoticeKind.RESULT, actor=personas.editor)
    item = Item.objects.get(pk=notice.item_id)
    version = Version.objects.get(item=item)
    assert item.organisation == personas.department
    assert version.title.endswith("中标结果公告")
    assert "950,000.00" in version.body and "郴州市某某教学设备有限公司" in version.body
    with pytest.raises(ValidationError):
        actions.draft_notice(project, NoticeKind.RESULT, actor=personas.editor)


def test_a_notice_can_be_linked_to_an_item_the_catalog_has_once(personas, make_project, awarded):
    from gongkai.catalog.models import Item

    project = make_project()
    drafted = actions.draft_notice(project, NoticeKind.INTENTION, actor=personas.editor)
    index_no = Item.objects.get(pk=drafted.item_id).index_no
    other = make_project()
    with pytest.raises(ValidationError) as caught:
        actions.link_notice(other, NoticeKind.INTENTION, actor=personas.editor, index_no=index_no)
    assert "已是某个采购项目的公告" in caught.value.message_dict["index_no"][0]
    with pytest.raises(ValidationError) as caught:
        actions.link_notice(other, NoticeKind.INTENTION, actor=personas.editor, index_no="nope")
    assert "没有索引号" in caught.value.message_dict["index_no"][0]
