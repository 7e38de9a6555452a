"""Attachments: identified by content, refused when disguised, kept to the draft's editors."""

import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from gongkai.audit.models import AuditEvent
from gongkai.catalog import actions
from gongkai.catalog.actions import add_attachment, remove_attachment
from gongkai.catalog.models import Attachment
from gongkai.catalog.workflow import IllegalTransition
from gongkai.lib.uploads import validate_upload

pytestmark = pytest.mark.django_db

PDF_CONTENT = "application/pdf"
DOCX_CONTENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def minimal_pdf(padding: int = 0) -> bytes:
    """A small but well-formed one-page PDF (correct cross-reference offsets)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    if padding:
        out.write(b"%" + b"0" * padding + b"\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def minimal_docx() -> bytes:
    """A minimal WordprocessingML package, as Word writes it (python-docx is not installed)."""
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>关于做好城乡低保资金发放工作的通知</w:t></w:r></w:p></w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", content_types)
        package.writestr("_rels/.rels", rels)
        package.writestr("word/document.xml", document)
    return out.getvalue()


def real_xlsx() -> bytes:
    workbook = Workbook()
    workbook.active.append(["项目", "金额（万元）"])
    workbook.active.append(["三公经费", 12.5])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "不是 Word 文档")
    return out.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


# --- validate_upload ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("2018年度报告.pdf", minimal_pdf(), (PDF_CONTENT, ".pdf")),
        ("通知.docx", minimal_docx(), (DOCX_CONTENT, ".docx")),
        ("三公经费.xlsx", real_xlsx(), (XLSX_CONTENT, ".xlsx")),
        ("扫描件.PDF", minimal_pdf(), (PDF_CONTENT, ".pdf")),
    ],
)
def test_real_documents_are_accepted(name, content, expected):
    assert validate_upload(upload(name, content)) == expected


def test_images_are_accepted_with_either_jpeg_extension():
    png = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40
    gif = b"GIF89a" + b"\x00" * 40
    assert validate_upload(upload("图.png", png)) == ("image/png", ".png")
    assert validate_upload(upload("照片.jpg", jpeg)) == ("image/jpeg", ".jpg")
    assert validate_upload(upload("照片.jpeg", jpeg)) == ("image/jpeg", ".jpeg")
    assert validate_upload(upload("动图.gif", gif)) == ("image/gif", ".gif")


def _refusal(name, content) -> ValidationError:
    with pytest.raises(ValidationError) as err:
        validate_upload(upload(name, content, content_type="application/pdf"))
    return err.value


def test_a_program_disguised_as_a_pdf_is_refused():
    error = _refusal("通知.pdf", b"MZ" + b"\x90\x00" * 200)
    assert error.code == "unsupported_type"
    assert "不支持该文件类型" in error.messages[0]


def test_a_text_file_named_docx_is_refused():
    assert _refusal("通知.docx", "这是一段纯文本。\n".encode() * 20).code == "unsupported_type"


def test_a_zip_named_docx_that_is_no_word_document_is_refused():
    assert _refusal("通知.docx", plain_zip()).code == "unsupported_type"


def test_a_name_that_does_not_match_the_content_is_refused():
    error = _refusal("通知.docx", real_xlsx())
    assert error.code == "extension_mismatch"
    assert "与文件实际内容（Excel（XLSX））不符" in error.messages[0]
    assert _refusal("通知.pdf", minimal_docx()).code == "extension_mismatch"
    assert _refusal("通知", minimal_pdf()).code == "no_extension"


def test_empty_and_oversized_files_are_refused(settings):
    assert _refusal("空.pdf", b"").code == "empty"
    settings.CATALOG_MAX_ATTACHMENT_MB = 1
    assert validate_upload(upload("刚好.pdf", minimal_pdf(padding=1024 * 1024 - 1000)))[1] == ".pdf"
    error = _refusal("太大.pdf", minimal_pdf(padding=1024 * 1024))
    assert error.code == "too_large"
    assert "不能超过 1 MB" in error.messages[0]


# --- add_attachment / remove_attachment ------------------------------------------------------


def test_an_attachment_is_stored_with_its_hash_and_audited(make_version, personas):
    version = make_version()
    content = minimal_pdf()
    attachment = add_attachment(version, upload("../../etc/实施方案.pdf", content), actor=personas.editor)
    assert attachment.name == "实施方案.pdf"
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert attachment.size == len(content) and attachment.content_type == PDF_CONTENT
    assert attachment.file.name.endswith(f"{attachment.sha256}.pdf")
    with attachment.file.open("rb") as stored:
        assert stored.read() == content
    assert AuditEvent.objects.filter(action="item.attach", target_id=str(version.item_id)).exists()


def test_only_the_drafts_editors_may_attach(make_version, personas):
    version = make_version()
    for person in (personas.outsider, personas.auditor, personas.reviewer):
        with pytest.raises(PermissionDenied):
            add_attachment(version, upload("a.pdf", minimal_pdf()), actor=person)
    assert not Attachment.objects.exists()


def test_attachments_change_only_on_drafts(make_version, personas, publish):
    version = make_version()
    attachment = add_attachment(version, upload("a.pdf", minimal_pdf()), actor=personas.editor)
    actions.submit(version, actor=personas.editor)
    with pytest.raises(IllegalTransition):
        add_attachment(version, upload("b.pdf", minimal_pdf()), actor=personas.editor)
    with pytest.raises(IllegalTransition):
        remove_attachment(attachment, actor=personas.editor)


def test_removing_an_attachment_from_a_correction_keeps_the_published_file(
    make_version, personas, publish, django_capture_on_commit_callbacks
):
    version = make_version()
    original = add_attachment(version, upload("a.pdf", minimal_pdf()), actor=personas.editor)
    publish(version)
    correction = actions.start_correction(version.item, actor=personas.editor)
    copy = correction.attachments.get()
    with django_capture_on_commit_callbacks(execute=True):
        remove_attachment(copy, actor=personas.editor)
    assert not correction.attachments.exists()
    assert original.file.storage.exists(original.file.name)
    assert AuditEvent.objects.filter(action="item.detach").exists()
    # Removing the last row that uses a file deletes the file.
    draft = make_version(title="另一条")
    only = add_attachment(draft, upload("b.pdf", minimal_pdf(padding=10)), actor=personas.editor)
    with django_capture_on_commit_callbacks(execute=True):
        remove_attachment(only, actor=personas.editor)
    assert not only.file.storage.exists(only.file.name)


# --- through the pages -------------------------------------------------------------------------


def test_the_editor_uploads_on_the_version_page_and_staff_download_it(client, make_version, personas):
    version = make_version()
    client.force_login(personas.editor)
    page = client.get(reverse("catalog_staff:version", args=[version.pk])).content.decode()
    assert 'enctype="multipart/form-data"' in page
    content = minimal_docx()
    response = client.post(
        reverse("catalog_staff:attachment_upload", args=[version.pk]),
        {"file": upload("实施方案.docx", content)},
        follow=True,
    )
    assert "已上传附件“实施方案.docx”" in response.content.decode()
    attachment = version.attachments.get()
    client.force_login(personas.auditor)
    download = client.get(reverse("catalog_staff:attachment", args=[attachment.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert download["Content-Type"] == DOCX_CONTENT
    assert "attachment" in download["Content-Disposition"]


def test_a_refused_upload_explains_why_in_chinese(client, make_version, personas):
    version = make_version()
    client.force_login(personas.editor)
    response = client.post(
        reverse("catalog_staff:attachment_upload", args=[version.pk]),
        {"file": upload("通知.pdf", b"MZ" + b"\x00" * 300)},
        follow=True,
    )
    assert "“通知.pdf”未上传：不支持该文件类型" in response.content.decode()
    assert not Attachment.objects.exists()


def test_an_outsider_can_neither_upload_nor_download_nor_remove(client, make_version, personas):
    version = make_version()
    attachment = add_attachment(version, upload("a.pdf", minimal_pdf()), actor=personas.editor)
    client.force_login(personas.outsider)
    response = client.post(
        reverse("catalog_staff:attachment_upload", args=[version.pk]),
        {"file": upload("b.pdf", minimal_pdf())},
    )
    assert response.status_code == 404
    assert client.get(reverse("catalog_staff:attachment", args=[attachment.pk])).status_code == 404
    assert client.post(reverse("catalog_staff:attachment_remove", args=[attachment.pk])).status_code == 404
    assert list(Attachment.objects.values_list("pk", flat=True)) == [attachment.pk]


def test_an_auditor_may_not_upload(client, make_version, personas):
    version = make_version()
    client.force_login(personas.auditor)
    response = client.post(
        reverse("catalog_staff:attachment_upload", args=[version.pk]),
        {"file": upload("b.pdf", minimal_pdf())},
    )
    assert response.status_code == 403
    assert not Attachment.objects.exists()
