"""The analytics page in a real chromium: the office signs in, the charts are drawn on canvases
(pixels painted, not just an element) under the Content-Security-Policy without a violation, a
chart downloads as a PNG, and a screenshot is kept as a CI artifact under var/ci-artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Gongkai-test-2024!"
ARTIFACTS = Path(settings.BASE_DIR) / "var" / "ci-artifacts"

# How many pixels of a chart's canvas are painted (not blank, not the white background).
PAINTED = """(el) => {
  const canvas = el.querySelector('canvas');
  if (!canvas) return 0;
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] > 0 && (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240)) n++;
  }
  return n;
}"""


def test_the_office_sees_the_charts_drawn_and_downloads_one_as_png(
    page, live_server, personas, records, tmp_path
):
    personas.coordinator.set_password(PASSWORD)
    personas.coordinator.save()
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    page.goto(live_server.url + "/staff/login/")
    page.get_by_label("用户名").fill(personas.coordinator.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(live_server.url + "/staff/")
    page.get_by_role("link", name="公众参与分析").click()
    page.wait_for_url("**/staff/analytics/")
    page.get_by_label("起始月份").fill("2024-01")
    page.get_by_label("截止月份").fill("2024-12")
    page.get_by_role("button", name="查询").click()
    page.wait_for_url("**/staff/analytics/?*")

    for key in ("views_month", "views_column", "searches_nothing", "participation_month"):
        chart = page.locator(f"#an-chart-{key}")
        expect(chart.locator("canvas")).to_have_count(1)
        assert chart.evaluate(PAINTED) > 500, key
    # the data table beside the chart holds the same numbers the page totals
    expect(page.locator("#an-views_month-title")).to_have_text("各月信息浏览量")
    expect(page.get_by_role("table").first.locator("tbody tr")).to_have_count(12)

    with page.expect_download() as info:
        page.locator('.an-png[data-chart="views_month"]').click()
    download = info.value
    assert download.suggested_filename == "各月信息浏览量-202401-202412.png"
    saved = tmp_path / "chart.png"
    download.save_as(saved)
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and saved.stat().st_size > 5000

    assert violations == []  # the charts run under the platform's Content-Security-Policy
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "analytics-dashboard.png"), full_page=True)
