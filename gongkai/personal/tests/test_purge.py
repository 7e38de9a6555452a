"""Personal data past its retention period is removed by ``manage.py purge_personal``; every figure
the statistics and the annual reports show stays the same, and the purge is audited."""

import datetime as dt
import io
import itertools

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import override_settings

from gongkai.applications.models import ApplicantType, Application, Status
from gongkai.applications.outcomes import ApplicantCategory, Outcome
from gongkai.audit.models import AuditEvent
from gongkai.hotline import stats as hotline_stats
from gongkai.hotline.models import Category, Channel, Ticket
from gongkai.hotline.models import Status as TicketStatus
from gongkai.personal import retention
from gongkai.personal.actions import PURGE, purge_personal
from gongkai.personal.models import PurgedRecord
from gongkai.publicity import actions as publicity_actions
from gongkai.publicity import stats as publicity_stats
from gongkai.publicity.models import Entry
from gongkai.publicity.tests.conftest import filled, household, make_list, publish, rng  # noqa: F401
from gongkai.reports import figures

pytestmark = pytest.mark.django_db
CST = dt.timezone(dt.timedelta(hours=8))
_serial = itertools.count(1)


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=CST)


def _application(org, received: dt.date, replied: dt.date | None, category, outcome, *, id_copy=False):
    n = next(_serial)
    app = Application.objects.create(
        district_id=org.district_id,
        organisation=org,
        number=f"P{received.year}-{n:06d}",
        query_code_hash=f"{n:064d}",
        status=Status.CLOSED if replied else Status.PROCESSING,
        channel="online",
        received_on=received,
        applicant_type=ApplicantType.NATURAL,
        category=category,
        name="欧阳修文",
        id_number="43010219900101122X",
        phone="13800138000",
        email="ouyang@example.com",
        address="郴州市北湖区人民路12号",
        postcode="423000",
        description=f"请公开欧阳修文（电话13800138000）家的拆迁补偿标准，第{n}件",
        outcome=outcome if replied else "",
        replied_on=replied,
    )
    if id_copy:
        app.id_copy.save("id.pdf", ContentFile(b"%PDF-1.4 id card"), save=True)
    return app


def _ticket(personas, category, received: dt.datetime, closed: dt.datetime | None, channel=Channel.MAILBOX):
    n = next(_serial)
    return Ticket.objects.create(
        district=personas.district,
        number=f"RX{n:06d}",
        serial=n,
        office=personas.office,
        channel=channel,
        received_at=received,
        caller_name="钱多多",
        phone="13907350001",
        address="郴州市北湖区燕泉路8号",
        title="钱多多反映噪音",
        matter="我是钱多多，电话139-0735-0001，住燕泉路8号，楼下工地夜间施工",
        category=category,
        place=personas.department,
        place_detail="燕泉路8号楼下",
        latitude="25.770000",
        longitude="113.010000",
        lead=personas.department,
        status=TicketStatus.CLOSED if closed else TicketStatus.DISPATCHED,
        closed_at=closed,
        replied_at=closed,
        reply="已联系钱多多，工地停止夜间施工",
    )


def _everything(personas) -> dict:
    district = personas.district
    return {
        "report": figures.compute(district, 2018),
        "department_report": figures.compute(personas.department, 2018),
        "hotline": hotline_stats.year_figures(district, 2018),
        "letters": hotline_stats.mailbox_letters_by_month(
            district, dt.date(2018, 1, 1), dt.date(2018, 12, 31)
        ),
        "categories": hotline_stats.by_category(
            hotline_stats.received_between(district, dt.date(2018, 1, 1), dt.date(2018, 12, 31))
        ),
        "publicity": publicity_stats.report_figures(district, 2018),
        "entries": publicity_stats.entries(district, 2018),
    }


@pytest.fixture
def records_of_2018(personas, filled, publish, tmp_path, settings):  # noqa: F811
    """Applications, letters and a 低保 list of 2018, all closed that year, and one application
    replied to in 2025 (still within its ten years in 2030)."""
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel(_at(dt.date(2018, 3, 5)), tick=False) as clock:
        apps = [
            _application(
                personas.department, dt.date(2018, 3, 1), dt.date(2018, 3, 20), cat, out, id_copy=i == 0
            )
            for i, (cat, out) in enumerate(
                itertools.product(ApplicantCategory.values[:3], [Outcome.values[0], Outcome.values[3]])
            )
        ]
        apps.append(
            _application(
                personas.other_department, dt.date(2018, 12, 20), None, ApplicantCategory.NATURAL, ""
            )
        )
        category = Category.objects.create(district=personas.district, name="城市管理")
        tickets = [
            _ticket(personas, category, _at(dt.date(2018, 4, d)), _at(dt.date(2018, 5, d)), channel)
            for d, channel in zip(
                range(1, 7), itertools.cycle([Channel.MAILBOX, Channel.PHONE]), strict=False
            )
        ]
        tickets.append(_ticket(personas, category, _at(dt.date(2018, 12, 30)), None))
        listing = publish(filled(4))
        clock.move_to(_at(dt.date(2018, 4, 1)))
        publicity_actions.end_periods()
        clock.move_to(_at(dt.date(2025, 6, 1)))
        recent = _application(
            personas.department, dt.date(2025, 5, 6), dt.date(2025, 5, 30), "natural", "disclose"
        )
    return {"applications": apps, "tickets": tickets, "listing": listing, "recent": recent}


