"""Staff pages: the monthly bulletins (月度通报) and hot issues (热点问题) of the user's district.

Who may read them and who may publish the bulletin: ``permissions.can_read_reports`` and
``can_publish_bulletin``.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import primary_district_id
from gongkai.hotline import bulletins, docx_reports, hotissues, stats
from gongkai.hotline.models import Category
from gongkai.hotline.offices import hotline_office
from gongkai.hotline.permissions import can_publish_bulletin, can_read_reports
from gongkai.orgs.models import Organisation

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _district(request: HttpRequest) -> Organisation:
    district_id = primary_district_id(request.user)
    district = Organisation.objects.filter(pk=district_id).first() if district_id else None
    if district is None or not can_read_reports(request.user, district):
        raise PermissionDenied("ticket.view refused")
    return district


def _month(year: int, month: int) -> None:
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404


@login_required
def bulletin_list(request: HttpRequest) -> HttpResponse:
    district = _district(request)
    months = stats.months_received(district)
    return render(request, "hotline/bulletins/list.html", {"district": district, "months": months})


@login_required
def bulletin_detail(request: HttpRequest, year: int, month: int) -> HttpResponse:
    _month(year, month)
    district = _district(request)
    b = bulletins.monthly_bulletin(district, year, month)
    return render(
        request,
        "hotline/bulletins/detail.html",
        {"district": district, "b": b, "can_publish": can_publish_bulletin(request.user, district)},
    )


@login_required
def bulletin_docx(request: HttpRequest, year: int, month: int) -> HttpResponse:
    _month(year, month)
    district = _district(request)
    b = bulletins.monthly_bulletin(district, year, month)
    response = HttpResponse(docx_reports.bulletin_docx(b), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="hotline-bulletin-{year}-{month:02d}.docx"'
    return response


@login_required
@require_POST
def bulletin_publish(request: HttpRequest, year: int, month: int) -> HttpResponse:
    _month(year, month)
    district = _district(request)
    if not can_publish_bulletin(request.user, district):
        raise PermissionDenied("hotline.publish refused")
    b = bulletins.monthly_bulletin(district, year, month)
    try:
        version = bulletins.publish_bulletin(b, actor=request.user)
    except (PermissionDenied, ValidationError) as exc:
        messages.error(request, str(exc.messages[0] if isinstance(exc, ValidationError) else exc))
    else:
        messages.success(
            request, _("已生成信息草稿“%(title)s”，请按信息发布流程送审。") % {"title": version.title}
        )
    return redirect("hotline_bulletins:detail", year=year, month=month)


def _date(value: str | None, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(value) if value else default
    except ValueError:
        return default


def _filters(request: HttpRequest, district: Organisation):
    end_default = stats.latest_received(district) or timezone.localdate()
    end = _date(request.GET.get("end"), end_default)
    start = _date(request.GET.get("start"), end - dt.timedelta(weeks=12) + dt.timedelta(days=1))
    if start > end:
        start, end = end, start
    categories = list(Category.objects.filter(district=district))
    category = None
    if request.GET.get("category", "").isdigit():
        category = next((c for c in categories if c.pk == int(request.GET["category"])), None)
    keyword = request.GET.get("keyword", "").strip()[:30]
    return start, end, categories, category, keyword


@login_required
def hot_issues(request: HttpRequest) -> HttpResponse:
    district = _district(request)
    start, end, categories, category, keyword = _filters(request, district)
    hot = hotissues.hot_issues(district, start, end, category=category, keyword=keyword)
    return render(
        request,
        "hotline/bulletins/hot.html",
        {
            "district": district,
            "hot": hot,
            "categories": categories,
            "category": category,
            "keyword": keyword,
            "start": start,
            "end": end,
            "query": request.GET.urlencode(),
        },
    )


@login_required
def special_report(request: HttpRequest) -> HttpResponse:
    district = _district(request)
    start, end, _categories, category, keyword = _filters(request, district)
    report = hotissues.topic_report(district, start, end, keyword=keyword, category=category)
    office = hotline_office(district)
    data = docx_reports.special_report_docx(report, issuer=office.name if office else "")
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = (
        f'attachment; filename="hotline-special-{start:%Y%m%d}-{end:%Y%m%d}.docx"'
    )
    return response
