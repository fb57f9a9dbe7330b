import os

from django.core.management.base import BaseCommand

from hdnd.demo_live import live_council, logins, seed_live
from registry.demo import DEMO_PASSWORD, seed


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu: HĐND thị xã Đức Phổ (tỉnh Quảng Ngãi), nhiệm kỳ 2021-2026, và một Hội đồng đang hoạt động "
        "hôm nay. Chạy lại không tạo trùng."
    )

    def handle(self, *args: object, **options: object) -> None:
        council, town_logins = seed()
        self.stdout.write(self.style.SUCCESS(f"Dữ liệu mẫu: {council}."))
        self.stdout.write(seed_live())
        # The logins open on the live council: the list says what each is linked to there (the same people
        # and roles in the town council's records); the province's login is of another council.
        live = live_council()
        self.stdout.write(f"Tài khoản dùng thử tại {live} (mật khẩu chung: {DEMO_PASSWORD}):")
        listed = logins(live)
        for username, role in listed:
            self.stdout.write(f"  {username:<15} {role}")
        names = {username for username, _ in listed}
        for username, role in town_logins:
            if username not in names:
                self.stdout.write(f"  {username:<15} {role}")
        port = os.environ.get("DEMO_PORT") or "8000"
        self.stdout.write(f"Mở http://127.0.0.1:{port} để đăng nhập.")
