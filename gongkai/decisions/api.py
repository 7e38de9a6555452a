"""Public read-only API of licensing and penalty / enforcement decisions published within their limit (in /api/openapi.json)."""

from ninja import Router

router = Router(tags=["行政许可和行政处罚“双公示”"])
