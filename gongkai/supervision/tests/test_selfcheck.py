"""The portal's self-check against the website inspection indicators: each indicator fails on the
case it measures, with its count and evidence linking to the records and the findings, and passes
once fixed; the office sees it (page, JSON, command), nobody else. Time frozen (conftest)."""

import json
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from gongkai.catalog.models import SearchEntry
from gongkai.hotline import actions as hotline_actions
from gongkai.hotline.models import Channel
from gongkai.supervision import selfcheck
from gongkai.supervision.models import Finding
from gongkai.supervision.tests.conftest import TODAY, at

pytestmark = pytest.mark.django_db


def indicators(result) -> dict:
    return {i.code: i for i in result.indicators}


def test_a_new_portal_fails_on_blank_columns_and_its_home_page(personas, frozen, columns):
    result = indicators(selfcheck.run(personas.district, TODAY))
    blank = result["columns_blank"]
    with_cycle = [c for c in columns.values() if c.update_cycle and c.is_active]
    assert blank.status == selfcheck.FAIL and blank.count == len(with_cycle)
    assert blank.findings_url.endswith("?rule=column_blank")
    assert {e.label for e in blank.evidence} <= {c.name for c in with_cycle}
    assert result["home_updated"].status == selfcheck.FAIL
    assert result["search_works"].status == selfcheck.PASS  # nothing published: nothing to miss
    assert not Finding.objects.exists()  # the self-check writes nothing


def test_a_portal_kept_up_passes_every_indicator(personas, frozen, fill_columns):
    fill_columns()
    result = selfcheck.run(personas.district, TODAY)
    failed = [i.code for i in result.indicators if not i.passed]
    assert failed == [] and not result.vetoed
    found = indicators(result)["search_works"]
    assert found.count == 0 and "均可检索" in found.summary
    assert found.evidence[0].url.startswith(reverse("catalog:search") + "?q=")


def test_an_old_unanswered_message_is_a_single_veto_with_the_letter_as_evidence(
    personas, frozen, fill_columns
):
    fill_columns()
    with time_machine.travel(at(2025, 11, 20, 9, 0), tick=False):
        letter, _code = hotline_actions.intake(
            office=personas.office,
            channel=Channel.MAILBOX,
            actor=None,
            data={"caller_name": "王先生", "phone": "13907350002", "title": "噪音扰民", "matter": "夜间施工"},
        )
    result = selfcheck.run(personas.district, TODAY)
    messages = indicators(result)["messages_answered"]
    assert messages.status == selfcheck.FAIL and messages.count == 1 and result.vetoed == [messages]
    (evidence,) = messages.evidence
    assert letter.number in evidence.label and evidence.url == reverse(
        "hotline_staff:detail", args=[letter.pk]
    )
    assert messages.records_url.startswith(reverse("hotline_staff:list"))


def test_search_fails_when_published_items_are_missing_from_the_index(personas, frozen, fill_columns, put):
    fill_columns()
    newest = put("关于城区道路改造的公告", "tzgg", at(2026, 3, 2, 9, 0))
    assert indicators(selfcheck.run(personas.district, TODAY))["search_works"].passed
    SearchEntry.objects.filter(item=newest).delete()  # the record of what search serves lost
    search = indicators(selfcheck.run(personas.district, TODAY))["search_works"]
    assert search.status == selfcheck.FAIL and search.count >= 1 and "1条公开信息检索不到" in search.summary
    assert any(e.url == reverse("catalog:item", args=[newest.pk]) for e in search.evidence)


def test_the_office_sees_the_checklist_printable_and_as_json_and_a_department_does_not(
    client, personas, frozen, fill_columns
):
    fill_columns(skip={"gzdt"})
    client.force_login(personas.coordinator)
    page = client.get(reverse("supervision_staff:selfcheck")).content.decode()
    assert 'id="selfcheck-veto"' in page and 'id="selfcheck-deduction"' in page and "data-print" in page
    assert 'data-indicator="columns_blank"' in page and "未通过" in page  # 工作动态 is blank
    data = client.get(reverse("supervision_staff:selfcheck_json")).json()
    assert data["district"] == personas.district.code
    blank = next(i for i in data["indicators"] if i["code"] == "columns_blank")
    assert blank["count"] == 1 and blank["status"] == "pass"  # one blank column: below the veto of 5
    client.force_login(personas.editor)
    assert client.get(reverse("supervision_staff:selfcheck")).status_code == 403
    assert client.get(reverse("supervision_staff:selfcheck_json")).status_code == 403
    client.force_login(personas.outsider)
    assert client.get(reverse("supervision_staff:selfcheck")).status_code == 403


def test_the_command_prints_the_self_check_as_json_and_keeps_its_default_output(personas, frozen):
    out = StringIO()
    call_command(
        "supervision_checks",
        "--district",
        personas.district.code,
        "--self-check",
        "--format",
        "json",
        stdout=out,
    )
    (district,) = json.loads(out.getvalue())
    codes = {i["code"]: i for i in district["indicators"]}
    assert codes["columns_blank"]["status"] == "fail" and district["vetoed"] is True
    assert {"code", "kind", "label", "status", "count", "evidence", "findings_url"} <= set(
        codes["home_updated"]
    )
    assert not Finding.objects.exists()
    text = StringIO()
    call_command("supervision_checks", "--district", personas.district.code, "--self-check", stdout=text)
    assert "触发单项否决" in text.getvalue() and "空白栏目" in text.getvalue()
    default = StringIO()
    call_command(
        "supervision_checks", "--district", personas.district.code, stdout=default, stderr=StringIO()
    )
    assert "空白栏目" in default.getvalue() and Finding.objects.exists()  # the checks, as before
