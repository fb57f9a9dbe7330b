from django.core.management.base import BaseCommand

from registry.units import load_administrative_units


class Command(BaseCommand):
    help = "Nạp danh mục đơn vị hành chính hiện hành (34 tỉnh, 3.321 xã) từ gói vietnam-provinces."

    def handle(self, *args: object, **options: object) -> None:
        created, total = load_administrative_units()
        self.stdout.write(f"Đã thêm {created} Hội đồng; tổng số {total} đơn vị hành chính hiện hành.")
