"""The prose of a report as first drafted from its figures; the office edits it afterwards.

Every number in a draft is read from the figures (``figures.compute``); a figure the platform does
not hold is left out of the sentence, never filled in.
"""

from __future__ import annotations

from gongkai.reports.models import ReportFormat


def _n(value) -> str:
    return f"{value:,}".replace(",", "") if isinstance(value, int) else str(value)


def _proactive(figures: dict) -> str:
    proactive = figures["narrative"]["proactive"]
    if not proactive["total"]:
        return "本年度未主动公开政府信息。"
    parts = [f"{c['name']}{_n(c['count'])}条，占{c['share']}%" for c in proactive["categories"]]
    text = f"全年主动公开政府信息{_n(proactive['total'])}条"
    if parts:
        text += "，其中" + "，".join(parts)
    text += "。"
    if proactive["categories_sum"] != proactive["total"]:
        text += "（部分信息同时属于两个类别，各类别分别计数，占比均以信息总数计算。）"
    return text


def _powers(figures: dict) -> str:
    p = figures["narrative"]["powers"]
    if not any(p.values()):
        return ""
    return (
        f"行政权力清单动态调整，共取消或部分取消{p['cancelled_or_partly']}项行政权力、新增{p['added']}项、"
        f"承接{p['taken_over']}项、调整{p['adjusted']}项，并按要求予以公布。"
    )


def _amount(value) -> str:
    """An amount as the report's prose prints it: 19987 for 19987.00, 1401.2133 as it is."""
    text = str(value)
    return text[:-3] if text.endswith(".00") else text


def _budgets(figures: dict) -> str:
    b = figures["narrative"].get("budgets")
    if not b or not b["budget_units"]:
        return ""
    year, final = figures["year"], b["final_year"]
    what = f"{final}年部门决算和“三公”经费决算以及{year}年部门预算和“三公”经费预算"
    if b["complete"] == b["budget_units"] and not b["late"]:
        text = f"按时公布了全区{b['budget_units']}个部门预算单位{what}"
    else:
        text = f"全区{b['budget_units']}个部门预算单位中，{b['complete']}个公开了{what}"
        if b["late"]:
            text += f"，{b['late']}个未按时公开"
    return text + "。"


def _publicity(figures: dict) -> str:
    p = figures["narrative"].get("publicity")
    if not p:
        return ""
    parts = []
    if p["land_acquisition_projects"]:
        parts.append(f"发布了{p['land_acquisition_projects']}个建设用地项目的征地信息")
    if p["mining_rights"]:
        parts.append(f"公示{p['mining_rights']}个探矿权项目相关信息")
    notices = [
        (p["expropriation_notices"], "项目征收通告"),
        (p["expropriation_decisions"], "征收决定通告"),
        (p["compensation_plans"], "补偿方案"),
        (p["compensation_decisions"], "补偿决定"),
    ]
    found = [f"{label}{n}个" for n, label in notices if n]
    if found:
        parts.append("公开" + "、".join(found))
    if p["housing_allocated"]:
        parts.append(
            f"公示公（廉）租房分配{p['housing_allocated']}户，其中廉租房{p['low_rent']}户，公租房{p['public_rental']}户"
        )
    if p["renovation_central"] or p["renovation_district"]:
        parts.append(
            f"公示危房改造享受中省补助的对象{p['renovation_central']}户、享受区财政补助的对象{p['renovation_district']}户"
        )
    text = "；".join(parts) + "。" if parts else ""
    dibao = []
    if p["urban_dibao_people"]:
        dibao.append(f"城市低保累计保障{p['urban_dibao_people']}人，累计发放低保资金{_amount(p['urban_dibao_wan'])}万元")
    if p["rural_dibao_people"]:
        dibao.append(f"农村低保累计保障{p['rural_dibao_people']}人，累计发放低保资金{_amount(p['rural_dibao_wan'])}万元")
    if dibao:
        text += "全年" + "；".join(dibao) + "。"
    return text


_TYPE_WORDS = {"goods": "货物采购", "works": "工程项目采购", "services": "服务类项目"}


def _procurement(figures: dict) -> str:
    p = figures["narrative"].get("procurement")
    if not p or not p["projects"]:
        return ""
    text = f"全区政府采购项目{p['projects']}个，采购资金{_amount(p['contract_wan'])}万元"
    types = [f"{_TYPE_WORDS[t]}{_amount(v['contract_wan'])}万元" for t, v in p["by_type"].items() if v["projects"]]
    if types:
        text += "，其中" + "，".join(types)
    if p["savings_rate"] is not None:
        text += f"，节约资金{_amount(p['savings_wan'])}万元，资金节约率为{p['savings_rate']}%"
    text += "。"
    ob = p["online_bidding"]
    if ob["projects"] and ob["savings_rate"] is not None:
        text += (
            f"通过网上竞价采购，申报采购资金{_amount(ob['budget_wan'])}万元，成交资金{_amount(ob['contract_wan'])}万元，"
            f"比申报资金减少{_amount(ob['savings_wan'])}万元，资金节约率为{ob['savings_rate']}%。"
        )
    return text


def _sectors(figures: dict) -> str:
    """The departments' reported sector figures (行业领域数据), department by department, as each
    figure's text gives it (its value with its unit)."""
    rows = figures["narrative"].get("sectors") or []
    by_org: dict[str, list[str]] = {}
    for row in rows:
        by_org.setdefault(row["organisation"], []).append(f"{row['name']}{row['text']}")
    return "".join(f"{org}：{'，'.join(parts)}。" for org, parts in by_org.items())


