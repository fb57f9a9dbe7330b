from django.core.management.base import BaseCommand

from documents.docx_build import build_all


class Command(BaseCommand):
    help = "Tạo lại các mẫu DOCX đi kèm sản phẩm (documents/docx_templates/)."

    def handle(self, *args: object, **options: object) -> None:
        for path in build_all():
            self.stdout.write(f"Đã ghi {path}")
