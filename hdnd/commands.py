"""The shape every scheduled job's management command shares: `--ngay dd/mm/yyyy` runs it as on that day,
`--hang-doi` puts its task on the queue instead (the task worker then runs the same job)."""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from hdnd.dates import parse_day


class DailyJobCommand(BaseCommand):
    """A daily job run by cron or by the task worker: subclasses name the `task` that does the same job
    and write `run(on=...)`, which does it now and says what it did."""

    task: Any = None  # the Django task (django.tasks) queued by --hang-doi

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--ngay", help="Tính như vào ngày này (dd/mm/yyyy); mặc định hôm nay.")
        parser.add_argument("--hang-doi", action="store_true", help="Đưa vào hàng đợi tác vụ thay vì chạy ngay.")

    def handle(self, *args: object, **options: object) -> None:
        if options["hang_doi"]:
            result = self.task.enqueue()
            self.stdout.write(f"Đã đưa vào hàng đợi: {result.id}")
            return
        on = None
        if options["ngay"]:
            try:
                on = parse_day(str(options["ngay"]))
            except ValueError as exc:
                raise CommandError("Ngày không hợp lệ, cần dạng dd/mm/yyyy.") from exc
        self.run(on=on)

    def run(self, *, on: datetime.date | None) -> None:
        raise NotImplementedError
