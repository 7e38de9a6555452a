"""Import an export of the provincial service platform (CSV or XLSX) into a case source."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from gongkai.services import actions
from gongkai.services.models import CaseSource, ImportState


class Command(BaseCommand):
    help = (
        "导入省政务服务平台导出的办件（CSV 或 XLSX）。按来源的列对应关系逐行读取，分批写入；"
        "同一文件重复导入不会重复登记（以来源内的办件编号为准，内容有变的更新）；拒收的行列出行号和原因。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--source", required=True, help="办件来源名称，例如 湖南省政务服务平台")
        parser.add_argument("--district", help="区的统一社会信用代码（同名来源在多个区时必填）")
        parser.add_argument(
            "--rejects", type=Path, help="把拒收的行（行号、办件编号、原因）写到这个 CSV 文件"
        )

    def handle(self, *args, file: Path, source: str, district: str | None, rejects: Path | None, **options):
        if not file.exists():
            raise CommandError(f"文件不存在：{file}")
        sources = CaseSource.objects.filter(name=source).select_related("organisation")
        if district:
            sources = sources.filter(district__code=district)
        found = list(sources[:2])
        if len(found) != 1:
            raise CommandError(
                "找不到该办件来源。" if not found else "有多个区有同名来源，请用 --district 指定。"
            )
        try:
            run = actions.start_import_from_path(found[0], file)
        except Exception as exc:
            raise CommandError(str(exc)) from exc
        with tqdm(desc="导入办件", unit="行", disable=None, file=self.stderr) as bar:

            def moved(current):
                if current.total_rows and bar.total != current.total_rows:
                    bar.total = current.total_rows
                bar.update(current.rows_read - bar.n)

            run = actions.run_import(run, path=file, progress=moved)
        if rejects and run.rejects:
            rejects.write_bytes(run.rejects.read())
        for reject in getattr(run, "first_rejects", [])[:20]:
            self.stderr.write(f"第{reject.row}行 {reject.case_no}：{reject.reason}")
        if run.state != ImportState.DONE:
            raise CommandError(f"导入失败：{run.error}")
        self.stdout.write(
            self.style.SUCCESS(
                f"完成：读取 {run.rows_read} 行，新增 {run.created}，更新 {run.updated}，未变 {run.unchanged}，拒收 {run.rejected}。"
            )
        )
