"""The website's yearly form (政府网站工作年度报表): what the platform holds computed from the records,
the rest entered by the office and marked so, checked, approved complete, released through the
catalog, its DOCX read back; another department refused everywhere."""

import datetime as dt
import io
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from docx import Document

from gongkai.accounts.factories import make_staff
from gongkai.accounts.roles import Role
from gongkai.catalog import actions as catalog_actions
from gongkai.catalog.interface import import_published_items
from gongkai.catalog.models import Column, Item, Version
from gongkai.hotline.models import Status as TicketStatus
from gongkai.hotline.models import Ticket
from gongkai.reports import actions, website_form
from gongkai.reports.models import ReportState

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2022, 1, 20, 10, 0, tzinfo=TZ), tick=False):
        yield


@pytest.fixture
def records(personas):
    """Items published in 2021 in three columns (and one in 2020), mailbox letters and calls."""
    columns = {c.slug: c for c in Column.objects.filter(district=personas.district)}
    plan = [("gzdt", 5, 2021), ("jgsz", 2, 2021), ("ndbg", 3, 2021), ("gzdt", 4, 2020)]
    rows = []
    for slug, count, year in plan:
        for i in range(count):
            at = dt.datetime(year, 3 + i, 10, 9, 0, tzinfo=TZ)
            rows.append(
                {
                    "organisation": personas.department,
                    "column_slugs": [slug],
                    "title": f"{slug}-{year}-{i}",
                    "body": "正文",
                    "doc_number": "",
                    "written_date": at.date(),
                    "published_at": at,
                }
            )
    import_published_items(actor=None, district=personas.district, records=rows, source="测试")
    made = [("mailbox", 2021, True)] * 3 + [("mailbox", 2021, False), ("phone", 2021, True), ("mailbox", 2020, True)]
    for n, (channel, year, closed) in enumerate(made, start=1):
        received = dt.datetime(year, 5, n, 9, 0, tzinfo=TZ)
        Ticket.objects.create(
            district=personas.district,
            office=personas.office,
            serial=n,
            number=f"W{year}{n:04d}",
            channel=channel,
            received_at=received,
            matter="留言",
            status=TicketStatus.CLOSED if closed else TicketStatus.DISPATCHED,
            closed_at=received + dt.timedelta(days=4) if closed else None,
        )
    groups = {slug: columns[slug].report_group for slug in ("gzdt", "jgsz", "ndbg")}
    return groups


def complete_entries() -> dict:
    """A value for every entered field that agrees with the computed ones (no service items here)."""
    data = {}
    for f in website_form.ENTERED:
        data[f.key] = {"int": "1", "bool": "是", "text": "填报值"}[f.kind]
    data.update({"interpret.total": "3", "services.online": "0", "services.cases_natural": "0", "services.cases_legal": "0"})
    return data


def test_the_form_computes_what_the_records_hold_and_marks_the_rest_entered(records, personas):
    form = actions.generate_website_form(personas.district, 2021, actor=personas.coordinator)
    values = form.figures["values"]
    overview = 2 if "机构设置" in records["jgsz"] else 0
    news = 5 * ("政务动态" in records["gzdt"]) + 3 * ("政务动态" in records["ndbg"])
    assert values["info.total"] == values["info.catalog"] == 10  # 2020's four are another year
    assert values["info.overview"] == overview == 2
    assert values["info.news"] == news
    assert (values["messages.received"], values["messages.closed"]) == (4, 3)  # the calls are not messages
    assert (values["services.items"], values["services.cases"], values["services.catalog"]) == (0, 0, False)
    assert values["site.sponsor"] == personas.district.name
    assert set(values) == {f.key for f in website_form.FIELDS.values() if f.computed}
    # Every part of the notice is there, each field once, and the staff view says where each comes from.
    headings = [p.heading.split("（")[0] for p in website_form.SECTIONS]
    assert headings[1:9] == ["信息发布", "专栏专题", "解读回应", "办事服务", "互动交流", "安全防护", "移动新媒体", "创新发展"]
    doc = website_form.document(form, marks=True)
    marks = {row[0].text: row[2].text for s in doc.sections for t in s.tables for row in t.rows[1:]}
    assert marks["总数"] == "平台计算" and marks["维护数量"] == "填报"
    assert marks["留言办理·收到留言数量（单位：条）"] == "平台计算" and marks["留言办理·平均办理时间（单位：天）"] == "填报"


