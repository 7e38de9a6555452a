"""Build the demo district 北湖区 (seed: its 2018 annual report) with every capability's demo data."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from gongkai.demo.district import BEIHU, build_district, build_superuser
from gongkai.demo.steps import steps
from gongkai.orgs.models import Organisation


class Command(BaseCommand):
    help = "载入演示区（北湖区）及各功能的演示数据；可重复运行，不会重复创建。"

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="数据库中已有机构时什么也不做")

    def handle(self, *args, if_empty: bool = False, **options):
        if if_empty and Organisation.objects.exists():
            self.stdout.write("数据库已有数据，跳过演示数据载入。")
            return
        started = time.monotonic()
        self.stdout.write("载入演示区：郴州市北湖区 …")
        district = build_district(BEIHU)
        build_superuser()
        for step in steps():
            t = time.monotonic()
            self.stdout.write(f"  · {step.name} …")
            step.func(district, stdout=self.stdout)
            self.stdout.write(f"    完成（{time.monotonic() - t:.1f} 秒）")
        orgs = Organisation.objects.filter(district=district)
        self.stdout.write(
            self.style.SUCCESS(
                f"演示数据就绪：{orgs.count()} 个机构（其中预算单位 {orgs.filter(kind='budget_unit').count()} 个），"
                f"用时 {time.monotonic() - started:.1f} 秒。"
            )
        )
