"""What the registries' entries share about their link to the catalog: the notice item's id, who
released the entry and when, who recorded it and when (abstract model mixins), and where a
released entry stands in the catalog (``publications``).

The item's id is a plain integer, not a foreign key: the catalog is another domain app, and the
registries reach it only through ``catalog/interface.py`` (their ``notices.py``), which resolves
the ids into references (``ItemRef``: ``is_public``, ``state_label``, …). This module never
imports the catalog; it is given those references.

The mixins produce exactly the fields the apps declared one by one (names, columns, verbose
names, ``related_name="+"``), so the schema is unchanged; a model whose field reads differently
(services' 编写人) declares that field itself, which Django lets override an abstract parent's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

P = TypeVar("P")


class NoticeLinked(models.Model):
    """An entry published as one information item of the catalog (its notice)."""

    # The catalog item that publishes the entry: an id the catalog resolves through
    # catalog/interface.py, not a foreign key into another domain app's tables.
    notice_item_id = models.PositiveBigIntegerField(gettext_lazy("公开信息"), null=True, blank=True)

    class Meta:
        abstract = True


class Released(models.Model):
    """Who submitted the entry for publication (drafted its notice), and when."""

    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("提交发布人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    released_at = models.DateTimeField(gettext_lazy("提交发布时间"), null=True, blank=True)

    class Meta:
        abstract = True


class Recorded(models.Model):
    """Who entered the entry, and when."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("登记人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(gettext_lazy("登记时间"), default=timezone.now)

    class Meta:
        abstract = True


def item_ids(
    entries: Iterable[Any], item_id: Callable[[Any], int | None] = lambda e: e.notice_item_id
) -> list[int]:
    """The catalog item ids of the entries that have one (what to ask ``item_refs`` for)."""
    return [found for found in map(item_id, entries) if found]


def publications(
    entries: Iterable[Any],
    refs: Mapping[int, Any],
    make: Callable[[str, bool, Any], P],
    *,
    is_draft: Callable[[Any], bool] | None = None,
    item_id: Callable[[Any], int | None] = lambda e: e.notice_item_id,
    draft: str | None = None,
    missing: str | None = None,
    in_workflow: str | None = None,
    draft_keeps_notice: bool = True,
) -> dict[int, P]:
    """Each entry's publication by its pk, ``make(label, is_public, ref)``: a draft (``is_draft``),
    its item gone from the catalog (``missing``), public, or in the catalog's workflow
    (``in_workflow`` with ``%(state)s``, the item's state). ``refs``: the catalog's references by
    item id, asked once for all the entries. The labels are the app's own page text."""
    found: dict[int, P] = {}
    for entry in entries:
        key = item_id(entry)
        ref = refs.get(key) if key else None
        if is_draft is not None and is_draft(entry):
            found[entry.pk] = make(draft or _("草稿"), False, ref if draft_keeps_notice else None)
        elif ref is None:
            found[entry.pk] = make(missing or _("公告不存在"), False, None)
        elif ref.is_public:
            found[entry.pk] = make(_("已公开"), True, ref)
        else:
            found[entry.pk] = make(
                (in_workflow or _("公告%(state)s")) % {"state": ref.state_label}, False, ref
            )
    return found
