"""Staff workbench pages. Every page needs a signed-in staff member."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gongkai.accounts.forms import StaffAuthenticationForm
from gongkai.workbench.banners import collect_banners
from gongkai.workbench.panels import collect_panels
from gongkai.workbench.todos import collect_todos


class LoginView(auth_views.LoginView):
    template_name = "workbench/login.html"
    form_class = StaffAuthenticationForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """POST only (Django 5): a link cannot sign anyone out."""


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "workbench/home.html",
        {
            "todos": collect_todos(request.user),
            "banners": collect_banners(request.user),
            "panels": collect_panels(request),
        },
    )
