"""Public read-only API of government procurement (in /api/openapi.json)."""

from ninja import Router

router = Router(tags=["政府采购"])
