"""`manage.py restore tệp.tar [--force]`: check a backup archive, then put its database and files back."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from hdnd.backup import restore_archive


class Command(BaseCommand):
    help = (
        "Khôi phục cơ sở dữ liệu và tệp tải lên từ một tệp sao lưu của lệnh backup. Mọi mã kiểm tra được "
        "đối chiếu trước; cơ sở dữ liệu đã có dữ liệu chỉ bị ghi đè khi có --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="Tệp sao lưu (.tar) do lệnh backup tạo.")
        parser.add_argument("--force", action="store_true", help="Ghi đè cơ sở dữ liệu đã có dữ liệu.")
        parser.add_argument("--database", default="default", help="Bí danh cơ sở dữ liệu (mặc định: default).")

    def handle(self, *args: object, archive: str, force: bool = False, database: str = "default", **options) -> None:
        manifest, files = restore_archive(Path(archive), force=force, alias=database)
        created = timezone.localtime(datetime.datetime.fromisoformat(manifest["created_at"]))
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã khôi phục từ {archive} (tạo lúc {created:%H:%M ngày %d/%m/%Y}): cơ sở dữ liệu "
                f"{manifest['database_engine']} và {files} tệp tải lên. Chạy `manage.py migrate` nếu mã nguồn "
                "mới hơn bản sao lưu."
            )
        )
