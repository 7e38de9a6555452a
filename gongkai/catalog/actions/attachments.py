"""Attachments of a draft: adding or removing one. What may be uploaded is decided by
``lib/uploads.py`` (by the file's content, never its name or the browser's Content-Type)."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from gongkai.audit.log import record
from gongkai.catalog import permissions, workflow
from gongkai.catalog.models import Attachment, Version
from gongkai.lib.uploads import display_name, file_sha256, validate_upload


@transaction.atomic
def add_attachment(version: Version, uploaded_file: UploadedFile, *, actor) -> Attachment:
    """Attach a file to a draft. Checks permission, the draft state and the file itself."""
    version = (
        Version.objects.select_for_update(of=("self",))
        .select_related("item__organisation")
        .get(pk=version.pk)
    )
    permissions.require(actor, "attach", version.item.organisation)
    workflow.check("edit", version.state)
    content_type, extension = validate_upload(uploaded_file)
    name = display_name(uploaded_file.name)
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
    (a correction copies the published version's attachments, which share their files), and only
    once the removal has committed."""
    attachment = (
        Attachment.objects.select_for_update(of=("self",))
        .select_related("version__item__organisation")
        .get(pk=attachment.pk)
    )
    version = attachment.version
    permissions.require(actor, "detach", version.item.organisation)
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
