"""The checks added for 政策解读, links that no longer resolve, the home page, public messages and
publicity lists past their period: each finds the case it exists for and closes by itself when
fixed (the day kept). Time frozen on Monday 2 March 2026 (conftest); no network anywhere."""

import datetime as dt

import pytest
import time_machine
from django.core.files.base import ContentFile

from gongkai.catalog import actions as catalog_actions
from gongkai.catalog.models import Attachment, DocKind, Validity, Version
from gongkai.hotline import actions as hotline_actions
from gongkai.hotline.models import Channel
from gongkai.orgs.models import PortalHost
from gongkai.supervision import checks
from gongkai.supervision.models import Finding, SupervisionSettings
from gongkai.supervision.tests.conftest import TODAY, at

pytestmark = pytest.mark.django_db


def by_rule(found, rule):
    return {label: f for (r, label), f in found.items() if r == rule}


# --- 政策解读 "三同步" ---------------------------------------------------------------------------


def test_a_normative_document_without_an_interpretation_is_found_until_one_is_published(
    personas, frozen, fill_columns, put, run
):
    fill_columns()
    # published Monday 23 February; 3 working days: due Thursday 26 February, found from the 27th
    policy = put(
        "关于加强城区停车管理的通知",
        "gfxwj",
        at(2026, 2, 23, 9, 0),
        doc_kind=DocKind.NORMATIVE,
        validity=Validity.VALID,
        written_date=dt.date(2026, 2, 20),
    )
    # published Friday 27 February: within its 3 working days on 2 March
    recent = put(
        "关于调整公交线路的通知",
        "gfxwj",
        at(2026, 2, 27, 9, 0),
        doc_kind=DocKind.NORMATIVE,
        validity=Validity.VALID,
        written_date=dt.date(2026, 2, 26),
    )
    # a plain notice needs none (其他文件 not required by default)
    put("关于召开会议的通知", "tzgg", at(2026, 2, 2, 9, 0), doc_kind=DocKind.OTHER_DOCUMENT)
    found = by_rule(run(), "policy_without_interpretation")
    assert set(found) == {policy.live.title}
    finding = found[policy.live.title]
    assert finding.unit_id == personas.department.pk and finding.since == dt.date(2026, 2, 27)
    assert "政策解读" in finding.fix and finding.url.endswith(f"/{policy.live_id}/")
    assert recent.live.title not in by_rule(run(dt.date(2026, 3, 3)), "policy_without_interpretation")
    assert recent.live.title in by_rule(run(dt.date(2026, 3, 5)), "policy_without_interpretation")

    # an interpretation that is only a draft does not count; once public it closes the finding
    draft = catalog_actions.create_item(
        actor=personas.editor,
        organisation=personas.department,
        column=Version._meta.get_field("column").related_model.objects.get(
            district=personas.district, slug="zcjd"
        ),
        title="《关于加强城区停车管理的通知》政策解读",
    )
    catalog_actions.update_draft(draft, actor=personas.editor, interprets=policy)
    assert policy.live.title in by_rule(run(), "policy_without_interpretation")
    catalog_actions.submit(draft, actor=personas.editor)
    catalog_actions.review(draft, actor=personas.reviewer, passed=True)
    catalog_actions.approve(draft, actor=personas.leader, approved=True)
    assert policy.live.title not in by_rule(run(), "policy_without_interpretation")
    finding.refresh_from_db()
    assert finding.closed_on == TODAY


def test_the_office_chooses_which_kinds_need_an_interpretation(personas, frozen, fill_columns, put, run):
    fill_columns()
    put("关于召开会议的通知", "tzgg", at(2026, 2, 2, 9, 0), doc_kind=DocKind.OTHER_DOCUMENT)
    repealed = put(
        "已废止的办法",
        "gfxwj",
        at(2026, 2, 2, 9, 0),
        doc_kind=DocKind.NORMATIVE,
        validity=Validity.REPEALED,
        repealed_date=dt.date(2026, 2, 20),
    )
    assert not by_rule(run(), "policy_without_interpretation")  # repealed: none needed any more
    SupervisionSettings.objects.create(district=personas.district, interpret_documents=True)
    assert set(by_rule(run(), "policy_without_interpretation")) == {"关于召开会议的通知"}
    assert repealed.live.title not in by_rule(run(), "policy_without_interpretation")


