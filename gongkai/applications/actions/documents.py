"""The documents delivered with the reply (the letter's 附件): added and removed until delivery is
recorded; after that they are what the applicant received."""

from __future__ import annotations

import os

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from gongkai.applications.actions.common import allow, locked
from gongkai.applications.models import Application, ReplyDocument
from gongkai.audit.log import record
from gongkai.lib.uploads import file_sha256, validate_upload


def _documents_open(app: Application) -> None:
    """The documents may change until delivery is recorded; then they are what was delivered."""
    if app.delivered_on is not None:
        raise ValidationError("已登记送达，送达的答复材料不能再更改。")


def _document_name(name: str) -> str:
    """The name shown and used for downloads: no path, at most 200 characters, extension kept."""
    base = os.path.basename((name or "").replace("\\", "/")).strip() or "答复材料"
    if len(base) > 200:
        stem, ext = os.path.splitext(base)
        base = stem[: 200 - len(ext)] + ext
    return base


@transaction.atomic
def attach_document(app: Application, uploaded_file: UploadedFile, *, actor) -> ReplyDocument:
    """Add a document to deliver with the reply; its type is checked by content, not by name."""
    app = locked(app)
    allow(app, "attach", actor)
    _documents_open(app)
    content_type, _extension = validate_upload(uploaded_file)
    sha256 = file_sha256(uploaded_file)
    name = _document_name(uploaded_file.name)
    same = app.documents.filter(sha256=sha256).first()
    if same is not None:
        raise ValidationError(f"该文件已经上传过（{same.name}）。")
    document = ReplyDocument(
        application=app,
        name=name,
        content_type=content_type,
        size=uploaded_file.size,
        sha256=sha256,
        uploaded_by=actor,
    )
    document.file.save(name, uploaded_file, save=False)
    stored, storage = document.file.name, document.file.storage
    try:  # the file is written outside the transaction: do not leave it behind without its row
        document.save()
        record(
            "application.attach",
            actor=actor,
            target=app,
            changes={"document": [None, name]},
            note=f"{name}（{document.size} 字节，SHA-256 {sha256[:12]}…）",
        )
    except Exception:
        storage.delete(stored)
        raise
    return document


@transaction.atomic
def remove_document(document: ReplyDocument, *, actor) -> None:
    """Take a document off the reply before delivery; the stored file goes once this commits."""
    app = locked(document.application)
    allow(app, "detach", actor)
    _documents_open(app)
    document = ReplyDocument.objects.select_for_update().get(pk=document.pk, application=app)
    name, path, storage = document.name, document.file.name, document.file.storage
    document.delete()
    record(
        "application.detach",
        actor=actor,
        target=app,
        changes={"document": [name, None]},
        note=name,
    )
    if path:
        transaction.on_commit(lambda: storage.delete(path))
