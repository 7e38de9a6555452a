"""Bulletins: generated from the scorecards, findings and work plan (figures counted here again from
the records), read back from the DOCX in the office's format, only the prose edited, submitted,
approved by another person, released by the office's editor into the notices column and published
by the catalog's own workflow. A department sees no bulletin; a second district nothing."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.urls import reverse
from docx import Document

from gongkai.accounts.factories import build_personas, make_staff
from gongkai.accounts.roles import Role
from gongkai.catalog import actions as catalog_actions
from gongkai.catalog.models import Item, Version
from gongkai.catalog.public import public_items
from gongkai.supervision import actions, bulletins
from gongkai.supervision.models import BulletinKind, BulletinState, Finding

pytestmark = pytest.mark.django_db


@pytest.fixture
def standing(personas, frozen, put_application, run):
    """Two overdue applications of 教育局 and one of 财政局, and the district's blank columns."""
    put_application(personas.department, dt.date(2026, 1, 5))
    put_application(personas.department, dt.date(2026, 1, 6))
    put_application(personas.other_department, dt.date(2026, 1, 7))
    run()


@pytest.fixture
def bulletin(personas, standing):
    return actions.generate_bulletin(
        personas.district, BulletinKind.MONTHLY, 2026, 3, actor=personas.coordinator
    )


def _docx(bulletin):
    return Document(io.BytesIO(bulletins.docx(bulletin)))


def _text(doc) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def test_the_docx_reads_back_in_the_offices_format_with_figures_from_the_records(personas, bulletin):
    doc = _docx(bulletin)
    paragraphs = [p for p in doc.paragraphs if p.text]
    title = paragraphs[0]
    assert title.text == "测试区政务公开工作督查情况通报（2026年3月）"
    east_asia = title.runs[0]._element.rPr.rFonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
    )
    assert east_asia == "方正小标宋简体"
    headings = [p for p in paragraphs if p.runs and p.runs[0].font.name == "黑体"]
    assert [h.text for h in headings] == [
        "一、总体情况",
        "二、各单位考核得分",
        "三、督查发现的问题",
        "四、工作要点落实情况",
        "五、下一步工作要求",
    ]
    body = [p for p in paragraphs[2:] if p not in headings]
    assert body and all(p.runs[0].font.name == "仿宋_GB2312" for p in body)

    # the figures, counted again here from the findings themselves
    start, end = dt.date(2026, 3, 1), dt.date(2026, 3, 2)
    standing = Finding.objects.filter(district=personas.district, since__lte=end).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=start)
    )
    n, new = standing.count(), standing.filter(since__gte=start).count()
    assert n > 3 and new < n  # the overdue applications began in February
    text = _text(doc)
    assert f"督查检查在本期存在问题{n}个，其中本期新出现{new}个，本期已整改0个，期末尚未整改{n}个。" in text
    rules, units = doc.tables[1], doc.tables[2]
    overdue_row = next(r for r in rules.rows if r.cells[0].text == "依申请公开超期未答复")
    assert [c.text for c in overdue_row.cells[1:]] == ["3", "0", "3"]
    by_unit = {r.cells[0].text: r.cells[1].text for r in units.rows[1:]}
    assert by_unit[personas.department.name] == str(standing.filter(unit=personas.department).count())
    assert by_unit[personas.other_department.name] == "1"
    ranking = doc.tables[0]
    assert [c.text for c in ranking.rows[0].cells] == ["名次", "单位", "得分", "失分最多的指标"]
    assert {r.cells[1].text for r in ranking.rows[1:]} >= {
        personas.department.name,
        personas.other_department.name,
    }
    assert paragraphs[-1].text == "2026年3月2日" and paragraphs[-2].text == personas.office.name


def test_only_the_prose_is_edited_and_only_in_a_draft(personas, bulletin):
    bulletin = actions.edit_bulletin(
        bulletin, actor=personas.coordinator, prose={"overview": "三月份全区督查情况如下。"}
    )
    assert "三月份全区督查情况如下。" in _text(_docx(bulletin))
    with pytest.raises(ValidationError, match="文字段落"):
        actions.edit_bulletin(bulletin, actor=personas.coordinator, prose={"figures": "100"})
    with pytest.raises(PermissionDenied):
        actions.edit_bulletin(bulletin, actor=personas.editor, prose={"overview": "x"})
    actions.submit_bulletin(bulletin, actor=personas.coordinator)
    with pytest.raises(ValidationError, match="不能执行"):
        actions.edit_bulletin(bulletin, actor=personas.coordinator, prose={"overview": "改"})


