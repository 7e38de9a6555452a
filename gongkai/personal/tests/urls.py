"""The project's URLs plus a page showing one test resident, for the browser test."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template import RequestContext, Template
from django.urls import path

from gongkai.personal.tests.models import Resident
from gongkai.urls import urlpatterns as project_urlpatterns

PAGE = Template(
    """{% load personal %}<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>居民</title>{% personal_script %}</head><body>
<p id="phone">联系电话：{% personal resident "phone" purpose="浏览器测试" %}</p>
<p id="id-number">身份证号码：{% personal resident "id_number" %}</p>
</body></html>"""
)


@login_required
def resident_page(request, pk):
    resident = get_object_or_404(Resident, pk=pk)
    return HttpResponse(PAGE.render(RequestContext(request, {"resident": resident})))


urlpatterns = [
    path("staff/personal-test/resident/<int:pk>/", resident_page),
    *project_urlpatterns,
]
