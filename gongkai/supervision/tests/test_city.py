"""The city view (一市一平台): the city's office — the office's role in each of two districts of one
deployment — sees the districts side by side on its dashboard, each linking down to that
district's pages; a district's office sees only itself, never the other district."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.accounts.factories import build_personas, make_staff
from gongkai.accounts.models import Membership
from gongkai.accounts.roles import Role
from gongkai.supervision import city
from gongkai.supervision.models import Finding

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_districts(personas, frozen, put_application, run):
    """The personas' district with an overdue application, a second district (乙测试区) with two,
    and the city's office holding the auditor's role in both."""
    second = build_personas(prefix="乙", region="431003")
    put_application(personas.department, dt.date(2026, 1, 5))
    theirs = [put_application(second.department, dt.date(2026, 1, d)) for d in (5, 6)]
    run()
    run(district=second.district)
    office = make_staff("city-office", personas.district, Role.AUDITOR, full_name="市政务公开办")
    Membership.objects.create(user=office, organisation=second.district, role=Role.AUDITOR)
    return second, theirs, office


def test_the_city_office_sees_both_districts_side_by_side_with_links_down(client, personas, two_districts):
    second, theirs, office = two_districts
    rows = {r.district.pk: r for r in city.rows(office, dt.date(2026, 3, 2))}
    assert set(rows) == {personas.district.pk, second.district.pk}
    for district in (personas.district, second.district):
        open_findings = Finding.objects.filter(district=district, closed_on__isnull=True).count()
        assert rows[district.pk].findings == open_findings > 0
    assert (
        rows[personas.district.pk].applications_overdue == 1
        and rows[second.district.pk].applications_overdue == 2
    )

    client.force_login(office)
    home = client.get(reverse("workbench:home")).content.decode()
    assert 'id="city-districts"' in home and "乙测试区" in home and personas.district.name in home
    down = f"?district={second.district.pk}"
    assert reverse("supervision_staff:overview") + down in home
    assert reverse("supervision_staff:findings") + down in home

    # following the link down: that district's own dashboard and findings, and it stays chosen
    overview = client.get(reverse("supervision_staff:overview") + down).content.decode()
    assert f"{second.district.name}政务公开督查概览" in overview
    findings = client.get(reverse("supervision_staff:findings")).content.decode()
    assert all(t.number in findings for t in theirs)
    selfcheck = client.get(reverse("supervision_staff:selfcheck_json")).json()
    assert selfcheck["district"] == second.district.code


def test_a_district_office_sees_only_itself(client, personas, two_districts):
    second, theirs, _office = two_districts
    client.force_login(personas.coordinator)
    home = client.get(reverse("workbench:home")).content.decode()
    assert 'id="city-districts"' not in home and "乙测试区" not in home
    # asking for the other district is ignored: the office stays in its own
    findings = client.get(
        reverse("supervision_staff:findings") + f"?district={second.district.pk}"
    ).content.decode()
    assert not any(t.number in findings for t in theirs)
    data = client.get(reverse("supervision_staff:selfcheck_json") + f"?district={second.district.pk}").json()
    assert data["district"] == personas.district.code
    client.force_login(second.coordinator)
    page = client.get(reverse("supervision_staff:overview")).content.decode()
    assert 'id="city-districts"' not in page and f">{personas.district.name}<" not in page
    assert f"?district={personas.district.pk}" not in page
