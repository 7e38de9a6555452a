"""Which district's portal a request is for, from the host name (一市一平台)."""

from __future__ import annotations

import time

from django.conf import settings

from gongkai.lib import pagecache
from gongkai.orgs.models import Organisation, OrgKind, PortalHost

_CACHE_SECONDS = 60
# Which district answers on each host name, per process, for a minute: (district id or 0, until).
# Host names reach here only past ALLOWED_HOSTS; the bound still keeps a wildcard setting safe.
_HOSTS: dict[str, tuple[int, float]] = {}
_MOST_HOSTS = 1000


def district_for_host(host: str, generation: int | str | None = None) -> Organisation | None:
    """The district whose portal answers on ``host``; ``generation`` is the page cache's, when
    the caller has read it already (a request reads it once)."""
    host = host.split(":")[0].lower() if not host.startswith("[") else host.split("]")[0] + "]"
    now = time.monotonic()
    known = _HOSTS.get(host)
    if known is not None and known[1] > now:
        district_id = known[0]
    else:
        district_id = PortalHost.objects.filter(host=host).values_list("district_id", flat=True).first()
        if district_id is None:
            default = Organisation.objects.filter(kind=OrgKind.DISTRICT, is_active=True)
            if settings.DEFAULT_DISTRICT:
                default = default.filter(code=settings.DEFAULT_DISTRICT)
            district_id = default.order_by("id").values_list("pk", flat=True).first() or 0
        if len(_HOSTS) >= _MOST_HOSTS:
            _HOSTS.clear()
        _HOSTS[host] = (district_id, now + _CACHE_SECONDS)
    if not district_id:
        return None
    # The district row is read by every portal page; each process keeps it until something public
    # changes (the page cache's generation, which an edit of any organisation bumps).
    if generation is None:
        generation = pagecache.generation()
    key = f"gongkai:district:{district_id}:{generation}"
    district = pagecache.fragments().get(key)
    if district is None:
        district = Organisation.objects.filter(pk=district_id).first()
        if district is not None:
            pagecache.fragments().set(key, district, 3600)
    return district


def forget_hosts() -> None:
    """Forget which district answers on which host (this process's answers)."""
    _HOSTS.clear()


class DistrictMiddleware:
    """Sets ``request.district``: the district whose portal answers on this host."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.district = district_for_host(request.get_host(), pagecache.request_generation(request))
        return self.get_response(request)
