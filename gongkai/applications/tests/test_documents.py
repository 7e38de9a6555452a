"""Documents delivered with the reply: uploaded by staff, checked by content, frozen on delivery,
downloaded by the applicant from the status page of their own application only."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongkai.applications import actions
from gongkai.applications.models import ReplyDocument, ReviewCase
from gongkai.applications.outcomes import Outcome
from gongkai.audit.models import AuditEvent, AuditKind

pytestmark = pytest.mark.django_db
D = dt.date
STATUS = "/apply/status/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def minimal_pdf(text: str = "reply") -> bytes:
    """A small but well-formed PDF: header, catalog, pages, one page with text, xref, trailer."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdf_upload(name: str = "低保资金发放明细.pdf", text: str = "reply") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, minimal_pdf(text), content_type="application/pdf")


def exe_upload(name: str = "答复材料.pdf") -> SimpleUploadedFile:
    # A Windows program (MZ header, PE signature) renamed to .pdf, with the browser claiming PDF.
    body = bytearray(b"MZ" + b"\x90\x00" * 29 + b"\x80\x00\x00\x00")
    body += b"\x00" * (0x80 - len(body)) + b"PE\x00\x00" + b"\x4c\x01" + b"\x00" * 200
    return SimpleUploadedFile(name, bytes(body), content_type="application/pdf")


def body_of(response) -> bytes:
    return b"".join(response.streaming_content)


def look_up(client: Client, app) -> None:
    response = client.post(STATUS, {"number": app.number, "code": app.query_code})
    assert response.status_code == 302


@pytest.fixture
def app(make_app):
    return make_app(received=D(2025, 6, 9))


def close(app, personas):
    return actions.close(app, actor=personas.editor, outcome=Outcome.DISCLOSE, replied_on=D(2025, 6, 20))


def deliver(app, personas, method="online"):
    return actions.record_delivery(app, actor=personas.editor, delivered_on=D(2025, 6, 23), method=method)


def test_the_minimal_pdf_is_well_formed():
    data = minimal_pdf()
    assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
    xref = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    assert data[xref:].startswith(b"xref\n0 6\n")
    first = int(data[xref:].split(b"\n")[3].split()[0])
    assert data[first:].startswith(b"1 0 obj")


# --- the action ---------------------------------------------------------------------------------


def test_a_handler_attaches_a_pdf_which_is_stored_privately_and_audited(app, personas, settings):
    document = actions.attach_document(app, pdf_upload(), actor=personas.editor)
    document.refresh_from_db()
    assert document.name == "低保资金发放明细.pdf"
    assert document.content_type == "application/pdf"
    assert document.size == len(minimal_pdf())
    assert len(document.sha256) == 64 and document.uploaded_by == personas.editor
    assert document.file.name.startswith("applications/documents/")
    assert "低保" not in document.file.name  # the stored name is random, not the uploaded one
    assert (settings.MEDIA_ROOT / document.file.name).read_bytes() == minimal_pdf()
    event = AuditEvent.objects.get(action="application.attach")
    assert event.actor == personas.editor and event.target_id == str(app.pk)
    assert event.kind == AuditKind.CHANGE and event.changes == {"document": [None, document.name]}


def test_a_program_renamed_to_pdf_is_refused_and_nothing_is_stored(app, personas, settings):
    with pytest.raises(ValidationError) as caught:
        actions.attach_document(app, exe_upload(), actor=personas.editor)
    assert "不支持该文件类型" in " ".join(caught.value.messages)
    assert not ReplyDocument.objects.exists()
    assert not (settings.MEDIA_ROOT / "applications").exists()
    assert not AuditEvent.objects.filter(action="application.attach").exists()


def test_a_pdf_named_docx_is_refused(app, personas):
    with pytest.raises(ValidationError, match="不符"):
        actions.attach_document(app, pdf_upload("答复.docx"), actor=personas.editor)


def test_the_same_file_twice_is_refused(app, personas):
    actions.attach_document(app, pdf_upload("一.pdf"), actor=personas.editor)
    with pytest.raises(ValidationError, match="已经上传过"):
        actions.attach_document(app, pdf_upload("二.pdf"), actor=personas.editor)
    assert ReplyDocument.objects.count() == 1


@pytest.mark.parametrize("who", ["outsider", "auditor", "operator"])
def test_only_handlers_of_the_organisation_attach_or_remove(app, personas, who):
    with pytest.raises(PermissionDenied):
        actions.attach_document(app, pdf_upload(), actor=getattr(personas, who))
    document = actions.attach_document(app, pdf_upload(), actor=personas.editor)
    with pytest.raises(PermissionDenied):
        actions.remove_document(document, actor=getattr(personas, who))
    assert ReplyDocument.objects.count() == 1


