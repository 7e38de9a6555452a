"""The foundation's benchmark: the portal home page against a static file of the same size."""

from __future__ import annotations

from io import StringIO

from gongkai.bench.http import compare_with_static
from gongkai.bench.registry import Ratio, benchmark
from gongkai.bench.runner import BenchRun


def demo_district() -> None:
    """The demo district when ``load_demo`` exists, else one district (what "/" needs to render)."""
    from django.core.management import call_command, get_commands

    if "load_demo" in get_commands():
        call_command("load_demo", stdout=StringIO())
    else:
        one_district()


def one_district() -> None:
    from gongkai.lib.validators import uscc_check_char
    from gongkai.orgs.models import Organisation, OrgKind

    first17 = "11431002" + "MB0000001"
    Organisation.objects.get_or_create(
        code=first17 + uscc_check_char(first17),
        defaults={"name": "北湖区人民政府", "short_name": "北湖区", "kind": OrgKind.DISTRICT},
    )


@benchmark("portal_home", "portal home page (/) vs a static file of the same size, 8 concurrent clients")
def portal_home(run: BenchRun) -> Ratio:
    site = run.site(fill=one_district if run.minimal_data else demo_district)
    return compare_with_static(site, "/", subject="portal home page", budget=run.budget, concurrency=8)