def _services(figures: dict) -> str:
    s = figures["narrative"].get("services")
    if not s or not s.get("received"):
        return ""
    text = f"全年通过政务服务平台办理行政审批和便民服务事项{_n(s['received'])}件"
    if s.get("visits"):
        text += f"，接待办事群众{_n(s['visits'])}人次"
    if s.get("on_time_rate") is not None:
        text += f"，按时办结率{s['on_time_rate']}%"
    if s.get("satisfaction_rate") is not None:
        text += f"，满意率{s['satisfaction_rate']}%"
    return text + "。"


def _key_areas(figures: dict) -> str:
    return _powers(figures) + _budgets(figures) + _publicity(figures) + _procurement(figures)


def _hotline(figures: dict) -> str:
    h = figures["narrative"].get("hotline")
    if not h or not (h["calls"] or h["letters"]):
        return ""
    text = f"全年区长公开电话共接到群众来电{_n(h['calls'])}个，受理区长信箱来信{_n(h['letters'])}件"
    rates = {h["calls_closure_rate"], h["letters_closure_rate"]} - {None}
    if len(rates) == 1:
        text += f"，办结率均为{rates.pop()}%"
    else:
        text += f"，办结率分别为{h['calls_closure_rate'] or '—'}%、{h['letters_closure_rate'] or '—'}%"
    if h["bulletins"]:
        text += f"；编发《区长公开电话通报》{h['bulletins']}期"
    return text + "。"


def _applications(figures: dict) -> str:
    rows = figures["table_three"]["rows"]
    text = (
        f"全年新收政府信息公开申请{rows['new']['total']}件，上年结转{rows['carried_in']['total']}件，"
        f"办结{rows['results_total']['total']}件，结转下年度继续办理{rows['carried_out']['total']}件。"
    )
    four = figures["table_four"]
    review, suits = four["review"]["total"], four["direct_suit"]["total"] + four["suit_after_review"]["total"]
    text += f"因政府信息公开被申请行政复议{review}件、提起行政诉讼{suits}件。"
    return text


def overview(figures: dict, organisation_name: str) -> str:
    year = figures["year"]
    if figures["format"] == ReportFormat.NARRATIVE:
        paragraphs = [
            f"{year}年，{organisation_name}认真贯彻落实《中华人民共和国政府信息公开条例》和上级关于政务公开工作的部署，"
            "全面推进决策、执行、管理、服务、结果公开，保障人民群众的知情权、参与权和监督权。",
            "（一）主动公开情况。" + _proactive(figures),
        ]
        key_areas = _key_areas(figures)
        if key_areas:
            paragraphs.append("（二）重点领域信息公开情况。" + key_areas)
        sectors = _services(figures) + _sectors(figures)
        if sectors:
            paragraphs.append("（三）公共服务和公共监管信息公开情况。" + sectors)
        hotline = _hotline(figures)
        if hotline:
            paragraphs.append("（四）回应关切情况。" + hotline)
        paragraphs.append("（五）依申请公开情况。" + _applications(figures))
        return "\n".join(paragraphs)
    paragraphs = [
        f"{year}年，{organisation_name}坚持以公开为常态、不公开为例外，依法做好政府信息公开工作。",
        "（一）主动公开。" + _proactive(figures) + _key_areas(figures),
        "（二）依申请公开。" + _applications(figures),
    ]
    hotline = _hotline(figures)
    if hotline:
        paragraphs.append("（三）回应关切。" + hotline)
    paragraphs.append(
        "（四）平台建设和监督保障。依托政府信息公开平台统一发布、统一审核，年度报告数据由平台记录自动生成，"
        "可逐项追溯。"
    )
    return "\n".join(paragraphs)


def problems(figures: dict) -> str:
    lines = []
    balance = figures["checks"]["balance"]
    if not balance["ok"]:
        lines.append(
            f"一是依申请公开台账存在{len(balance['breaks'])}条记录不完整或日期矛盾，已逐条核对更正。"
        )
    if figures.get("missing"):
        names = "、".join(sorted({m["label"] for m in figures["missing"]}))
        lines.append(f"{'二' if lines else '一'}是部分重点领域数据（{names}）尚未纳入平台统一管理，下一步将完成录入。")
    if not lines:
        lines.append("一是部分单位信息发布及时性有待提高；二是政策解读的形式还不够丰富。")
    lines.append("下一步，将进一步完善公开制度，加强督促检查和业务培训，不断提高政务公开工作质量。")
    return "\n".join(lines)


def plans(figures: dict) -> str:
    return "\n".join(
        [
            "一是深入贯彻落实《中华人民共和国政府信息公开条例》，梳理依法应主动公开的政府信息，做好重点领域信息公开。",
            "二是进一步完善政府信息公开工作机制和制度，健全主动公开和依申请公开程序。",
            "三是进一步加强信息公开平台建设，优化栏目，强化动态更新。",
        ]
    )


def other(figures: dict) -> str:
    fee = figures["narrative"]["fees_collected_yuan"]
    if fee in ("0", "0.00"):
        return "本年度未收取政府信息公开信息处理费。"
    return f"本年度共收取政府信息公开信息处理费{fee}元。"


def draft(figures: dict, organisation_name: str) -> dict[str, str]:
    return {
        "overview": overview(figures, organisation_name),
        "problems": problems(figures),
        "plans": plans(figures),
        "other": other(figures),
    }
