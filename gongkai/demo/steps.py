"""The demo loader's steps. Each capability adds its own step in a ``demo_steps`` module of its app:

    from gongkai.demo.steps import demo_step

    @demo_step("catalog", order=20)
    def load_items(district, *, stdout): ...

A step receives the demo district and must be idempotent (the loader may run again).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Step:
    name: str
    order: int
    func: Callable


_STEPS: dict[str, Step] = {}


def demo_step(name: str, *, order: int = 50):
    def register(func: Callable) -> Callable:
        _STEPS[name] = Step(name, order, func)
        return func

    return register


def steps() -> list[Step]:
    autodiscover_modules("demo_steps")
    return sorted(_STEPS.values(), key=lambda s: (s.order, s.name))
