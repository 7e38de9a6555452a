"""What every portal template may use besides the district."""

from django.utils.functional import SimpleLazyObject

from gongkai.portal.navigation import home_url
from gongkai.portal.pagecache import request_generation


def portal(request):
    """``portal_generation``: the page cache's generation, read only if a template asks for it
    (``{% cache … portal_generation %}`` fragments); ``portal_home``: the home page's URL, as
    ``{% url 'portal:home' %}`` without resolving it on every page."""
    return {
        "portal_generation": SimpleLazyObject(lambda: request_generation(request)),
        "portal_home": SimpleLazyObject(home_url),
    }
