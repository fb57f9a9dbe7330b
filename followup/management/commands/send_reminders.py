import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser

from followup.reminders import reminders_send
from followup.tasks import send_reminders


class Command(BaseCommand):
    help = "Nhắc việc sắp đến hạn và quá hạn (mỗi việc chỉ nhắc một lần ở mỗi mốc). Chạy hằng ngày bằng cron."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--ngay", help="Tính như vào ngày này (dd/mm/yyyy); mặc định hôm nay.")
        parser.add_argument("--hang-doi", action="store_true", help="Đưa vào hàng đợi tác vụ thay vì chạy ngay.")

    def handle(self, *args: object, **options: object) -> None:
        if options["hang_doi"]:
            result = send_reminders.enqueue()
            self.stdout.write(f"Đã đưa vào hàng đợi: {result.id}")
            return
        on = None
        if options["ngay"]:
            try:
                on = datetime.datetime.strptime(str(options["ngay"]), "%d/%m/%Y").date()
            except ValueError as exc:
                raise CommandError("Ngày không hợp lệ, cần dạng dd/mm/yyyy.") from exc
        counts = reminders_send(on=on)
        self.stdout.write(f"Đã nhắc {counts['sap_den_han']} việc sắp đến hạn, {counts['qua_han']} việc quá hạn.")
