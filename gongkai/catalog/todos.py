"""What waits on proactive disclosure, for the workbench's to-do list."""

from gongkai.catalog.views_staff import catalog_todos

PROVIDERS = [catalog_todos]
