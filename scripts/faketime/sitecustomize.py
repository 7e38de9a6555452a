"""Imported at start-up by every Python process of ``make test-clock`` (on its PYTHONPATH).

``make test-clock`` moves the wall clock with libfaketime and leaves the monotonic clock real
(FAKETIME_DONT_FAKE_MONOTONIC=1): with a faked monotonic clock, libfaketime 0.9.10 (Debian 12's)
does not translate the deadlines of sem_clockwait, so every wait with a timeout in Python
(Event.wait, queue.get, Thread.join) never times out (libfaketime issue #390). But with the
monotonic clock real, the same version shifts the absolute monotonic deadline that Python 3.11's
time.sleep passes to clock_nanosleep by the fake offset, and the sleep fails with EINVAL (#426).
Both are fixed in libfaketime 0.9.11; until Debian ships it, time.sleep waits in select(), which
takes a relative timeout. Chromium, on the contrary, hangs with the real monotonic clock (0.9.10
mis-times its condition variables) and works with the faked one: the setting, read by libfaketime
when this process started, is taken out of the environment that the processes it starts inherit.
"""

import os
import select
import time


def _sleep(seconds: float) -> None:
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    select.select([], [], [], seconds)


if "faketime" in os.environ.get("LD_PRELOAD", ""):
    time.sleep = _sleep
    os.environ.pop("FAKETIME_DONT_FAKE_MONOTONIC", None)