# --- links and attachments --------------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _attach(version, content=b"PK\x03\x04x"):
    attachment = Attachment(
        version=version,
        name="名单.xlsx",
        content_type="application/octet-stream",
        size=len(content),
        sha256="ab" * 32,
        extension=".xlsx",
    )
    attachment.file.save("x.xlsx", ContentFile(content), save=False)
    attachment.save()
    return attachment


def test_links_to_withdrawn_items_missing_attachments_and_unknown_pages_are_found(
    personas, frozen, fill_columns, put, run, media
):
    fill_columns()
    PortalHost.objects.create(host="beihu.example.gov.cn", district=personas.district)
    target = put("被链接的通知", "tzgg", at(2026, 2, 20, 9, 0))
    with_file = put("带附件的通知", "tzgg", at(2026, 2, 20, 9, 0))
    attachment = _attach(with_file.live)
    body = (
        f'<p><a href="/xxgk/xx/{target.pk}/">通知</a>'
        f'<a href="https://beihu.example.gov.cn/xxgk/xx/{with_file.pk}/fj/{attachment.pk}/">附件</a>'
        '<a href="/xxgk/no-such-page/">旧网址</a>'
        '<a href="https://www.gov.cn/zhengce/">外部网站</a>'
        '<a href="mailto:office@example.gov.cn">邮件</a>'
        '<img src="/media/attachments/gone.png" alt="图"></p>'
    )
    linking = put("链接很多的信息", "gzdt", at(2026, 2, 27, 9, 0), body=body)
    found = by_rule(run(), "broken_link")
    # everything resolves but the unknown page and the missing image; the external link is not judged
    assert {f.detail.split("（")[0] for f in found.values()} == {"平台上没有这个网址", "链接的文件已不存在"}
    assert all(f.unit_id == personas.department.pk for f in found.values())
    assert all(f.url.endswith(f"/{linking.live_id}/") for f in found.values())

    catalog_actions.withdraw(target, actor=personas.leader, reason="内容过时")
    attachment.file.delete(save=False)
    found = by_rule(run(), "broken_link")
    reasons = {f.detail.split("（")[0] for f in found.values()}
    assert {"链接的信息已撤回或未公开", "链接的附件文件已丢失", "附件文件已丢失"} <= reasons
    own = next(f for f in found.values() if f.detail.startswith("附件文件已丢失"))
    assert own.object_label.startswith("带附件的通知")

    # fixed: the item is corrected without the dead links, the file uploaded again
    correction = catalog_actions.start_correction(linking, actor=personas.editor)
    catalog_actions.update_draft(correction, actor=personas.editor, body="<p>已更正</p>")
    catalog_actions.submit(correction, actor=personas.editor)
    catalog_actions.review(correction, actor=personas.reviewer, passed=True)
    catalog_actions.approve(correction, actor=personas.leader, approved=True)
    attachment.file.save("x.xlsx", ContentFile(b"PK\x03\x04y"), save=True)
    assert not by_rule(run(), "broken_link")
    assert set(Finding.objects.filter(rule="broken_link").values_list("closed_on", flat=True)) == {TODAY}


def test_external_links_are_probed_only_when_the_office_enables_it(
    personas, frozen, fill_columns, put, run, monkeypatch
):
    probed = []

    def fake_probe(url):
        probed.append(url)
        return "HTTP 404" if "gone" in url else ""

    monkeypatch.setattr(checks, "probe_url", fake_probe)
    fill_columns()
    put(
        "外链",
        "gzdt",
        at(2026, 2, 27, 9, 0),
        body='<p><a href="https://old.example.org/gone">旧</a><a href="https://www.gov.cn/">国务院</a></p>',
    )
    assert not by_rule(run(), "broken_external_link") and probed == []
    SupervisionSettings.objects.create(district=personas.district, check_external_links=True)
    found = by_rule(run(), "broken_external_link")
    assert sorted(probed) == ["https://old.example.org/gone", "https://www.gov.cn/"]
    (finding,) = found.values()
    assert "HTTP 404" in finding.detail and "old.example.org/gone" in finding.object_label


