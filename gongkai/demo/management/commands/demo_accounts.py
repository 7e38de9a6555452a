"""Print where the platform answers and the demo accounts (used by `make run`)."""

from django.core.management.base import BaseCommand

from gongkai.accounts.models import User
from gongkai.demo.district import DEMO_PASSWORD, demo_accounts


class Command(BaseCommand):
    help = "打印门户地址、工作台地址和演示账号。"

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")

    def handle(self, *args, port: str, **options):
        base = f"http://127.0.0.1:{port}"
        w = self.stdout.write
        w("")
        w("=" * 64)
        w(f"  门户网站 Portal       {base}/")
        w(f"  工作台   Staff        {base}/staff/")
        w(f"  系统配置 Admin        {base}/admin/     （账号 admin）")
        w(f"  公共接口 API          {base}/api/openapi.json")
        w("-" * 64)
        w(f"  演示账号（密码均为 {DEMO_PASSWORD}）/ demo accounts, password {DEMO_PASSWORD}")
        existing = set(User.objects.values_list("username", flat=True))
        for account in demo_accounts():
            if account.username in existing:
                w(f"  {account.username:<14} {account.what}")
        w("=" * 64)
        w("")
