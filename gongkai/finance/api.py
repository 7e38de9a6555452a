"""Public read-only API of budgets and final accounts (in /api/openapi.json)."""

from ninja import Router

router = Router(tags=["财政预决算和行政事业性收费"])
