"""The timeliness checks (国办秘函〔2019〕19号; 条例 第二十六条; the apps' own time limits), as a
registry: each rule is a function of (district, day, thresholds) that reads the apps' ``stats.py``
and returns what it finds now. It writes nothing: ``actions.run_checks`` turns the results into
findings that open and close by themselves.

A rule names the app its figures come from; when that app is not installed the rule is simply
not run (and says so in the run's summary).
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from gongkai.orgs.models import Organisation
from gongkai.supervision.models import SupervisionSettings
from gongkai.workcal.calendar import Basis, add_working_days


@dataclass(frozen=True)
class Found:
    """What a rule found about one object, on the day it ran."""

    unit: Organisation | int  # the responsible organisation (or its id)
    object_type: str
    object_id: str
    object_label: str
    detail: str
    fix: str
    since: dt.date  # when the problem began (the day found, when the records do not say)
    url: str = ""


@dataclass(frozen=True)
class Context:
    district: Organisation
    today: dt.date
    settings: SupervisionSettings


@dataclass(frozen=True)
class Rule:
    code: str
    label: str
    source: str  # the app label whose stats.py the rule reads
    func: Callable[[Context], list[Found]]
    basis: str = ""  # the rule it enforces, in words

    @property
    def available(self) -> bool:
        return apps.is_installed(f"gongkai.{self.source}")


RULES: dict[str, Rule] = {}


def rule(code: str, label: str, source: str, basis: str = ""):
    def register(func: Callable[[Context], list[Found]]):
        if code in RULES:
            raise ValueError(f"rule {code} registered twice")
        RULES[code] = Rule(code, str(label), source, func, str(basis))
        return func

    return register


def label_of(code: str) -> str:
    return RULES[code].label if code in RULES else code


def link(name: str, *args, query: dict | None = None) -> str:
    try:
        url = reverse(name, args=args)
    except NoReverseMatch:
        return ""
    return f"{url}?{urlencode(query)}" if query else url


# --- the catalog: columns, publication, validity ------------------------------------------------


def _freshness(ctx: Context):
    from gongkai.catalog import stats

    return stats.column_freshness(ctx.district, ctx.today)


@rule(
    "column_stale",
    _("栏目超期未更新"),
    "catalog",
    _("国办秘函〔2019〕19号：动态类栏目2周、通知公告和政策文件类栏目6个月未更新"),
)
def column_stale(ctx: Context) -> list[Found]:
    found = []
    for row in _freshness(ctx):
        if row.status != "overdue" or row.last is None:
            continue
        column = row.column
        found.append(
            Found(
                ctx.district,
                "catalog.column",
                str(column.pk),
                column.name,
                str(
                    _("已%(days)s天未更新（更新周期%(cycle)s天）")
                    % {"days": row.days, "cycle": column.update_cycle}
                ),
                str(
                    _("请在“%(name)s”栏目发布新的信息，此后至少每%(cycle)s天更新一次。")
                    % {"name": column.name, "cycle": column.update_cycle}
                ),
                row.due + dt.timedelta(days=1),
                link("catalog_staff:items", query={"column": column.pk}),
            )
        )
    return found


@rule("column_blank", _("空白栏目"), "catalog", _("国办秘函〔2019〕19号：栏目无任何信息即为空白栏目"))
def column_blank(ctx: Context) -> list[Found]:
    return [
        Found(
            ctx.district,
            "catalog.column",
            str(row.column.pk),
            row.column.name,
            str(_("栏目从未发布信息")),
            str(_("请在“%(name)s”栏目发布信息，或停用不再使用的栏目。") % {"name": row.column.name}),
            ctx.today,
            link("catalog_staff:items", query={"column": row.column.pk}),
        )
        for row in _freshness(ctx)
        if row.status == "overdue" and row.last is None
    ]


def _veto(ctx: Context, key: str, count: int, threshold: int, detail: str, fix: str) -> list[Found]:
    if count < threshold:
        return []
    return [
        Found(
            ctx.district,
            "supervision.veto",
            f"{ctx.district.pk}:{key}",
            str(_("%(name)s政府网站") % {"name": ctx.district.short_name or ctx.district.name}),
            detail,
            fix,
            ctx.today,
            # the columns behind it: the stale or blank columns' own findings
            link(
                "supervision_staff:findings",
                query={"rule": "column_blank" if key == "column_blank" else "column_stale"},
            ),
        )
    ]


@rule(
    "veto_stale_columns",
    _("单项否决：超期未更新栏目过多"),
    "catalog",
    _("国办秘函〔2019〕19号：超期未更新栏目达5个即单项否决"),
)
def veto_stale_columns(ctx: Context) -> list[Found]:
    count = sum(1 for r in _freshness(ctx) if r.status == "overdue" and r.last is not None)
    limit = ctx.settings.veto_stale_columns
    return _veto(
        ctx,
        "column_stale",
        count,
        limit,
        str(_("%(count)s个栏目超期未更新（达到%(limit)s个即单项否决）") % {"count": count, "limit": limit}),
        str(_("请逐一更新超期栏目，使其少于%(limit)s个。") % {"limit": limit}),
    )


@rule(
    "veto_long_stale_columns",
    _("单项否决：长期未更新栏目过多"),
    "catalog",
    _("国办秘函〔2019〕19号：长期未更新栏目达10个即单项否决"),
)
def veto_long_stale_columns(ctx: Context) -> list[Found]:
    days = ctx.settings.long_stale_days
    count = sum(1 for r in _freshness(ctx) if r.last is not None and r.days is not None and r.days > days)
    limit = ctx.settings.veto_long_stale_columns
    return _veto(
        ctx,
        "long_stale",
        count,
        limit,
        str(
            _("%(count)s个栏目超过%(days)s天未更新（达到%(limit)s个即单项否决）")
            % {"count": count, "days": days, "limit": limit}
        ),
        str(_("请更新长期未更新的栏目，或停用不再使用的栏目，使其少于%(limit)s个。") % {"limit": limit}),
    )


@rule(
    "veto_blank_columns",
    _("单项否决：空白栏目过多"),
    "catalog",
    _("国办秘函〔2019〕19号：空白栏目达5个即单项否决"),
)
def veto_blank_columns(ctx: Context) -> list[Found]:
    count = sum(1 for r in _freshness(ctx) if r.status == "overdue" and r.last is None)
    limit = ctx.settings.veto_blank_columns
    return _veto(
        ctx,
        "column_blank",
        count,
        limit,
        str(_("%(count)s个空白栏目（达到%(limit)s个即单项否决）") % {"count": count, "limit": limit}),
        str(_("请在空白栏目发布信息或停用空白栏目，使其少于%(limit)s个。") % {"limit": limit}),
    )


def publication_due(written: dt.date, working_days: int) -> dt.date:
    """The last day to publish an item written on ``written`` (条例 第二十六条: 20 working days);
    a year the calendar does not know yet is counted on its earliest basis."""
    return add_working_days(written, working_days, basis=Basis.EARLIEST)


@rule(
    "late_publication",
    _("信息未在形成后20个工作日内公开"),
    "catalog",
    _("条例第二十六条：自该政府信息形成或者变更之日起20个工作日内予以公开"),
)
def late_publication(ctx: Context) -> list[Found]:
    from gongkai.catalog import stats

    days = ctx.settings.publish_within_working_days
    since = ctx.today - dt.timedelta(days=ctx.settings.late_publication_window_days)
    found = []
    due_on: dict[dt.date, dt.date] = {}  # per written date: the window's items share few of them
    for row in stats.written_and_published(ctx.district, since):
        due = due_on.get(row.written_date)
        if due is None:
            due = due_on[row.written_date] = publication_due(row.written_date, days)
        if row.first_published_on <= due:
            continue
        found.append(
            Found(
                row.organisation_id,
                "catalog.item",
                str(row.item_id),
                row.title,
                str(
                    _("成文日期%(written)s，%(published)s才公开（时限%(due)s）")
                    % {"written": row.written_date, "published": row.first_published_on, "due": due}
                ),
                str(
                    _("请在信息形成后%(days)s个工作日内公开；本条在检查范围期满后自动关闭。") % {"days": days}
                ),
                due + dt.timedelta(days=1),
                link("catalog_staff:version", row.version_id),
            )
        )
    return found


@rule("no_validity", _("规范性文件未标注有效性"), "catalog", _("规章、行政规范性文件须标注有效性"))
def no_validity(ctx: Context) -> list[Found]:
    from gongkai.catalog import stats

    return [
        Found(
            doc.organisation_id,
            "catalog.item",
            str(doc.item_id),
            doc.title,
            str(_("已公开的规章或行政规范性文件未标注有效性")),
            str(_("请修订该信息，标注“有效”“修订”或“废止”。")),
            ctx.today,
            link("catalog_staff:version", doc.version_id),
        )
        for doc in stats.normative_without_validity(ctx.district)
    ]


@rule(
    "home_stale",
    _("首页超期未更新"),
    "catalog",
    _("国办秘函〔2019〕19号：首页栏目信息超过2周未更新即单项否决"),
)
def home_stale(ctx: Context) -> list[Found]:
    from gongkai.catalog import stats

    last = stats.home_last_published(ctx.district)
    days = ctx.settings.home_stale_days
    last_day = timezone.localdate(last) if last else None
    if last_day is not None and (ctx.today - last_day).days <= days:
        return []
    name = ctx.district.short_name or ctx.district.name
    detail = (
        _("首页栏目从未发布信息")
        if last_day is None
        else _("首页栏目最近一次发布在%(last)s，已%(n)s天未更新（要求%(days)s天内）")
        % {"last": last_day, "n": (ctx.today - last_day).days, "days": days}
    )
    return [
        Found(
            ctx.district,
            "portal.home",
            str(ctx.district.pk),
            str(_("%(name)s政府网站首页") % {"name": name}),
            str(detail),
            str(
                _("请在首页显示的栏目（如工作动态、通知公告）发布新的信息，此后至少每%(days)s天更新一次。")
                % {"days": days}
            ),
            last_day + dt.timedelta(days=days + 1) if last_day else ctx.today,
            link("supervision_staff:findings", query={"rule": "column_stale"}),
        )
    ]


def interpretation_kinds(settings: SupervisionSettings) -> list[str]:
    """The kinds of document that must be published with an interpretation (the office's choice)."""
    # the catalog's DocKind values: 规章, 行政规范性文件, 其他文件
    chosen = [
        (settings.interpret_rules, "rule"),
        (settings.interpret_normative, "normative"),
        (settings.interpret_documents, "document"),
    ]
    return [kind for wanted, kind in chosen if wanted]


@rule(
    "policy_without_interpretation",
    _("政策文件未同步发布解读"),
    "catalog",
    _("政策解读“三同步”：政策文件与解读材料同步组织、同步审签、同步部署，文件公开后及时发布解读并相互关联"),
)
def policy_without_interpretation(ctx: Context) -> list[Found]:
    from gongkai.catalog import stats

    days = ctx.settings.interpretation_working_days
    since = ctx.today - dt.timedelta(days=ctx.settings.interpretation_window_days)
    labels = stats.document_kinds()
    found = []
    for doc in stats.policies_without_interpretation(
        ctx.district, interpretation_kinds(ctx.settings), since, ctx.today
    ):
        due = (
            add_working_days(doc.first_published_on, days, basis=Basis.EARLIEST)
            if days
            else doc.first_published_on
        )
        if ctx.today <= due:
            continue  # still within the days the office allows
        found.append(
            Found(
                doc.organisation_id,
                "catalog.item",
                str(doc.item_id),
                doc.title,
                str(
                    _("%(kind)s%(published)s公开，至今没有关联的政策解读（应于%(due)s前发布）")
                    % {
                        "kind": labels.get(doc.doc_kind, doc.doc_kind),
                        "published": doc.first_published_on,
                        "due": due,
                    }
                ),
                str(_("请在“政策解读”栏目发布该文件的解读材料，并在解读信息的“解读的政策”中关联本文件。")),
                due + dt.timedelta(days=1),
                link("catalog_staff:version", doc.version_id),
            )
        )
    return found


def _link_key(item_id: int, url: str) -> str:
    return f"{item_id}:{hashlib.sha256(url.encode()).hexdigest()[:24]}"


def _short(url: str, width: int = 120) -> str:
    return url if len(url) <= width else url[: width - 1] + "…"


@rule(
    "broken_link",
    _("站内链接或附件无法访问"),
    "catalog",
    _("国办秘函〔2019〕19号：网站存在错链、断链，附件无法下载"),
)
def broken_link(ctx: Context) -> list[Found]:
    from gongkai.catalog import stats

    return [
        Found(
            b.organisation_id,
            "catalog.link",
            _link_key(b.item_id, b.url),
            f"{b.title}：{_short(b.url)}",
            str(_("%(reason)s（%(url)s）") % {"reason": b.reason, "url": _short(b.url, 200)}),
            str(_("请修订该信息，改正或删除失效的链接，或重新上传附件。")),
            ctx.today,
            link("catalog_staff:version", b.version_id),
        )
        for b in stats.broken_internal_links(ctx.district, ctx.today)
    ]


EXTERNAL_PROBE_LIMIT = 200  # distinct addresses probed per district and run
EXTERNAL_PROBE_TIMEOUT = 5  # seconds per address


def probe_url(url: str) -> str:
    """Why an external address does not answer (``""``: it does). A HEAD request, then a GET when
    the server refuses HEAD; only called when the office enabled the external link check."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": "gongkai-linkcheck/1"})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=EXTERNAL_PROBE_TIMEOUT):  # noqa: S310
                return ""
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue
            return f"HTTP {exc.code}"
        except (urllib.error.URLError, OSError, ValueError) as exc:
            return str(getattr(exc, "reason", exc))[:100]
    return ""


@rule(
    "broken_external_link",
    _("外部链接无法访问"),
    "catalog",
    _("国办秘函〔2019〕19号：网站存在错链、断链（外部链接，由政务公开办公室设置开启）"),
)
def broken_external_link(ctx: Context) -> list[Found]:
    if not ctx.settings.check_external_links:
        return []
    from gongkai.catalog import stats

    links = stats.external_links(ctx.district, ctx.today)
    urls = list(dict.fromkeys(row[4] for row in links))[:EXTERNAL_PROBE_LIMIT]
    with ThreadPoolExecutor(max_workers=8) as pool:
        reasons = dict(zip(urls, pool.map(probe_url, urls), strict=True))
    return [
        Found(
            org_id,
            "catalog.link",
            _link_key(item_id, url),
            f"{title}：{_short(url)}",
            str(
                _("外部链接无法访问：%(reason)s（%(url)s）")
                % {"reason": reasons[url], "url": _short(url, 200)}
            ),
            str(_("请核实该外部网站地址，改正或删除失效的链接。")),
            ctx.today,
            link("catalog_staff:version", version_id),
        )
        for item_id, version_id, title, org_id, url in links
        if reasons.get(url)
    ]


# --- applications ----------------------------------------------------------------------------------


@rule(
    "application_overdue",
    _("依申请公开超期未答复"),
    "applications",
    _("条例第三十三条：20个工作日内答复，延长不超过20个工作日"),
)
def application_overdue(ctx: Context) -> list[Found]:
    from gongkai.applications import stats

    return [
        Found(
            d.organisation_id,
            "applications.application",
            str(d.application_id),
            d.number,
            str(_("答复期限%(due)s已过，尚未答复") % {"due": d.due}),
            str(_("请立即答复申请人；确需延长的应在期限内告知。")),
            d.due + dt.timedelta(days=1) if d.due else ctx.today,
            link("applications_staff:detail", d.application_id),
        )
        for d in stats.open_deadlines(ctx.today, district=ctx.district)
        if d.overdue
    ]


@rule("application_due_soon", _("依申请公开即将到期"), "applications", _("答复期限前3个工作日提醒"))
def application_due_soon(ctx: Context) -> list[Found]:
    from gongkai.applications import stats

    soon = ctx.settings.application_soon_working_days
    return [
        Found(
            d.organisation_id,
            "applications.application",
            str(d.application_id),
            d.number,
            str(_("还剩%(left)s个工作日到期（%(due)s）") % {"left": d.days_left, "due": d.due}),
            str(_("请在%(due)s前答复申请人。") % {"due": d.due}),
            ctx.today,
            link("applications_staff:detail", d.application_id),
        )
        for d in stats.open_deadlines(ctx.today, district=ctx.district)
        if not d.overdue and d.days_left is not None and 0 <= d.days_left <= soon
    ]


# --- hotline ------------------------------------------------------------------------------------------


@rule("ticket_overdue", _("热线工单超期未答复"), "hotline", _("热线办理时限（工作日，区内设置）"))
def ticket_overdue(ctx: Context) -> list[Found]:
    from gongkai.hotline import stats

    return [
        Found(
            t.lead_id,
            "hotline.ticket",
            str(t.ticket_id),
            t.number,
            str(_("办理期限%(due)s已过，承办单位尚未答复") % {"due": t.due}),
            str(_("请承办单位立即办理并答复；确属复杂件的应申请延期。")),
            t.due + dt.timedelta(days=1) if t.due else ctx.today,
            link("hotline_staff:detail", t.ticket_id),
        )
        for t in stats.overdue_tickets(ctx.district, ctx.today)
        if t.lead_id is not None
    ]


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (the month's last day when it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_after(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@rule(
    "message_unanswered",
    _("公开留言超过3个月未答复"),
    "hotline",
    _("国办秘函〔2019〕19号：对网民有效留言超过3个月未回复即单项否决"),
)
def message_unanswered(ctx: Context) -> list[Found]:
    from gongkai.hotline import stats

    months = ctx.settings.message_unanswered_months
    return [
        Found(
            m.unit_id,
            "hotline.ticket",
            str(m.ticket_id),
            f"{m.number} {m.title}".strip(),
            str(
                _("%(received)s收到的区长信箱留言，超过%(months)s个月未答复")
                % {"received": m.received_on, "months": months}
            ),
            str(_("请立即办理并答复留言人；答复后按规定在信件公开栏目公开。")),
            months_after(m.received_on, months) + dt.timedelta(days=1),
            link("hotline_staff:detail", m.ticket_id),
        )
        for m in stats.unanswered_messages(ctx.district, months_before(ctx.today, months))
    ]


# --- publicity (公示公告) ----------------------------------------------------------------------------


@rule(
    "publicity_expired_online",
    _("公示名单期满仍在网上"),
    "publicity",
    _("公示名单含个人信息，公示期满应及时撤下（公示期由区内设置）"),
)
def publicity_expired_online(ctx: Context) -> list[Found]:
    from gongkai.publicity import stats

    found = []
    for e in stats.expired_lists_online(ctx.district, ctx.today):
        if e.open_ended:
            detail = _("名单设为长期公开，按规定的公示期应于%(end)s期满，至今仍在网上") % {"end": e.ended_on}
            fix = _("请为该名单设定公示期（或撤回其公告），使名单期满后撤下门户网站。")
        else:
            detail = _("公示期%(start)s至%(end)s已满，名单尚未撤下") % {
                "start": e.started_on,
                "end": e.ended_on,
            }
            fix = _("请运行公示期满撤下任务（end_publicity_periods），确认名单已撤下门户网站。")
        found.append(
            Found(
                e.organisation_id,
                "publicity.publicity",
                str(e.publicity_id),
                e.title,
                str(detail),
                str(fix),
                e.ended_on + dt.timedelta(days=1),
                link("publicity_staff:detail", e.publicity_id),
            )
        )
    return found


# --- decisions (双公示) ------------------------------------------------------------------------------


@rule(
    "decision_unpublished",
    _("行政许可、处罚决定逾期未公示"),
    "decisions",
    _("双公示：作出决定之日起7个工作日内公示（区内可设置）"),
)
def decision_unpublished(ctx: Context) -> list[Found]:
    from gongkai.decisions import stats

    since = ctx.today - dt.timedelta(days=366)
    return [
        Found(
            d.organisation_id,
            "decisions.decision",
            str(d.decision_id),
            f"{d.number} {d.title}",
            str(
                _("%(decided)s作出，应于%(due)s前公示，尚未公开") % {"decided": d.decided_on, "due": d.due_on}
            ),
            str(_("请提交公示并完成审核发布。")),
            d.due_on + dt.timedelta(days=1),
            link("decisions_staff:detail", d.decision_id),
        )
        for d in stats.unpublished_past_due(ctx.district, ctx.today, since=since)
    ]


# --- services ------------------------------------------------------------------------------------


@rule(
    "guide_incomplete",
    _("办事指南要素缺失"),
    "services",
    _(
        "国办秘函〔2019〕19号：办事指南缺少事项名称、设定依据、申请条件、办理材料、办理地点、办理机构、收费标准、办理时间、联系电话、办理流程等要素"
    ),
)
def guide_incomplete(ctx: Context) -> list[Found]:
    from gongkai.services import stats

    found = []
    for g in stats.incomplete_guides(ctx.district):
        shown = "、".join(g.missing[:6]) + ("等" if len(g.missing) > 6 else "")
        found.append(
            Found(
                g.organisation_id,
                "services.item",
                str(g.item_id),
                f"{g.name}（{g.code}）",
                str(_("办事指南缺少%(n)s项要素：%(missing)s") % {"n": len(g.missing), "missing": shown}),
                str(_("请补全办事指南的%(missing)s，并发布新版本。") % {"missing": "、".join(g.missing)}),
                ctx.today,
                link("services_staff:item", g.item_id),
            )
        )
    return found


# --- finance ------------------------------------------------------------------------------------------


@rule("budget_late", _("预决算逾期未公开"), "finance", _("部门预决算在批复后20日内公开"))
def budget_late(ctx: Context) -> list[Found]:
    from gongkai.finance import stats

    board = stats.completeness(ctx.district, ctx.today.year, today=ctx.today)
    found = []
    for row in board.rows:
        for kind, status in row.statuses.items():
            # a late one that is published since cannot be fixed any more: it costs its unit on
            # the scorecard (completeness), not a standing finding
            if not status.late or status.published:
                continue
            what = f"{status.fiscal_year}年度{status.kind_label}"
            found.append(
                Found(
                    row.unit,
                    "finance.disclosure",
                    f"{row.unit.pk}:{kind}:{status.fiscal_year}",
                    f"{row.unit.name} {what}",
                    str(
                        _("%(what)s应于%(due)s前公开，目前%(state)s，已逾期%(days)s天")
                        % {
                            "what": what,
                            "due": status.due_on,
                            "state": status.label,
                            "days": status.days_late,
                        }
                    ),
                    str(_("请尽快公开%(what)s，并说明逾期原因。") % {"what": what}),
                    status.due_on + dt.timedelta(days=1) if status.due_on else ctx.today,
                    link("finance_staff:board"),
                )
            )
    return found


# --- the work plan (工作要点) --------------------------------------------------------------------------


@rule(
    "plan_task_overdue",
    _("工作要点任务逾期未完成"),
    "supervision",
    _("年度政务公开工作要点：责任单位在完成时限前完成任务并报送佐证（期限遇节假日顺延）"),
)
def plan_task_overdue(ctx: Context) -> list[Found]:
    from gongkai.supervision import plans

    return [
        Found(
            part.unit,
            "supervision.plan_task",
            f"{status.task.pk}:{part.unit.pk}",
            f"{status.task.number} {status.task.text}".strip()[:300],
            str(
                _("完成时限%(due)s已过%(days)s天，本单位尚未完成（%(state)s）")
                % {"due": status.due, "days": status.days_overdue, "state": part.label}
            ),
            str(_("请推进落实并报送进展，附本单位已公开的信息作为佐证；公开办审核通过“已完成”后自动关闭。")),
            status.due + dt.timedelta(days=1),
            link("supervision_staff:plan_task", status.task.pk),
        )
        for status, part in plans.overdue_parts(ctx.district, ctx.today)
    ]


def available_rules() -> list[Rule]:
    return [r for r in RULES.values() if r.available]
