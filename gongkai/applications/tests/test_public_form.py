"""A citizen applies online without an account: the form, its checks, the receipt."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from gongkai.accounts.factories import make_org, make_uscc
from gongkai.applications.models import Application, Channel, Status
from gongkai.applications.views_public import RECEIPT_SESSION_KEY
from gongkai.lib.validators import uscc_check_char
from gongkai.orgs.models import OrgKind

pytestmark = pytest.mark.django_db

FORM = "/apply/"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    + b"\0" * 64
)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\0" * 48 + b"PE\0\0" + b"\0" * 200


@pytest.fixture
def natural(personas, citizen_data):
    return {**citizen_data, "organisation": str(personas.department.pk), "postcode": "423000"}


@pytest.fixture
def legal(personas):
    return {
        "applicant_type": "legal",
        "org_name": "郴州市北湖区某某科技有限公司",
        "uscc": make_uscc(12345678, category="91"),
        "legal_representative": "李建国",
        "contact_person": "王小红",
        "category": "business",
        "phone": "0735-2345678",
        "email": "office@example.com",
        "address": "郴州市北湖区燕泉路8号",
        "organisation": str(personas.district.pk),
        "description": "2024年度本区招商引资优惠政策兑现情况",
        "doc_number": "北政发〔2024〕3号",
        "form": "paper",
        "delivery": "post",
    }


def raw_row(app: Application) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, id_number, phone, email, address FROM applications_application WHERE id = %s",
            [app.pk],
        )
        columns = [c[0] for c in cursor.description]
        return dict(zip(columns, cursor.fetchone(), strict=True))


def test_the_form_page_offers_both_applicant_blocks_and_the_agencies(client, personas):
    response = client.get(FORM)
    assert response.status_code == 200
    html = response.content.decode()
    assert "政府信息公开申请表" in html
    assert 'data-applicant="natural"' in html and 'data-applicant="legal"' in html
    assert personas.department.name in html and personas.district.name in html
    assert personas.budget_unit.name not in html  # budget units do not answer applications
    assert 'enctype="multipart/form-data"' in html and "csrfmiddlewaretoken" in html
    assert " onclick=" not in html and " onchange=" not in html


def test_a_natural_person_applies_and_gets_a_receipt_with_number_and_code(client, personas, natural):
    with time_machine.travel(dt.datetime(2025, 6, 9, 10, 0, tzinfo=dt.UTC)):
        response = client.post(FORM, natural)
        assert response.status_code == 302 and response["Location"] == reverse("apply:receipt")
        app = Application.objects.get()
        assert app.channel == Channel.ONLINE and app.status == Status.RECEIVED
        assert app.organisation == personas.department and app.district == personas.district
        assert app.received_on == dt.date(2025, 6, 9)
        assert app.category == "natural" and app.id_type == "mainland_id"
        assert app.phone.plaintext() == "13800138000" and app.id_number.plaintext() == natural["id_number"]
        assert app.org_name == "" and app.uscc == ""

        receipt = client.get(response["Location"])
    html = receipt.content.decode()
    assert app.number in html
    code = client.session.get(RECEIPT_SESSION_KEY, {}).get("code")
    assert code is None  # shown once: gone from the session after the receipt
    assert "code" not in response["Location"]
    assert "2025年7月7日" in html  # 20 working days after Mon 9 June 2025
    assert "收到申请之日不计入期限" in html and "data-print" in html


def test_the_query_code_is_shown_once_and_works(client, personas, natural):
    client.post(FORM, natural)
    first = client.get(reverse("apply:receipt")).content.decode()
    app = Application.objects.get()
    code = first.split('data-testid="code">')[1].split("<")[0]
    assert len(code) == 8
    from gongkai.applications import actions

    assert actions.find_by_query(app.number, code) == app
    again = client.get(reverse("apply:receipt")).content.decode()
    assert app.number in again and code not in again
    assert "不再显示" in again


def test_personal_data_is_encrypted_in_the_database(client, natural):
    client.post(FORM, natural)
    row = raw_row(Application.objects.get())
    for column, plain in [
        ("phone", "13800138000"),
        ("id_number", natural["id_number"]),
        ("name", "张晓明"),
        ("email", "zhang@example.com"),
        ("address", "人民路12号"),
    ]:
        assert plain not in row[column], column
    assert row["phone"].startswith("gAAAA")  # a Fernet token


def test_the_receipt_shows_personal_data_masked_only(client, natural):
    client.post(FORM, natural)
    html = client.get(reverse("apply:receipt")).content.decode()
    assert "138****8000" in html and "张*" in html
    for plain in ("13800138000", "张晓明", natural["id_number"], "zhang@example.com", "人民路12号"):
        assert plain not in html


def test_a_legal_person_applies_with_a_credit_code(client, personas, legal):
    response = client.post(FORM, legal)
    assert response.status_code == 302, response.content.decode()
    app = Application.objects.get()
    assert app.applicant_type == "legal" and app.category == "business"
    assert app.uscc == legal["uscc"] and app.org_name == legal["org_name"]
    assert app.legal_representative.plaintext() == "李建国" and app.contact_person.plaintext() == "王小红"
    assert app.id_number.plaintext() == "" and app.id_type == ""
    assert app.organisation == personas.district and app.delivery == "post"
    assert "2345678" not in raw_row(app)["phone"]


def test_only_the_chosen_applicant_block_is_read(client, natural, legal):
    # Without JavaScript both blocks are on the page; what was typed in the other one is ignored.
    mixed = {**natural, **{k: legal[k] for k in ("org_name", "uscc", "legal_representative")}}
    assert client.post(FORM, mixed).status_code == 302
    app = Application.objects.get()
    assert app.org_name == "" and app.uscc == "" and app.legal_representative.plaintext() == ""


def assert_kept(html: str, values: dict) -> None:
    for value in values:
        assert value in html, value


def test_a_wrong_id_check_digit_is_refused_and_everything_typed_is_kept(client, natural):
    wrong = natural["id_number"][:-1] + ("0" if natural["id_number"][-1] != "0" else "1")
    response = client.post(FORM, {**natural, "id_number": wrong, "doc_number": "北政发〔2018〕10号"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "身份证号码校验位不正确" in html
    assert_kept(
        html, [wrong, "张晓明", "13800138000", "zhang@example.com", "郴州市北湖区人民路12号", "423000"]
    )
    assert_kept(html, ["2018年城乡低保资金发放明细", "北政发〔2018〕10号"])
    assert f'<option value="{natural["organisation"]}" selected>' in html
    assert Application.objects.count() == 0


def test_a_birth_date_that_does_not_exist_is_refused(client, natural):
    body = "43100219850231123"
    from gongkai.lib.validators import id_check_digit

    response = client.post(FORM, {**natural, "id_number": body + id_check_digit(body)})
    assert "出生日期无效" in response.content.decode()
    assert Application.objects.count() == 0


def test_other_id_documents_are_accepted_as_typed(client, natural):
    response = client.post(FORM, {**natural, "id_type": "passport", "id_number": "E12345678"})
    assert response.status_code == 302
    assert Application.objects.get().id_number.plaintext() == "E12345678"


def test_a_wrong_credit_code_is_refused_and_kept(client, legal):
    good = legal["uscc"]
    bad = good[:-1] + next(c for c in "0123456789ABCDEF" if c != good[-1] and c != uscc_check_char(good[:17]))
    response = client.post(FORM, {**legal, "uscc": bad})
    html = response.content.decode()
    assert response.status_code == 200 and "统一社会信用代码校验位不正确" in html
    assert_kept(html, [bad, legal["org_name"], "李建国", "王小红", "0735-2345678", "燕泉路8号"])
    assert '<option value="business" selected>' in html
    assert Application.objects.count() == 0


def test_a_missing_description_is_refused_with_the_rest_kept(client, natural):
    response = client.post(FORM, {**natural, "description": ""})
    html = response.content.decode()
    assert "请填写所需信息的内容描述" in html
    assert_kept(html, ["张晓明", natural["id_number"], "13800138000"])
    assert Application.objects.count() == 0
    short = client.post(FORM, {**natural, "description": "低保"}).content.decode()
    assert "内容描述过短" in short


def test_missing_natural_person_fields_are_named(client, natural):
    html = client.post(FORM, {**natural, "name": "", "id_number": ""}).content.decode()
    assert "请填写姓名" in html and "请填写证件号码" in html
    assert Application.objects.count() == 0


def test_delivery_decides_whether_email_or_address_is_required(client, natural):
    html = client.post(FORM, {**natural, "delivery": "email", "email": ""}).content.decode()
    assert "请填写电子邮箱" in html
    html = client.post(FORM, {**natural, "delivery": "post", "address": ""}).content.decode()
    assert "请填写通信地址" in html
    assert Application.objects.count() == 0


@pytest.mark.parametrize("phone", ["12345", "1380013800", "abcdefghijk", "0735-123"])
def test_a_wrong_phone_number_is_refused(client, natural, phone):
    html = client.post(FORM, {**natural, "phone": phone}).content.decode()
    assert "请填写正确的联系电话" in html
    assert Application.objects.count() == 0


@pytest.mark.parametrize("phone", ["138 0013 8000", "+86 13800138000", "0735-2345678", "（010）62345678"])
def test_mobile_and_landline_numbers_are_accepted(client, natural, phone):
    assert client.post(FORM, {**natural, "phone": phone}).status_code == 302


def test_control_characters_are_refused_in_chinese(client, natural):
    html = client.post(FORM, {**natural, "name": "张\x00晓明", "doc_number": "a\x07b"}).content.decode()
    assert html.count("控制字符") >= 2
    assert Application.objects.count() == 0


def test_an_unknown_agency_is_refused(client, natural, personas):
    html = client.post(FORM, {**natural, "organisation": str(personas.budget_unit.pk)}).content.decode()
    assert "请从列表中选择受理机关" in html
    assert Application.objects.count() == 0


def test_an_id_copy_is_identified_by_content_and_stored_privately(client, natural, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("我的身份证.jpeg", PNG, content_type="image/jpeg")
    assert client.post(FORM, {**natural, "id_copy": upload}).status_code == 302
    app = Application.objects.get()
    assert app.id_copy.name.endswith("id-copy.png")  # named by its content, not its name
    assert (tmp_path / app.id_copy.name).read_bytes() == PNG
    # MEDIA_ROOT is private: nothing serves it.
    assert client.get(f"{settings.MEDIA_URL}{app.id_copy.name}").status_code == 404


def test_a_disguised_program_is_refused_as_id_copy(client, natural, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("身份证.jpg", EXE, content_type="image/jpeg")
    response = client.post(FORM, {**natural, "id_copy": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "只能是 JPEG、PNG 图片或 PDF 文件" in html
    assert "张晓明" in html
    assert Application.objects.count() == 0
    assert not any(tmp_path.iterdir())


def test_a_too_large_id_copy_is_refused(client, natural, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    big = SimpleUploadedFile(
        "scan.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024), content_type="application/pdf"
    )
    html = client.post(FORM, {**natural, "id_copy": big}).content.decode()
    assert "文件过大" in html and Application.objects.count() == 0


def test_a_good_file_must_be_chosen_again_after_another_error_and_the_page_says_so(
    client, natural, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("scan.png", PNG, content_type="image/png")
    html = client.post(FORM, {**natural, "description": "", "id_copy": upload}).content.decode()
    assert "请重新选择文件" in html
    assert Application.objects.count() == 0


def test_the_form_is_csrf_protected(personas, natural):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(FORM, natural).status_code == 403
    assert Application.objects.count() == 0


def test_more_than_twenty_submissions_an_hour_are_refused_kindly_keeping_what_was_typed(client, natural):
    for _ in range(20):
        assert client.post(FORM, natural).status_code == 302
    response = client.post(FORM, {**natural, "description": "第二十一份申请的内容描述"})
    html = response.content.decode()
    assert response.status_code == 429
    assert "请一小时后再提交" in html and "第二十一份申请的内容描述" in html and "张晓明" in html
    assert Application.objects.count() == 20
    # Another address is not affected.
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.post(FORM, natural).status_code == 302


def test_the_form_page_needs_a_bounded_number_of_queries(client, personas, django_assert_max_num_queries):
    for n in range(12):
        make_org(f"测试区第{n}街道办事处", OrgKind.STREET, personas.district)
    client.get(FORM)  # warm the host → district cache
    # district, agencies, and the footer's leading group with its members: however many agencies
    with django_assert_max_num_queries(4):
        assert client.get(FORM).status_code == 200


def test_the_section_is_in_the_portal_navigation(client, personas):
    html = client.get("/").content.decode()
    assert f'href="{reverse("apply:form")}"' in html and "依申请公开" in html


def test_the_receipt_without_a_submission_goes_back_to_the_form(client, personas):
    response = client.get(reverse("apply:receipt"))
    assert response.status_code == 302 and response["Location"] == reverse("apply:form")
