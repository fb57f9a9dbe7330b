import datetime

from hdnd.commands import DailyJobCommand
from reception.reminders import reception_reminders_send
from reception.tasks import send_reception_reminders


class Command(DailyJobCommand):
    help = "Nhắc người tiếp công dân trước ngày tiếp theo lịch đã công bố (mỗi ngày tiếp nhắc một lần)."
    task = send_reception_reminders

    def run(self, *, on: datetime.date | None) -> None:
        count = reception_reminders_send(on=on)
        self.stdout.write(f"Đã nhắc {count} ngày tiếp công dân.")
