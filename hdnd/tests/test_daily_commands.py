"""The scheduled jobs' commands share one date option (hdnd.commands.DailyJobCommand): `--ngay dd/mm/yyyy`
runs the job as on that day, a bad date is refused in Vietnamese, `--hang-doi` queues the job's task."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_tasks_db.models import DBTaskResult

FOLLOWUP, RECEPTION = "followup.management.commands.", "reception.management.commands."
# (command, its module, the job it runs, what the job returns)
JOBS = [
    ("send_reminders", FOLLOWUP + "send_reminders", "reminders_send", {"sap_den_han": 2, "qua_han": 3}),
    ("send_reception_reminders", RECEPTION + "send_reception_reminders", "reception_reminders_send", 4),
]
SAID = {
    "send_reminders": "Đã nhắc 2 việc sắp đến hạn, 3 việc quá hạn.",
    "send_reception_reminders": "Đã nhắc 4 ngày tiếp công dân.",
}


@pytest.mark.django_db
@pytest.mark.parametrize(("command", "module", "job", "result"), JOBS)
def test_ngay_runs_the_job_as_on_that_day(monkeypatch, command, module, job, result) -> None:
    days: list[datetime.date | None] = []

    def fake(*, on: datetime.date | None = None) -> object:
        days.append(on)
        return result

    monkeypatch.setattr(f"{module}.{job}", fake)
    out = StringIO()
    call_command(command, "--ngay", "07/02/2024", stdout=out)
    call_command(command, stdout=StringIO())
    assert days == [datetime.date(2024, 2, 7), None]  # without --ngay the job takes today itself
    assert SAID[command] in out.getvalue()


@pytest.mark.parametrize(("command", "module", "job", "result"), JOBS)
@pytest.mark.parametrize("bad", ["2024-02-07", "31/02/2024", "hôm nay"])
def test_a_bad_date_is_refused_in_vietnamese_and_runs_nothing(monkeypatch, command, module, job, result, bad) -> None:
    monkeypatch.setattr(f"{module}.{job}", lambda **kw: pytest.fail("the job ran on a bad date"))
    with pytest.raises(CommandError, match=r"^Ngày không hợp lệ, cần dạng dd/mm/yyyy\.$"):
        call_command(command, "--ngay", bad, stdout=StringIO())


@pytest.mark.django_db
@pytest.mark.parametrize(("command", "module", "job", "result"), JOBS)
def test_hang_doi_queues_the_jobs_task(monkeypatch, command, module, job, result) -> None:
    monkeypatch.setattr(f"{module}.{job}", lambda **kw: pytest.fail("the job ran instead of being queued"))
    out = StringIO()
    call_command(command, "--hang-doi", stdout=out)
    queued = DBTaskResult.objects.get()
    assert queued.task_path.rsplit(".", 1)[-1] == command
    assert f"Đã đưa vào hàng đợi: {queued.id}" in out.getvalue()