def test_submit_approve_release_and_the_catalog_publishes_it(personas, bulletin):
    second = make_staff("coordinator2", personas.office, Role.COORDINATOR, full_name="刘主任")
    office_editor = make_staff("officeeditor", personas.office, Role.EDITOR)
    with pytest.raises(ValidationError, match="不能执行"):
        actions.approve_bulletin(bulletin, actor=second)  # a draft is not approved
    actions.submit_bulletin(bulletin, actor=personas.coordinator)
    with pytest.raises(ValidationError, match="提交人以外"):
        actions.approve_bulletin(bulletin, actor=personas.coordinator)
    with pytest.raises(ValidationError, match="说明理由"):
        actions.return_bulletin(bulletin, actor=second, note="")
    actions.return_bulletin(bulletin, actor=second, note="请补充整改要求")
    bulletin.refresh_from_db()
    assert bulletin.state == BulletinState.DRAFT and bulletin.return_note == "请补充整改要求"
    actions.submit_bulletin(bulletin, actor=personas.coordinator)
    actions.approve_bulletin(bulletin, actor=second)
    with pytest.raises(PermissionDenied):
        actions.release_bulletin(bulletin, actor=personas.coordinator)  # no item.edit at the office
    bulletin = actions.release_bulletin(bulletin, actor=office_editor)
    assert bulletin.state == BulletinState.RELEASED
    item = Item.objects.get(pk=bulletin.item_id)
    version = Version.objects.get(item=item)
    assert item.organisation == personas.office and version.column.slug == "tzgg"
    assert version.title == bulletin.title and "一、总体情况" in version.body and "<table>" in version.body
    assert "/staff/" not in version.body  # the public body links nowhere inside the workbench
    assert "<h1>" not in version.body and personas.department.name in version.body  # the item has its title
    assert not public_items(personas.district).filter(pk=item.pk).exists()
    catalog_actions.submit(version, actor=office_editor)
    catalog_actions.review(
        version, actor=make_staff("officereviewer", personas.office, Role.REVIEWER), passed=True
    )
    catalog_actions.approve(
        version, actor=make_staff("officeleader", personas.office, Role.LEADER), approved=True
    )
    assert public_items(personas.district).filter(pk=item.pk).exists()
    with pytest.raises(ValidationError, match="不能执行"):
        actions.release_bulletin(bulletin, actor=office_editor)


def test_the_period_must_have_begun_and_is_issued_once(personas, bulletin):
    with pytest.raises(ValidationError, match="已经生成"):
        actions.generate_bulletin(
            personas.district, BulletinKind.MONTHLY, 2026, 3, actor=personas.coordinator
        )
    with pytest.raises(ValidationError, match="尚未开始"):
        actions.generate_bulletin(
            personas.district, BulletinKind.QUARTERLY, 2026, 2, actor=personas.coordinator
        )
    quarter = actions.generate_bulletin(
        personas.district, BulletinKind.QUARTERLY, 2026, 1, actor=personas.coordinator
    )
    assert quarter.title.endswith("（2026年第1季度）") and quarter.number == 2
    with pytest.raises(PermissionDenied):
        actions.generate_bulletin(personas.district, BulletinKind.YEARLY, 2026, actor=personas.leader)


def test_the_office_reads_each_figure_as_a_link_a_department_and_another_district_see_nothing(
    client, personas, bulletin
):
    client.force_login(personas.coordinator)
    page = client.get(reverse("supervision_staff:bulletin", args=[bulletin.pk])).content.decode()
    assert (
        'class="sv-figure"' in page
        and "/staff/supervision/findings/?state=all&amp;rule=application_overdue" in page
    )
    assert "修改文字" in page and "提交审定" in page
    docx = client.get(reverse("supervision_staff:bulletin_docx", args=[bulletin.pk]))
    assert docx.status_code == 200 and Document(io.BytesIO(docx.content)).paragraphs[0].text == bulletin.title
    response = client.post(
        reverse("supervision_staff:bulletin", args=[bulletin.pk]),
        {
            "title": bulletin.title,
            "overview": "本月情况。",
            "standing": "",
            "findings": "",
            "plan": "",
            "requirements": "立即整改。",
        },
    )
    assert response.status_code == 302
    bulletin.refresh_from_db()
    assert bulletin.prose["overview"] == "本月情况。" and bulletin.prose["requirements"] == "立即整改。"

    client.force_login(personas.editor)
    assert client.get(reverse("supervision_staff:bulletin", args=[bulletin.pk])).status_code == 404
    assert bulletin.title not in client.get(reverse("supervision_staff:bulletins")).content.decode()
    assert (
        client.post(reverse("supervision_staff:bulletin_verb", args=[bulletin.pk, "submit"])).status_code
        == 404
    )
    second = build_personas(prefix="乙", region="431003")
    client.force_login(second.coordinator)
    assert client.get(reverse("supervision_staff:bulletin_docx", args=[bulletin.pk])).status_code == 404
    assert bulletin.title not in client.get(reverse("supervision_staff:bulletins")).content.decode()
