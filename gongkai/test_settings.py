"""Settings for the test suite: production-like (DEBUG off) with fixed test keys.

The variables are only defaults: CI sets DATABASE_URL and REDIS_URL to run the same suite
against PostgreSQL and a real Redis.
"""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "test-secret-key-" + "x" * 50)
os.environ.setdefault("PERSONAL_DATA_KEYS", "tH6NZ0QyHx9V2bQ3PzV2LJjv3JzHkXQm8mO8Fq0Y3nE=")
os.environ.setdefault("PERSONAL_DATA_INDEX_KEY", "test-index-key-" + "y" * 32)
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("TASK_BACKEND", "immediate")
# The public forms' captcha and timing check (lib/abuse.py) are off for the suite, whose tests post
# forms directly and in quick succession; gongkai/lib/tests/test_abuse*.py and the forms' own abuse
# tests switch them on with the production defaults. Searches are not limited for the same reason.
os.environ.setdefault("ABUSE_CAPTCHA_AFTER", "0")
os.environ.setdefault("ABUSE_MIN_FILL_SECONDS", "0")
os.environ.setdefault("SEARCH_PER_MINUTE", "1000000")

from gongkai.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests only

# Tests render pages without running collectstatic first: serve from the app folders.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# One test database per run, so that two runs on one machine never share a file.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / f"test-{os.getpid()}.sqlite3")}  # noqa: F405
# On PostgreSQL, the test database need not wait for each commit to reach the disk: a crash loses
# only a test run, and the transactional tests (browser, concurrency) commit and truncate often.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    _options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    _options["options"] = (_options.get("options", "") + " -c synchronous_commit=off").strip()

# No shared page cache in tests: each test's database is rolled back, so a page cached by one test
# could be served to the next. The page-cache tests switch a real cache on for themselves.
# Nor fragments: their keys carry the page cache's generation, which a dummy page cache never bumps.
CACHES = {
    **CACHES,  # noqa: F405
    "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    "fragments": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
