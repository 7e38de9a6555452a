"""Shared test fixtures: a clean host→district cache, static files without a manifest, and a real browser.

Browser tests drive Debian's chromium (``/usr/bin/chromium``) through Playwright's sync API:

    @pytest.mark.browser
    @pytest.mark.parametrize("viewport", [PHONE])          # optional; default is a desktop window
    def test_something(page, live_server):
        page.goto(live_server.url + "/")

``page`` gets a fresh browser context per test. Every request that does not go to the live server
is aborted, and the test fails if the page tried one (the platform runs on intranets without
internet: no CDN, no web fonts). Uncaught JavaScript errors fail the test too.
Without chromium the browser tests are skipped — except under ``CI=true``, where they fail.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the main thread; Django would otherwise refuse ORM
# calls made from test code while a page is open.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


@pytest.fixture(autouse=True, scope="session")
def _static_files_without_manifest():
    """Tests run with DEBUG off but without ``collectstatic``: serve static files from the finders."""
    from django.test import override_settings

    with override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ):
        yield


@pytest.fixture(autouse=True)
def _forget_hosts_and_counts():
    """Each test starts without cached host→district answers from an earlier test's database, and
    with an empty default cache (throttle counts and the like)."""
    from django.core.cache import cache

    from gongkai.orgs.middleware import forget_hosts

    forget_hosts()
    cache.clear()
    yield
    forget_hosts()
    cache.clear()


@pytest.fixture(autouse=True)
def _search_index_of_this_test(tmp_path_factory, monkeypatch):
    """Each test its own search index (tantivy): the database is rolled back after a test, the
    index is not, and a later test's district may get the same id. Servers a test starts inherit
    the directory through the environment."""
    from django.conf import settings

    from gongkai.catalog import search_tantivy

    directory = tmp_path_factory.mktemp("index") / "search"  # made when first written
    monkeypatch.setattr(settings, "SEARCH_INDEX_DIR", directory)
    monkeypatch.setenv("SEARCH_INDEX_DIR", str(directory))
    search_tantivy.forget_indexes()
    yield
    search_tantivy.forget_indexes()


def pytest_collection_modifyitems(items):
    for item in items:
        if {"page", "browser"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    """A headless chromium for the whole session."""
    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} not found: install Debian's chromium (scripts/ensure-browser.sh)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " — browser tests may not be skipped in CI", pytrace=False)
        pytest.skip(message)
    from django.db import connections
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    except Exception:
        playwright.stop()
        raise
    yield chromium
    # While Playwright's sync API runs, Django's connections live in other context variables than
    # the ones the session's teardown sees: one left open here kept PostgreSQL from dropping the
    # test database at the end of the run ("being accessed by other users").
    connections.close_all()
    chromium.close()
    playwright.stop()


@pytest.fixture
def viewport() -> dict[str, int]:
    """The window size of ``page``; override with ``@pytest.mark.parametrize("viewport", [PHONE])``."""
    return DESKTOP


@pytest.fixture
def browser_context_args(viewport) -> dict:
    """Options for the browser context; override the fixture in a module for other options."""
    return {"viewport": viewport, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}


@pytest.fixture
def page(browser, live_server, browser_context_args):
    """A page in a fresh browser context that may only talk to the live server."""
    context = browser.new_context(**browser_context_args)
    context.set_default_timeout(10_000)
    allowed = live_server.url.rstrip("/")
    outside: list[str] = []
    errors: list[str] = []

    def guard(route):
        url = route.request.url
        if url == allowed or url.startswith(allowed + "/"):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    new_page = context.new_page()
    new_page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield new_page
    context.close()
    if outside:
        pytest.fail(
            "the page tried to load resources not served by the platform: " + ", ".join(outside),
            pytrace=False,
        )
    if errors:
        pytest.fail("JavaScript errors on the page: " + "; ".join(errors), pytrace=False)


@pytest.fixture
def screenshot(request, tmp_path):
    """``screenshot(page, "name")`` saves a PNG under $GONGKAI_SCREENSHOT_DIR (else tmp_path)."""
    directory = Path(os.environ.get("GONGKAI_SCREENSHOT_DIR") or tmp_path)
    directory.mkdir(parents=True, exist_ok=True)

    def take(target, name: str, *, full_page: bool = True) -> Path:
        path = directory / f"{name}.png"
        target.screenshot(path=str(path), full_page=full_page)
        return path

    return take
