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
from ninja import NinjaAPI
from ninja.openapi.docs import DocsBase

ERROR_SCHEMA = {
    "title": "ApiError",
    "type": "object",
    "properties": {
        "detail": {
            "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "object"}}],
            "description": "错误说明（中文）；参数类型不符时为逐项说明",
        },
        "errors": {"type": "object", "description": "逐项的错误说明"},
    },
    "required": ["detail"],
}


class DocumentedErrorsAPI(NinjaAPI):
    """A NinjaAPI whose OpenAPI document names the error answers every operation with parameters
    may give (``error_responses``: status → description), with one error schema, so that the
    document tells the truth for every router (schemathesis checks it: api/tests)."""

    error_responses: dict[str, str] = {}

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["ApiError"] = ERROR_SCHEMA
        error = {"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}}
        for methods in schema["paths"].values():
            for operation in methods.values():
                if not (
                    operation.get("parameters") or operation.get("requestBody") or operation.get("security")
                ):
                    continue
                responses = operation["responses"]
                for status, description in self.error_responses.items():
                    # ninja keys responses by int; one key per status (a "404" beside 404 would be two
                    # keys of one name in the JSON, which Swagger UI's parser refuses)
                    if int(status) not in responses and status not in responses:
                        responses[int(status)] = {"description": description, "content": error}
        return schema


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
