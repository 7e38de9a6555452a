"""The /api/docs page: Swagger UI served by the platform itself.

django-ninja's own page loads Swagger UI from a CDN unless ``ninja`` is an installed app, and its
favicon from its own path; this one uses the vendored ``swagger-ui-dist`` under
``static/vendor/swagger-ui/`` and a static start script, so it needs no outside address and no
inline script (the Content-Security-Policy allows neither).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase


class LocalSwagger(DocsBase):
    settings = {"layout": "BaseLayout", "deepLinking": True}

    def render_page(self, request: HttpRequest, api, **kwargs: Any) -> HttpResponse:
        url = self.get_openapi_url(api, kwargs)
        context = {
            "api": api,
            "openapi_url": url,
            "swagger_settings": {**self.settings, "url": url},
        }
        return render(request, "api/swagger.html", context)
