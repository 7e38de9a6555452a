"""The portal search index: rebuild it from the catalog, or check that it holds exactly the
public items (and repair it with --fix). Exit code 1 when the check finds drift it did not fix."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from tqdm import tqdm

from gongkai.catalog import search
from gongkai.catalog.models import Item
from gongkai.orgs.models import Organisation, OrgKind

LABELS = {
    "no_entry": "已公开但未建检索条目",
    "entry_not_public": "检索条目对应的信息未公开",
    "not_in_index": "检索条目不在索引中",
    "not_entry": "索引中有但无检索条目",
    "twice": "索引中重复",
}


def _district(code: str | None):
    if not code:
        return None
    found = Organisation.objects.filter(Q(code=code) | Q(name=code), kind=OrgKind.DISTRICT).first()
    if found is None:
        raise CommandError(f"没有这个区：{code}")
    return found


class Command(BaseCommand):
    help = "站内检索索引：rebuild 从政府信息目录重建；check 核对索引与已公开信息是否一致（--fix 修复）。"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "check"])
        parser.add_argument("--district", help="区的组织代码或名称；默认全部")
        parser.add_argument("--fix", action="store_true", help="check 发现不一致时修复")
        parser.add_argument("--quiet", action="store_true", help="一致时不输出")

    def handle(self, *args, action: str, district: str | None, fix: bool, quiet: bool, **options):
        target = _district(district)
        if action == "rebuild":
            items = Item.objects.all() if target is None else Item.objects.filter(district=target)
            with tqdm(total=items.count(), unit="条", desc="重建检索索引", file=sys.stderr, disable=quiet) as bar:
                count = search.rebuild_index(target, progress=bar)
            self.stdout.write(f"已重建检索索引：{count} 条已公开信息。")
            return
        report = search.check_index(target)
        drift = {k: v for k, v in report.items() if v}
        if not drift:
            if not quiet:
                self.stdout.write("检索索引与已公开信息一致。")
            return
        for key, ids in drift.items():
            shown = "、".join(str(pk) for pk in ids[:10]) + ("……" if len(ids) > 10 else "")
            self.stdout.write(f"{LABELS[key]}：{len(ids)} 条（{shown}）")
        if not fix:
            raise CommandError("检索索引与已公开信息不一致；运行 search_index check --fix 修复。", returncode=1)
        search.fix_index(report)
        after = {k: v for k, v in search.check_index(target).items() if v}
        if after:
            raise CommandError("修复后仍不一致：" + "，".join(f"{LABELS[k]} {len(v)} 条" for k, v in after.items()))
        self.stdout.write("已修复，检索索引与已公开信息一致。")
