"""Public read-only API of service items (in /api/openapi.json)."""

from ninja import Router

router = Router(tags=["政务服务事项、办事指南和办件"])
