"""Another department refused everywhere: the outsider (an editor and leader of 财政局) can neither
see nor change 教育局's report, through the actions or the pages; the leader confirms but does
not type; only the office keeps the catalog and reopens a confirmed report; the auditor reads."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from gongkai.sectors import actions, permissions
from gongkai.sectors.models import CheckKind, Sector, Unit

pytestmark = pytest.mark.django_db


def test_the_outsider_is_refused_every_action_on_another_departments_report(personas, catalog, report, fill):
    fill(report, land__total="7.95")
    outsider = personas.outsider
    calls = [
        lambda: actions.start_report(personas.department, 2019, actor=outsider),
        lambda: actions.enter_values(report, actor=outsider, values={catalog["schools"].pk: "1"}),
        lambda: actions.explain(
            report,
            actor=outsider,
            indicator=catalog["land.total"],
            kind=CheckKind.PARTS_SUM,
            text="越权说明原因",
        ),
        lambda: actions.submit_report(report, actor=outsider),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    actions.submit_report(report, actor=personas.editor)
    for call in (
        lambda: actions.confirm_report(report, actor=outsider),
        lambda: actions.return_report(report, actor=outsider, reason="越权退回"),
    ):
        with pytest.raises(PermissionDenied):
            call()
    actions.confirm_report(report, actor=personas.leader)
    for call in (
        lambda: actions.reopen_report(report, actor=outsider, reason="越权退回"),
        lambda: actions.publish_version(report, actor=outsider),
    ):
        with pytest.raises(PermissionDenied):
            call()


def test_the_outsider_sees_no_page_of_another_departments_report(client, personas, catalog, confirmed):
    client.force_login(personas.outsider)
    version = confirmed.versions.get()
    for name, args in (
        ("sectors_staff:report", [confirmed.pk]),
        ("sectors_staff:form_xlsx", [confirmed.pk]),
        ("sectors_staff:import", [confirmed.pk]),
        ("sectors_staff:version", [version.pk]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 404, name
    for name in ("submit", "confirm", "return", "reopen", "publish", "explain"):
        assert client.post(reverse(f"sectors_staff:{name}", args=[confirmed.pk])).status_code in (403, 404), (
            name
        )
    assert personas.department.name not in client.get(reverse("sectors_staff:list")).content.decode()
    assert (
        personas.department.name
        not in client.get(reverse("sectors_staff:completeness") + "?year=2018").content.decode()
    )


def test_the_leader_confirms_but_does_not_type_and_the_editor_does_not_confirm(
    personas, catalog, report, fill
):
    with pytest.raises(PermissionDenied):
        fill(report, actor=personas.leader)
    fill(report, land__total="7.95")
    actions.submit_report(report, actor=personas.editor)
    with pytest.raises(PermissionDenied):
        actions.confirm_report(report, actor=personas.editor)
    actions.confirm_report(report, actor=personas.leader)
    with pytest.raises(PermissionDenied):  # a confirmed report is sent back by the office only
        actions.reopen_report(report, actor=personas.leader, reason="领导想改")
    actions.reopen_report(report, actor=personas.coordinator, reason="公开办核对后须更正")


def test_only_the_office_keeps_the_catalog_and_the_auditor_only_reads(personas, catalog, confirmed):
    values = {
        "code": "x.y",
        "name": "新指标",
        "unit": Unit.PEOPLE,
        "decimals": 0,
        "sector": Sector.EDUCATION,
        "organisation": personas.department,
    }
    for user in (personas.editor, personas.leader, personas.auditor, personas.outsider):
        with pytest.raises(PermissionDenied):
            actions.create_indicator(personas.district, actor=user, **values)
        with pytest.raises(PermissionDenied):
            actions.update_indicator(catalog["schools"], actor=user, name="改名")
        with pytest.raises(PermissionDenied):
            actions.install_standard(personas.district, actor=user)
    with pytest.raises(PermissionDenied):
        actions.reopen_report(confirmed, actor=personas.auditor, reason="审计员不能退回")
    assert list(permissions.visible_reports(personas.auditor)) == [confirmed]
    assert list(permissions.visible_reports(personas.outsider)) == []
