import datetime

from followup.reminders import reminders_send
from followup.tasks import send_reminders
from hdnd.commands import DailyJobCommand
from hdnd.imports.flow import uploads_expire


class Command(DailyJobCommand):
    help = (
        "Nhắc việc sắp đến hạn và quá hạn (mỗi việc chỉ nhắc một lần ở mỗi mốc), xóa tệp nhập bỏ dở quá hạn lưu. "
        "Chạy hằng ngày bằng cron."
    )
    task = send_reminders

    def run(self, *, on: datetime.date | None) -> None:
        counts = reminders_send(on=on)
        self.stdout.write(f"Đã nhắc {counts['sap_den_han']} việc sắp đến hạn, {counts['qua_han']} việc quá hạn.")
        self.stdout.write(f"Đã xóa {uploads_expire()} tệp nhập bỏ dở quá hạn lưu.")
