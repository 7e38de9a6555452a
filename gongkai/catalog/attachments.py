"""Attachments of information items: what may be uploaded, and adding or removing one.

The type of an upload is decided by its content (``filetype`` reads the magic bytes), never by
its name or by the browser's Content-Type; the name's extension must then agree with the
content, so a program renamed to ``通知.pdf`` is refused. DOCX and XLSX are ZIP files: they are
told apart from any other ZIP by the members that Word and Excel always write.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from gongkai.accounts.permissions import require
from gongkai.audit.log import record
from gongkai.catalog import workflow
from gongkai.catalog.models import Attachment, Version

DEFAULT_MAX_MB = 20


@dataclass(frozen=True)
class Kind:
    content_type: str
    extensions: tuple[str, ...]  # the first is the canonical one
    label: str


PDF = Kind("application/pdf", (".pdf",), "PDF")
DOCX = Kind(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",), "Word（DOCX）"
)
XLSX = Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",), "Excel（XLSX）")
DOC = Kind("application/msword", (".doc",), "Word 97-2003（DOC）")
XLS = Kind("application/vnd.ms-excel", (".xls",), "Excel 97-2003（XLS）")
PNG = Kind("image/png", (".png",), "PNG 图片")
JPEG = Kind("image/jpeg", (".jpg", ".jpeg"), "JPEG 图片")
GIF = Kind("image/gif", (".gif",), "GIF 图片")

# filetype's MIME answer → what we accept. ZIP and the OOXML guesses are settled by the members.
_BY_MIME = {k.content_type: k for k in (PDF, DOC, XLS, PNG, JPEG, GIF)}
_ZIP_MIMES = {"application/zip", DOCX.content_type, XLSX.content_type}
_ZIP_MARKERS = ((DOCX, "word/document.xml"), (XLSX, "xl/workbook.xml"))

ALLOWED_LABEL = "PDF、Word（DOC/DOCX）、Excel（XLS/XLSX）、PNG、JPEG、GIF"
ACCEPT_ATTR = ",".join(ext for k in (PDF, DOCX, XLSX, DOC, XLS, PNG, JPEG, GIF) for ext in k.extensions)


def max_bytes() -> int:
    return int(getattr(settings, "CATALOG_MAX_ATTACHMENT_MB", DEFAULT_MAX_MB) * 1024 * 1024)


def _zip_kind(uploaded_file: UploadedFile) -> Kind | None:
    uploaded_file.seek(0)
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        uploaded_file.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    for kind, marker in _ZIP_MARKERS:
        if marker in names:
            return kind
    return None


def _detect(uploaded_file: UploadedFile) -> Kind | None:
    uploaded_file.seek(0)
    head = uploaded_file.read(8192)
    uploaded_file.seek(0)
    guess = filetype.guess(head)
    if guess is None:
        return None
    if guess.mime in _ZIP_MIMES:
        return _zip_kind(uploaded_file)
    return _BY_MIME.get(guess.mime)


def validate_upload(uploaded_file: UploadedFile) -> tuple[str, str]:
    """``(content_type, extension)`` of an acceptable upload, else ValidationError in Chinese.

    The extension is the canonical one with its dot (``.pdf``), as stored on ``Attachment``.
    """
    size = uploaded_file.size or 0
    if size == 0:
        raise ValidationError("文件是空的，请重新选择。", code="empty")
    limit = max_bytes()
    if size > limit:
        raise ValidationError(
            f"文件过大（{size / 1024 / 1024:.1f} MB），单个附件不能超过 {limit // (1024 * 1024)} MB。",
            code="too_large",
        )
    name_ext = os.path.splitext(uploaded_file.name or "")[1].lower()
    if not name_ext:
        raise ValidationError("文件名缺少扩展名（如 .pdf、.docx）。", code="no_extension")
    kind = _detect(uploaded_file)
    if kind is None:
        raise ValidationError(f"不支持该文件类型。只能上传 {ALLOWED_LABEL} 文件。", code="unsupported_type")
    if name_ext not in kind.extensions:
        raise ValidationError(
            f"文件扩展名（{name_ext}）与文件实际内容（{kind.label}）不符，已拒绝上传。",
            code="extension_mismatch",
        )
    return kind.content_type, name_ext


def file_sha256(uploaded_file: UploadedFile) -> str:
    digest = hashlib.sha256()
    uploaded_file.seek(0)
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    return digest.hexdigest()


def _display_name(name: str) -> str:
    """The name people see when downloading: no path, at most 200 characters, extension kept."""
    base = os.path.basename((name or "").replace("\\", "/")).strip() or "附件"
    if len(base) > 200:
        stem, ext = os.path.splitext(base)
        base = stem[: 200 - len(ext)] + ext
    return base


@transaction.atomic
def add_attachment(version: Version, uploaded_file: UploadedFile, *, actor) -> Attachment:
    """Attach a file to a draft. Checks permission, the draft state and the file itself."""
    version = (
        Version.objects.select_for_update(of=("self",))
        .select_related("item__organisation")
        .get(pk=version.pk)
    )
    require(actor, "item.edit", version.item.organisation)
    workflow.check("edit", version.state)
    content_type, extension = validate_upload(uploaded_file)
    name = _display_name(uploaded_file.name)
    last = version.attachments.order_by("-sort_order").values_list("sort_order", flat=True).first()
    attachment = Attachment(
        version=version,
        name=name,
        content_type=content_type,
        size=uploaded_file.size,
        sha256=file_sha256(uploaded_file),
        extension=extension,
        sort_order=(last or 0) + 1,
    )
    attachment.file.save(name, uploaded_file, save=False)
    try:
        attachment.save()
        record(
            "item.attach",
            actor=actor,
            target=version.item,
            organisation=version.item.organisation,
            changes={"attachment": [None, name]},
            note=f"版本 {version.number}：{name}（{attachment.size} 字节，SHA-256 {attachment.sha256[:12]}…）",
        )
    except Exception:
        # The file is stored outside the transaction: do not leave it behind without its row.
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


@transaction.atomic
def remove_attachment(attachment: Attachment, *, actor) -> None:
    """Take a file off a draft. The stored file is deleted only when no other version uses it
    (a correction copies the published version's attachments, which share their files)."""
    attachment = (
        Attachment.objects.select_for_update(of=("self",))
        .select_related("version__item__organisation")
        .get(pk=attachment.pk)
    )
    version = attachment.version
    require(actor, "item.edit", version.item.organisation)
    workflow.check("edit", version.state)
    name, path, storage = attachment.name, attachment.file.name, attachment.file.storage
    attachment.delete()
    record(
        "item.detach",
        actor=actor,
        target=version.item,
        organisation=version.item.organisation,
        changes={"attachment": [name, None]},
        note=f"版本 {version.number}：{name}",
    )

    def delete_file_if_unused() -> None:
        if path and not Attachment.objects.filter(file=path).exists():
            storage.delete(path)

    transaction.on_commit(delete_file_if_unused)
