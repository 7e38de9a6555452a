"""Public read-only API of the annual reports (in /api/openapi.json)."""

from ninja import Router

router = Router(tags=["政府信息公开工作年度报告"])
