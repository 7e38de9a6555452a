"""Budgets, final accounts and fees on the staff workbench (``/staff/finance/``): the list of
disclosures with filters and its XLSX export, a disclosure's page with its tables, the forms that
import the finance system's sheets, mark a table empty, write the explanation and release it, the
completeness board, the year's approvals and deadline, and the fee list.

Every read is scoped by ``permissions.py``; every change is one call of an action.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import primary_district_id
from gongkai.audit.history import history
from gongkai.finance import actions, feeimport, importer, notices, permissions, stats, units, workflow
from gongkai.finance.figures import key_figures, sections_of, tables_of
from gongkai.finance.forms_staff import (
    CollectionForm,
    CycleForm,
    DeadlineForm,
    DisclosureForm,
    EmptyForm,
    ExplanationForm,
    FeeItemForm,
    ImportForm,
    LinkForm,
)
from gongkai.finance.models import (
    REQUIRED_SECTIONS,
    SECTIONS,
    DeadlineRule,
    Disclosure,
    FeeCollection,
    FinanceTable,
    Kind,
    State,
)
from gongkai.finance.tables import specs_for
from gongkai.lib import stafflist, xlsximport
from gongkai.lib.forms import add_to_form, validation_messages
from gongkai.orgs.models import Organisation


def _district(user) -> Organisation:
    return stafflist.staff_district(user, permissions.can_open, primary_district_id, Organisation.objects)


def _disclosure_or_404(user, pk: int) -> Disclosure:
    return get_object_or_404(
        permissions.visible_disclosures(user).select_related("unit", "organisation", "district"), pk=pk
    )


_xlsx = stafflist.xlsx_response


_upload = stafflist.xlsx_upload


# --- the list -------------------------------------------------------------------------------------


def _filtered(request: HttpRequest, district: Organisation):
    filters = stafflist.read_filters(
        request.GET,
        year=stafflist.number,
        kind=stafflist.one_of(Kind.values),
        unit=stafflist.number,
        state=stafflist.one_of(State.values),
        q=stafflist.text(50),
    )
    rows = permissions.visible_disclosures(request.user).filter(district=district)
    rows = stafflist.narrowed(rows, filters, year="fiscal_year", kind="kind", state="state", q="unit__name__icontains")
    rows = stafflist.in_organisation(rows, Organisation.objects, filters["unit"], district, field="unit_id")
    rows = rows.select_related("unit", "organisation").order_by(
        "-fiscal_year", "unit__sort_order", "kind", "pk"
    )
    return rows, filters


@login_required
def disclosure_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _district(user)
    rows, filters = _filtered(request, district)
    page = stafflist.page_of(request, rows)
    found = notices.publications(district, list(page))
    years = sorted(
        set(
            permissions.visible_disclosures(user)
            .filter(district=district)
            .values_list("fiscal_year", flat=True)
        ),
        reverse=True,
    )
    return render(
        request,
        "finance/staff/list.html",
        {
            "page_obj": page,
            "rows": [(d, found[d.pk]) for d in page],
            "filters": filters,
            "years": years,
            "kinds": Kind.choices,
            "states": State.choices,
            "orgs": permissions.visible_orgs(user, district.pk),
            "export_url": stafflist.export_url(request, "finance_staff:export"),
            "can_create": permissions.can_edit_somewhere(user),
            "can_settle": permissions.may(user, "settings", district),
        },
    )


EXPORT_HEADERS = [
    "预算单位",
    "公开内容",
    "预决算年度",
    "批复日期",
    "状态",
    "索引号",
    "公开日期",
    "收入（支出）总计（万元）",
]


@login_required
def export_xlsx(request: HttpRequest) -> HttpResponse:
    district = _district(request.user)
    rows, _filters = _filtered(request, district)
    rows = list(rows[:5000])
    found = notices.publications(district, rows)

    def line(d: Disclosure) -> list:
        p = found[d.pk]
        figures = {f.key: f.value for f in key_figures(d)}
        main = figures.get("income_total") or figures.get("total") or figures.get("general_revenue")
        return [
            d.unit.name,
            d.get_kind_display(),
            d.fiscal_year,
            d.approved_on,
            p.label,
            p.item.index_no if p.item else "",
            p.published_on,
            float(main) if main is not None else None,
        ]

    content = xlsximport.export("预决算公开", EXPORT_HEADERS, (line(d) for d in rows))
    return _xlsx(content, "finance-disclosures.xlsx")


def _creatable_units(user, district: Organisation):
    """The units whose disclosures the user may create: budget units (and the district itself,
    for whoever may publish in the finance bureau's name)."""
    editable = set(permissions.editable_orgs(user, district.pk).values_list("pk", flat=True))
    ids = [u.pk for u in units.budget_units(district) if u.pk in editable]
    bureau = units.finance_bureau(district)
    if bureau is not None and bureau.pk in editable:
        ids.insert(0, district.pk)
    return Organisation.objects.filter(pk__in=ids).order_by("sort_order", "id")


@login_required
def disclosure_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _district(user)
    choices = _creatable_units(user, district)
    if not choices.exists():
        raise PermissionDenied
    initial = {"fiscal_year": timezone.localdate().year}
    form = DisclosureForm(request.POST or None, units=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            disclosure = actions.create_disclosure(actor=user, **form.cleaned_data)
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("已登记：%(title)s。") % {"title": disclosure.title})
            return redirect("finance_staff:disclosure", disclosure.pk)
    return render(request, "finance/staff/form.html", {"form": form, "title": _("登记预决算公开")})


# --- one disclosure -------------------------------------------------------------------------------


@login_required
def disclosure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    district = _district(user)
    disclosure = _disclosure_or_404(user, pk)
    entries = tables_of(disclosure)
    verbs = {t.verb for t in workflow.verbs_from(disclosure.state)}
    may_edit = permissions.may(user, "edit", disclosure.organisation)
    may_publish = permissions.may(user, "release", disclosure.organisation)
    problems = actions.missing_for_release(disclosure) if disclosure.state == State.DRAFT else []
    deadline = None
    if disclosure.approved_on:
        from gongkai.finance import deadlines

        days = deadlines.days_allowed(district.pk, disclosure.level)
        publication = notices.publications(district, [disclosure])[disclosure.pk]
        deadline = deadlines.timeliness(
            disclosure.approved_on, publication.published_on, days, timezone.localdate()
        )
    return render(
        request,
        "finance/staff/disclosure.html",
        {
            "disclosure": disclosure,
            "publication": notices.publications(district, [disclosure])[disclosure.pk],
            "entries": entries,
            "figures": key_figures(disclosure, entries),
            "sections": sections_of(disclosure),
            "problems": problems,
            "deadline": deadline,
            "can_edit": may_edit and "edit" in verbs,
            "can_release": may_publish and "release" in verbs and not problems,
            "link_form": LinkForm() if may_publish and "link" in verbs and not problems else None,
            "events": history(disclosure),
        },
    )


@login_required
def disclosure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _district(user)
    disclosure = _disclosure_or_404(user, pk)
    if not permissions.may(user, "edit", disclosure.organisation):
        raise PermissionDenied
    names = ["approved_on", *actions.FIGURE_FIELDS, *[n for n, _l in SECTIONS]]
    initial = {name: getattr(disclosure, name) for name in names}
    required = REQUIRED_SECTIONS[(disclosure.level, disclosure.kind)]
    form = ExplanationForm(request.POST or None, initial=initial, sections=required)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_disclosure(disclosure, actor=user, **{n: form.cleaned_data[n] for n in names})
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("finance_staff:disclosure", disclosure.pk)
    return render(
        request,
        "finance/staff/form.html",
        {
            "form": form,
            "title": disclosure.title,
            "back": reverse("finance_staff:disclosure", args=[disclosure.pk]),
        },
    )


@login_required
def disclosure_import(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _district(user)
    disclosure = _disclosure_or_404(user, pk)
    if not permissions.may(user, "import", disclosure.organisation):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            upload = _upload(form)
            report = actions.import_tables(disclosure, upload, actor=user, name=upload.name)
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            if report.ok and not report.bad_sheets:
                messages.success(
                    request,
                    _("已导入 %(n)s 张表，%(u)s 张与已导入的相同、未变。")
                    % {"n": report.imported, "u": report.unchanged},
                )
                return redirect("finance_staff:disclosure", disclosure.pk)
            messages.error(request, _("表格有误，未导入任何内容。请按下面的提示修改后重新上传。"))
    return render(
        request,
        "finance/staff/import.html",
        {
            "form": form,
            "report": report,
            "disclosure": disclosure,
            "specs": specs_for(disclosure.level, disclosure.kind),
        },
    )


@login_required
def disclosure_template(request: HttpRequest, pk: int) -> HttpResponse:
    _district(request.user)
    disclosure = _disclosure_or_404(request.user, pk)
    specs = specs_for(disclosure.level, disclosure.kind)
    code = request.GET.get("table", "")
    if code:
        specs = [s for s in specs if s.code == code] or specs
    return _xlsx(importer.workbook([(s, None) for s in specs]), f"finance-template-{disclosure.kind}.xlsx")


@login_required
def disclosure_export(request: HttpRequest, pk: int) -> HttpResponse:
    _district(request.user)
    disclosure = _disclosure_or_404(request.user, pk)
    entries = [e for e in tables_of(disclosure) if e.entered]
    return _xlsx(importer.workbook([(e.spec, e.data) for e in entries]), f"finance-{disclosure.pk}.xlsx")


def _refusal(request, exc: ValidationError) -> None:
    for text in validation_messages(exc):
        messages.error(request, text)


@login_required
@require_POST
def table_empty(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _district(user)
    disclosure = _disclosure_or_404(user, pk)
    form = EmptyForm(request.POST)
    if form.is_valid():
        try:
            actions.mark_empty(
                disclosure, form.cleaned_data["code"], actor=user, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            _refusal(request, exc)
        else:
            messages.success(request, _("已标为空表。"))
    return redirect("finance_staff:disclosure", disclosure.pk)


@login_required
@require_POST
def table_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _district(user)
    table = get_object_or_404(
        FinanceTable.objects.filter(disclosure__in=permissions.visible_disclosures(user)), pk=pk
    )
    try:
        actions.remove_table(table, actor=user)
    except ValidationError as exc:
        _refusal(request, exc)
    else:
        messages.success(request, _("已删除该表。"))
    return redirect("finance_staff:disclosure", table.disclosure_id)


@login_required
@require_POST
def disclosure_release(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _district(user)
    disclosure = _disclosure_or_404(user, pk)
    try:
        actions.release_disclosure(disclosure, actor=user)
    except PermissionDenied as exc:
        if not permissions.may(user, "release", disclosure.organisation):
            raise
        messages.error(request, str(exc))
    except ValidationError as exc:
        _refusal(request, exc)
    else:
        messages.success(request, _("已提交发布：已起草为政府信息，经保密审查和领导审批后公开。"))
    return redirect("finance_staff:disclosure", disclosure.pk)


@login_required
@require_POST
def disclosure_link(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    _district(user)
    disclosure = _disclosure_or_404(user, pk)
    form = LinkForm(request.POST)
    if form.is_valid():
        try:
            actions.link_item(disclosure, actor=user, index_no=form.cleaned_data["index_no"])
        except ValidationError as exc:
            _refusal(request, exc)
        else:
            messages.success(request, _("已关联已发布的信息。"))
    else:
        messages.error(request, _("请填写索引号。"))
    return redirect("finance_staff:disclosure", disclosure.pk)


# --- the board, the year's approvals and the deadline ---------------------------------------------


@login_required
def board(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _district(user)
    year = stafflist.int_or_none(request.GET.get("year")) or timezone.localdate().year
    if not 2000 <= year <= 2100:
        year = timezone.localdate().year
    if permissions.sees_whole_district(user, district.pk):
        result = stats.completeness(district, year)
    else:
        visible = set(permissions.visible_orgs(user, district.pk).values_list("pk", flat=True))
        result = stats.completeness(district, year)
        result.rows = [r for r in result.rows if r.unit.pk in visible]
    only = request.GET.get("only", "")
    rows = result.rows
    if only == "late":
        rows = [r for r in rows if r.late]
    elif only == "incomplete":
        rows = [r for r in rows if not r.complete]
    return render(
        request,
        "finance/staff/board.html",
        {
            "board": result,
            "rows": rows,
            "year": year,
            "only": only,
            "kinds": [(k, Kind(k).label) for k in stats.KINDS],
            "years": range(timezone.localdate().year, 2015, -1),
        },
    )


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _district(user)
    if not permissions.may(user, "settings", district):
        raise PermissionDenied
    rule = DeadlineRule.objects.filter(district=district).first()
    deadline_form = DeadlineForm(
        request.POST if request.POST.get("form") == "deadline" else None,
        initial={
            "department_days": rule.department_days if rule else 20,
            "government_days": rule.government_days if rule else 20,
        },
    )
    cycle_form = CycleForm(
        request.POST if request.POST.get("form") == "cycle" else None,
        initial={"fiscal_year": timezone.localdate().year},
    )
    if request.method == "POST" and request.POST.get("form") == "deadline" and deadline_form.is_valid():
        try:
            actions.set_deadline_days(district, actor=user, **deadline_form.cleaned_data)
        except ValidationError as exc:
            add_to_form(deadline_form, exc)
        else:
            messages.success(request, _("已保存公开时限。"))
            return redirect("finance_staff:settings")
    if request.method == "POST" and request.POST.get("form") == "cycle" and cycle_form.is_valid():
        try:
            n = actions.open_cycle(actor=user, district=district, **cycle_form.cleaned_data)
        except ValidationError as exc:
            add_to_form(cycle_form, exc)
        else:
            messages.success(request, _("已为 %(n)s 个预算单位登记批复日期。") % {"n": n})
            return redirect("finance_staff:settings")
    return render(
        request, "finance/staff/settings.html", {"deadline_form": deadline_form, "cycle_form": cycle_form}
    )


# --- fees -----------------------------------------------------------------------------------------


@login_required
def fee_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _district(user)
    year = stafflist.int_or_none(request.GET.get("year")) or timezone.localdate().year - 1
    org = stafflist.int_or_none(request.GET.get("organisation"))
    items = permissions.visible_fee_items(user).filter(district=district).select_related("organisation")
    items = stafflist.in_organisation(items, Organisation.objects, org, district)
    items = list(items.order_by("organisation__sort_order", "name"))
    amounts = {c.item_id: c.amount_yuan for c in FeeCollection.objects.filter(item__in=items, year=year)}
    total = sum(amounts.values()) if amounts else 0
    return render(
        request,
        "finance/staff/fees.html",
        {
            "rows": [(i, amounts.get(i.pk), i.in_force(year)) for i in items],
            "year": year,
            "organisation": org,
            "orgs": permissions.visible_orgs(user, district.pk),
            "total_wan": stats.to_wan(total),
            "can_edit": permissions.can_edit_somewhere(user),
        },
    )


@login_required
def fee_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _district(user)
    organisations = permissions.editable_orgs(user, district.pk)
    if not organisations.exists():
        raise PermissionDenied
    form = FeeItemForm(
        request.POST or None, organisations=organisations, initial={"from_year": timezone.localdate().year}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        until = data.pop("until_year")
        try:
            item = actions.create_fee_item(actor=user, **data)
            if until:
                actions.stop_fee_item(item, actor=user, until_year=until)
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("已登记收费项目：%(name)s。") % {"name": item.name})
            return redirect("finance_staff:fee", item.pk)
    return render(
        request,
        "finance/staff/form.html",
        {"form": form, "title": _("登记收费项目"), "back": reverse("finance_staff:fees")},
    )


@login_required
def fee_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    district = _district(user)
    item = get_object_or_404(permissions.visible_fee_items(user).select_related("organisation"), pk=pk)
    may_edit = permissions.may(user, "fee_edit", item.organisation)
    organisations = permissions.editable_orgs(user, district.pk)
    form = FeeItemForm(
        request.POST if request.POST.get("form") == "item" else None,
        organisations=organisations,
        initial={
            f: getattr(item, f) for f in ("name", "basis", "standard", "from_year", "until_year", "note")
        }
        | {"organisation": item.organisation_id},
    )
    collection = CollectionForm(
        request.POST if request.POST.get("form") == "collection" else None,
        initial={"year": timezone.localdate().year - 1},
    )
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        if request.POST.get("form") == "item" and form.is_valid():
            try:
                actions.update_fee_item(item, actor=user, **form.cleaned_data)
            except ValidationError as exc:
                add_to_form(form, exc)
            else:
                messages.success(request, _("已保存。"))
                return redirect("finance_staff:fee", item.pk)
        if request.POST.get("form") == "collection" and collection.is_valid():
            try:
                actions.record_collection(item, actor=user, **collection.cleaned_data)
            except ValidationError as exc:
                add_to_form(collection, exc)
            else:
                messages.success(request, _("已登记收费金额。"))
                return redirect("finance_staff:fee", item.pk)
    return render(
        request,
        "finance/staff/fee.html",
        {
            "item": item,
            "collections": item.collections.order_by("-year"),
            "form": form if may_edit else None,
            "collection_form": collection if may_edit else None,
            "events": history(item),
        },
    )


@login_required
def fee_import(request: HttpRequest) -> HttpResponse:
    user = request.user
    district = _district(user)
    if not permissions.editable_orgs(user, district.pk).exists():
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            upload = _upload(form)
            report = actions.import_fees(district, upload, actor=user, name=upload.name)
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            if report.ok:
                messages.success(
                    request,
                    _("已导入：新增项目 %(c)s 个，更新 %(u)s 个，登记金额 %(a)s 笔。")
                    % {"c": report.created, "u": report.updated, "a": report.amounts},
                )
                return redirect("finance_staff:fees")
            messages.error(request, _("表格有误，未导入任何内容。请按下面的提示修改后重新上传。"))
    return render(request, "finance/staff/fee_import.html", {"form": form, "report": report})


@login_required
def fee_template(request: HttpRequest) -> HttpResponse:
    _district(request.user)
    return _xlsx(feeimport.template(), "fees-template.xlsx")
