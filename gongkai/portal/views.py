"""Public portal pages. Pages answer for ``request.district``; without one they say so politely."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.orgs.queries import leading_group, orgs_by_kind
from gongkai.portal.panels import panels_for


def home(request: HttpRequest) -> HttpResponse:
    district = getattr(request, "district", None)
    context = {"leading_group": None, "departments": [], "towns": [], "panels": []}
    if district is not None:
        context["leading_group"] = leading_group(request)
        context.update(orgs_by_kind(district))
        context["panels"] = panels_for(request)
    return render(request, "portal/home.html", context)


def disclosure(request: HttpRequest) -> HttpResponse:
    """政府信息公开: who answers for disclosure in this district and how to reach them."""
    district = getattr(request, "district", None)
    context = {"leading_group": None, "departments": [], "towns": []}
    if district is not None:
        context["leading_group"] = leading_group(request)
        context.update(orgs_by_kind(district))
    return render(request, "portal/disclosure.html", context)
