"""Benchmark: importing 10,000 Excel rows and duplicate suggestions for a round of 2,000 petitions.

Prints figures only (targets of issue 8: import < 10 s on PostgreSQL, suggestions < 2 s). Everything is
written inside one transaction that is rolled back: the database is left as it was.
"""

import io
import random
import time

from django.core.management.base import BaseCommand
from django.db import transaction
from openpyxl import Workbook

from hdnd.imports import preview
from petitions import selectors, services
from petitions.imports import PETITIONS
from petitions.models import Level, Period
from registry import services as registry_services
from registry.models import BodyKind, CouncilLevel, UnitType

ACTIONS = [
    "nâng cấp",
    "sửa chữa",
    "xây dựng mới",
    "mở rộng",
    "kiên cố hóa",
    "bổ sung kinh phí cho",
    "khắc phục hư hỏng",
]
OBJECTS = [
    "tuyến đường bê tông",
    "hệ thống đèn chiếu sáng công cộng",
    "kênh mương nội đồng",
    "phòng học điểm trường mẫu giáo",
    "nhà văn hóa",
    "điểm tập kết rác thải sinh hoạt",
    "cầu tràn",
    "trạm bơm điện",
    "mạng lưới cấp nước sinh hoạt",
    "trạm y tế",
    "chợ",
    "bờ kè chống sạt lở",
    "sân thể thao",
    "nghĩa trang nhân dân",
]
REASONS = [
    "đã xuống cấp nghiêm trọng",
    "gây mất an toàn cho người dân",
    "ảnh hưởng đến sản xuất",
    "nhân dân nhiều lần kiến nghị",
    "mùa mưa thường xuyên ngập úng",
    "",
]
VILLAGES = ["An Ba", "Trung Hải", "Vĩnh Xuân", "Đông Quang", "Tân Lập", "Hòa Bình", "Phước Thạnh", "Long Tân"]


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Đo thời gian nhập 10.000 dòng Excel và gợi ý trùng lặp cho một đợt 2.000 kiến nghị (không lưu lại)."

    def add_arguments(self, parser: object) -> None:
        parser.add_argument("--rows", type=int, default=10000)
        parser.add_argument("--round-size", type=int, default=2000)

    def handle(self, *args: object, rows: int, round_size: int, **options: object) -> None:
        try:
            with transaction.atomic():
                self._run(rows, round_size)
                raise _Rollback
        except _Rollback:
            self.stdout.write("(Dữ liệu thử đã được hoàn tác.)")

    def _text(self, rnd: random.Random, i: int) -> str:
        # Varied texts: an action, an object, a village of one of the communes, a reason, a number.
        place = f"thôn {rnd.choice(VILLAGES)}, xã Đo {i % 15}"
        reason = rnd.choice(REASONS)
        return (
            f"Đề nghị {rnd.choice(ACTIONS)} {rnd.choice(OBJECTS)} số {i} tại {place}{', ' + reason if reason else ''}"
        )

    def _run(self, rows: int, round_size: int) -> None:
        rnd = random.Random(8)
        council = registry_services.council_create(
            level=CouncilLevel.DISTRICT,
            unit_type=UnitType.THI_XA,
            unit_name="Đo Hiệu Năng",
            unit_code="B9999",
            historical=True,
        )
        units = [
            registry_services.council_create(
                level=CouncilLevel.COMMUNE,
                unit_type=UnitType.XA,
                unit_name=f"Đo {i}",
                unit_code=f"B9{i:03}",
                historical=True,
                parent=council,
            )
            for i in range(15)
        ]
        registry_services.body_create(council=council, kind=BodyKind.AGENCY, name="Phòng Đo", short_name="Phòng Đo")
        services.field_defaults_ensure(council=council)
        contact_round = services.round_create(council=council, year=2024, period=Period.MID_YEAR)

        second = services.round_create(council=council, year=2024, period=Period.YEAR_END)
        items, text = [], ""
        for i in range(round_size):
            # One in ten says again what the previous commune said, in capitals and with "Cử tri" first.
            text = f"Cử tri {text.upper()}" if i % 10 == 1 else self._text(rnd, rows + i)
            items.append(services.PetitionData(text=text, unit=units[i % 15], level=Level.DISTRICT))
        services.petitions_bulk_create(contact_round=second, items=items)
        start = time.perf_counter()
        groups = selectors.duplicate_suggestions(contact_round=second)
        elapsed = time.perf_counter() - start
        self.stdout.write(f"Gợi ý trùng lặp cho đợt {round_size} kiến nghị: {elapsed:.2f} s, {len(groups)} nhóm.")

        wb = Workbook()
        ws = wb.active
        ws.append(["STT", "Nội dung kiến nghị", "Xã, phường", "Lĩnh vực", "Cấp thẩm quyền", "Cơ quan giải quyết"])
        for i in range(rows):
            ws.append([i + 1, self._text(rnd, i), units[i % 15].unit_name, "Giao thông", "Thị xã", "Phòng Đo"])
        buffer = io.BytesIO()
        wb.save(buffer)
        content = buffer.getvalue()

        start = time.perf_counter()
        result = preview(PETITIONS, contact_round, content, "kien-nghi.xlsx")
        parsed = time.perf_counter()
        if not result.ok:
            self.stderr.write(f"Lỗi đọc tệp: {result.message or result.errors[:3]}")
            return
        services.petitions_bulk_create(contact_round=contact_round, items=result.new_items())
        saved = time.perf_counter()
        self.stdout.write(
            f"Nhập {rows} dòng Excel: đọc và kiểm tra {parsed - start:.2f} s, lưu {saved - parsed:.2f} s, "
            f"tổng {saved - start:.2f} s."
        )

        start = time.perf_counter()
        groups = selectors.duplicate_suggestions(contact_round=second)
        elapsed = time.perf_counter() - start
        self.stdout.write(
            f"Gợi ý trùng lặp cho đợt {round_size} kiến nghị, so cả với {rows} kiến nghị chưa giải quyết của đợt "
            f"trước: {elapsed:.2f} s, {len(groups)} nhóm."
        )
