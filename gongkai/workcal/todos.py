"""The office's reminder to enter next year's holidays before deadlines need them: a to-do, and a
banner on the workbench home, both linking to the page where the State Council's notice is pasted."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import has_any
from gongkai.lib.banners import Banner
from gongkai.lib.todos import Todo, Urgency
from gongkai.workcal.calendar import missing_years


def _paste_url(year: int) -> str:
    return reverse("workcal:year_paste") + f"?year={year}"


def calendar_todos(user) -> list[Todo]:
    if not has_any(user, "calendar.edit"):
        return []
    today = timezone.localdate()
    return [
        Todo(
            title=f"录入{year}年法定节假日和调休安排（国务院办公厅通知公布后）",
            url=_paste_url(year),
            due=dt.date(year - 1, 12, 31) if year > today.year else today,
            urgency=Urgency.OVERDUE if year <= today.year else Urgency.SOON,
            category="工作日历",
        )
        for year in missing_years(today)
    ]


def calendar_banners(user) -> list[Banner]:
    """While a year that deadlines may run into is missing (next year from 1 November)."""
    if not has_any(user, "calendar.edit"):
        return []
    today = timezone.localdate()
    missing = missing_years(today)
    if not missing:
        return []
    return [
        Banner(
            message=_(
                "%(years)s的节假日安排尚未录入工作日历，跨入该年的期限还不能最终确定。国务院办公厅通知发布后，请及时录入。"
            )
            % {"years": "、".join(_("%(year)s年") % {"year": year} for year in missing)},
            url=_paste_url(missing[0]),
            link_text=_("粘贴通知录入"),
            level=Banner.ERROR if today.year in missing else Banner.WARNING,
        )
    ]


PROVIDERS = [calendar_todos]
BANNERS = [calendar_banners]
