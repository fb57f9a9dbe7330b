"""`manage.py backup [đường-dẫn.tar]`: the database and every uploaded file into one checked archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from hdnd.backup import create_archive, default_output


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và toàn bộ tệp tải lên (MEDIA_ROOT) vào một tệp .tar có manifest và mã SHA-256."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "output", nargs="?", help="Đường dẫn tệp sao lưu (mặc định backups/hdnd-YYYYmmdd-HHMMSS.tar)."
        )
        parser.add_argument("--database", default="default", help="Bí danh cơ sở dữ liệu (mặc định: default).")

    def handle(self, *args: object, output: str | None = None, database: str = "default", **options: object) -> None:
        path = Path(output) if output else default_output()
        manifest = create_archive(path, alias=database)
        media = sum(1 for item in manifest["files"] if item["path"].startswith("media/"))
        size = path.stat().st_size
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sao lưu vào {path} ({size:,} byte): cơ sở dữ liệu {manifest['database_engine']}, "
                f"{len(manifest['migrations'])} migration, {media} tệp tải lên."
            )
        )
