"""A banner across the top of the workbench home page, as apps hand them to it.

    from gongkai.lib.banners import Banner

    def calendar_banners(user) -> list[Banner]:
        return [Banner(message=..., url=..., link_text=..., level=Banner.ERROR)]

    BANNERS = [calendar_banners]        # in <app>/todos.py, next to PROVIDERS

For what must not wait in the to-do list, such as a calendar year that deadlines run into and
nobody has entered. Providers decide whom they show a banner to, as to-do providers do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True)
class Banner:
    WARNING: ClassVar[str] = "warning"
    ERROR: ClassVar[str] = "error"

    message: str
    url: str = ""
    link_text: str = ""
    level: str = WARNING  # the workbench's message box: wb-message--warning or --error
