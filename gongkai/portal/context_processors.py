"""What every portal template may use besides the district."""

from django.utils.functional import SimpleLazyObject

from gongkai.portal.pagecache import request_generation


def portal(request):
    """``portal_generation``: the page cache's generation, read only if a template asks for it
    (``{% cache … portal_generation %}`` fragments)."""
    return {"portal_generation": SimpleLazyObject(lambda: request_generation(request))}
