"""The demo's lists and notices: the seed's 2018 figures exactly, read back through ``stats.py``,
and no full ID number, phone, bank account or detailed address in any public page or export of
any of them — each rendered on a day within its period, when the portal shows it."""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import re
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from gongkai.lib.validators import id_check_digit
from gongkai.orgs.models import Organisation
from gongkai.publicity import stats
from gongkai.publicity.demo_steps import SEED, Figures, _People, dibao_plan, load_publicity
from gongkai.publicity.kinds import Kind
from gongkai.publicity.models import Entry, Objection, Publicity, PublicRow, State

pytestmark = pytest.mark.django_db

ID_RE = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dX](?![0-9A-Za-z])")
MOBILE_RE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
LANDLINE_RE = re.compile(r"(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)")
BANK_RE = re.compile(r"(?<!\d)\d{16,19}(?!\d)")
HOUSE_RE = re.compile(r"[路街巷道村组弄]\d+号|\d+(?:栋|幢|单元|室)")


def leaks(text: str) -> list[str]:
    """Full ID numbers (passing the check digit), mobiles, landlines, bank accounts and house
    numbers in ``text``."""
    found = [m for m in ID_RE.findall(text) if id_check_digit(m[:17]) == m[17]]
    for pattern in (MOBILE_RE, LANDLINE_RE, BANK_RE, HOUSE_RE):
        found += pattern.findall(text)
    return list(dict.fromkeys(found))


def test_the_scan_finds_what_it_looks_for():
    valid = "43010219900101123" + id_check_digit("43010219900101123")
    assert leaks(f"身份证 {valid} 手机13800138000") == [valid, "13800138000"]
    assert leaks("0735-2345678 6217001234567890123 燕泉路128号3栋") == [
        "0735-2345678", "6217001234567890123", "路128号", "3栋"
    ]
    assert leaks("4301**********1234 138****5678 北政发〔2018〕10号 2018-03-05") == []


# A smaller year through the same code (the full one takes a while to load): read back exactly.
SMALL = Figures(
    dibao={Kind.URBAN_DIBAO: (150, Decimal("48876.00")), Kind.RURAL_DIBAO: (110, Decimal("25529.00"))},
    public_rental=(9, 4),
    low_rent=(3,),
    eligibility=(4,),
    renovation={Kind.RENOVATION_CENTRAL: 5, Kind.RENOVATION_DISTRICT: 4},
    land_projects=3,
    mining_projects=2,
    expropriation_notices=1,
    expropriation_decisions=2,
)


def test_the_monthly_plan_adds_up_to_the_seeds_people_and_amounts():
    """At the seed's scale: 43,003 / 1,401.2133 万元 urban, 28,075 / 651.574 万元 rural."""
    people = _People(random.Random("plan"), ["人民路街道", "北湖街道"], ["华塘镇", "鲁塘镇"])
    sums: dict = {}
    for kind, month, households in dibao_plan(SEED, people, random.Random("plan")):
        s = sums.setdefault(kind, [0, Decimal(0), set()])
        s[0] += sum(h["people"] for h in households)
        s[1] += sum(h["amount"] for h in households)
        s[2].add(month)
        assert all(h["people"] >= 1 and h["amount"] > 0 for h in households)
    assert sums[Kind.URBAN_DIBAO][:2] == [43003, Decimal("14012133")]
    assert sums[Kind.RURAL_DIBAO][:2] == [28075, Decimal("6515740")]
    assert sums[Kind.URBAN_DIBAO][2] == set(range(1, 13))
    assert stats.wan(Decimal("14012133")) == Decimal("1401.2133")
    assert stats.wan(Decimal("6515740")) == Decimal("651.574")
    assert sum(SEED.public_rental) == 1370 and sum(SEED.low_rent) == 77


@pytest.fixture
def demo(db):
    from gongkai.demo.district import build_district

    district = build_district()
    load_publicity(district, stdout=io.StringIO(), figures=SMALL)
    return district


def _org_contacts(district) -> list[str]:
    """The organisations' own public contacts (the portal's footer) and credit codes (in every
    index number), which are no one's personal data."""
    values = []
    for org in Organisation.objects.filter(district=district):
        values += [v for v in (org.address, org.phone, org.fax, org.code) if v]
    return sorted(values, key=len, reverse=True)


