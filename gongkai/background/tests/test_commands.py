import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from gongkai.background import periodic
from gongkai.background.models import JobRun, RunStatus, RunTrigger

T0 = dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC)

pytestmark = pytest.mark.django_db


def ran(calls):
    """The names of the jobs that ran, in order."""
    return [call[0] if isinstance(call, tuple) else call for call in calls]


def run_command(*args):
    out, err = StringIO(), StringIO()
    call_command("run_periodic", *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


@pytest.fixture
def daily(registry, calls):
    @periodic.periodic("daily", every=dt.timedelta(days=1), description="每天一次")
    def daily(now):
        calls.append("daily")
        return "日报已生成"


def test_run_periodic_runs_the_due_jobs_and_a_second_invocation_runs_none(hourly, daily, calls):
    with time_machine.travel(T0, tick=False):
        output = run_command()
        assert "hourly：成功" in output and "daily：成功 日报已生成" in output
        assert "没有到期的定时任务" in run_command()
    assert sorted(ran(calls)) == ["daily", "hourly"]
    assert set(JobRun.objects.values_list("trigger", flat=True)) == {RunTrigger.COMMAND}


def test_a_missed_run_is_caught_up_by_the_next_invocation(hourly, daily, calls):
    with time_machine.travel(T0, tick=False):
        run_command()
    calls.clear()
    with time_machine.travel(T0 + dt.timedelta(hours=5), tick=False):  # four cron runs were missed
        run_command()
    assert ran(calls) == ["hourly"]


def test_all_runs_every_job_and_a_name_runs_that_job_whether_due_or_not(hourly, daily, calls):
    run_command()
    calls.clear()
    run_command("--all")
    assert sorted(ran(calls)) == ["daily", "hourly"]
    calls.clear()
    run_command("daily")
    assert ran(calls) == ["daily"]


def test_a_failing_job_is_recorded_as_failed_and_the_others_still_run(registry, calls, daily):
    @periodic.periodic("broken", every=dt.timedelta(hours=1), description="")
    def broken(now):
        raise RuntimeError("接口超时")

    @periodic.periodic("later", every=dt.timedelta(hours=1), description="")
    def later(now):
        calls.append("later")

    err = StringIO()
    with pytest.raises(CommandError, match="1 个定时任务失败：broken"):
        call_command("run_periodic", stdout=StringIO(), stderr=err)
    assert "broken：失败 RuntimeError: 接口超时" in err.getvalue()
    assert sorted(calls) == ["daily", "later"]
    assert JobRun.objects.get(name="broken").status == RunStatus.FAILED


def test_an_unknown_name_is_refused_with_the_known_names(hourly):
    with pytest.raises(CommandError, match="未知的定时任务：nope。已登记：hourly"):
        run_command("nope")


def test_list_shows_each_job_with_its_last_run_and_next_due(hourly, daily, settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    with time_machine.travel(T0, tick=False):
        run_command("hourly")
        output = run_command("--list")
    lines = output.splitlines()
    assert lines[0].split() == ["名称", "间隔", "上次运行", "结果", "下次到期", "说明"]
    assert lines[1].split() == ["daily", "1", "天", "从未运行", "—", "现在", "每天一次"]
    assert lines[2].split() == [
        "hourly",
        "1",
        "小时",
        "2025-03-03",
        "17:00",
        "成功",
        "2025-03-03",
        "18:00",
        "每小时",
    ]


def test_schedule_periodic_once_queues_the_due_jobs(hourly, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    out = StringIO()
    call_command("schedule_periodic", "--once", stdout=out)
    call_command("schedule_periodic", "--once", stdout=out)
    assert out.getvalue().count("hourly：已加入队列") == 1
    assert JobRun.objects.get().status == RunStatus.QUEUED
    assert "排队中" in run_command("--list")


def test_the_admin_lists_job_runs_read_only(admin_client, hourly):
    run = periodic.run_job("hourly")
    response = admin_client.get("/admin/background/jobrun/")
    assert response.status_code == 200
    assert "定时任务运行记录" in response.content.decode()
    assert admin_client.get(f"/admin/background/jobrun/{run.pk}/change/").status_code == 200
    assert admin_client.get("/admin/background/jobrun/add/").status_code == 403
