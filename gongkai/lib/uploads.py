"""Checking an uploaded file by its content, not its name: the one upload checker of the platform
(attachments of information items, documents of disclosure applications).

A file is accepted when its content is one of the kinds below (PDF, Word, Excel, images), its name
carries the extension of that kind, and it is not larger than ``CATALOG_MAX_ATTACHMENT_MB``.
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


def display_name(name: str) -> str:
    """The name people see when downloading: no path, at most 200 characters, extension kept."""
    base = os.path.basename((name or "").replace("\\", "/")).strip() or "附件"
    if len(base) > 200:
        stem, ext = os.path.splitext(base)
        base = stem[: 200 - len(ext)] + ext
    return base
