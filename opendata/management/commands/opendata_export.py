from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from opendata import export
from registry.models import Council


class Command(BaseCommand):
    help = (
        "Xuất dữ liệu mở (ZIP gồm CSV, JSON, README và mô tả CSVW): --council ID cho một Hội đồng, --all cho cả "
        "nước và từng Hội đồng đang hoạt động (chạy hằng đêm bằng cron). Không tham số: bản của cả nước."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--council", type=int, help="Mã Hội đồng.")
        group.add_argument("--all", action="store_true", help="Cả nước và từng Hội đồng đang hoạt động.")

    def handle(self, *args: object, **options: object) -> None:
        if options["all"]:
            done = export.export_all()
        else:
            council = None
            if options["council"] is not None:
                council = Council.objects.filter(pk=options["council"]).first()
                if council is None:
                    raise CommandError(f"Không có Hội đồng mã {options['council']}.")
            try:
                done = [export.export_build(council=council)]
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
        for row in done:
            self.stdout.write(f"{row}: {row.file.name} ({row.size} byte)")
