"""Public read-only API of sector figures (in /api/openapi.json)."""

from ninja import Router

router = Router(tags=["行业领域数据"])
