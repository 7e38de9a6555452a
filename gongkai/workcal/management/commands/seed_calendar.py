from django.core.management.base import BaseCommand

from gongkai.workcal.seed import package_years, seed_from_package


class Command(BaseCommand):
    help = "从 chinese_calendar 软件包导入法定节假日与调休安排（可重复运行，不覆盖公开办录入的年份）。"

    def handle(self, *args, **options) -> None:
        years = package_years()
        result = seed_from_package()
        self.stdout.write(f"软件包包含 {years.start}–{years.stop - 1} 年。")
        for label, found in (
            ("新增", result.created),
            ("更新", result.updated),
            ("无变化", result.unchanged),
            ("公开办录入，未覆盖", result.skipped_manual),
        ):
            if found:
                self.stdout.write(f"{label}：{'、'.join(str(y) for y in found)}")
        self.stdout.write(self.style.SUCCESS("工作日历导入完成。"))
