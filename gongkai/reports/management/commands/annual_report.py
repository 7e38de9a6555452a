"""``manage.py annual_report --org <code or name> --year <year> --format docx|pdf|html|json [--out FILE]``

Writes an organisation's annual report for a year (a district's covers all its units). An
approved or released report is written as it was frozen; otherwise the figures are computed
from the records now and the prose drafted from them (nothing is saved). The JSON carries every
figure under the keys documented in ``gongkai/reports/figures.py``.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from gongkai.orgs.models import Organisation
from gongkai.reports import drafts, figures, formats, rendering
from gongkai.reports.models import Report, ReportState

FORMATS = ("docx", "pdf", "html", "json")


class Command(BaseCommand):
    help = "生成政府信息公开工作年度报告（DOCX、PDF、HTML 或 JSON）"

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="机构代码或名称（区或部门）")
        parser.add_argument("--year", required=True, type=int, help="报告年度")
        parser.add_argument("--format", required=True, choices=FORMATS, dest="output_format")
        parser.add_argument("--out", help="输出文件（缺省写到标准输出）")

    def handle(self, *args, org: str, year: int, output_format: str, out: str | None, **options):
        found = list(Organisation.objects.filter(Q(code=org) | Q(name=org) | Q(short_name=org))[:2])
        if not found:
            raise CommandError(f"没有代码或名称为“{org}”的机构。")
        if len(found) > 1:
            raise CommandError(f"“{org}”对应多个机构，请使用机构代码。")
        organisation = found[0]
        report = Report.objects.filter(organisation=organisation, year=year).exclude(state=ReportState.DRAFT).first()
        if report is None:
            computed = figures.compute(organisation, year)
            report = Report(
                organisation=organisation,
                district_id=organisation.district_id,
                year=year,
                format=formats.format_for(year),
                figures=computed,
                **drafts.draft(computed, organisation.name),
            )
        if output_format == "json":
            data = json.dumps(report.figures, ensure_ascii=False, indent=2).encode()
        elif output_format == "html":
            data = rendering.html_page(report).encode()
        elif output_format == "docx":
            data = rendering.docx(report)
        else:
            data = rendering.pdf(report)
        if out:
            with open(out, "wb") as handle:
                handle.write(data)
            self.stderr.write(f"已写入 {out}（{report.title}）")
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
