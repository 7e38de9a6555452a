"""The demo loader's steps. Each capability declares its own in a ``demo_steps`` module of its app:

    from gongkai.lib.registry import DemoStep

    def load_items(district, *, stdout): ...

    DEMO_STEPS = [DemoStep("catalog", 20, load_items)]

A step receives the demo district and must be idempotent (the loader may run again). Nothing
imports the demo: it finds the apps' steps, as Django's admin finds ``admin.py``.
"""

from __future__ import annotations

from gongkai.lib.registry import DemoStep, declared


def steps() -> list[DemoStep]:
    found: dict[str, DemoStep] = {step.name: step for step in declared("demo_steps", "DEMO_STEPS")}
    return sorted(found.values(), key=lambda s: (s.order, s.name))
