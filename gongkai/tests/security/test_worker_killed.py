"""A job's process killed (SIGKILL) in the middle of its work and started again leaves no half-done
state: the retention purge (``manage.py purge_personal``, as cron runs it) commits each kind of
record whole or not at all, so after the kill every record is either purged (its data gone, its PurgedRecord and its audit
line written) or untouched; the restarted run purges the rest, none twice.
"""

from __future__ import annotations

import datetime as dt
import re
import signal
import subprocess
import sys
import time

import pytest

from gongkai.applications.models import ApplicantType, Application, Status
from gongkai.audit.models import AuditEvent
from gongkai.hotline.models import Channel, Ticket
from gongkai.hotline.models import Status as TicketStatus
from gongkai.personal.actions import PURGE
from gongkai.personal.models import PurgedRecord
from gongkai.tests.security.server import BASE_DIR, database_url, server_environment

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.security]

EACH = 400  # applications and letters past their period


def _records(personas) -> None:
    Application.objects.bulk_create(
        Application(
            district=personas.district,
            organisation=personas.department,
            number=f"K2010-{i:06d}",
            query_code_hash=f"{i:064d}",
            status=Status.CLOSED,
            channel="online",
            received_on=dt.date(2010, 3, 1),
            replied_on=dt.date(2010, 3, 20),
            outcome="disclose",
            applicant_type=ApplicantType.NATURAL,
            category="natural",
            name=f"申请人{i}",
            phone=f"139{i:08d}",
            description=f"请公开申请人{i}所在小区的改造资金",
        )
        for i in range(EACH)
    )
    closed = dt.datetime(2015, 5, 1, 10, tzinfo=dt.UTC)
    Ticket.objects.bulk_create(
        Ticket(
            district=personas.district,
            number=f"KX{i:08d}",
            serial=i + 1,
            office=personas.office,
            channel=Channel.MAILBOX,
            received_at=closed - dt.timedelta(days=5),
            caller_name=f"来信人{i}",
            phone=f"138{i:08d}",
            matter=f"我是来信人{i}，电话138{i:08d}，路灯坏了",
            status=TicketStatus.CLOSED,
            closed_at=closed,
        )
        for i in range(EACH)
    )


def _manage(tmp_path, *args: str) -> subprocess.Popen:
    env = server_environment(tmp_path, database_url())
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _state() -> dict[str, tuple[set[int], set[int], int]]:
    """Per model: the records marked purged, the records whose data is gone, and the records the
    audit trail says were purged."""
    audited: dict[str, int] = {"applications.application": 0, "hotline.ticket": 0}
    for note in AuditEvent.objects.filter(action=PURGE).values_list("note", flat=True):
        n = int(re.search(r" (\d+) 条", note)[1])
        audited["applications.application" if note.startswith("政府信息公开申请") else "hotline.ticket"] += n
    out = {}
    for model, label, field in (
        (Application, "applications.application", "name"),
        (Ticket, "hotline.ticket", "caller_name"),
    ):
        marked = set(PurgedRecord.objects.filter(model=label).values_list("object_id", flat=True))
        blank = {obj.pk for obj in model.objects.all() if not getattr(obj, field).plaintext()}
        out[label] = (marked, blank, audited[label])
    return out


def test_a_purge_killed_mid_run_leaves_each_record_whole_and_the_restart_finishes_it(
    personas, tmp_path, capsys
):
    _records(personas)
    process = _manage(tmp_path, "purge_personal")
    deadline = time.monotonic() + 120
    # The applications are purged first (INSTALLED_APPS order) and committed together; kill the
    # process as soon as they are, in the middle of the letters.
    while not PurgedRecord.objects.exists():
        assert process.poll() is None, process.stdout.read().decode()
        assert time.monotonic() < deadline
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL

    after_kill = _state()
    for marked, blank, audited in after_kill.values():
        assert marked == blank and audited == len(marked)  # whole or absent, never half
    done_before = sum(len(marked) for marked, _b, _a in after_kill.values())
    assert done_before < 2 * EACH  # the kill came before the end

    restart = _manage(tmp_path, "purge_personal")
    output = restart.communicate(timeout=300)[0].decode()
    assert restart.returncode == 0, output
    for marked, blank, audited in _state().values():
        assert len(marked) == EACH and marked == blank and audited == EACH  # each once, none twice
    with capsys.disabled():
        print(
            f"\nworker killed (SIGKILL) mid-purge: {done_before} of {2 * EACH} records done before, "
            f"{2 * EACH - done_before} by the restart, 0 half-done, 0 purged twice"
        )
