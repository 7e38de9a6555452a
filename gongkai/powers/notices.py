"""The power list's one link to the catalog (through ``catalog/interface.py``, the layer
contract's one interface between domain apps): a source document's notice is an information item.

Releasing a batch drafts its notice (the document's number, title and its changes as tables) in
the catalog under the issuing organisation; review, approval and publication are the catalog's.
Whether a released batch is public is asked here, of the catalog, every time — the catalog is the
one record of what the portal shows, so withdrawing the notice takes the changes off the portal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from gongkai.catalog.interface import (
    ItemRef,
    draft_document,
    find_item,
    import_published_item,
    item_refs,
)
from gongkai.lib import noticelink
from gongkai.orgs.models import Organisation
from gongkai.powers.models import ChangeKind, DocumentState, SourceDocument

# Where a notice goes: a district's own 权力清单 column if the office made one, else 其他文件 …
NOTICE_COLUMNS = ("qlqd", "qtwj", "tzgg", "gzdt")


@dataclass(frozen=True)
class Publication:
    """Where a document's batch stands: 草稿, in the catalog's workflow, public, or withdrawn."""

    label: str
    is_public: bool
    notice: ItemRef | None = None


def publications(district: Organisation, documents: list[SourceDocument]) -> dict[int, Publication]:
    """Each document's publication, asking the catalog once for all their notices."""
    refs = item_refs(district, noticelink.item_ids(documents))
    return noticelink.publications(
        documents,
        refs,
        Publication,
        is_draft=lambda d: d.state == DocumentState.DRAFT,
        draft=_("草稿"),
        missing=_("公告不存在"),
        in_workflow=_("公告%(state)s"),
    )


def public_document_ids(district: Organisation) -> set[int]:
    """The district's documents whose changes the public sees: released, their notice public."""
    documents = list(
        SourceDocument.objects.filter(
            district=district, state=DocumentState.RELEASED, notice_item_id__isnull=False
        ).only("pk", "state", "notice_item_id")
    )
    return {pk for pk, p in publications(district, documents).items() if p.is_public}


def notice_body(document: SourceDocument) -> str:
    """The notice's text: the document and its changes, one table per kind of change."""
    changes = list(
        document.changes.select_related("power", "organisation").order_by(
            "organisation__sort_order", "power__code"
        )
    )
    groups = [(label, [c for c in changes if c.kind == kind]) for kind, label in ChangeKind.choices]
    return render_to_string(
        "powers/notice_body.html",
        {
            "document": document,
            "groups": [(label, rows) for label, rows in groups if rows],
            "total": len(changes),
        },
    )


def draft_notice(document: SourceDocument, *, actor) -> ItemRef:
    """The document's notice as a draft item of its issuing organisation (the catalog checks that
    ``actor`` may write one there)."""
    return draft_document(
        actor=actor,
        organisation=document.organisation,
        column_slugs=NOTICE_COLUMNS,
        title=document.title,
        body=notice_body(document),
        doc_number=document.number,
        written_date=document.issued_on,
    )


def import_notice(document: SourceDocument, *, actor, published_at: dt.datetime) -> ItemRef:
    """The notice of a document the old site published, as a published item (``catalog.import``)."""
    return import_published_item(
        actor=actor,
        organisation=document.organisation,
        column_slugs=NOTICE_COLUMNS,
        title=document.title,
        body=notice_body(document),
        doc_number=document.number,
        written_date=document.issued_on,
        published_at=published_at,
        source=f"行政权力清单 {document.number}",
    )


def find_notice(district: Organisation, index_no: str) -> ItemRef | None:
    return find_item(district, index_no)
