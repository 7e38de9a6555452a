"""Public read-only API of participation analytics (in /api/openapi.json)."""

from ninja import Router

router = Router(tags=["公众参与分析"])
