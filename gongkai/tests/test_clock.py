"""The suite runs on whatever the clock reads: ``make test-clock CLOCK="…"`` moves the clock of the
whole test process (libfaketime, ``FAKETIME="@…"``), the browser it starts included."""

import os
import time

import pytest


def _moved_to() -> float | None:
    """Where ``make test-clock`` started the clock (seconds since the epoch); None on the real clock."""
    faketime = os.environ.get("FAKETIME", "")
    if not (faketime.startswith("@") and os.environ.get("FAKETIME_FMT") == "%s"):
        return None
    return float(faketime[1:])


def test_the_test_process_runs_on_the_clock_it_was_given():
    started = _moved_to()
    if started is None:
        pytest.skip("on the real clock (make test-clock moves it)")
    assert started <= time.time() < started + 6 * 3600


def test_the_browser_reads_the_same_clock_as_the_test_process(browser):
    # Chromium is a child of Playwright's driver, itself a child of this process: under libfaketime
    # all three must agree, or a browser test would see another day than the server it talks to.
    context = browser.new_context()
    try:
        browser_now = context.new_page().evaluate("Date.now()") / 1000
    finally:
        context.close()
    assert abs(browser_now - time.time()) < 60
    started = _moved_to()
    if started is not None:
        assert started <= browser_now < started + 6 * 3600
