"""Public read-only API of supervision and assessment (in /api/openapi.json)."""

from ninja import Router

router = Router(tags=["督查考核"])