def test_the_purge_removes_personal_data_past_retention_and_no_figure_changes(
    personas, records_of_2018, django_capture_on_commit_callbacks
):
    apps, tickets = records_of_2018["applications"], records_of_2018["tickets"]
    id_copy = apps[0].id_copy
    assert id_copy.storage.exists(id_copy.name)
    with time_machine.travel(_at(dt.date(2030, 1, 10)), tick=False):
        before = _everything(personas)
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("purge_personal", stdout=out)
        after = _everything(personas)
    assert after == before
    assert before["report"]["table_three"]["rows"]["new"]["total"] == 7  # the figures are not empty
    assert before["hotline"].letters == 4 and before["entries"]

    # Applications replied to in 2018: ten years are over in 2030 — nothing of the person is left.
    for app in apps[:6]:
        app.refresh_from_db()
        assert (app.name.plaintext(), app.phone.plaintext(), app.id_number.plaintext()) == ("", "", "")
        assert (app.phone_hash, app.id_number_hash, app.postcode, app.id_copy.name) == ("", "", "", "")
        assert "欧阳修文" not in app.description and "13800138000" not in app.description
        assert "拆迁补偿标准" in app.description  # what was asked for stays
        assert (app.category, app.outcome, app.replied_on) != ("", "", None)
    assert not id_copy.storage.exists(id_copy.name)
    # Still open, or replied to in 2025: kept whole.
    for app in (apps[6], records_of_2018["recent"]):
        app.refresh_from_db()
        assert app.name.plaintext() == "欧阳修文" and app.phone_hash

    for ticket in tickets[:6]:
        ticket.refresh_from_db()
        assert (ticket.caller_name.plaintext(), ticket.phone.plaintext(), ticket.address.plaintext()) == (
            "",
            "",
            "",
        )
        assert ticket.phone_hash == "" and ticket.latitude is None and ticket.place_detail == ""
        for text in (ticket.title, ticket.matter, ticket.reply):
            assert "钱多多" not in text and "0735-0001" not in text and "燕泉路8号" not in text
        assert "工地" in ticket.matter
    tickets[6].refresh_from_db()
    assert tickets[6].caller_name.plaintext() == "钱多多"

    for entry in Entry.objects.filter(publicity=records_of_2018["listing"]):
        assert (entry.name.plaintext(), entry.bank_account.plaintext()) == ("", "")
        assert entry.id_number.plaintext() == f"已删除-{entry.pk}"
        assert entry.people and entry.amount

    assert PurgedRecord.objects.count() == 6 + 6 + 4 + 1  # and the list itself
    event = AuditEvent.objects.get(action=PURGE, note__startswith="政府信息公开申请")
    assert event.organisation == personas.district and "6 条" in event.note and apps[0].number in event.note
    assert "已删除 6 条记录" in out.getvalue()


def test_a_second_run_purges_nothing_and_a_dry_run_changes_nothing(personas, records_of_2018):
    with time_machine.travel(_at(dt.date(2030, 1, 10)), tick=False):
        out = io.StringIO()
        call_command("purge_personal", "--dry-run", stdout=out)
        assert (
            "将删除 6 条记录" in out.getvalue()
            and records_of_2018["applications"][0].number in out.getvalue()
        )
        assert not PurgedRecord.objects.exists() and not AuditEvent.objects.filter(action=PURGE).exists()
        app = Application.objects.get(pk=records_of_2018["applications"][0].pk)
        assert app.name.plaintext() == "欧阳修文"

        first = {r.rule.model: r.records for r in purge_personal()}
        events = AuditEvent.objects.filter(action=PURGE).count()
        assert first["applications.Application"] == 6 and first["hotline.Ticket"] == 6
        assert sum(r.records for r in purge_personal()) == 0
        assert AuditEvent.objects.filter(action=PURGE).count() == events


def test_the_periods_come_from_the_settings(personas, records_of_2018):
    with (
        time_machine.travel(_at(dt.date(2024, 1, 10)), tick=False),
        override_settings(
            PERSONAL_DATA_RETENTION={
                "applications": 5,
                "mailbox": 10,
                "publicity": 10,
                "decisions": 5,
                "services": 3,
            }
        ),
    ):
        done = {r.rule.model: r.records for r in purge_personal(dry_run=True)}
    assert (
        done["applications.Application"] == 6 and done["hotline.Ticket"] == 0 and done["publicity.Entry"] == 0
    )


def test_every_rule_names_real_fields_and_a_configured_period(db):
    kinds = set()
    for rule in retention.rules():
        model = rule.model_class
        assert rule.encrypted_fields(), rule
        for name in (*rule.deidentify, *rule.blank, *rule.null, *rule.files):
            model._meta.get_field(name)
        assert rule.years() >= 1
        list(retention.due(rule, dt.date(2030, 1, 1)))
        kinds.add(rule.kind)
    assert kinds == {"applications", "mailbox", "publicity", "decisions", "services"}
    models_with_personal_data = {
        m._meta.label
        for m, _f in __import__(
            "gongkai.personal.management.commands.rotate_personal_data_keys", fromlist=["x"]
        ).models_with_personal_data()
        if m._meta.app_label != "personal"
    }
    covered = {rule.model for rule in retention.rules()}
    assert models_with_personal_data <= covered, models_with_personal_data - covered