def test_documents_can_change_after_closing_but_not_after_delivery(app, personas, settings):
    first = actions.attach_document(app, pdf_upload("一.pdf", "one"), actor=personas.editor)
    close(app, personas)
    second = actions.attach_document(app, pdf_upload("二.pdf", "two"), actor=personas.editor)
    deliver(app, personas)
    with pytest.raises(ValidationError, match="已登记送达"):
        actions.remove_document(first, actor=personas.editor)
    with pytest.raises(ValidationError, match="已登记送达"):
        actions.attach_document(app, pdf_upload("三.pdf", "three"), actor=personas.editor)
    assert set(ReplyDocument.objects.values_list("pk", flat=True)) == {first.pk, second.pk}
    assert default_storage.exists(first.file.name)


def test_removing_deletes_the_file_once_committed_and_is_audited(
    app, personas, django_capture_on_commit_callbacks
):
    document = actions.attach_document(app, pdf_upload(), actor=personas.editor)
    path = document.file.name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.remove_document(document, actor=personas.editor)
    assert not ReplyDocument.objects.exists()
    assert default_storage.exists(path)  # not yet: the transaction might still roll back
    for callback in callbacks:
        callback()
    assert not default_storage.exists(path)
    event = AuditEvent.objects.get(action="application.detach")
    assert event.changes == {"document": [document.name, None]}


# --- the staff page -----------------------------------------------------------------------------


def test_staff_upload_list_download_and_remove_on_the_page(client, app, personas):
    client.force_login(personas.editor)
    detail = reverse("applications_staff:detail", args=[app.pk])
    response = client.post(
        reverse("applications_staff:document_upload", args=[app.pk]), {"file": pdf_upload()}, follow=True
    )
    assert "已上传“低保资金发放明细.pdf”。" in [str(m) for m in response.context["messages"]]
    document = ReplyDocument.objects.get()
    page = client.get(detail).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert reverse("applications_staff:document", args=[document.pk]) in page
    assert reverse("applications_staff:document_remove", args=[document.pk]) in page
    assert "上传答复材料" in page  # the history names the event

    download = client.get(reverse("applications_staff:document", args=[document.pk]))
    assert download.status_code == 200 and body_of(download) == minimal_pdf()
    assert download["Content-Type"] == "application/pdf" and "attachment" in download["Content-Disposition"]

    # the auditor may read it, but neither upload nor remove
    client.force_login(personas.auditor)
    assert client.get(reverse("applications_staff:document", args=[document.pk])).status_code == 200
    assert client.post(reverse("applications_staff:document_remove", args=[document.pk])).status_code == 403
    upload = client.post(reverse("applications_staff:document_upload", args=[app.pk]), {"file": pdf_upload()})
    assert upload.status_code == 403

    client.force_login(personas.editor)
    response = client.post(reverse("applications_staff:document_remove", args=[document.pk]), follow=True)
    assert "已删除“低保资金发放明细.pdf”。" in [str(m) for m in response.context["messages"]]
    assert not ReplyDocument.objects.exists()


def test_a_disguised_program_is_refused_on_the_page(client, app, personas):
    client.force_login(personas.editor)
    response = client.post(
        reverse("applications_staff:document_upload", args=[app.pk]), {"file": exe_upload()}, follow=True
    )
    assert any("不支持该文件类型" in str(m) for m in response.context["messages"])
    assert not ReplyDocument.objects.exists()


def test_an_outsider_gets_404_for_the_page_the_upload_and_the_document(client, app, personas):
    document = actions.attach_document(app, pdf_upload(), actor=personas.editor)
    client.force_login(personas.outsider)
    assert client.get(reverse("applications_staff:detail", args=[app.pk])).status_code == 404
    upload = client.post(
        reverse("applications_staff:document_upload", args=[app.pk]), {"file": pdf_upload("x.pdf", "x")}
    )
    assert upload.status_code == 404
    assert client.get(reverse("applications_staff:document", args=[document.pk])).status_code == 404
    assert client.post(reverse("applications_staff:document_remove", args=[document.pk])).status_code == 404
    assert ReplyDocument.objects.count() == 1


def test_after_delivery_the_page_offers_no_upload_or_remove(client, app, personas):
    document = actions.attach_document(app, pdf_upload(), actor=personas.editor)
    close(app, personas)
    deliver(app, personas)
    client.force_login(personas.editor)
    page = client.get(reverse("applications_staff:detail", args=[app.pk])).content.decode()
    assert reverse("applications_staff:document", args=[document.pk]) in page
    assert reverse("applications_staff:document_remove", args=[document.pk]) not in page
    assert reverse("applications_staff:document_upload", args=[app.pk]) not in page
    response = client.post(reverse("applications_staff:document_remove", args=[document.pk]), follow=True)
    assert any("已登记送达" in str(m) for m in response.context["messages"])
    assert ReplyDocument.objects.filter(pk=document.pk).exists()


