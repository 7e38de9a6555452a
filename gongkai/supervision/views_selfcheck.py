"""The portal's self-check on the staff workbench (``/staff/supervision/selfcheck/``): the
website inspection indicators as a checklist for the disclosure office, printable, and as JSON
(``selfcheck.json``, the same as ``manage.py supervision_checks --self-check --format json``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.supervision import permissions, selfcheck
from gongkai.supervision.city import district_of_request


def _office_district(request: HttpRequest):
    district = district_of_request(request)
    if district is None or not permissions.sees_district(request.user, district):
        raise PermissionDenied(_("网站自查由政务公开办公室查看。"))
    return district


@login_required
def page(request: HttpRequest) -> HttpResponse:
    district = _office_district(request)
    result = selfcheck.run(district, timezone.localdate())
    return render(
        request,
        "supervision/staff/selfcheck.html",
        {
            "check": result,
            "veto": [i for i in result.indicators if i.kind == selfcheck.VETO],
            "deduction": [i for i in result.indicators if i.kind == selfcheck.DEDUCTION],
            "may_manage": permissions.may_manage(request.user, district),
            "district_query": request.GET.get("district", ""),
        },
    )


@login_required
def as_json(request: HttpRequest) -> JsonResponse:
    district = _office_district(request)
    return JsonResponse(
        selfcheck.run(district, timezone.localdate()).as_json(), json_dumps_params={"ensure_ascii": False}
    )