# --- the home page ----------------------------------------------------------------------------


def test_a_home_page_not_updated_for_two_weeks_is_found_until_something_is_published(
    personas, frozen, columns, put, run
):
    home = [c for c in columns.values() if c.show_on_home and c.parent_id is None and c.is_active]
    put("旧动态", home[0].slug, at(2026, 2, 10, 9, 0))
    # 10 February + 14 days = 24 February: stale from the 25th
    (finding,) = by_rule(run(), "home_stale").values()
    assert finding.since == dt.date(2026, 2, 25) and "20天未更新" in finding.detail
    put("新动态", home[0].slug, at(2026, 3, 2, 8, 0))
    assert not by_rule(run(), "home_stale")
    finding.refresh_from_db()
    assert finding.closed_on == TODAY


# --- public messages --------------------------------------------------------------------------


@pytest.fixture
def letter(personas):
    def make(received_at, *, lead=None):
        with time_machine.travel(received_at, tick=False):
            t, _code = hotline_actions.intake(
                office=personas.office,
                channel=Channel.MAILBOX,
                actor=None,
                data={
                    "caller_name": "王先生",
                    "phone": "13907350002",
                    "title": "小区路灯不亮",
                    "matter": "路灯坏了",
                },
            )
            if lead is not None:
                t = hotline_actions.dispatch(t, lead, actor=personas.operator)
            return t

    return make


def test_a_mailbox_letter_unanswered_for_more_than_three_months_is_found_until_answered(
    personas, frozen, letter, ticket, run
):
    old = letter(at(2025, 12, 1, 9, 0), lead=personas.department)  # 3 months end 1 March
    exactly = letter(at(2025, 12, 2, 9, 0))  # 3 months exactly on 2 March: not more
    call = ticket(personas.department, at(2025, 11, 3, 9, 0))  # a phone call is not a public message
    found = by_rule(run(), "message_unanswered")
    assert set(found) == {f"{old.number} 小区路灯不亮"}
    finding = found[f"{old.number} 小区路灯不亮"]
    assert finding.unit_id == personas.department.pk and finding.since == dt.date(2026, 3, 2)
    assert f"{exactly.number} 小区路灯不亮" in by_rule(run(dt.date(2026, 3, 3)), "message_unanswered")
    assert call.number not in str(found)
    hotline_actions.reply(old, actor=personas.editor, text="已修复路灯")
    assert f"{old.number} 小区路灯不亮" not in by_rule(run(), "message_unanswered")
    finding.refresh_from_db()
    assert finding.closed_on == TODAY
    # not dispatched yet: the hotline office answers for it
    assert by_rule(run(dt.date(2026, 3, 3)), "message_unanswered")[
        f"{exactly.number} 小区路灯不亮"
    ].unit_id == (personas.office.pk)


# --- publicity lists --------------------------------------------------------------------------


@pytest.fixture
def released_list(personas):
    from gongkai.publicity import actions as publicity_actions
    from gongkai.publicity.demo_steps import id_number
    from gongkai.publicity.kinds import Kind

    def make(published_at, *, period_days=7, title="2026年2月城市低保公示"):
        import random

        rng = random.Random(title)
        with time_machine.travel(published_at, tick=False):
            p = publicity_actions.create_publicity(
                actor=personas.editor,
                organisation=personas.department,
                kind=Kind.URBAN_DIBAO,
                title=title,
                year=2026,
                month=2,
                period_days=period_days,
            )
            publicity_actions.add_entry(
                p,
                actor=personas.editor,
                town="华塘镇",
                name="张三",
                id_number=id_number(rng),
                people=2,
                amount=500,
                category="A类",
            )
            p = publicity_actions.release_publicity(p, actor=personas.editor)
            version = Version.objects.get(item_id=p.notice_item_id)
            catalog_actions.submit(version, actor=personas.editor)
            catalog_actions.review(version, actor=personas.reviewer, passed=True)
            catalog_actions.approve(version, actor=personas.leader, approved=True)
        p.refresh_from_db()
        return p

    return make


