"""Service items and guides: the six basic elements required, a guide missing an element refused
with each missing one named in Chinese, release through the catalog, versions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.audit.models import AuditEvent
from gongkai.services import actions, guides
from gongkai.services.models import GuideState
from gongkai.services.public import public_guides

from .conftest import COMPLETE


def test_an_item_needs_its_six_basic_elements_each_named(personas):
    with pytest.raises(ValidationError) as caught:
        actions.create_item(
            actor=personas.editor, organisation=personas.department, code="", name="", type=""
        )
    errors = caught.value.message_dict
    assert errors["name"] == ["请填写事项名称（全国统一的基本要素）。"]
    assert errors["code"] == ["请填写事项编码（全国统一的基本要素）。"]
    assert set(errors) == {"name", "code", "type", "department", "basis"}


def test_an_item_code_is_unique_in_the_district(make_item):
    make_item()
    with pytest.raises(ValidationError) as caught:
        make_item()
    assert caught.value.message_dict["code"] == ["本区已登记事项编码 JY-XK-001。"]


def test_a_guide_missing_elements_is_refused_and_names_each_in_chinese(make_item, personas):
    item = make_item()
    partial = {k: v for k, v in COMPLETE.items() if k not in ("fees", "promised_limit_days", "phone")}
    guide = actions.create_guide(item, actor=personas.editor, **partial)
    assert guides.missing_elements(guide) == ["收费标准", "承诺时限", "联系电话"]
    with pytest.raises(ValidationError) as caught:
        actions.release_guide(guide, actor=personas.editor)
    assert caught.value.messages == ["办事指南缺少以下要素，不能发布：收费标准、承诺时限、联系电话。"]
    guide.refresh_from_db()
    assert guide.state == GuideState.DRAFT and guide.notice_item_id is None
    # Completed, it goes.
    actions.edit_guide(guide, actor=personas.editor, fees="不收费", promised_limit_days=3, phone="0735-1")
    assert actions.release_guide(guide, actor=personas.editor).state == GuideState.RELEASED


def test_an_empty_guide_names_all_twelve_elements(make_item, personas):
    guide = actions.create_guide(make_item(), actor=personas.editor)
    assert guides.missing_elements(guide) == [
        "申请条件",
        "申请材料",
        "办理地点",
        "办理时间",
        "收费标准",
        "法定时限",
        "承诺时限",
        "到现场次数",
        "办理流程",
        "咨询方式",
        "监督投诉方式",
        "联系电话",
    ]


def test_materials_are_read_with_originals_copies_and_format_and_bad_lines_named(make_item, personas):
    assert guides.parse_materials("身份证 | 1 | 2 | 纸质 | 核验\n申请书\t1\t0\t电子") == [
        {"name": "身份证", "originals": 1, "copies": 2, "format": "paper", "note": "核验"},
        {"name": "申请书", "originals": 1, "copies": 0, "format": "electronic", "note": ""},
    ]
    with pytest.raises(ValidationError) as caught:
        guides.parse_materials("身份证 | 一 | 2\n | 1\n营业执照 | 0 | 0 | 纸质\n照片 | 1 | 0 | 胶片")
    assert caught.value.message_dict["materials"] == [
        "申请材料第1行：原件份数应为0到99的整数。",
        "申请材料第2行：请填写材料名称。",
        "申请材料第3行：纸质材料请写明原件或复印件份数。",
        "申请材料第4行：材料形式应为纸质、电子或纸质或电子。",
    ]


def test_the_promised_limit_may_not_exceed_the_legal_one(make_item, personas):
    with pytest.raises(ValidationError) as caught:
        actions.create_guide(make_item(), actor=personas.editor, legal_limit_days=5, promised_limit_days=10)
    assert caught.value.message_dict["promised_limit_days"] == [
        "承诺时限（10个工作日）不能长于法定时限（5个工作日）。"
    ]


def test_a_released_guide_is_public_once_the_catalog_publishes_it(make_item, personas, publish_guide):
    item = make_item()
    guide = actions.create_guide(item, actor=personas.editor, **COMPLETE)
    guide = actions.release_guide(guide, actor=personas.editor)
    assert not public_guides(personas.district).exists()  # in review
    publish_guide_rest(guide, personas)
    assert list(public_guides(personas.district)) == [guide]
    assert AuditEvent.objects.filter(action="service_guide.release", target_id=str(guide.pk)).exists()


def publish_guide_rest(guide, personas):
    from gongkai.catalog import actions as catalog_actions
    from gongkai.catalog.models import Version

    version = Version.objects.get(item_id=guide.notice_item_id)
    catalog_actions.submit(version, actor=personas.editor)
    catalog_actions.review(version, actor=personas.reviewer, passed=True)
    catalog_actions.approve(version, actor=personas.leader, approved=True)


def test_a_published_guide_changes_by_a_new_version_reviewed_again(published_item, personas, publish_guide):
    first = published_item.guides.get()
    with pytest.raises(ValidationError):
        actions.edit_guide(first, actor=personas.editor, fees="每件10元")
    draft = actions.revise_guide(first, actor=personas.editor, note="调整办理时间")
    assert (draft.version, draft.state, draft.fees) == (2, GuideState.DRAFT, "不收费")
    with pytest.raises(ValidationError):
        actions.revise_guide(first, actor=personas.editor)  # one draft at a time
    actions.edit_guide(draft, actor=personas.editor, hours="工作日 9:00-17:00")
    assert list(public_guides(personas.district)) == [first]  # the old one until the new is public
    publish_guide(draft)
    assert list(public_guides(personas.district)) == [draft]


def test_basic_elements_are_fixed_once_a_guide_is_released(published_item, personas):
    with pytest.raises(ValidationError):
        actions.edit_item(
            published_item,
            actor=personas.editor,
            name="改名",
            type=published_item.type,
            department=published_item.department,
            basis=published_item.basis,
        )


def test_another_department_is_refused_every_action(make_item, personas):
    item = make_item()
    guide = actions.create_guide(item, actor=personas.editor, **COMPLETE)
    outsider = personas.outsider
    with pytest.raises(PermissionDenied):
        actions.create_item(
            actor=outsider,
            code="X-1",
            name="x",
            type="licensing",
            department=personas.department,
            organisation=personas.department,
            basis="b",
        )
    with pytest.raises(PermissionDenied):
        actions.edit_item(item, actor=outsider, name="x")
    with pytest.raises(PermissionDenied):
        actions.edit_guide(guide, actor=outsider, fees="x")
    with pytest.raises(PermissionDenied):
        actions.release_guide(guide, actor=outsider)
    with pytest.raises(PermissionDenied):
        actions.create_guide(make_item("JY-XK-002"), actor=outsider)
    with pytest.raises(PermissionDenied):
        actions.release_guide(guide, actor=personas.auditor)  # read-only
