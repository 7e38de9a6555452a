"""What the public sees of publicity lists and notices — the one definition, read by the portal's
pages, the open-data exports, the public API and the figures (``stats.py``).

Two rules:

1. **The masked projection.** When a list is released, each household is projected once into a
   ``PublicRow`` by ``project_entry``: name masked (surname kept, ``gongkai.personal.masking``), ID
   number masked (first and last four kept), town and village as entered; phone, bank account,
   detailed address and the staff's notes are left out altogether. A notice's facts are projected
   into ``public_facts`` the same way (a natural person's name and address masked). Free text that
   reaches the public passes ``scrub`` too, so a phone number typed into a remark is masked as well.
   Nothing public reads an ``Entry``: an edit after the release cannot bypass the mask.
2. **What is public now.** A released list or notice whose information item is public in the
   catalog, while its period runs: from the day the item was published, ``period_days`` days
   (``Publicity.in_period``). A notice without a period stays as long as its item. After the
   period the list is gone (``Gone``), whether or not the periodic job has recorded it yet.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from gongkai.orgs.models import Organisation
from gongkai.personal.deidentify import deidentify
from gongkai.personal.masking import Kind as PersonalKind
from gongkai.personal.masking import mask
from gongkai.publicity import notices
from gongkai.publicity.kinds import spec
from gongkai.publicity.models import Entry, Publicity, PublicRow, State

# --- the masked projection -----------------------------------------------------------------------

# A house number (门牌号) and the parts of a flat: 燕泉路128号, 3组12号, 3栋2单元501室.
_HOUSE_RE = re.compile(r"(?<=[路街巷道村组弄里园区座])\d+(?:-\d+)?号|\d+(?:栋|幢|单元|室|楼\d+)")


def scrub(text: str) -> str:
    """Free text as the public may see it: anything that looks like an ID number, a bank account,
    a phone number or a house number masked."""
    if not text:
        return ""
    return _HOUSE_RE.sub("**", deidentify(text))


def _plain(value) -> str:
    return value.plaintext() if hasattr(value, "plaintext") else str(value or "")


def project_entry(entry: Entry) -> PublicRow:
    """The public row of one household (unsaved): the mask is applied here, once."""
    return PublicRow(
        publicity_id=entry.publicity_id,
        number=entry.number,
        town=scrub(entry.town),
        village=scrub(entry.village),
        name=mask(PersonalKind.NAME, _plain(entry.name)),
        id_number=mask(PersonalKind.ID_NUMBER, _plain(entry.id_number)),
        people=entry.people,
        amount=entry.amount,
        category=scrub(entry.category),
        detail=scrub(entry.detail),
        area=entry.area,
    )


def _fact_text(value, type_: str) -> str:
    if value in (None, ""):
        return ""
    if type_ == "decimal":
        return f"{Decimal(str(value)).normalize():f}"
    return scrub(str(value))


def project_facts(publicity: Publicity) -> list[list[str]]:
    """A notice's facts as the public sees them: [[label, value], ...], masked."""
    rows = []
    for fact in spec(publicity.kind).facts:
        if fact.personal:
            value = mask(fact.personal, _plain(getattr(publicity, fact.key)))
        else:
            value = _fact_text(publicity.facts.get(fact.key), fact.type)
        if value:
            rows.append([str(fact.label), value])
    return rows


# --- what is public ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """A public list or notice, with its information item."""

    publicity: Publicity
    notice: notices.ItemRef


class Gone(Exception):
    """The list was public, and its period is over: the page says so, without the list."""

    def __init__(self, publicity: Publicity, ended_on: dt.date):
        self.publicity, self.ended_on = publicity, ended_on
        super().__init__(f"publicity {publicity.pk} ended on {ended_on}")


def _released(district: Organisation) -> list[Publicity]:
    return list(
        Publicity.objects.filter(
            district=district, state__in=(State.RELEASED, State.ENDED), notice_item_id__isnull=False
        ).select_related("organisation")
    )


def _started(publicity: Publicity, notice: notices.ItemRef) -> Publicity:
    """The period starts on the day the item was first published (kept once the job has run)."""
    if publicity.period_starts_on is None and notice.published_at is not None:
        publicity.period_starts_on = timezone.localdate(notice.published_at)
    return publicity


def published(district: Organisation | None) -> list[Shown]:
    """Every list and notice the public has seen (its item public), in or after its period: what
    the figures count."""
    if district is None:
        return []
    found = _released(district)
    refs = notices.item_refs(district, [p.notice_item_id for p in found])
    shown = []
    for p in found:
        ref = refs.get(p.notice_item_id)
        if ref is not None and ref.is_public:
            shown.append(Shown(_started(p, ref), ref))
    return shown


def is_current(publicity: Publicity, today: dt.date) -> bool:
    return publicity.state == State.RELEASED and publicity.in_period(today)


def current(district: Organisation | None, today: dt.date | None = None) -> list[Shown]:
    """What the portal shows today: released, item public, within the period."""
    today = today or timezone.localdate()
    return [s for s in published(district) if is_current(s.publicity, today)]


def current_ids(district: Organisation | None, today: dt.date | None = None) -> list[int]:
    return [s.publicity.pk for s in current(district, today)]


def public_or_gone(district: Organisation | None, pk: int, today: dt.date | None = None) -> Shown:
    """The public list or notice ``pk``; ``Gone`` after its period, Http404 if never public."""
    today = today or timezone.localdate()
    found = next((s for s in published(district) if s.publicity.pk == pk), None)
    if found is None:
        raise Http404("没有这条公示。")
    p = found.publicity
    if is_current(p, today):
        return found
    if p.state == State.ENDED or (p.period_ends_on is not None and today > p.period_ends_on):
        ended = p.ended_on or (p.period_ends_on + dt.timedelta(days=1))
        raise Gone(p, ended)
    raise Http404("没有这条公示。")


def public_rows(publicity: Publicity) -> QuerySet[PublicRow]:
    """The list's masked rows, in the list's order."""
    return PublicRow.objects.filter(publicity=publicity).order_by("number", "id")


def totals(ids: list[int]) -> dict[int, dict]:
    """Households, people and amount of each public list among ``ids`` (one query)."""
    rows = (
        PublicRow.objects.filter(publicity_id__in=ids)
        .order_by()
        .values("publicity_id")
        .annotate(households=Count("pk"), people=Sum("people"), amount=Sum("amount"))
    )
    out = {}
    for r in rows:
        r["amount"] = notices.cents(r["amount"])
        out[r["publicity_id"]] = r
    return out