def test_a_list_past_its_period_and_not_taken_down_is_found_until_the_job_takes_it_down(
    personas, frozen, released_list, run
):
    from gongkai.publicity.actions import end_periods

    # published 16 February, 7 days: the period ends on the 22nd
    expired = released_list(at(2026, 2, 16, 9, 0))
    current = released_list(at(2026, 2, 27, 9, 0), title="2026年3月城市低保公示")
    found = by_rule(run(), "publicity_expired_online")
    assert set(found) == {expired.title}
    finding = found[expired.title]
    assert finding.since == dt.date(2026, 2, 23) and finding.unit_id == personas.department.pk
    assert "2026-02-22" in finding.detail and current.title not in found
    end_periods(at(2026, 3, 2, 10, 0))
    assert not by_rule(run(), "publicity_expired_online")
    finding.refresh_from_db()
    assert finding.closed_on == TODAY


def test_a_list_published_for_good_is_found_once_its_kinds_period_is_over(
    personas, frozen, released_list, run
):
    from gongkai.publicity import actions as publicity_actions

    forever = released_list(at(2026, 2, 16, 9, 0), period_days=None, title="城市低保长期公示")
    (finding,) = by_rule(run(), "publicity_expired_online").values()
    assert "长期公开" in finding.detail and finding.since == dt.date(2026, 2, 23)
    # fixed by withdrawing its notice: the list leaves the portal with it
    from gongkai.catalog.models import Item

    catalog_actions.withdraw(
        Item.objects.get(pk=forever.notice_item_id), actor=personas.leader, reason="期满"
    )
    assert not by_rule(run(), "publicity_expired_online")
    assert publicity_actions  # the registry's own actions stay the way to set a period


def test_the_interpretation_kinds_are_the_catalogs_document_kinds():
    from gongkai.catalog.stats import document_kinds

    every = SupervisionSettings(interpret_rules=True, interpret_normative=True, interpret_documents=True)
    assert set(checks.interpretation_kinds(every)) == {
        DocKind.RULE,
        DocKind.NORMATIVE,
        DocKind.OTHER_DOCUMENT,
    }
    assert set(checks.interpretation_kinds(every)) <= set(document_kinds())


def test_the_office_sets_the_new_thresholds_on_its_settings_page(client, personas, frozen):
    from django.urls import reverse

    from gongkai.supervision.models import THRESHOLD_FIELDS, WEIGHT_FIELDS

    defaults = SupervisionSettings()
    data = {
        name: getattr(defaults, name)
        for name in THRESHOLD_FIELDS + WEIGHT_FIELDS
        if not isinstance(getattr(defaults, name), bool)
    }
    # checkboxes: only the ticked ones are posted
    data.update(
        interpret_rules="on",
        interpret_documents="on",
        message_unanswered_months=4,
        interpretation_working_days=0,
    )
    client.force_login(personas.coordinator)
    page = client.get(reverse("supervision_staff:settings")).content.decode()
    assert "政策解读发布时限（工作日）" in page and "检查外部链接" in page and "公开留言未答复月数" in page
    assert client.post(reverse("supervision_staff:settings"), data).status_code == 302
    saved = SupervisionSettings.objects.get(district=personas.district)
    assert (saved.interpret_rules, saved.interpret_normative, saved.interpret_documents) == (
        True,
        False,
        True,
    )
    assert saved.message_unanswered_months == 4 and saved.interpretation_working_days == 0
    assert saved.check_external_links is False
    assert checks.interpretation_kinds(saved) == ["rule", "document"]
    data["message_unanswered_months"] = 0
    assert (
        "message_unanswered_months"
        in client.post(reverse("supervision_staff:settings"), data).context["form"].errors
    )
