"""Generate a district-scale or city-scale dataset (ten districts) for benchmarks and load tests."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from gongkai.demo.district import BEIHU, DistrictSpec, build_district
from gongkai.demo.steps import steps

# Synthetic districts of one city; names are invented, region codes are the city's range.
CITY_DISTRICTS = [
    "北湖区",
    "苏仙区",
    "东江区",
    "南岭区",
    "西河区",
    "青山区",
    "白鹭区",
    "金桂县",
    "云台县",
    "石门县",
]


class Command(BaseCommand):
    help = "生成测试数据：--scale district（一个区）或 city（十个区，一市一平台）。"

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["district", "city"], default="district")
        parser.add_argument(
            "--only-organisations", action="store_true", help="只生成机构和账号，不生成各功能的业务数据"
        )
        parser.add_argument(
            "--service-cases",
            choices=["csv", "xlsx", "none"],
            default="csv",
            help="按种子规模（40.6万件）生成2018年办件导出文件并导入：csv（默认）、xlsx，或 none 不生成",
        )

    def handle(self, *args, scale: str, only_organisations: bool = False, service_cases: str = "csv", **options):
        started = time.monotonic()
        specs = [BEIHU]
        if scale == "city":
            specs += [
                DistrictSpec(name=name, city="郴州市", region=f"4310{20 + i:02d}", host=f"d{i}.localhost")
                for i, name in enumerate(CITY_DISTRICTS[1:], start=1)
            ]
        for spec in specs:
            self.stdout.write(f"生成 {spec.city}{spec.name} …")
            district = build_district(spec)
            for step in [] if only_organisations else steps():
                step.func(district, stdout=self.stdout)
            if not only_organisations and service_cases != "none":
                self._service_cases(district, service_cases)
        self.stdout.write(
            self.style.SUCCESS(f"完成：{len(specs)} 个区，用时 {time.monotonic() - started:.1f} 秒。")
        )

    def _service_cases(self, district, kind: str) -> None:
        """The seed's year of service cases (406,000) as the provincial platform's export, imported."""
        from tqdm import tqdm

        from gongkai.services.demo_steps import SEED_TOTAL, import_year

        t = time.monotonic()
        with tqdm(total=SEED_TOTAL, desc=f"办件（{kind}）", unit="行", disable=None, file=self.stderr) as bar:
            import_year(district, every=1, kind=kind, stdout=self.stdout, progress=lambda run: bar.update(run.rows_read - bar.n))
        self.stdout.write(f"    办件导出与导入用时 {time.monotonic() - t:.1f} 秒")
