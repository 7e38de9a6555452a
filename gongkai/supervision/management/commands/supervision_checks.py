"""``manage.py supervision_checks [--district <code>] [--format text|json]``: run the timeliness
checks (of one district, or of every district) and print the open findings.

``--self-check``: print instead the portal's self-check against the website inspection
indicators (``selfcheck.py``; nothing is written), as text or, with ``--format json``, a list of one
object per district with its ``indicators`` (``code``, ``kind``, ``label``, ``status`` pass/fail,
``count``, ``summary``, ``evidence``, ``findings_url``, ``records_url``).

A stable interface: the JSON is a list of objects with at least ``rule``, ``unit``, ``object``,
``since`` and ``fix`` (and ``rule_label``, ``unit_id``, ``district``, ``object_type``,
``object_id``, ``detail``, ``found_on``, ``url``).
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from gongkai.orgs.models import Organisation, OrgKind
from gongkai.supervision import actions, checks, selfcheck
from gongkai.supervision.models import Finding


def as_json(finding: Finding) -> dict:
    return {
        "rule": finding.rule,
        "rule_label": checks.label_of(finding.rule),
        "district": finding.district.code,
        "unit": finding.unit.name,
        "unit_id": finding.unit_id,
        "object": finding.object_label,
        "object_type": finding.object_type,
        "object_id": finding.object_id,
        "detail": finding.detail,
        "since": finding.since.isoformat(),
        "found_on": finding.found_on.isoformat(),
        "fix": finding.fix,
        "url": finding.url,
    }


class Command(BaseCommand):
    help = "运行督查检查（政府网站及信息公开时效），并列出未整改的问题。"

    def add_arguments(self, parser):
        parser.add_argument("--district", help="区的统一社会信用代码（省略时检查所有区）")
        parser.add_argument("--format", choices=["text", "json"], default="text", help="输出格式")
        parser.add_argument(
            "--self-check",
            action="store_true",
            help="按政府网站检查指标自查（单项否决与扣分项），不写入督查问题",
        )

    def handle(self, *args, district: str | None, format: str, self_check: bool = False, **options):
        districts = Organisation.objects.filter(kind=OrgKind.DISTRICT, is_active=True).order_by("pk")
        if district:
            districts = districts.filter(code=district)
            if not districts.exists():
                raise CommandError(f"找不到统一社会信用代码为 {district} 的区。")
        districts = list(districts)
        if self_check:
            self._self_check(districts, format)
            return
        for d in districts:
            summary = actions.run_checks(d)
            if format == "text":
                self.stderr.write(
                    f"{d.name}：新发现 {summary['opened']} 个，仍未整改 {summary['kept']} 个，"
                    f"已整改关闭 {summary['closed']} 个"
                )
        findings = list(
            Finding.objects.filter(district__in=districts, closed_on__isnull=True)
            .select_related("unit", "district")
            .order_by("district_id", "since", "rule", "pk")
        )
        if format == "json":
            self.stdout.write(json.dumps([as_json(f) for f in findings], ensure_ascii=False, indent=2))
            return
        if not findings:
            self.stdout.write("没有未整改的问题。")
        for f in findings:
            self.stdout.write(
                f"{f.since:%Y-%m-%d}\t{checks.label_of(f.rule)}\t{f.unit.name}\t{f.object_label}\t"
                f"{f.detail}\t整改：{f.fix}"
            )

    def _self_check(self, districts: list[Organisation], format: str) -> None:
        results = [selfcheck.run(d) for d in districts]
        if format == "json":
            self.stdout.write(json.dumps([r.as_json() for r in results], ensure_ascii=False, indent=2))
            return
        for r in results:
            verdict = (
                "触发单项否决：" + "、".join(i.label for i in r.vetoed) if r.vetoed else "未触发单项否决"
            )
            self.stdout.write(
                f"{r.district.name} 网站自查（{r.today:%Y-%m-%d}）：{verdict}；通过 {r.passed} 项，未通过 {r.failed} 项"
            )
            for i in r.indicators:
                mark = "通过" if i.passed else "未通过"
                self.stdout.write(f"{i.kind_label}\t{i.label}\t{mark}\t{i.count}\t{i.summary}")
