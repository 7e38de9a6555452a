"""The portal's self-check against the website inspection indicators (国办秘函〔2019〕19号): the
single-veto (单项否决) and deduction (扣分) items the platform can measure itself — updates of the
home page and of the dynamic, notice and policy columns, blank columns, unanswered public
messages, service guides' elements, links and attachments, search, interpretations, publicity lists
past their period — each as pass or fail with its count and the evidence (the records behind it,
and the findings the daily checks keep about them), so the office fixes what an inspector would
fault before the inspection does.

It runs the checks' own rules (``checks.RULES``) as of a day and writes nothing; an indicator whose
source app is not installed is left out. Search is tried for real: the newest public item's title
searched for as a citizen would (``catalog.stats.search_probe``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.orgs.models import Organisation
from gongkai.supervision import checks
from gongkai.supervision.checks import link
from gongkai.supervision.models import settings_of

PASS, FAIL = "pass", "fail"
VETO, DEDUCTION = "veto", "deduction"
EVIDENCE_SHOWN = 10  # objects listed per indicator; the findings link has them all


@dataclass(frozen=True)
class Evidence:
    label: str
    detail: str = ""
    url: str = ""


@dataclass
class Indicator:
    code: str
    kind: str  # VETO or DEDUCTION
    label: str
    requirement: str  # the rule, with the district's threshold, in words
    status: str  # PASS or FAIL
    count: int  # how many objects are at fault (or the figure the rule judges)
    summary: str
    evidence: list[Evidence] = field(default_factory=list)
    more: int = 0  # objects at fault beyond those listed
    findings_url: str = ""  # the findings the daily checks keep about it
    records_url: str = ""  # the records (columns, tickets, guides …)

    @property
    def passed(self) -> bool:
        return self.status == PASS

    @property
    def kind_label(self) -> str:
        return _("单项否决") if self.kind == VETO else _("扣分项")

    def as_json(self) -> dict:
        return {
            "code": self.code,
            "kind": self.kind,
            "kind_label": self.kind_label,
            "label": self.label,
            "requirement": self.requirement,
            "status": self.status,
            "count": self.count,
            "summary": self.summary,
            "evidence": [{"label": e.label, "detail": e.detail, "url": e.url} for e in self.evidence],
            "more": self.more,
            "findings_url": self.findings_url,
            "records_url": self.records_url,
        }


@dataclass
class SelfCheck:
    district: Organisation
    today: dt.date
    indicators: list[Indicator]

    @property
    def vetoed(self) -> list[Indicator]:
        return [i for i in self.indicators if i.kind == VETO and not i.passed]

    @property
    def failed(self) -> int:
        return sum(1 for i in self.indicators if not i.passed)

    @property
    def passed(self) -> int:
        return sum(1 for i in self.indicators if i.passed)

    def as_json(self) -> dict:
        return {
            "district": self.district.code,
            "district_name": self.district.name,
            "date": self.today.isoformat(),
            "passed": self.passed,
            "failed": self.failed,
            "vetoed": bool(self.vetoed),
            "indicators": [i.as_json() for i in self.indicators],
        }


def _evidence(found: list[checks.Found]) -> tuple[list[Evidence], int]:
    shown = [Evidence(f.object_label, f.detail, f.url) for f in found[:EVIDENCE_SHOWN]]
    return shown, max(len(found) - EVIDENCE_SHOWN, 0)


def _run(code: str, ctx: checks.Context) -> list[checks.Found] | None:
    rule = checks.RULES.get(code)
    if rule is None or not rule.available:
        return None
    return rule.func(ctx)


def _findings_url(*rules: str) -> str:
    return link("supervision_staff:findings", query={"rule": rules[0]}) if rules else ""


def _none_at_fault(
    code: str,
    kind: str,
    label: str,
    requirement: str,
    found: list[checks.Found],
    *,
    rule: str,
    records_url: str = "",
    ok: str = "",
    fault: str = "",
) -> Indicator:
    """An indicator that passes when its rule finds nothing."""
    evidence, more = _evidence(found)
    n = len(found)
    return Indicator(
        code,
        kind,
        label,
        requirement,
        PASS if n == 0 else FAIL,
        n,
        (ok or _("未发现问题")) if n == 0 else (fault or _("发现%(n)s处问题")) % {"n": n},
        evidence,
        more,
        _findings_url(rule),
        records_url,
    )


def run(district: Organisation, today: dt.date | None = None) -> SelfCheck:
    """The self-check of ``district``'s portal as of ``today`` (read-only)."""
    today = today or timezone.localdate()
    s = settings_of(district)
    ctx = checks.Context(district, today, s)
    indicators: list[Indicator] = []
    catalog = checks.RULES["column_stale"].available
    columns_url = link("catalog_staff:columns") or link("catalog_staff:items")

    if catalog:
        from gongkai.catalog import stats as catalog_stats

        home = _run("home_stale", ctx) or []
        last = catalog_stats.home_last_published(district)
        last_day = timezone.localdate(last) if last else None
        evidence, more = _evidence(home)
        indicators.append(
            Indicator(
                "home_updated",
                VETO,
                _("首页信息更新"),
                _("首页栏目信息%(days)s天内有更新") % {"days": s.home_stale_days},
                FAIL if home else PASS,
                (today - last_day).days if last_day else 0,
                _("最近一次更新：%(d)s") % {"d": last_day} if last_day else _("首页栏目从未发布信息"),
                evidence,
                more,
                _findings_url("home_stale"),
                link("catalog_staff:items"),
            )
        )
        stale = _run("column_stale", ctx) or []
        evidence, more = _evidence(stale)
        indicators.append(
            Indicator(
                "columns_updated",
                VETO,
                _("栏目更新"),
                _("动态要闻类栏目2周、通知公告和政策文件类栏目6个月内有更新；超期未更新栏目少于%(n)s个")
                % {"n": s.veto_stale_columns},
                FAIL if len(stale) >= s.veto_stale_columns else PASS,
                len(stale),
                _("%(n)s个栏目超期未更新") % {"n": len(stale)},
                evidence,
                more,
                _findings_url("column_stale"),
                columns_url,
            )
        )
        freshness = catalog_stats.column_freshness(district, today)
        long_stale = [
            r for r in freshness if r.last is not None and r.days is not None and r.days > s.long_stale_days
        ]
        indicators.append(
            Indicator(
                "columns_long_stale",
                VETO,
                _("长期未更新栏目"),
                _("超过%(days)s天未更新的栏目少于%(n)s个")
                % {"days": s.long_stale_days, "n": s.veto_long_stale_columns},
                FAIL if len(long_stale) >= s.veto_long_stale_columns else PASS,
                len(long_stale),
                _("%(n)s个栏目超过%(days)s天未更新") % {"n": len(long_stale), "days": s.long_stale_days},
                [
                    Evidence(
                        r.column.name,
                        _("%(n)s天未更新") % {"n": r.days},
                        link("catalog_staff:items", query={"column": r.column.pk}),
                    )
                    for r in long_stale[:EVIDENCE_SHOWN]
                ],
                max(len(long_stale) - EVIDENCE_SHOWN, 0),
                _findings_url("column_stale"),
                columns_url,
            )
        )
        blank = _run("column_blank", ctx) or []
        evidence, more = _evidence(blank)
        indicators.append(
            Indicator(
                "columns_blank",
                VETO,
                _("空白栏目"),
                _("空白栏目少于%(n)s个") % {"n": s.veto_blank_columns},
                FAIL if len(blank) >= s.veto_blank_columns else PASS,
                len(blank),
                _("%(n)s个空白栏目") % {"n": len(blank)},
                evidence,
                more,
                _findings_url("column_blank"),
                columns_url,
            )
        )
    messages = _run("message_unanswered", ctx)
    if messages is not None:
        indicators.append(
            _none_at_fault(
                "messages_answered",
                VETO,
                _("互动回应"),
                _("网民有效留言%(n)s个月内答复") % {"n": s.message_unanswered_months},
                messages,
                rule="message_unanswered",
                records_url=link("hotline_staff:list", query={"channel": "mailbox"}),
                ok=_("没有超期未答复的留言"),
                fault=_("%(n)s条留言超期未答复"),
            )
        )
    guides = _run("guide_incomplete", ctx)
    if guides is not None:
        indicators.append(
            _none_at_fault(
                "guides_complete",
                VETO,
                _("办事指南要素"),
                _(
                    "办事指南包含事项名称、设定依据、申请条件、办理材料、办理地点、办理机构、收费标准、办理时间、联系电话、办理流程"
                ),
                guides,
                rule="guide_incomplete",
                records_url=link("services_staff:items") or link("services_staff:list"),
                ok=_("办事指南要素齐全"),
                fault=_("%(n)s个事项的办事指南要素缺失"),
            )
        )
    if catalog:
        broken = _run("broken_link", ctx) or []
        if s.check_external_links:
            broken += _run("broken_external_link", ctx) or []
        indicators.append(
            _none_at_fault(
                "links_work",
                DEDUCTION,
                _("链接可用性"),
                _("站内链接、附件可以访问")
                if not s.check_external_links
                else _("站内链接、附件和外部链接可以访问"),
                broken,
                rule="broken_link",
                ok=_("没有失效的链接或附件"),
                fault=_("%(n)s处链接或附件无法访问"),
            )
        )
        indicators.append(_search(district, today))
        policies = _run("policy_without_interpretation", ctx) or []
        indicators.append(
            _none_at_fault(
                "policies_interpreted",
                DEDUCTION,
                _("政策解读"),
                _("规章、规范性文件公开后%(n)s个工作日内发布解读并关联")
                % {"n": s.interpretation_working_days},
                policies,
                rule="policy_without_interpretation",
                ok=_("政策文件均已关联解读"),
                fault=_("%(n)s件政策文件未同步发布解读"),
            )
        )
        late = _run("late_publication", ctx) or []
        indicators.append(
            _none_at_fault(
                "published_in_time",
                DEDUCTION,
                _("信息发布及时"),
                _("政府信息形成之日起%(n)s个工作日内公开") % {"n": s.publish_within_working_days},
                late,
                rule="late_publication",
                ok=_("近期信息均按时公开"),
                fault=_("%(n)s条信息逾期公开"),
            )
        )
    expired = _run("publicity_expired_online", ctx)
    if expired is not None:
        indicators.append(
            _none_at_fault(
                "publicity_taken_down",
                DEDUCTION,
                _("公示名单期满撤下"),
                _("含个人信息的公示名单在公示期满后撤下门户网站"),
                expired,
                rule="publicity_expired_online",
                records_url=link("publicity_staff:list"),
                ok=_("没有期满仍在网上的名单"),
                fault=_("%(n)s份名单期满仍在网上"),
            )
        )
    return SelfCheck(district, today, indicators)


