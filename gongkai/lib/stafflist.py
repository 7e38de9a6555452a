"""The registries' staff lists: filters read from the query string, the list narrowed by them and
by the organisation chosen, paged, and exported as XLSX with the same filters.

Each registry's ``views_staff.py`` supplies what is its own — the rows the user may see
(``permissions.visible_…``), the district the user works in and the organisations below it — and
this module does the rest the same way for all of them. A filter that does not read (a year that
is not a number, a state that is not one of the choices) is dropped, never an error: the list
then shows what it would show without it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from gongkai.lib.uploads import validate_upload

PAGE_SIZE = 30
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Reader = Callable[[Mapping[str, str], str], Any]


def staff_district(
    user, can_open: Callable[[Any], bool], district_id_of: Callable[[Any], Any], districts
) -> Any:
    """The district the user works in (``districts``: the organisations' manager or queryset), or
    PermissionDenied when the user may not open the registry or has no district."""
    if not can_open(user):
        raise PermissionDenied
    district = districts.filter(pk=district_id_of(user)).first()
    if district is None:
        raise PermissionDenied
    return district


# --- filters --------------------------------------------------------------------------------------


def int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def number(params: Mapping[str, str], name: str) -> int | None:
    """A whole number (a year, an organisation's id), or None."""
    return int_or_none(params.get(name))


def one_of(values: Collection[str]) -> Reader:
    """One of ``values`` (a TextChoices' values), or ""."""

    def read(params: Mapping[str, str], name: str) -> str:
        value = params.get(name, "")
        return value if value in values else ""

    return read


def text(limit: int = 50) -> Reader:
    """Search text, stripped and cut to ``limit`` characters."""
    return lambda params, name: params.get(name, "").strip()[:limit]


def read_filters(params: Mapping[str, str], **readers: Reader) -> dict[str, Any]:
    """``{name: reader(params, name)}`` in the order given."""
    return {name: read(params, name) for name, read in readers.items()}


def narrowed(rows, filters: Mapping[str, Any], **lookups: str):
    """``rows`` filtered by each filter that is set: ``lookups`` maps a filter's name to its field
    lookup (``year="fiscal_year"``, ``q="title__icontains"``)."""
    for name, lookup in lookups.items():
        if filters[name]:
            rows = rows.filter(**{lookup: filters[name]})
    return rows


def in_organisation(
    rows,
    organisations,
    pk: int | None,
    district,
    *,
    field: str = "organisation_id",
    unknown_shows_nothing: bool = True,
):
    """``rows`` of the organisation ``pk`` of the district and those below it (``organisations``:
    the organisations' manager). An organisation not in the district shows nothing, or, with
    ``unknown_shows_nothing=False``, is ignored."""
    if not pk:
        return rows
    chosen = organisations.filter(pk=pk, district=district).first()
    if chosen is None:
        return rows.none() if unknown_shows_nothing else rows
    return rows.filter(**{f"{field}__in": chosen.descendant_ids()})


# --- paging and export ----------------------------------------------------------------------------


def page_of(request: HttpRequest, rows, size: int = PAGE_SIZE) -> Page:
    """The page of ``rows`` the query string asks for (the last for a page past the end)."""
    return Paginator(rows, size).get_page(request.GET.get("page"))


def export_url(request: HttpRequest, url_name: str) -> str:
    """The list's export link, with the list's filters (and without its page)."""
    export = {k: v for k, v in request.GET.items() if k != "page"}
    return reverse(url_name) + ("?" + urlencode(export) if export else "")


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    """An XLSX workbook as a download named ``filename``."""
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_upload(form) -> Any:
    """The form's uploaded ``file``, checked to be an Excel workbook by its content (not its name)
    and rewound for reading; ValidationError otherwise."""
    upload = form.cleaned_data["file"]
    _type, extension = validate_upload(upload)
    if extension != ".xlsx":
        raise ValidationError(_("请上传 Excel（.xlsx）文件。"))
    upload.seek(0)
    return upload
