"""The platform's own page when something fails on the server (``handler500`` in gongkai/urls.py).

When the failure is the database being out of reach (a restart, a fail-over, a full disk), the
answer is 503 with ``Retry-After`` and a Chinese page that says so and when to try again — not
"server error" — and a citizen's form comes back with everything typed in it, as hidden fields of a
form that sends it again ("重新提交") once the database is back, its long texts shown to copy. The
JSON surfaces (/api/, /staff/api/, /open311/) answer 503 in JSON. Nothing here may touch the
database: the template is rendered without a request, so no context processor runs.
"""

from __future__ import annotations

import logging
import sys

from django import db
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
JSON_PREFIXES = ("/api/", "/staff/api/", "/open311/")
# Never echoed into the page: secrets and what must be solved again.
NOT_KEPT = ("password", "captcha", "otp", "token")


def database_unavailable(exc: BaseException | None) -> bool:
    """Is ``exc`` (or what caused it) the database being out of reach, not a fault of the code?"""
    while exc is not None:
        if isinstance(exc, db.OperationalError | db.InterfaceError):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _kept_fields(request: HttpRequest) -> list[tuple[str, str]]:
    """The fields of a public form's POST, to be sent again; none for staff pages or uploads."""
    if request.method != "POST" or request.path.startswith(("/staff/", "/admin/")):
        return []
    try:
        items = list(request.POST.lists())
    except Exception:
        return []
    kept = []
    for name, values in items:
        if name == "csrfmiddlewaretoken" or not any(word in name.lower() for word in NOT_KEPT):
            kept.extend((name, value) for value in values)
    return kept


def server_error(request: HttpRequest) -> HttpResponse:
    exc = sys.exc_info()[1]
    if not database_unavailable(exc):
        return HttpResponse(loader.get_template("500.html").render({}), status=500)
    logger.error("database unavailable answering %s %s: %s", request.method, request.path, exc)
    message = _("系统正在维护或数据库暂时无法访问，请 %(seconds)s 秒后重试。") % {
        "seconds": RETRY_AFTER_SECONDS
    }
    if request.path.startswith(JSON_PREFIXES):
        response = JsonResponse({"detail": message}, status=503, json_dumps_params={"ensure_ascii": False})
    else:
        fields = _kept_fields(request)
        long_texts = [value for name, value in fields if name != "csrfmiddlewaretoken" and len(value) > 40]
        page = loader.get_template("503.html").render(
            {
                "message": message,
                "fields": fields,
                "long_texts": long_texts,
                "action": request.get_full_path(),
            }
        )
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)  # the page may hold what the citizen typed
    return response
