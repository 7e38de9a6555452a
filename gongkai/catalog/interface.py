"""What other domain apps may ask of the catalog, and nothing more: the small interface that the
layer contract names (pyproject.toml, ``[tool.importlinter]``). Domain apps never import each other
otherwise.

- ``draft_item``: put a document (a hotline bulletin, say) on the publication workflow as a draft
  information item; review, approval and publication then follow the catalog's own rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError

from gongkai.catalog import actions
from gongkai.catalog.models import Column, Version
from gongkai.orgs.models import Organisation


def draft_item(
    *,
    actor,
    organisation: Organisation,
    column_slugs: Sequence[str],
    title: str,
    body: str,
    written_date: dt.date | None = None,
) -> Version:
    """A draft item of ``organisation`` in the first of ``column_slugs`` the district has.

    ``actor`` needs ``item.edit`` for ``organisation`` (checked by the catalog's action)."""
    columns = {c.slug: c for c in Column.objects.filter(district_id=organisation.district_id, slug__in=column_slugs)}
    column = next((columns[slug] for slug in column_slugs if slug in columns), None)
    if column is None:
        names = "、".join(column_slugs)
        raise ValidationError(f"本区没有可用的栏目（{names}）。")
    return actions.create_item(
        actor=actor, organisation=organisation, column=column, title=title, body=body, written_date=written_date
    )
