import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reception.reminders import reception_reminders_send
from reception.tasks import send_reception_reminders


class Command(BaseCommand):
    help = "Nhắc người tiếp công dân trước ngày tiếp theo lịch đã công bố (mỗi ngày tiếp nhắc một lần)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--ngay", help="Tính như vào ngày này (dd/mm/yyyy); mặc định hôm nay.")
        parser.add_argument("--hang-doi", action="store_true", help="Đưa vào hàng đợi tác vụ thay vì chạy ngay.")

    def handle(self, *args: object, **options: object) -> None:
        if options["hang_doi"]:
            result = send_reception_reminders.enqueue()
            self.stdout.write(f"Đã đưa vào hàng đợi: {result.id}")
            return
        on = None
        if options["ngay"]:
            try:
                on = datetime.datetime.strptime(str(options["ngay"]), "%d/%m/%Y").date()
            except ValueError as exc:
                raise CommandError("Ngày không hợp lệ, cần dạng dd/mm/yyyy.") from exc
        count = reception_reminders_send(on=on)
        self.stdout.write(f"Đã nhắc {count} ngày tiếp công dân.")
