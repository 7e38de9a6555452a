"""In a real chromium, the portal's main pages run under the Content-Security-Policy without one
violation: nothing inline is refused, nothing outside is asked for."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.catalog import actions as catalog_actions
from gongkai.catalog.models import Column
from gongkai.hotline.models import Category

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_no_csp_violation_on_the_portal_an_item_the_application_form_and_the_mailbox(
    page, live_server, personas
):
    Category.objects.create(district=personas.district, name="城市管理")
    column = Column.objects.get(district=personas.district, slug="gzdt")
    version = catalog_actions.create_item(
        actor=personas.editor,
        organisation=personas.department,
        title="关于做好城乡低保资金发放工作的通知",
        body="<p>各乡镇（街道）：现将有关事项通知如下。</p>",
        column=column,
    )
    catalog_actions.submit(version, actor=personas.editor)
    catalog_actions.review(version, actor=personas.reviewer, passed=True)
    catalog_actions.approve(version, actor=personas.leader, approved=True)

    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    for url in ["/", reverse("catalog:item", args=[version.item_id]), "/apply/", "/mailbox/", "/api/docs"]:
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        assert response.headers.get("content-security-policy", "").startswith("default-src 'self'"), url
        page.wait_for_load_state("networkidle")
    page.goto(live_server.url + "/api/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=60_000)  # Swagger UI started from static files
    assert violations == []