def _search(district: Organisation, today: dt.date) -> Indicator:
    from gongkai.catalog import stats as catalog_stats

    probe = catalog_stats.search_probe(district, today)
    evidence = []
    if probe.query:
        evidence.append(
            Evidence(
                _("检索“%(q)s”") % {"q": probe.query},
                _("找到%(n)s条结果，%(found)s")
                % {"n": probe.total, "found": _("包含该信息") if probe.found else _("未包含该信息")},
                link("catalog:search", query={"q": probe.query}),
            )
        )
    for pk in probe.missing_ids:
        evidence.append(Evidence(_("检索不到的信息 %(pk)s") % {"pk": pk}, "", link("catalog:item", pk)))
    if probe.stray:
        evidence.append(Evidence(_("检索仍能查到%(n)s条已撤回或未公开的信息") % {"n": probe.stray}))
    faults = probe.missing + probe.stray + (0 if probe.found or not probe.query else 1)
    if not probe.query:
        summary = _("尚无公开信息可供检索")
    elif not faults:
        summary = _("检索正常，%(n)s条公开信息均可检索") % {"n": probe.public}
    else:
        parts = []
        if not probe.found:
            parts.append(_("最新信息按标题检索不到"))
        if probe.missing:
            parts.append(_("%(n)s条公开信息检索不到") % {"n": probe.missing})
        if probe.stray:
            parts.append(_("%(n)s条已撤回或未公开的信息仍可检索") % {"n": probe.stray})
        summary = "；".join(str(p) for p in parts) + _("（可运行 search_index check --fix 修复索引）")
    return Indicator(
        "search_works",
        DEDUCTION,
        _("站内搜索"),
        _("站内搜索可用，按标题能检索到已公开的信息，检索不到已撤回的信息"),
        FAIL if faults else PASS,
        faults,
        summary,
        evidence,
        max(probe.missing - len(probe.missing_ids), 0),
        "",
        link("catalog:search"),
    )
