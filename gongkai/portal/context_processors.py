"""What every portal template may use besides the district."""

from django.utils.functional import SimpleLazyObject

from gongkai.portal import shell


def portal(request):
    """``portal_header`` and ``portal_footer``: lazy, drawn only if a template shows them, and
    then once per process and public state (``portal/shell.py``)."""
    return {
        "portal_header": SimpleLazyObject(lambda: shell.header(request)),
        "portal_footer": SimpleLazyObject(lambda: shell.footer(request)),
    }
