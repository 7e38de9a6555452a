"""Reply letters (告知书): generated as DOCX and PDF and kept on the application, opened for staff,
and the district's editable templates they are rendered from.

A letter names the applicant, so generating or downloading one is a staff look at personal data:
audited as ``personal.letter`` / ``personal.letter_download`` (kind PERSONAL_VIEW), like "显示".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import require
from gongkai.applications import letters, permissions
from gongkai.applications.actions.common import allow, open_file
from gongkai.applications.models import Application, LetterTemplate, ReplyLetter
from gongkai.applications.outcomes import Outcome
from gongkai.audit.log import record
from gongkai.audit.models import AuditKind
from gongkai.orgs.models import Organisation


@dataclass
class GeneratedLetter:
    letter: ReplyLetter
    text: letters.LetterText


def generate_letter(
    app: Application, *, actor, outcome: str | None = None, attachments=None
) -> GeneratedLetter:
    """Render the reply letter of ``app`` to DOCX and PDF and keep both on the application.

    A closed application gets the letter of its outcome; before closing, a draft for ``outcome``.
    ``attachments`` lists the letter's 附件; None lists the uploaded documents
    (``letters.attachment_names``). Needs application.handle. Prints the applicant's full name and
    address: audited as a view. The files are rendered before the transaction, which only keeps them.
    """
    app = (
        Application.objects.select_related("organisation", "district")
        .prefetch_related("clock_stops")
        .get(pk=app.pk)
    )
    allow(app, "letter", actor)
    if attachments is None:
        attachments = letters.attachment_names(app)
    draft = not app.is_closed
    outcome = app.outcome if app.is_closed else outcome
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("请选择告知书对应的办理结果。")})
    text = letters.render_letter(app, outcome, attachments=attachments, draft=draft)
    docx_bytes, pdf_bytes = letters.build_docx(text), letters.build_pdf(text)
    stamp = timezone.localtime().strftime("%Y%m%d%H%M%S")
    with transaction.atomic():
        letter = ReplyLetter(application=app, outcome=outcome, is_draft=draft, generated_by=actor)
        letter.docx.save(f"{stamp}.docx", ContentFile(docx_bytes), save=False)
        letter.pdf.save(f"{stamp}.pdf", ContentFile(pdf_bytes), save=False)
        letter.save()
        record(
            "personal.letter",
            kind=AuditKind.PERSONAL_VIEW,
            actor=actor,
            target=app,
            note=_("生成%(draft)s答复告知书（载有申请人姓名、通信地址）")
            % {"draft": _("草稿") if draft else ""},
        )
    return GeneratedLetter(letter=letter, text=text)


@transaction.atomic
def open_letter(letter: ReplyLetter, kind: str, *, actor) -> File:
    """The letter's DOCX or PDF (``kind``), opened for ``actor`` to read: audited as a look at the
    applicant's personal data. PermissionDenied unless ``permissions.can_see_personal``;
    FileNotFoundError when the file is missing (then nothing is recorded)."""
    if kind not in letters.LETTER_FILES:
        raise ValueError(f"unknown letter file {kind!r}")
    app = letter.application
    permissions.require_personal(actor, app)
    record(
        "personal.letter_download",
        kind=AuditKind.PERSONAL_VIEW,
        actor=actor,
        target=app,
        note=_("下载答复告知书（%(kind)s）") % {"kind": kind.upper()},
    )
    return open_file(getattr(letter, kind))


# --- templates (the disclosure office, permission application.templates) ------------------------


@transaction.atomic
def save_template(template: LetterTemplate, *, actor) -> LetterTemplate:
    """Save a district's template after checking that it renders."""
    require(actor, "application.templates", template.district)
    letters.check_template(template.title, template.body)
    created = template.pk is None
    template.updated_by = actor
    template.save()
    record(
        "application.letter_template",
        actor=actor,
        target=template,
        organisation=template.district,
        changes={"outcome": [None, template.outcome]} if created else {},
        note=_("新建本区模板") if created else _("修改模板"),
    )
    return template


@transaction.atomic
def reset_template(district: Organisation, outcome: str, *, actor) -> bool:
    """Drop the district's own template for ``outcome``; the default applies again."""
    require(actor, "application.templates", district)
    own = LetterTemplate.objects.filter(district=district, outcome=outcome).first()
    if own is None:
        return False
    record(
        "application.letter_template",
        actor=actor,
        target=own,
        organisation=district,
        note=_("恢复默认模板"),
    )
    own.delete()
    return True
