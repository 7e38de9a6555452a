"""An import whose process died is taken up again: each batch is written with the run's figures in
one transaction, so after a kill the run stands exactly where its last batch ended; after
``STALLED_AFTER`` without a batch, ``resume_stalled_imports`` queues it again (or, for a file on the
server, fails it so the command can be run again) and the run goes on after those rows — every case
registered once, the duplicate check and the rejects report those of one whole pass."""

from __future__ import annotations

import datetime as dt
import signal
import subprocess
import sys
import time

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.services import actions
from gongkai.services.actions.cases import STALLED_AFTER
from gongkai.services.models import ImportRun, ImportState, ServiceCase
from gongkai.tests.security.server import BASE_DIR, database_url, server_environment

from .conftest import csv_bytes
from .test_import import ROWS


class Killed(BaseException):
    """The process dying: nothing in the import catches it (it catches Exception)."""


def _kill_after_first_batch(run):
    raise Killed


def _stalled(run):
    return actions.resume_stalled_imports(timezone.now() + STALLED_AFTER + dt.timedelta(minutes=1))


BAD = ["BJ2", "NO-SUCH", "", "2018-03-01", "", "", "", "", "", "", "", "", ""]


def test_an_import_killed_after_a_batch_goes_on_after_it_and_reads_like_one_pass(
    published_item, source, personas
):
    # Batches of two: the first (ROWS[0], ROWS[1]) is written before the kill; after it a bad row,
    # ROWS[0] again (a duplicate only the first pass's reading can tell) and ROWS[2].
    content = csv_bytes([ROWS[0], ROWS[1], BAD, ROWS[0], ROWS[2]])
    run = actions.start_import(
        source, actor=personas.coordinator, upload=ContentFile(content, name="e.csv"), name="e.csv"
    )
    with pytest.raises(Killed):
        actions.run_import(run, batch_size=2, progress=_kill_after_first_batch)
    run.refresh_from_db()
    assert (run.state, run.rows_read, run.created) == (ImportState.RUNNING, 2, 2)
    assert ServiceCase.objects.filter(source=source).count() == 2  # the batch and its figures together

    # A run that moved a moment ago is alive; one silent for longer than STALLED_AFTER is not.
    assert actions.resume_stalled_imports(timezone.now()) == {"resumed": 0, "failed": 0}
    assert _stalled(run) == {"resumed": 1, "failed": 0}
    run.refresh_from_db()
    assert run.state == ImportState.QUEUED
    assert AuditEvent.objects.filter(action="service_import.resume", target_id=str(run.pk)).exists()

    run = actions.run_import(run, batch_size=2)
    assert run.state == ImportState.DONE
    assert (run.rows_read, run.created, run.updated, run.unchanged, run.rejected) == (5, 3, 0, 0, 2)
    assert sorted(ServiceCase.objects.filter(source=source).values_list("case_no", flat=True)) == [
        "BJ2018000001",
        "BJ2018000002",
        "BJ2018000003",
    ]
    report = run.rejects.read().decode("utf-8-sig").splitlines()
    assert report[1:] == [
        "4,BJ2,【事项编码】NO-SUCH 未在本区登记为政务服务事项",
        "5,BJ2018000001,【办件编号】与本文件前面的行重复",
    ]


def test_a_stalled_import_of_a_file_on_the_server_fails_saying_to_run_the_command_again(
    published_item, source, personas, tmp_path
):
    path = tmp_path / "e.csv"
    path.write_bytes(csv_bytes([ROWS[0]]))
    run = actions.start_import_from_path(source, path)
    ImportRun.objects.filter(pk=run.pk).update(state=ImportState.RUNNING, started_at=timezone.now())
    with pytest.raises(Exception, match="尚未完成"):  # the source takes no other import meanwhile
        actions.start_import(
            source, actor=personas.coordinator, upload=ContentFile(b"x", name="f.csv"), name="f.csv"
        )
    assert _stalled(run) == {"resumed": 0, "failed": 1}
    run.refresh_from_db()
    assert run.state == ImportState.FAILED and "请重新运行导入命令" in run.error
    again = actions.start_import(
        source,
        actor=personas.coordinator,
        upload=ContentFile(csv_bytes([ROWS[0]]), name="f.csv"),
        name="f.csv",
    )
    assert actions.run_import(again).created == 1


def test_the_periodic_job_resumes_stalled_imports(published_item, source, personas):
    from gongkai.background.periodic import get_job

    job = get_job("resume_stalled_service_imports")
    assert job.every == dt.timedelta(minutes=5)
    run = actions.start_import(
        source,
        actor=personas.coordinator,
        upload=ContentFile(csv_bytes([ROWS[0]]), name="e.csv"),
        name="e.csv",
    )
    ImportRun.objects.filter(pk=run.pk).update(
        state=ImportState.RUNNING, heartbeat_at=timezone.now() - dt.timedelta(hours=1)
    )
    assert job.func(timezone.now()) == {"resumed": 1, "failed": 0}


ROWS_KILLED = 4_000
BATCH_KILLED = 200


@pytest.mark.django_db(transaction=True)
@pytest.mark.security
def test_a_process_killed_mid_import_leaves_whole_batches_and_the_resumed_run_registers_each_case_once(
    published_item, source, personas, tmp_path
):
    rows = [
        [
            f"BK{i:07d}",
            "JY-XK-001",
            "",
            "2018-03-01",
            "2018-03-01",
            "2018-03-06",
            "",
            "准予",
            "1",
            "满意",
            "2018-03-06",
            "",
            "",
        ]
        for i in range(ROWS_KILLED)
    ]
    # Queued as the staff page queues it, but without the task (the tests' task backend would run it
    # at once, in this process): the process below is the worker.
    run = ImportRun(source=source, file_name="e.csv", created_by=personas.coordinator)
    run.file.save("e.csv", ContentFile(csv_bytes(rows)), save=True)
    code = (
        "from pathlib import Path; from gongkai.services.actions import run_import; "
        "from gongkai.services.models import ImportRun; "
        f"run_import(ImportRun.objects.get(pk={run.pk}), path=Path({run.file.path!r}), batch_size={BATCH_KILLED})"
    )
    process = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=BASE_DIR,
        env=server_environment(tmp_path, database_url()),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 120
    while ImportRun.objects.get(pk=run.pk).rows_read < 2 * BATCH_KILLED:
        assert process.poll() is None, process.stdout.read().decode()
        assert time.monotonic() < deadline
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL

    run.refresh_from_db()
    written = ServiceCase.objects.filter(source=source).count()
    assert run.state == ImportState.RUNNING and run.rows_read < ROWS_KILLED  # killed before the end
    assert written == run.created == run.rows_read and run.rows_read % BATCH_KILLED == 0  # whole batches only

    assert _stalled(run)["resumed"] == 1
    run = actions.run_import(ImportRun.objects.get(pk=run.pk), batch_size=BATCH_KILLED)
    assert run.state == ImportState.DONE
    assert (run.rows_read, run.created, run.unchanged, run.rejected) == (ROWS_KILLED, ROWS_KILLED, 0, 0)
    assert ServiceCase.objects.filter(source=source).count() == ROWS_KILLED
    assert ServiceCase.objects.filter(source=source).values("case_no").distinct().count() == ROWS_KILLED