def _scan(client, url: str, contacts: list[str], status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    text = response.content.decode("utf-8-sig")
    for contact in contacts:
        text = text.replace(contact, "")
    assert leaks(text) == [], url
    return text


def test_the_demo_reads_back_its_figures_no_public_page_or_export_shows_personal_data_and_it_loads_once(demo, client):
    figures = stats.report_figures(demo, 2018)
    assert figures == {
        "housing_allocated": 16,
        "low_rent": 3,
        "public_rental": 13,
        "renovation_central": 5,
        "renovation_district": 4,
        "land_acquisition_projects": 3,
        "mining_rights": 2,
        "expropriation_notices": 1,
        "expropriation_decisions": 2,
        "compensation_plans": 1,
        "compensation_decisions": 1,
        "urban_dibao_people": 150,
        "urban_dibao_wan": Decimal("4.8876"),
        "rural_dibao_people": 110,
        "rural_dibao_wan": Decimal("2.5529"),
    }
    assert stats.lists_published(demo, 2018)[Kind.URBAN_DIBAO] == 12
    # The ID numbers behind the masks pass their check digit and are the district's region.
    sample = Entry.objects.filter(publicity__district=demo)[:200]
    for entry in sample:
        number = entry.id_number.plaintext()
        assert number.startswith("431002") and id_check_digit(number[:17]) == number[17]

    # This month: one list public within its period, one just taken down, one draft.
    today = timezone.localdate()
    live = Publicity.objects.filter(district=demo, year=today.year, month=today.month, kind=Kind.URBAN_DIBAO).get()
    assert live.state == State.RELEASED and live.in_period(today)
    assert Objection.objects.filter(publicity=live, outcome="").count() == 1
    expired = Publicity.objects.filter(district=demo, kind=Kind.RURAL_DIBAO, state=State.ENDED, ended_on=today).get()
    assert expired.period_ends_on == today - dt.timedelta(days=1)
    assert Publicity.objects.filter(district=demo, state=State.DRAFT).count() == 1
    # and one list released for good six weeks ago, which the supervision check finds still online
    (forgotten,) = stats.expired_lists_online(demo, today)
    assert forgotten.open_ended and forgotten.ended_on == today - dt.timedelta(days=34)

    contacts = _org_contacts(demo)
    released = list(Publicity.objects.filter(district=demo).exclude(state=State.DRAFT).order_by("pk"))
    # 2018, then this month's two and the list left online for good (for the supervision check)
    assert len(released) == 24 + 2 + 1 + 1 + 2 + 3 + 2 + 1 + 1 + 2 + 1 + 2 + 1
    # The 2018 lists came down long ago: put each back as it stood during its period, to render it.
    Publicity.objects.filter(pk__in=[p.pk for p in released if p.pk != expired.pk]).update(state=State.RELEASED)
    scanned_rows = 0
    for publicity in released:
        if publicity.pk == expired.pk:
            continue
        day = publicity.period_starts_on
        with time_machine.travel(dt.datetime.combine(day, dt.time(12), tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False):
            detail = reverse("publicity:detail", args=[publicity.pk])
            if publicity.is_list:
                rows = PublicRow.objects.filter(publicity=publicity).count()
                for page in range(1, (rows - 1) // 500 + 2):  # every row, on pages of 500
                    _scan(client, f"{detail}?n=500&page={page}", contacts)
                csv_text = _scan(client, reverse("publicity:rows_csv", args=[publicity.pk]), contacts)
                assert csv_text.count("\r\n") == rows + 1
                data = json.loads(_scan(client, reverse("publicity:rows_json", args=[publicity.pk]), contacts))
                assert data["count"] == rows
                scanned_rows += rows
            else:
                _scan(client, detail, contacts)
            _scan(client, reverse("catalog:item", args=[publicity.notice_item_id]), contacts)
            if publicity.pk == live.pk:
                _scan(client, reverse("publicity:column"), contacts)
                _scan(client, f"/api/publicity/{publicity.pk}/rows", contacts)
                for url in (reverse("publicity:column_csv"), reverse("publicity:column_json"), "/api/publicity"):
                    _scan(client, url, contacts)
    assert scanned_rows == PublicRow.objects.filter(publicity__district=demo).exclude(publicity=expired).count()
    # After its period a list is gone, and its page says so without the list.
    gone = _scan(client, reverse("publicity:detail", args=[expired.pk]), contacts, status=410)
    assert "公示期已满" in gone and "*" not in gone

    # Loading the demo again adds nothing.
    counts = (Publicity.objects.count(), Entry.objects.count(), PublicRow.objects.count())
    load_publicity(demo, stdout=io.StringIO())
    assert (Publicity.objects.count(), Entry.objects.count(), PublicRow.objects.count()) == counts
