"""The staff workbench for proactive disclosure: who sees and does what, through the pages."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.catalog import actions, search
from gongkai.catalog.models import Column, Item, State, Version
from gongkai.catalog.todos import catalog_todos
from gongkai.catalog.views_staff import POST_VERBS
from gongkai.workbench.todos import Urgency, collect_todos

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


def url(name, *args):
    return reverse(f"catalog_staff:{name}", args=args)


def verb_url(version, verb):
    return reverse("catalog_staff:transition", args=[version.pk, verb])


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user


@pytest.fixture
def in_every_state(make_version, publish, personas):
    """One version of the department in each workflow state, and one published item."""
    draft = make_version(title="草稿信息")
    submitted = make_version(title="待审查信息")
    actions.submit(submitted, actor=personas.editor)
    reviewed = make_version(title="待审批信息")
    actions.submit(reviewed, actor=personas.editor)
    actions.review(reviewed, actor=personas.reviewer, passed=True)
    published = make_version(title="已发布信息")
    publish(published)
    return {"draft": draft, "submitted": submitted, "reviewed": reviewed, "published": published}


def _states():
    return dict(Version.objects.values_list("pk", "state"))


def form_data(personas, column, **overrides):
    data = {
        "organisation": personas.department.pk,
        "column": column.pk,
        "title": "关于做好2018年城乡低保资金发放工作的通知",
        "doc_kind": "information",
        "disclosure_mode": "proactive",
        "validity": "",
        "body": "<p>各乡镇（街道）：现将有关事项通知如下。</p>",
        "summary": "",
        "keywords": "低保",
    }
    data.update(overrides)
    return data


# --- reach ----------------------------------------------------------------------------------


def test_another_departments_editor_gets_404_on_every_page_and_post_and_nothing_changes(
    login, personas, in_every_state
):
    client = login(personas.outsider)  # editor and leader of the finance bureau
    states, events = _states(), AuditEvent.objects.count()
    for version in in_every_state.values():
        assert client.get(url("version", version.pk)).status_code == 404
        assert client.get(url("edit", version.pk)).status_code == 404
        assert client.post(url("edit", version.pk), {"title": "改"}).status_code == 404
        for verb in POST_VERBS:
            assert client.post(verb_url(version, verb), {"reason": "理由"}).status_code == 404
    item = in_every_state["published"].item
    assert client.post(url("correct", item.pk)).status_code == 404
    assert client.post(url("withdraw", item.pk), {"reason": "错误"}).status_code == 404
    assert _states() == states
    assert AuditEvent.objects.count() == events
    assert Item.objects.get(pk=item.pk).is_public


def test_another_departments_staff_do_not_see_its_items_in_the_list(login, personas, in_every_state):
    response = login(personas.outsider).get(url("items"))
    assert response.status_code == 200
    assert "已发布信息" not in response.content.decode()
    assert response.context["page_obj"].paginator.count == 0


def test_an_auditor_sees_the_pages_without_buttons_and_every_post_is_refused(login, personas, in_every_state):
    client = login(personas.auditor)
    states, events = _states(), AuditEvent.objects.count()
    for version in in_every_state.values():
        response = client.get(url("version", version.pk))
        assert response.status_code == 200
        assert version.title in response.content.decode()
        assert "data-verb" not in response.content.decode()
        assert client.get(url("edit", version.pk)).status_code == 403
    assert client.post(verb_url(in_every_state["draft"], "submit")).status_code == 403
    assert client.post(verb_url(in_every_state["submitted"], "review_pass")).status_code == 403
    assert client.post(verb_url(in_every_state["reviewed"], "approve")).status_code == 403
    item = in_every_state["published"].item
    assert client.post(url("correct", item.pk)).status_code == 403
    assert client.post(url("withdraw", item.pk), {"reason": "错误"}).status_code == 403
    assert client.get(url("new")).status_code == 403
    assert _states() == states
    assert AuditEvent.objects.count() == events
    assert client.get(url("dashboard")).status_code == 200
    assert client.get(url("items")).status_code == 200


def test_a_refused_post_says_why_on_the_page(login, personas, in_every_state):
    response = login(personas.editor).post(verb_url(in_every_state["submitted"], "review_pass"))
    assert response.status_code == 403
    assert "您没有权限执行“保密审查通过”" in response.content.decode()


def test_people_without_a_catalog_role_are_refused_the_dashboard(login, personas):
    assert login(personas.operator).get(url("dashboard")).status_code == 403


# --- creating and editing -------------------------------------------------------------------


def test_the_editor_creates_an_item_through_the_form_and_gets_its_index_number(login, personas, column):
    client = login(personas.editor)
    assert client.get(url("new")).status_code == 200
    response = client.post(url("new"), form_data(personas, column), follow=True)
    assert response.status_code == 200
    item = Item.objects.get()
    assert item.index_no.startswith(f"{personas.department.code}/")
    page = response.content.decode()
    assert item.index_no in page
    assert "关于做好2018年城乡低保资金发放工作的通知" in page
    version = item.versions.get()
    assert version.state == State.DRAFT and version.author == personas.editor


def test_field_errors_are_shown_by_field_and_keep_what_was_typed(login, personas):
    normative = Column.objects.get(district=personas.district, slug="gfxwj")
    data = form_data(
        personas,
        normative,
        title="北湖区城乡低保实施办法",
        doc_kind="normative",
        body="<p>第一条 为规范城乡低保工作，制定本办法。</p>",
        keywords="低保 实施办法",
    )
    response = login(personas.editor).post(url("new"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) >= {"validity", "doc_number"}
    page = response.content.decode()
    assert "规章和行政规范性文件须填写文号。" in page
    assert 'value="北湖区城乡低保实施办法"' in page
    assert "&lt;p&gt;第一条 为规范城乡低保工作，制定本办法。&lt;/p&gt;" in page
    assert 'value="低保 实施办法"' in page
    assert not Item.objects.exists()


def test_a_missing_title_is_reported_in_chinese(login, personas, column):
    response = login(personas.editor).post(url("new"), form_data(personas, column, title=""))
    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert "这个字段是必填项" in response.content.decode()


def test_an_editor_cannot_create_in_another_organisation(login, personas, column):
    data = form_data(personas, column, organisation=personas.other_department.pk)
    response = login(personas.editor).post(url("new"), data)
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not Item.objects.exists()


def test_the_interpretation_links_a_published_policy_by_its_index_number(
    login, personas, make_version, publish
):
    policy = make_version(title="北湖区城乡低保实施办法")
    publish(policy)
    interpretation = Column.objects.get(district=personas.district, slug="zcjd")
    client = login(personas.editor)
    bad = client.post(url("new"), form_data(personas, interpretation, interprets="不存在的索引号"))
    assert "interprets" in bad.context["form"].errors
    client.post(
        url("new"), form_data(personas, interpretation, title="解读", interprets=policy.item.index_no)
    )
    assert Version.objects.get(title="解读").interprets_id == policy.item_id


def test_editing_a_draft_saves_through_the_action_and_is_audited(login, personas, make_version, column):
    version = make_version()
    client = login(personas.editor)
    page = client.get(url("edit", version.pk))
    assert page.status_code == 200 and version.title in page.content.decode()
    data = form_data(personas, column, title="修改后的标题")
    del data["organisation"]
    response = client.post(url("edit", version.pk), data)
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.title == "修改后的标题"
    assert AuditEvent.objects.filter(action="item.edit", target_id=str(version.item_id)).exists()


def test_a_submitted_version_cannot_be_edited(login, personas, make_version):
    version = make_version()
    actions.submit(version, actor=personas.editor)
    response = login(personas.editor).get(url("edit", version.pk), follow=True)
    assert "当前状态（待保密审查）不能执行“修改”" in response.content.decode()


# --- the workflow through the buttons ------------------------------------------------------------


def test_editor_reviewer_and_leader_walk_an_item_to_publication_and_it_becomes_searchable(
    client, personas, column
):
    client.force_login(personas.editor)
    client.post(url("new"), form_data(personas, column, title="北湖区防汛抗旱应急预案"))
    version = Version.objects.get()
    page = client.get(url("version", version.pk)).content.decode()
    assert 'data-verb="submit"' in page
    assert client.post(verb_url(version, "submit")).status_code == 302

    client.force_login(personas.reviewer)
    page = client.get(url("version", version.pk)).content.decode()
    assert 'data-verb="review_pass"' in page and 'data-verb="review_reject"' in page
    client.post(verb_url(version, "review_pass"))

    client.force_login(personas.leader)
    response = client.post(verb_url(version, "approve"), follow=True)
    assert "已批准并发布" in response.content.decode()
    version.refresh_from_db()
    assert version.state == State.PUBLISHED
    results = search.search("防汛抗旱", district=personas.district)
    assert [hit.item.pk for hit in results.hits] == [version.item_id]

    history = response.context["history"]
    assert [e.what for e in history] == ["发布", "保密审查通过", "提交审查", "创建"]
    assert history[0].who == "赵局长"


def test_an_approval_with_a_time_in_the_future_is_scheduled_and_can_be_cancelled(
    login, personas, make_version
):
    later = dt.datetime.now(tz=SHANGHAI) + dt.timedelta(days=2)
    version = make_version(scheduled_at=later)
    actions.submit(version, actor=personas.editor)
    actions.review(version, actor=personas.reviewer, passed=True)
    client = login(personas.leader)
    response = client.post(verb_url(version, "approve"), follow=True)
    assert "定时发布" in response.content.decode()
    version.refresh_from_db()
    assert version.state == State.SCHEDULED
    client.post(verb_url(version, "unschedule"))
    version.refresh_from_db()
    assert version.state == State.DRAFT


def test_a_rejection_without_a_reason_is_refused(login, personas, make_version):
    version = make_version()
    actions.submit(version, actor=personas.editor)
    client = login(personas.reviewer)
    response = client.post(verb_url(version, "review_reject"), {"reason": "  "}, follow=True)
    assert "退回时须填写理由。" in response.content.decode()
    version.refresh_from_db()
    assert version.state == State.SUBMITTED
    client.post(verb_url(version, "review_reject"), {"reason": "含有个人身份证号，请删除"})
    version.refresh_from_db()
    assert version.state == State.DRAFT and "身份证" in version.last_rejection


def test_an_illegal_transition_is_shown_as_a_message(login, personas, make_version):
    version = make_version()
    response = login(personas.reviewer).post(verb_url(version, "review_pass"), follow=True)
    assert "当前状态（草稿）不能执行“保密审查通过”" in response.content.decode()
    version.refresh_from_db()
    assert version.state == State.DRAFT


def test_unknown_verbs_are_not_found(login, personas, make_version):
    version = make_version()
    assert login(personas.editor).post(verb_url(version, "publish")).status_code == 404


def test_a_correction_opens_a_new_draft_with_the_same_index_number(login, personas, make_version, publish):
    version = make_version()
    publish(version)
    response = login(personas.editor).post(url("correct", version.item_id))
    draft = Version.objects.get(item=version.item, number=2)
    assert response.status_code == 302 and response["Location"] == url("edit", draft.pk)
    assert draft.state == State.DRAFT


def test_a_withdrawal_needs_a_reason_and_keeps_the_choice_of_a_public_notice(
    login, personas, make_version, publish
):
    version = make_version()
    publish(version)
    client = login(personas.leader)
    response = client.post(url("withdraw", version.item_id), {"reason": ""}, follow=True)
    assert "撤回时须填写理由。" in response.content.decode()
    assert Item.objects.get(pk=version.item_id).is_public
    client.post(url("withdraw", version.item_id), {"reason": "内容有误"})  # checkbox left unticked
    item = Item.objects.get(pk=version.item_id)
    assert not item.is_public and item.withdrawn_reason == "内容有误" and item.withdrawal_notice is False


def test_the_version_page_shows_the_sanitised_body_and_the_other_versions(
    login, personas, make_version, publish
):
    version = make_version(body="<p>正文<strong>加粗</strong></p>")
    Version.objects.filter(pk=version.pk).update(body='<p>正文</p><script>alert("x")</script>')  # an import
    publish(version)
    correction = actions.start_correction(version.item, actor=personas.editor)
    page = login(personas.editor).get(url("version", correction.pk)).content.decode()
    assert "<script>" not in page and "<p>正文</p>" in page
    assert url("version", version.pk) in page  # the published version is listed in history


# --- dashboard and to-dos ----------------------------------------------------------------------


@pytest.fixture
def queues(make_version, personas, in_every_state):
    rejected = make_version(title="被退回信息")
    actions.submit(rejected, actor=personas.editor)
    actions.review(rejected, actor=personas.reviewer, passed=False, reason="请补充附件")
    scheduled = make_version(
        title="定时信息", scheduled_at=dt.datetime.now(tz=SHANGHAI) + dt.timedelta(days=3)
    )
    actions.submit(scheduled, actor=personas.editor)
    actions.review(scheduled, actor=personas.reviewer, passed=True)
    actions.approve(scheduled, actor=personas.leader, approved=True)
    # Work of another department, which must not show up.
    other_column = Column.objects.get(district=personas.district, slug="gzdt")
    foreign = actions.create_item(
        actor=personas.outsider,
        organisation=personas.other_department,
        column=other_column,
        title="财政局信息",
    )
    actions.submit(foreign, actor=personas.outsider)
    return {**in_every_state, "rejected": rejected, "scheduled": scheduled, "foreign": foreign}


def _cards(response):
    return {card.key: card for card in response.context["cards"]}


def test_the_dashboard_counts_what_waits_for_each_person(login, personas, queues):
    editor = _cards(login(personas.editor).get(url("dashboard")))
    assert editor["drafts"].count == 2  # the draft and the rejected one
    assert editor["rejected"].count == 1 and editor["rejected"].versions[0].title == "被退回信息"
    assert "review" not in editor and "approve" not in editor
    assert editor["scheduled"].count == 1

    reviewer = _cards(login(personas.reviewer).get(url("dashboard")))
    assert reviewer["review"].count == 1 and reviewer["review"].versions[0].title == "待审查信息"
    assert "drafts" not in reviewer

    leader = _cards(login(personas.leader).get(url("dashboard")))
    assert leader["approve"].count == 1 and leader["approve"].versions[0].title == "待审批信息"

    coordinator = _cards(login(personas.coordinator).get(url("dashboard")))
    assert set(coordinator) == {"scheduled"}


def test_the_queue_links_of_the_dashboard_list_the_same_items(login, personas, queues):
    response = login(personas.reviewer).get(url("items") + "?queue=review")
    assert [v.title for v in response.context["page_obj"]] == ["待审查信息"]


def test_to_dos_count_the_items_waiting_and_become_urgent_after_three_days(personas, queues):
    assert {t.title: t.count for t in catalog_todos(personas.reviewer)} == {"待保密审查的政府信息": 1}
    assert {t.title: t.count for t in catalog_todos(personas.leader)} == {"待审批发布的政府信息": 1}
    assert {t.title: t.count for t in catalog_todos(personas.editor)} == {"被退回待修改的草稿": 1}
    assert catalog_todos(personas.operator) == []
    (todo,) = catalog_todos(personas.reviewer)
    assert todo.urgency == Urgency.NORMAL and "queue=review" in todo.url
    with time_machine.travel(dt.datetime.now(tz=SHANGHAI) + dt.timedelta(days=4)):
        (todo,) = catalog_todos(personas.reviewer)
        assert todo.urgency == Urgency.SOON


def test_the_to_dos_appear_on_the_workbench_home(personas, queues):
    titles = [t.title for t in collect_todos(personas.reviewer).items]
    assert "待保密审查的政府信息" in titles


def test_the_navigation_offers_the_catalog_to_catalog_staff_only(login, personas):
    page = login(personas.editor).get(reverse("workbench:home")).content.decode()
    assert url("dashboard") in page and url("items") in page
    page = login(personas.operator).get(reverse("workbench:home")).content.decode()
    assert url("items") not in page


# --- column freshness ------------------------------------------------------------------------


def _freshness(response):
    return {row.column.slug: row for row in response.context["freshness"]}


def test_a_column_not_updated_for_longer_than_its_cycle_is_overdue(
    login, personas, make_version, publish, django_assert_max_num_queries
):
    notices = Column.objects.get(district=personas.district, slug="tzgg")
    emergency = Column.objects.get(district=personas.district, slug="yjgl")
    with time_machine.travel(dt.datetime(2019, 3, 1, 10, 0, tzinfo=SHANGHAI), tick=False):
        publish(make_version(title="工作动态一则"))  # gzdt, every 2 weeks
        publish(make_version(title="通知一则", column=notices))  # every 6 months
    with time_machine.travel(dt.datetime(2019, 3, 8, 10, 0, tzinfo=SHANGHAI), tick=False):
        publish(make_version(title="应急预案", column=emergency))
    with time_machine.travel(dt.datetime(2019, 3, 20, 9, 0, tzinfo=SHANGHAI), tick=False):
        client = login(personas.coordinator)
        with django_assert_max_num_queries(14):
            response = client.get(url("dashboard"))
        rows = _freshness(response)
        assert rows["gzdt"].days == 19 and rows["gzdt"].status == "overdue"
        assert rows["zwdt"].status == "overdue"  # the parent counts its children: last 3 March
        assert rows["yjgl"].days == 12 and rows["yjgl"].status == "soon"
        assert rows["tzgg"].status == "ok" and rows["tzgg"].due == dt.date(2019, 8, 28)
        assert rows["rsrm"].status == "overdue" and rows["rsrm"].last is None  # an empty column
        assert "jgsz" not in rows  # no update cycle
        assert 'data-status="overdue"' in response.content.decode()

        # Department staff see their own publications; an empty column is not their alarm.
        rows = _freshness(login(personas.editor).get(url("dashboard")))
        assert rows["gzdt"].status == "overdue" and rows["rsrm"].status == "normal"
        assert login(personas.outsider).get(url("dashboard")).context["freshness"][0].last is None


def test_the_dashboard_needs_the_same_number_of_queries_for_many_items(
    login, personas, make_version, publish
):
    def count_queries():
        client = login(personas.coordinator)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url("dashboard")).status_code == 200
        return len(ctx)

    publish(make_version())
    count_queries()  # the first request also fills per-process caches
    few = count_queries()
    for i in range(12):
        publish(make_version(title=f"信息{i}"))
        make_version(title=f"草稿{i}")
    assert count_queries() == few


# --- the list ----------------------------------------------------------------------------------


def test_the_item_list_needs_a_bounded_number_of_queries(
    login, personas, make_version, publish, django_assert_max_num_queries
):
    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url("items"))
        return len(ctx), response

    client = login(personas.editor)
    for i in range(3):
        publish(make_version(title=f"信息{i}"))
    count_queries()  # the first request also fills per-process caches
    few, _response = count_queries()
    for i in range(25):
        version = make_version(title=f"草稿{i}")
        if i % 2:
            publish(version)
    many, response = count_queries()
    assert many == few
    assert len(response.context["page_obj"]) == 20
    assert response.context["page_obj"].paginator.count == 28
    with django_assert_max_num_queries(20):
        client.get(url("items") + "?page=2&state=published&q=信息")


def test_the_item_list_shows_one_row_per_item_and_filters(login, personas, make_version, publish):
    first = make_version(title="低保资金发放通知", doc_number="北政发〔2018〕10号")
    publish(first)
    actions.start_correction(first.item, actor=personas.editor)
    make_version(title="防汛工作动态")
    client = login(personas.editor)

    def titles(query=""):
        return sorted(v.title for v in client.get(url("items") + query).context["page_obj"])

    assert titles() == ["低保资金发放通知", "防汛工作动态"]
    rows = client.get(url("items")).context["page_obj"]
    assert {v.title: v.number for v in rows}["低保资金发放通知"] == 2  # the newest version
    assert titles("?q=北政发") == ["低保资金发放通知"]
    assert titles("?q=" + first.item.index_no) == ["低保资金发放通知"]
    assert titles("?state=draft") == ["低保资金发放通知", "防汛工作动态"]
    assert titles("?state=published") == []
    assert titles(f"?organisation={personas.other_department.pk}") == []
    zwdt = Column.objects.get(district=personas.district, slug="zwdt")
    assert titles(f"?column={zwdt.pk}") == ["低保资金发放通知", "防汛工作动态"]  # with its children
    this_year = timezone.localdate().year
    assert len(titles(f"?year={this_year}")) == 2
    assert titles(f"?year={this_year - 3}") == []
    assert client.get(url("items") + "?state=nonsense&column=x&page=99").status_code == 200
