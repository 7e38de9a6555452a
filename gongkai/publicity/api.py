"""Public read-only API of publicity lists (in /api/openapi.json)."""

from ninja import Router

router = Router(tags=["公示公告"])
