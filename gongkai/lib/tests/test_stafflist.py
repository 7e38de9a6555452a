"""The registries' staff list helper: filters from the query string, the organisation filter,
paging, the export link and the XLSX download, on real organisations in the database."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from gongkai.lib import stafflist
from gongkai.orgs.models import Organisation, OrgKind
from gongkai.personal.tests.factories import organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    district = organisation("北湖区人民政府", OrgKind.DISTRICT)
    education = organisation("北湖区教育局", OrgKind.DEPARTMENT, district)
    school = organisation("北湖区第一中学", OrgKind.BUDGET_UNIT, education)
    health = organisation("北湖区卫生健康局", OrgKind.DEPARTMENT, district)
    other = organisation("苏仙区人民政府", OrgKind.DISTRICT)
    return district, education, school, health, other


def test_filters_that_do_not_read_are_dropped_not_refused():
    params = {
        "year": "二〇一八",
        "organisation": "7",
        "state": "gone",
        "kind": "a",
        "q": "  教育" + "局" * 80,
    }
    filters = stafflist.read_filters(
        params,
        year=stafflist.number,
        organisation=stafflist.number,
        state=stafflist.one_of(("draft", "released")),
        kind=stafflist.one_of(("a", "b")),
        q=stafflist.text(50),
        missing=stafflist.number,
    )
    assert list(filters) == ["year", "organisation", "state", "kind", "q", "missing"]
    assert filters["year"] is None and filters["organisation"] == 7 and filters["missing"] is None
    assert filters["state"] == "" and filters["kind"] == "a"
    assert filters["q"] == ("教育" + "局" * 80)[:50]


def test_the_organisation_filter_takes_the_units_below_and_only_the_districts_own(tree):
    district, education, school, _health, other = tree
    everyone = Organisation.objects.all()
    below_education = stafflist.in_organisation(
        everyone, Organisation.objects, education.pk, district, field="id"
    )
    assert set(below_education) == {education, school}
    assert stafflist.in_organisation(everyone, Organisation.objects, None, district, field="id") is everyone
    # Another district's organisation shows nothing, or is ignored where the registry says so.
    assert (
        list(stafflist.in_organisation(everyone, Organisation.objects, other.pk, district, field="id")) == []
    )
    ignored = stafflist.in_organisation(
        everyone, Organisation.objects, other.pk, district, field="id", unknown_shows_nothing=False
    )
    assert ignored is everyone


def test_only_the_filters_set_narrow_the_rows(tree):
    health = tree[3]
    rows = Organisation.objects.filter(pk__in=[o.pk for o in tree])
    filters = {"kind": OrgKind.DEPARTMENT, "q": "卫生", "year": None}
    narrowed = stafflist.narrowed(rows, filters, kind="kind", q="name__icontains", year="created_at__year")
    assert list(narrowed) == [health]
    assert set(stafflist.narrowed(rows, {"kind": "", "q": ""}, kind="kind", q="name__icontains")) == set(tree)


def test_the_page_and_the_export_link_follow_the_query_string(tree):
    request = RequestFactory().get("/staff/x/", {"page": "2", "year": "2018", "q": "教育"})
    page = stafflist.page_of(request, Organisation.objects.order_by("pk"), size=2)
    assert page.number == 2 and len(page.object_list) == 2 and page.paginator.count == 5
    past_the_end = stafflist.page_of(
        RequestFactory().get("/", {"page": "99"}), Organisation.objects.order_by("pk"), 2
    )
    assert past_the_end.number == 3
    url = stafflist.export_url(request, "powers_staff:export")
    assert url.startswith("/staff/powers/") and "page=" not in url
    assert "year=2018" in url and "q=%E6%95%99%E8%82%B2" in url
    assert "?" not in stafflist.export_url(RequestFactory().get("/", {"page": "3"}), "powers_staff:export")


def test_the_download_is_an_xlsx_attachment():
    response = stafflist.xlsx_response(b"PK\x03\x04", "powers-2018-04-20.xlsx")
    assert response["Content-Type"] == stafflist.XLSX
    assert response["Content-Disposition"] == 'attachment; filename="powers-2018-04-20.xlsx"'
    assert response.content == b"PK\x03\x04"


def test_the_district_is_the_users_and_anyone_else_is_refused(tree):
    district = tree[0]
    assert (
        stafflist.staff_district("user", lambda u: True, lambda u: district.pk, Organisation.objects)
        == district
    )
    with pytest.raises(PermissionDenied):
        stafflist.staff_district("user", lambda u: False, lambda u: district.pk, Organisation.objects)
    with pytest.raises(PermissionDenied):
        stafflist.staff_district("user", lambda u: True, lambda u: None, Organisation.objects)


def test_an_upload_must_be_an_excel_workbook_by_its_content():
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.lib import xlsximport

    content = xlsximport.xlsx_bytes(xlsximport.template("表", [xlsximport.Column("编号", "code")]))
    workbook = SimpleUploadedFile("清单.xlsx", content)
    workbook.read(10)  # the upload check reads it; the importer must get it from the start
    upload = stafflist.xlsx_upload(SimpleNamespace(cleaned_data={"file": workbook}))
    assert upload.read() == content
    disguised = SimpleUploadedFile("清单.xlsx", b"%PDF-1.4 not a workbook at all")
    with pytest.raises(ValidationError):
        stafflist.xlsx_upload(SimpleNamespace(cleaned_data={"file": disguised}))
