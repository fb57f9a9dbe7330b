import os

from django.core.management.base import BaseCommand

from hdnd.demo_live import seed_live
from registry.demo import DEMO_PASSWORD, seed


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu: HĐND thị xã Đức Phổ (tỉnh Quảng Ngãi), nhiệm kỳ 2021-2026, và một Hội đồng đang hoạt động "
        "hôm nay. Chạy lại không tạo trùng."
    )

    def handle(self, *args: object, **options: object) -> None:
        council, logins = seed()
        self.stdout.write(self.style.SUCCESS(f"Dữ liệu mẫu: {council}."))
        self.stdout.write(f"Tài khoản dùng thử (mật khẩu chung: {DEMO_PASSWORD}):")
        for username, role in logins:
            self.stdout.write(f"  {username:<15} {role}")
        self.stdout.write(seed_live())
        port = os.environ.get("DEMO_PORT") or "8000"
        self.stdout.write(f"Mở http://127.0.0.1:{port} để đăng nhập.")
