"""The elements of a service item and of its guide: their Chinese names, which are required, and
the one completeness check that releasing a guide, the staff pages and the figures all use.

The six basic elements of an item are kept uniform nationally (事项名称, 事项编码, 事项类型, 主管部门,
实施机关, 设定和实施依据) and are required when the item is registered. A guide needs every one of
its elements (申请条件, 申请材料, 办理地点, 办理时间, 收费标准, 法定时限, 承诺时限, 到现场次数, 办理流程,
咨询方式, 监督投诉方式, 联系电话) before it may be published; ``missing_elements`` names each one
missing, in the order the guide shows them.

申请材料 are entered one per line as ``名称 | 原件份数 | 复印件份数 | 形式 | 备注`` (tabs, as pasted
from a spreadsheet, work too); ``parse_materials`` reads them and names every bad line.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.services.models import MaterialFormat, ServiceGuide

ITEM_ELEMENTS: list[tuple[str, Any]] = [
    ("name", gettext_lazy("事项名称")),
    ("code", gettext_lazy("事项编码")),
    ("type", gettext_lazy("事项类型")),
    ("department", gettext_lazy("主管部门")),
    ("organisation", gettext_lazy("实施机关")),
    ("basis", gettext_lazy("设定和实施依据")),
]

# (field, label); every one is required for publication.
GUIDE_ELEMENTS: list[tuple[str, Any]] = [
    ("conditions", gettext_lazy("申请条件")),
    ("materials", gettext_lazy("申请材料")),
    ("location", gettext_lazy("办理地点")),
    ("hours", gettext_lazy("办理时间")),
    ("fees", gettext_lazy("收费标准")),
    ("legal_limit_days", gettext_lazy("法定时限")),
    ("promised_limit_days", gettext_lazy("承诺时限")),
    ("visits", gettext_lazy("到现场次数")),
    ("process", gettext_lazy("办理流程")),
    ("consultation", gettext_lazy("咨询方式")),
    ("complaint", gettext_lazy("监督投诉方式")),
    ("phone", gettext_lazy("联系电话")),
]
GUIDE_FIELDS = [name for name, _label in GUIDE_ELEMENTS]
NUMBER_FIELDS = ("legal_limit_days", "promised_limit_days", "visits")
MAX_LIMIT_DAYS = 365
MAX_VISITS = 9


def _is_missing(field: str, value: Any) -> bool:
    if field in NUMBER_FIELDS:
        return value is None
    if field == "materials":
        return not value
    return not (value or "").strip()


def missing_elements(guide: ServiceGuide) -> list[str]:
    """The Chinese names of the guide's elements that are not filled in (empty: complete)."""
    return [str(label) for field, label in GUIDE_ELEMENTS if _is_missing(field, getattr(guide, field))]


def check_values(values: dict[str, Any]) -> dict[str, str]:
    """Errors of values that are given but wrong (a draft may still leave elements out)."""
    errors: dict[str, str] = {}
    for field in NUMBER_FIELDS:
        value = values.get(field)
        if value is None:
            continue
        top = MAX_VISITS if field == "visits" else MAX_LIMIT_DAYS
        if not isinstance(value, int) or value < 0 or value > top:
            errors[field] = _("请填写 0 到 %(top)s 之间的整数。") % {"top": top}
    legal, promised = values.get("legal_limit_days"), values.get("promised_limit_days")
    if (
        "legal_limit_days" not in errors
        and "promised_limit_days" not in errors
        and legal is not None
        and promised is not None
        and promised > legal
    ):
        errors["promised_limit_days"] = _("承诺时限（%(p)s个工作日）不能长于法定时限（%(l)s个工作日）。") % {
            "p": promised,
            "l": legal,
        }
    return errors


FORMAT_BY_TEXT = {str(label): value for value, label in MaterialFormat.choices} | {
    value: value for value in MaterialFormat.values
}


def _count(text: str, what: str, line: int) -> int:
    text = text.strip().removesuffix("份").strip()
    if not text:
        return 0
    if not text.isdigit() or int(text) > 99:
        raise ValidationError(
            _("申请材料第%(line)s行：%(what)s份数应为0到99的整数。") % {"line": line, "what": what}
        )
    return int(text)


def parse_materials(text: str) -> list[dict[str, Any]]:
    """申请材料 from lines ``名称 | 原件份数 | 复印件份数 | 形式 | 备注`` (every bad line named)."""
    materials: list[dict[str, Any]] = []
    errors: list[str] = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        if not raw.strip():
            continue
        parts = [p.strip() for p in raw.replace("\t", "|").replace("｜", "|").split("|")]
        parts += [""] * (5 - len(parts))
        name, originals, copies, form, note = parts[:5]
        if len(parts) > 5:
            note = " ".join(p for p in parts[4:] if p)
        try:
            if not name:
                raise ValidationError(_("申请材料第%(line)s行：请填写材料名称。") % {"line": number})
            entry = {
                "name": name[:200],
                "originals": _count(originals, _("原件"), number),
                "copies": _count(copies, _("复印件"), number),
                "format": FORMAT_BY_TEXT.get(form or str(MaterialFormat.PAPER.label)),
                "note": note[:200],
            }
            if entry["format"] is None:
                raise ValidationError(
                    _("申请材料第%(line)s行：材料形式应为纸质、电子或纸质或电子。") % {"line": number}
                )
            if entry["format"] == MaterialFormat.PAPER and not (entry["originals"] or entry["copies"]):
                raise ValidationError(
                    _("申请材料第%(line)s行：纸质材料请写明原件或复印件份数。") % {"line": number}
                )
            materials.append(entry)
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError({"materials": errors})
    return materials


def materials_text(materials: list[dict[str, Any]]) -> str:
    """The lines ``parse_materials`` reads back (to edit a draft)."""
    labels = dict(MaterialFormat.choices)
    return "\n".join(
        " | ".join(
            [
                m.get("name", ""),
                str(m.get("originals", 0)),
                str(m.get("copies", 0)),
                str(labels.get(m.get("format"), "")),
                m.get("note", ""),
            ]
        ).rstrip(" |")
        for m in materials
    )


def material_rows(materials: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The materials as the pages' tables show them."""
    labels = dict(MaterialFormat.choices)
    return [
        {
            "name": m.get("name", ""),
            "originals": m.get("originals", 0),
            "copies": m.get("copies", 0),
            "format": str(labels.get(m.get("format"), "")),
            "note": m.get("note", ""),
        }
        for m in materials
    ]


def limit_text(days: int | None) -> str:
    if days is None:
        return ""
    return _("即办") if days == 0 else _("%(n)s个工作日") % {"n": days}
