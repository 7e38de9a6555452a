"""Supervision on the staff workbench (``/staff/supervision/``): the dashboard, the findings with
their filters, the scorecards (the ranking for the office, a unit's own breakdown), the office's
thresholds and weights, and the button that runs the checks now.

Every read is scoped by ``permissions.py``; every change is one call of an action.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.lib.forms import add_to_form, validation_messages
from gongkai.orgs.models import Organisation
from gongkai.supervision import actions, checks, city, dashboard, permissions, scorecards
from gongkai.supervision.forms_staff import SettingsForm
from gongkai.supervision.models import settings_of


def _home(request: HttpRequest) -> Organisation:
    """The organisation the page is about: the district the city's office chose, else the user's own."""
    home = city.chosen_district(request) or permissions.home_of(request.user)
    if home is None:
        raise PermissionDenied(_("您没有查看督查考核的权限。"))
    return home


def _city(request: HttpRequest) -> list[city.DistrictRow] | None:
    """The districts side by side, for the city's office (more than one district seen as a whole)."""
    if len(city.city_districts(request.user)) < 2:
        return None
    return city.rows(request.user, timezone.localdate())


def _district(home: Organisation) -> Organisation:
    return home if home.is_district else Organisation.objects.get(pk=home.district_id)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def panel_context(request: HttpRequest) -> dict | None:
    """The workbench home's panel (``nav.STAFF_HOME_PANELS``): None for a user without
    ``supervision.view``, so the home page shows only the to-do list."""
    home = city.chosen_district(request) or permissions.home_of(request.user)
    if home is None:
        return None
    office = home.is_district and permissions.sees_district(request.user, home)
    board = dashboard.build(home, timezone.localdate(), office=office)
    board.city = _city(request)
    return {"board": board}


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    home = _home(request)
    office = home.is_district and permissions.sees_district(request.user, home)
    board = dashboard.build(home, timezone.localdate(), office=office)
    board.city = _city(request)
    return render(
        request,
        "supervision/staff/overview.html",
        {"board": board, "may_manage": permissions.may_manage(request.user, _district(home))},
    )


@login_required
def findings(request: HttpRequest) -> HttpResponse:
    home = _home(request)
    district = _district(home)
    params = request.GET
    state = params.get("state", "open")
    qs = permissions.visible_findings(request.user).filter(district=district).select_related("unit")
    if state == "open":
        qs = qs.filter(closed_on__isnull=True)
    elif state == "closed":
        qs = qs.filter(closed_on__isnull=False)
    unit_id = _int(params.get("unit"))
    if unit_id:
        unit = Organisation.objects.filter(pk=unit_id).first()
        ids = unit.descendant_ids() if unit else set()
        qs = qs.filter(unit_id__in=ids)
    rule = params.get("rule", "")
    if rule in checks.RULES:
        qs = qs.filter(rule=rule)
    rows = list(qs.order_by("closed_on", "since", "pk")[:500])
    units = {
        f.unit
        for f in permissions.visible_findings(request.user).filter(district=district).select_related("unit")
    }
    return render(
        request,
        "supervision/staff/findings.html",
        {
            "findings": [(f, checks.label_of(f.rule)) for f in rows],
            "truncated": len(rows) == 500,
            "state": state,
            "unit_id": unit_id,
            "rule": rule,
            "rules": [(r.code, r.label) for r in checks.available_rules()],
            "units": sorted(units, key=lambda u: (u.sort_order, u.pk)),
            "today": timezone.localdate(),
            "may_manage": permissions.may_manage(request.user, district),
        },
    )


def _period(request: HttpRequest) -> tuple[scorecards.Period, str]:
    text = request.GET.get("period", "")
    today = timezone.localdate()
    try:
        return scorecards.Period.parse(text, today), ""
    except ValueError as exc:
        return scorecards.Period.parse("", today), str(exc)


@login_required
def scorecard_list(request: HttpRequest) -> HttpResponse:
    home = _home(request)
    district = _district(home)
    period, error = _period(request)
    if error:
        messages.error(request, error)
    if permissions.sees_district(request.user, district):
        cards = scorecards.scorecards(district, period)
        ranking = True
    else:
        units = [u for u in scorecards.units_of(district) if permissions.may_see_unit(request.user, u)]
        cards = scorecards.own_scorecards(district, period, units)
        ranking = False
    return render(
        request,
        "supervision/staff/scorecards.html",
        {"cards": cards, "period": period, "period_text": request.GET.get("period", ""), "ranking": ranking},
    )


@login_required
def scorecard_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(Organisation, pk=unit_id)
    if not permissions.may_see_unit(request.user, unit):
        raise PermissionDenied(_("只能查看本单位的考核评分。"))
    period, error = _period(request)
    if error:
        messages.error(request, error)
    card = scorecards.scorecard(unit, period)
    return render(
        request,
        "supervision/staff/scorecard.html",
        {"card": card, "period": period, "period_text": request.GET.get("period", "")},
    )


@login_required
def settings_edit(request: HttpRequest) -> HttpResponse:
    district = _district(_home(request))
    if not permissions.may_manage(request.user, district):
        raise PermissionDenied(_("只有政务公开办公室可以修改督查考核设置。"))
    current = settings_of(district)
    form = SettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_settings(district, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("督查考核设置已保存。"))
            return redirect("supervision_staff:settings")
    return render(request, "supervision/staff/settings.html", {"form": form, "district": district})


@login_required
@require_POST
def run_now(request: HttpRequest) -> HttpResponse:
    district = _district(_home(request))
    try:
        summary = actions.run_checks(district, actor=request.user)
    except ValidationError as exc:
        for message in validation_messages(exc):
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("检查完成：新发现%(opened)s个问题，仍未整改%(kept)s个，已整改关闭%(closed)s个。") % summary,
        )
    return redirect("supervision_staff:findings")
