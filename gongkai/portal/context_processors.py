"""What every portal template may use besides the district."""

from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from gongkai.portal import shell
from gongkai.portal.pagecache import request_generation


def portal(request):
    """Lazy, each computed only if a template shows it: ``portal_header`` and ``portal_footer``
    (drawn once per process and public state, ``portal/shell.py``); ``portal_generation``, the
    page cache's generation (for ``{% cache … portal_generation %}`` fragments); ``portal_year``,
    this year."""
    return {
        "portal_header": SimpleLazyObject(lambda: shell.header(request)),
        "portal_footer": SimpleLazyObject(lambda: shell.footer(request)),
        "portal_generation": SimpleLazyObject(lambda: request_generation(request)),
        "portal_year": SimpleLazyObject(lambda: timezone.localdate().year),
    }
