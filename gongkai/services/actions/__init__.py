"""Every state change of the services app, one function per verb (split by noun):

- ``items``: ``create_item``, ``edit_item`` — a service item's six basic elements;
- ``guides``: ``create_guide``, ``edit_guide``, ``release_guide``, ``revise_guide`` — the versions
  of its guide, released through the catalog's review (``workflow.py``);
- ``cases``: ``create_source``, ``save_mapping``, ``start_import``, ``start_import_from_path``,
  ``run_import``, ``resume_stalled_imports`` — the provincial platform's exports; ``record_follow_up``
  — a 差评's 整改/回访.

Each checks permission itself (``permissions.py``), validates, runs in a transaction (an import:
one per batch) and writes its audit event.
"""

from gongkai.services.actions.cases import (
    create_source,
    record_follow_up,
    resume_stalled_imports,
    run_import,
    save_mapping,
    start_import,
    start_import_from_path,
)
from gongkai.services.actions.guides import create_guide, edit_guide, release_guide, revise_guide
from gongkai.services.actions.items import create_item, edit_item

__all__ = [
    "create_guide",
    "create_item",
    "create_source",
    "edit_guide",
    "edit_item",
    "record_follow_up",
    "release_guide",
    "resume_stalled_imports",
    "revise_guide",
    "run_import",
    "save_mapping",
    "start_import",
    "start_import_from_path",
]
