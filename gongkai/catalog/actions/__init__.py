"""Every state change of the catalog, one function per verb, split by what it changes:

- ``items.py``: a new draft, editing it, a correction, withdrawal (and the helpers the others share);
- ``publishing.py``: the publication workflow (submit, review, approve, unschedule, scheduled publication);
- ``attachments.py``: adding and removing a draft's attachments;
- ``imports.py``: the bulk import of legacy items, all or nothing;
- ``view_counts.py``: a public item's view count.

Each checks permission itself (``catalog/permissions.py``), runs in one transaction, writes the
audit event and keeps the search index in step before the transaction commits; side effects
outside the database wait for the commit. Callers use the names below:
``from gongkai.catalog import actions; actions.create_item(...)``.
"""

from gongkai.catalog.actions.attachments import add_attachment, remove_attachment
from gongkai.catalog.actions.imports import import_items
from gongkai.catalog.actions.items import (
    ALSO_COLUMNS,
    CONTENT_FIELDS,
    create_item,
    next_index_no,
    start_correction,
    update_draft,
    withdraw,
)
from gongkai.catalog.actions.publishing import approve, publish_due, review, submit, unschedule
from gongkai.catalog.actions.view_counts import count_view

__all__ = [
    "ALSO_COLUMNS",
    "CONTENT_FIELDS",
    "add_attachment",
    "approve",
    "count_view",
    "create_item",
    "import_items",
    "next_index_no",
    "publish_due",
    "remove_attachment",
    "review",
    "start_correction",
    "submit",
    "unschedule",
    "update_draft",
    "withdraw",
]
