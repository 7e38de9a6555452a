"""Which district's portal a request is for, from the host name (一市一平台)."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

from gongkai.orgs.models import Organisation, OrgKind, PortalHost
from gongkai.portal import pagecache

_CACHE_SECONDS = 60


def district_for_host(host: str, generation: int | str | None = None) -> Organisation | None:
    """The district whose portal answers on ``host``; ``generation`` is the page cache's, when
    the caller has read it already (a request reads it once)."""
    host = host.split(":")[0].lower() if not host.startswith("[") else host.split("]")[0] + "]"
    key = f"gongkai:district-for-host:{host}"
    district_id = cache.get(key)
    if district_id is None:
        district_id = PortalHost.objects.filter(host=host).values_list("district_id", flat=True).first()
        if district_id is None:
            default = Organisation.objects.filter(kind=OrgKind.DISTRICT, is_active=True)
            if settings.DEFAULT_DISTRICT:
                default = default.filter(code=settings.DEFAULT_DISTRICT)
            district_id = default.order_by("id").values_list("pk", flat=True).first() or 0
        cache.set(key, district_id, _CACHE_SECONDS)
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
    cache.clear()


class DistrictMiddleware:
    """Sets ``request.district``: the district whose portal answers on this host."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.district = district_for_host(request.get_host(), pagecache.request_generation(request))
        return self.get_response(request)
