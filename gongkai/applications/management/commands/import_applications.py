"""``manage.py import_applications --org <code> FILE.xlsx|FILE.csv``: an office's ledger of disclosure
applications (依申请公开台账) imported with their outcomes; ``--template FILE.xlsx`` writes the empty
ledger. The columns are documented in docs/import-applications.md and in the template's second sheet."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gongkai.applications import actions, ledger
from gongkai.lib.forms import validation_messages

COLUMNS_HELP = "；".join(
    f"{c.header}{'（必填）' if c.required else ''}" for c in ledger.COLUMNS
)


class Command(BaseCommand):
    help = (
        "导入机构启用平台前的依申请公开台账（XLSX 或 CSV），连同办理结果，使当年的年度报告把它们计算在内。"
        f"列：{COLUMNS_HELP}。申请人类别按年报表三的列名填写（自然人、商业企业、科研机构、社会公益组织、"
        "法律服务机构、其他），办理结果按表三的行名填写（予以公开、部分公开、属于四类过程性信息、"
        "本机关不掌握相关政府信息……）。任何一行有误则全部不导入，并列出行号、列和原因；"
        "填写了台账编号的行重复导入不会重复登记。--template 文件名 写出空白模板（表头和一行示例）。"
        "详见 docs/import-applications.md。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, nargs="?", help="台账文件（.xlsx 或 .csv）")
        parser.add_argument("--org", help="办理机关：统一社会信用代码或机构全称")
        parser.add_argument("--template", type=Path, metavar="FILE", help="写出空白模板（.xlsx 或 .csv）后退出")

    def handle(self, *args, file: Path | None, org: str | None, template: Path | None, **options):
        if template is not None:
            data = ledger.template_csv() if template.suffix.lower() == ".csv" else ledger.template_workbook()
            template.write_bytes(data)
            self.stdout.write(self.style.SUCCESS(f"已写出模板：{template}"))
            return
        if file is None or not org:
            raise CommandError("请给出台账文件和 --org 机构（或用 --template 写出模板）。")
        if not file.exists():
            raise CommandError(f"文件不存在：{file}")
        try:
            organisation = actions.ledger_organisation(org)
            with file.open("rb") as upload:
                report = actions.import_ledger(organisation, upload, actor=None, name=file.name)
        except ValidationError as exc:
            raise CommandError("；".join(validation_messages(exc))) from None
        if not report.ok:
            for line in report.lines():
                self.stderr.write(line)
            raise CommandError(
                f"台账有误，未导入任何申请（{len(report.bad_rows)} 行有问题，共 {len(report.rows)} 行）。"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{organisation.name}：读取 {len(report.rows)} 行，新增申请 {report.created} 件，"
                f"此前已导入 {report.unchanged} 件。"
            )
        )
