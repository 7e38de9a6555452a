"""What other domain apps may ask of the power list, and nothing more (the layer contract names
it: ``gongkai.services.** -> gongkai.powers.interface``): a service item names the power it
exercises by code, and shows it with a link.

- ``find_power(district, code)``: the power with this code as the public sees it today (its
  latest public change), or None when the public list has no such power.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from gongkai.orgs.models import Organisation
from gongkai.powers import listing
from gongkai.powers.public import public_changes


@dataclass(frozen=True)
class PowerRef:
    """What another app may show of a power: its code, name, type in words, whether it is in
    force today, and its public page."""

    code: str
    name: str
    type_label: str
    in_force: bool
    public_url: str


def find_power(district: Organisation | None, code: str) -> PowerRef | None:
    """The district's power ``code`` as the public sees it today (a cancelled one says so)."""
    code = (code or "").strip()
    if district is None or not code:
        return None
    changes = public_changes(district).filter(power__code=code)
    latest = listing.state_on(changes, _power_id(changes), timezone.localdate())
    if latest is None:
        return None
    return PowerRef(
        code=code,
        name=latest.name,
        type_label=latest.get_type_display(),
        in_force=latest.in_force,
        public_url=reverse("powers:detail", args=[code]),
    )


def _power_id(changes) -> int:
    return changes.values_list("power_id", flat=True).first() or 0