def test_entered_figures_are_checked_and_the_computed_ones_cannot_be_typed(records, personas):
    form = actions.generate_website_form(personas.district, 2021, actor=personas.coordinator)
    with pytest.raises(ValidationError) as bad:
        actions.enter_website_form(form, actor=personas.coordinator, data={"topics.new": "十二", "security.drills": "也许"})
    assert bad.value.message_dict == {
        "topics.new": ["“新开设数量”须为非负整数。"],
        "security.drills": ["“是否开展应急演练”请选择“是”或“否”。"],
    }
    with pytest.raises(ValidationError, match="由平台根据记录计算，不能填报：总数"):
        actions.enter_website_form(form, actor=personas.coordinator, data={"info.total": "99"})
    with pytest.raises(ValidationError, match="问题整改数量大于发现问题数量"):
        actions.enter_website_form(form, actor=personas.coordinator, data={"security.found": "2", "security.fixed": "3"})
    with pytest.raises(ValidationError, match="公开答复的留言多于办结的留言"):
        actions.enter_website_form(form, actor=personas.coordinator, data={"messages.published": "4"})
    form.refresh_from_db()
    assert form.entered == {}
    form = actions.enter_website_form(form, actor=personas.coordinator, data={"topics.new": "1,200", "security.drills": "是"})
    assert form.entered == {"topics.new": 1200, "security.drills": True}


def test_the_form_is_approved_complete_and_released_through_the_catalog(records, personas):
    form = actions.generate_website_form(personas.district, 2021, actor=personas.coordinator)
    with pytest.raises(ValidationError, match="项数据未填报：政府网站标识码、ICP备案号"):
        actions.approve_website_form(form, actor=personas.coordinator)
    actions.enter_website_form(form, actor=personas.coordinator, data=complete_entries())
    form = actions.approve_website_form(form, actor=personas.coordinator)
    assert form.state == ReportState.APPROVED
    with pytest.raises(ValidationError, match="不能执行“填报数据”"):
        actions.enter_website_form(form, actor=personas.coordinator, data={"topics.new": "2"})
    with pytest.raises(PermissionDenied):
        actions.release_website_form(form, actor=personas.coordinator)  # the office's editor drafts items
    office_editor = make_staff("webeditor", personas.office, Role.EDITOR)
    form = actions.release_website_form(form, actor=office_editor)
    version = Version.objects.get(item_id=form.item_id)
    assert version.item.organisation == personas.office and version.column.slug == "ndbg"
    assert "信息公开目录信息更新量" in version.body and "<table" in version.body
    catalog_actions.submit(version, actor=office_editor)
    catalog_actions.review(version, actor=make_staff("webreviewer", personas.office, Role.REVIEWER), passed=True)
    catalog_actions.approve(version, actor=make_staff("webleader", personas.office, Role.LEADER), approved=True)
    assert Item.objects.get(pk=form.item_id).is_public
    # The frozen form: a later item does not change what was released; the Word file reads back.
    word = Document(io.BytesIO(website_form.docx(form)))
    cells = {row.cells[0].text: row.cells[1].text for table in word.tables for row in table.rows}
    assert cells["总数"] == "10" and cells["政府网站标识码"] == "填报值" and cells["是否提供智能问答"] == "是"
    assert len(word.tables) == len(website_form.SECTIONS)


def test_another_department_is_refused_everywhere(records, personas, client):
    form = actions.generate_website_form(personas.district, 2021, actor=personas.coordinator)
    with pytest.raises(PermissionDenied):
        actions.generate_website_form(personas.district, 2021, actor=personas.editor)
    with pytest.raises(PermissionDenied):
        actions.enter_website_form(form, actor=personas.outsider, data={"topics.new": "1"})
    with pytest.raises(PermissionDenied):
        actions.approve_website_form(form, actor=personas.leader)
    with pytest.raises(ValidationError, match="由区"):
        actions.generate_website_form(personas.department, 2021, actor=personas.coordinator)
    client.force_login(personas.outsider)
    assert client.get(reverse("reports_staff:website_list")).status_code == 403
    assert client.get(reverse("reports_staff:website_detail", args=[form.pk])).status_code == 404
    post = client.post(reverse("reports_staff:website_action", args=[form.pk, "enter"]), {"topics.new": "5"})
    assert post.status_code == 404
    assert client.get(reverse("reports_staff:website_download", args=[form.pk, "docx"])).status_code == 404
    form.refresh_from_db()
    assert form.entered == {}


def test_the_office_enters_figures_on_the_page_and_bad_input_keeps_what_was_typed(records, personas, client):
    client.force_login(personas.coordinator)
    response = client.post(reverse("reports_staff:website_generate"), {"year": "2021"})
    form_url = response["Location"]
    page = client.get(form_url).content.decode()
    assert "由平台记录计算的数据" in page and "公开办填报的数据" in page and "平台计算" in page
    pk = int(form_url.rstrip("/").split("/")[-1])
    bad = client.post(reverse("reports_staff:website_action", args=[pk, "enter"]), {"topics.new": "abc", "site.code": "4310020001"})
    text = bad.content.decode()
    assert bad.status_code == 400 and "“新开设数量”须为非负整数。" in text and 'value="4310020001"' in text
    good = client.post(reverse("reports_staff:website_action", args=[pk, "enter"]), complete_entries())
    assert good.status_code == 302
    client.post(reverse("reports_staff:website_action", args=[pk, "approve"]))
    assert client.get(reverse("reports_staff:website_list")).content.decode().count("已审定") >= 1
    html = client.get(reverse("reports_staff:website_download", args=[pk, "html"])).content.decode()
    assert "政府网站工作年度报表" in html and "信息发布（单位：条）" in html
