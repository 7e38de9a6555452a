"""A disclosure's body as plain HTML, written in Python: the information item's text (its key
figures, the explanation and every standard table) as the catalog stores and indexes it.

The portal's own page draws the same tables with ``finance/_table.html``; the item body is built
here because it is written once per disclosure and for hundreds at a time (a year's budgets), where
the template engine was the slowest step of the demo's load (33 s → 11 s for its 484 items).
"""

from __future__ import annotations

from django.utils.html import escape, linebreaks

from gongkai.finance.figures import Entry, Figure
from gongkai.finance.models import Disclosure
from gongkai.finance.tables import BALANCE, SUBJECTS, fmt

UNIT = "<caption>单位：万元</caption>"


def _num(value) -> str:
    return "—" if value is None else fmt(value)


def table_html(entry: Entry) -> str:
    spec = entry.spec
    head = f"<h3>{escape(spec.numbered_title)}</h3>"
    headers = "".join(f"<th>{escape(h)}</th>" for h in spec.headers)
    if not entry.entered:
        return head + "<p>（本表尚未录入）</p>"
    if entry.data is None:
        note = escape(entry.record.note or "本表为空表。")
        return f'{head}<table>{UNIT}<thead><tr>{headers}</tr></thead><tbody><tr><td colspan="{len(spec.headers)}">{note}</td></tr></tbody></table>'
    data = entry.data
    body = []
    if spec.layout == BALANCE:
        for income, expense in data.balance_pairs():
            cells = [
                escape(income.name) if income else "",
                fmt(income.values[0]) if income else "",
                escape(expense.name) if expense else "",
                fmt(expense.values[0]) if expense else "",
            ]
            body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        inc, exp = data.totals.get("income", [None]), data.totals.get("expense", [None])
        foot = f"<tr><th>收入总计</th><td>{_num(inc[0])}</td><th>支出总计</th><td>{_num(exp[0])}</td></tr>"
    else:
        for row, depth in data.indented():
            name = "　" * depth + ("其中：" if depth and spec.layout != SUBJECTS else "") + escape(row.name)
            code = f"<td>{escape(row.code)}</td>" if spec.layout == SUBJECTS else ""
            values = "".join(f"<td>{fmt(v)}</td>" for v in row.values)
            body.append(f"<tr>{code}<td>{name}</td>{values}</tr>")
        lead = "<td></td>" if spec.layout == SUBJECTS else ""
        foot = f"<tr>{lead}<th>合计</th>" + "".join(f"<td>{fmt(v)}</td>" for v in data.total_row) + "</tr>"
    return f"{head}<table>{UNIT}<thead><tr>{headers}</tr></thead><tbody>{''.join(body)}</tbody><tfoot>{foot}</tfoot></table>"


def body_html(
    disclosure: Disclosure, entries: list[Entry], figures: list[Figure], sections: list[tuple[str, str]]
) -> str:
    parts = [f"<p>现将{escape(disclosure.title)}公开如下。"]
    if disclosure.approved_on:
        d = disclosure.approved_on
        parts.append(f"批复日期：{d.year}年{d.month}月{d.day}日。")
    parts.append(
        "</p><h2>主要数据</h2><table><thead><tr><th>项目</th><th>金额（万元）</th></tr></thead><tbody>"
    )
    parts.extend(f"<tr><td>{escape(f.label)}</td><td>{_num(f.value)}</td></tr>" for f in figures)
    parts.append("</tbody></table>")
    written = [(label, text) for label, text in sections if text.strip()]
    if written:
        parts.append("<h2>情况说明</h2>")
        for n, (label, text) in enumerate(written, start=1):
            parts.append(f"<h3>{n}. {escape(label)}</h3>{linebreaks(text, autoescape=True)}")
    money = [
        ("机关运行经费", disclosure.operating_costs_wan),
        ("政府采购总额", disclosure.procurement_total_wan),
        ("其中：货物", disclosure.procurement_goods_wan),
        ("其中：工程", disclosure.procurement_works_wan),
        ("其中：服务", disclosure.procurement_services_wan),
        ("授予中小企业合同金额", disclosure.procurement_sme_wan),
    ]
    if any(v is not None for _l, v in money):
        parts.append("<table><caption>机关运行经费和政府采购（单位：万元）</caption><tbody>")
        parts.extend(f"<tr><th>{label}</th><td>{_num(v)}</td></tr>" for label, v in money if v is not None)
        parts.append("</tbody></table>")
    parts.append("<h2>公开表格</h2>")
    parts.extend(table_html(e) for e in entries)
    return "".join(parts)
