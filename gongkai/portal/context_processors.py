"""What every portal template may use besides the district."""

from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from gongkai.portal.pagecache import request_generation


def portal(request):
    """``portal_generation``: the page cache's generation, read only if a template asks for it
    (``{% cache … portal_generation %}`` fragments); ``portal_year``: this year
    (the footer's copyright line), as ``{% now "Y" %}`` without formatting a date."""
    return {
        "portal_generation": SimpleLazyObject(lambda: request_generation(request)),
        "portal_year": SimpleLazyObject(lambda: timezone.localdate().year),
    }
