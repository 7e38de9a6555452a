"""What the public may read of one decision: the one rendering of a decision for anyone outside
(the portal's pages, the batch's information item, the open data and the public API).

- A legal person (法人及非法人组织): name, unified social credit code and legal representative in full.
- An individual business (个体工商户): its name and credit code in full, the operator's name masked.
- A natural person (自然人): the name masked (张*), the ID number never — not even masked.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from gongkai.decisions.models import Decision, DecisionKind, PartyType
from gongkai.personal.masking import mask_name


def party_name(decision: Decision) -> str:
    # Stored masked for a natural person (actions.py), so no reader can show more.
    return decision.party_name


def party_code(decision: Decision) -> str:
    """The party's code as published: a credit code, never a person's ID number."""
    return "" if decision.party_type == PartyType.NATURAL else decision.credit_code


def legal_rep(decision: Decision) -> str:
    if decision.party_type == PartyType.LEGAL:
        return decision.legal_rep
    if decision.party_type == PartyType.INDIVIDUAL_BUSINESS:
        return mask_name(decision.legal_rep)
    return ""


def wan(value: Decimal | None) -> str:
    """An amount in 万元 as published: up to four decimals, trailing zeros dropped."""
    if value is None:
        return ""
    text = f"{value.quantize(Decimal('0.0001')):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def facts(decision: Decision) -> list[tuple[str, str]]:
    """The decision as a two-column table (label, value), in the national standard's order."""
    kind = decision.kind
    title_label = _("项目名称") if kind == DecisionKind.LICENSING else _("案件名称")
    number_label = {
        DecisionKind.LICENSING: _("行政许可决定文书号"),
        DecisionKind.PENALTY: _("行政处罚决定书文号"),
        DecisionKind.ENFORCEMENT: _("行政强制决定书文号"),
    }[kind]
    category_label = {
        DecisionKind.LICENSING: _("审批类别"),
        DecisionKind.PENALTY: _("处罚类别"),
        DecisionKind.ENFORCEMENT: _("强制类别"),
    }[kind]
    rows: list[tuple[str, str]] = [
        (number_label, decision.number),
        (title_label, decision.title),
        (category_label, decision.category_label),
    ]
    if kind == DecisionKind.LICENSING:
        rows += [
            (_("许可证书名称"), decision.licence_name),
            (_("许可编号"), decision.licence_number),
            (_("许可内容"), decision.content),
        ]
    else:
        rows += [
            (_("违法事实"), decision.facts),
            (_("处罚依据") if kind == DecisionKind.PENALTY else _("强制依据"), decision.basis),
            (_("处罚内容") if kind == DecisionKind.PENALTY else _("强制内容"), decision.content),
        ]
        if kind == DecisionKind.PENALTY:
            rows += [
                (_("罚款金额（万元）"), wan(decision.fine_wan)),
                (_("没收违法所得、没收非法财物的金额（万元）"), wan(decision.confiscated_wan)),
            ]
    rows += [
        (_("行政相对人名称"), party_name(decision)),
        (_("行政相对人类别"), decision.get_party_type_display()),
        (_("统一社会信用代码"), party_code(decision)),
        (_("法定代表人") if decision.party_type == PartyType.LEGAL else _("经营者"), legal_rep(decision)),
    ]
    if decision.party_type == PartyType.NATURAL:
        rows = [r for r in rows if r[0] not in (_("统一社会信用代码"), _("经营者"))]
    date_label = {
        DecisionKind.LICENSING: _("许可决定日期"),
        DecisionKind.PENALTY: _("处罚决定日期"),
        DecisionKind.ENFORCEMENT: _("强制决定日期"),
    }[kind]
    rows.append((date_label, decision.decided_on.isoformat()))
    if kind == DecisionKind.LICENSING:
        rows += [
            (_("有效期自"), decision.valid_from.isoformat() if decision.valid_from else ""),
            (_("有效期至"), decision.valid_to.isoformat() if decision.valid_to else ""),
        ]
    else:
        rows.append(
            (_("公示截止日期"), decision.publicity_ends_on.isoformat() if decision.publicity_ends_on else "")
        )
    agency = (
        _("许可机关")
        if kind == DecisionKind.LICENSING
        else _("处罚机关")
        if kind == DecisionKind.PENALTY
        else _("实施机关")
    )
    rows += [
        (agency, decision.organisation.name),
        (_("决定机关统一社会信用代码"), decision.organisation.code),
        (_("数据来源单位"), decision.source.name),
        (_("备注"), decision.note),
    ]
    return [(label, value) for label, value in rows if value]