def test_the_letter_form_is_prefilled_with_the_documents_and_the_letter_lists_them(client, app, personas):
    actions.attach_document(app, pdf_upload("一、低保名单.pdf", "one"), actor=personas.editor)
    actions.attach_document(app, pdf_upload("二、资金明细.pdf", "two"), actor=personas.editor)
    close(app, personas)
    client.force_login(personas.editor)
    page = client.get(reverse("applications_staff:detail", args=[app.pk])).content.decode()
    assert "一、低保名单.pdf\n二、资金明细.pdf</textarea>" in page

    # staff may edit the list before generating
    url = reverse("applications_staff:action", args=[app.pk, "letter"])
    client.post(url, {"attachments": "一、低保名单.pdf（共2页）"})
    from docx import Document

    letter = app.letters.get()
    with letter.docx.open("rb") as handle:
        text = "\n".join(p.text for p in Document(io.BytesIO(handle.read())).paragraphs)
    assert "附件：一、低保名单.pdf（共2页）" in text and "资金明细" not in text

    # called without a list, the letter names every uploaded document
    generated = actions.generate_letter(app, actor=personas.editor)
    assert generated.text.attachments == ["一、低保名单.pdf", "二、资金明细.pdf"]


# --- the citizen --------------------------------------------------------------------------------


def test_the_citizen_downloads_a_delivered_document_after_looking_the_application_up(client, app, personas):
    document = actions.attach_document(app, pdf_upload(), actor=personas.editor)
    close(app, personas)
    url = reverse("apply:document", args=[document.pk])
    assert client.get(url).status_code == 404  # no lookup yet

    look_up(client, app)
    assert url not in client.get(STATUS).content.decode()  # closed, but delivery not yet recorded
    assert client.get(url).status_code == 404

    deliver(app, personas)
    page = client.get(STATUS).content.decode()
    assert url in page and "低保资金发放明细.pdf" in page
    response = client.get(url)
    assert response.status_code == 200 and body_of(response) == minimal_pdf()
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]

    client.post(STATUS, {"action": "leave"})
    assert client.get(url).status_code == 404


def test_the_citizen_cannot_download_another_applications_document(client, make_app, personas):
    mine, theirs = make_app(received=D(2025, 6, 9)), make_app(received=D(2025, 6, 9))
    for app, text in ((mine, "mine"), (theirs, "theirs")):
        actions.attach_document(app, pdf_upload(f"{text}.pdf", text), actor=personas.editor)
        close(app, personas)
        deliver(app, personas)
    their_document = theirs.documents.get()
    look_up(client, mine)
    page = client.get(STATUS).content.decode()
    assert "mine.pdf" in page and "theirs.pdf" not in page
    assert client.get(reverse("apply:document", args=[their_document.pk])).status_code == 404
    assert client.get(reverse("apply:document", args=[mine.documents.get().pk])).status_code == 200


def test_documents_are_not_offered_online_when_another_delivery_was_chosen(client, make_app, personas):
    app = make_app(received=D(2025, 6, 9), delivery="post")
    document = actions.attach_document(app, pdf_upload(), actor=personas.editor)
    close(app, personas)
    deliver(app, personas, method="post")
    look_up(client, app)
    assert reverse("apply:document", args=[document.pk]) not in client.get(STATUS).content.decode()
    assert client.get(reverse("apply:document", args=[document.pk])).status_code == 404


# --- smaller fixes ------------------------------------------------------------------------------


def test_a_delivery_with_an_unknown_method_is_refused(app, personas):
    close(app, personas)
    with pytest.raises(ValidationError) as caught:
        actions.record_delivery(app, actor=personas.editor, delivered_on=D(2025, 6, 23), method="pigeon")
    assert caught.value.message_dict == {"method": ["请选择送达方式。"]}
    app.refresh_from_db()
    assert app.delivered_on is None and app.delivered_by == ""


def test_a_review_case_on_an_open_application_is_refused(app, personas):
    with pytest.raises(ValidationError, match="尚未答复"):
        actions.add_review_case(app, actor=personas.editor, kind="review", filed_on=D(2025, 7, 1))
    assert not ReviewCase.objects.exists()


def test_a_review_case_of_an_unknown_kind_is_refused(app, personas):
    close(app, personas)
    with pytest.raises(ValidationError) as caught:
        actions.add_review_case(app, actor=personas.editor, kind="appeal", filed_on=D(2025, 7, 1))
    assert "kind" in caught.value.message_dict
    assert not ReviewCase.objects.exists()
    case = actions.add_review_case(app, actor=personas.editor, kind="review", filed_on=D(2025, 7, 1))
    assert case.pk is not None


def test_find_by_query_can_be_scoped_to_a_district(app, personas):
    from gongkai.accounts.factories import build_personas

    elsewhere = build_personas(prefix="外区", region="431003")
    assert actions.find_by_query(app.number, app.query_code) == app
    assert actions.find_by_query(app.number, app.query_code, district=personas.district) == app
    assert actions.find_by_query(app.number, app.query_code, district=elsewhere.district) is None
    assert actions.find_by_query(app.number, "WRONGCOD", district=personas.district) is None
