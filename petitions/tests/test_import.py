"""Excel import: a good file, every kind of bad row, whole-file problems, all or nothing."""

import io
import unicodedata

import pytest
from openpyxl import Workbook, load_workbook

from petitions import services
from petitions.excel import read_petitions, template_workbook
from petitions.models import Level, Petition, Petitioner

HEADER = [
    "STT",
    "Nội dung kiến nghị",
    "Xã, phường",
    "Lĩnh vực",
    "Cấp thẩm quyền",
    "Cơ quan giải quyết",
    "Số cử tri",
    "Người kiến nghị",
    "Địa chỉ",
    "Điện thoại",
]


def xlsx(rows: list[list], header: list = HEADER, merge: str | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    if merge:
        ws.merge_cells(merge)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


GOOD = [
    [
        1,
        "Đề nghị nâng cấp đường giao thông thôn An Ba",
        "Phổ An",
        "Giao thông",
        "Thị xã",
        "Phòng QLĐT",
        3,
        "Nguyễn Văn Bình",
        "Thôn An Ba",
        "0905123456",
    ],
    [2, "Đề nghị tỉnh sửa chữa Quốc lộ 1", "phường Phổ Quang", "giao thông", "Tỉnh", "", "", "", "", ""],
    [3, "Đề nghị sửa chữa trường mẫu giáo", "Xã Phổ Châu", "Giáo dục", "huyện", "", 2, "", "", ""],
]


@pytest.mark.django_db
def test_good_file_previews_then_saves_everything(town) -> None:
    result = read_petitions(xlsx(GOOD), town.round)
    assert result.ok, [str(e) for e in result.errors]
    assert result.rows == [2, 3, 4]
    created = services.petitions_bulk_create(contact_round=town.round, items=result.items)
    assert len(created) == 3
    first, second, _third = Petition.objects.filter(round=town.round).order_by("pk")
    assert first.unit == town.units["Phổ An"] and first.voters == 3 and first.body == town.bodies["Phòng QLĐT"]
    assert second.level == Level.PROVINCE and second.body == town.bodies["HĐND tỉnh"]
    assert Petitioner.objects.get(petition=first).phone == "0905123456"
    assert first.history.count() == 1


@pytest.mark.django_db
def test_template_is_read_back_and_common_headers_are_understood(town) -> None:
    result = read_petitions(template_workbook(), town.round)
    assert result.ok, [str(e) for e in result.errors]
    header = ["TT", "Ý kiến, kiến nghị", "Địa phương", "Lĩnh vực", "Cấp giải quyết", "Ghi chú"]
    result = read_petitions(
        xlsx([[1, "Đề nghị nạo vét kênh mương", "Phổ Cường", "Nông nghiệp", "Xã", ""]], header), town.round
    )
    assert result.ok, [str(e) for e in result.errors]
    assert load_workbook(io.BytesIO(template_workbook())).active["B1"].value == "Nội dung kiến nghị"


BAD_ROWS = [
    (
        [1, "Đề nghị  sửa đường", "Phổ An", "Giao thông", "Thị xã", "", "", "", "", ""],
        "Nội dung kiến nghị",
        "khoảng trắng thừa",
    ),
    (
        [1, " Đề nghị sửa đường", "Phổ An", "Giao thông", "Thị xã", "", "", "", "", ""],
        "Nội dung kiến nghị",
        "khoảng trắng thừa",
    ),
    (
        [1, unicodedata.normalize("NFD", "Đề nghị sửa đường"), "Phổ An", "Giao thông", "Thị xã", "", "", "", "", ""],
        "Nội dung kiến nghị",
        "NFC",
    ),
    (
        [1, "Đề nghị sửa đường", "Phổ Xa Lạ", "Giao thông", "Thị xã", "", "", "", "", ""],
        "Xã, phường",
        "không có xã, phường",
    ),
    (
        [1, "Đề nghị sửa đường", "Phổ An", "Hàng không", "Thị xã", "", "", "", "", ""],
        "Lĩnh vực",
        "không có trong danh mục",
    ),
    (
        [1, "Đề nghị sửa đường", "Phổ An", "Giao thông", "Liên hợp quốc", "", "", "", "", ""],
        "Cấp thẩm quyền",
        "không hợp lệ",
    ),
    (
        [1, "Đề nghị sửa đường", "Phổ An", "Giao thông", "Thị xã", "Bộ Ngoại giao", "", "", "", ""],
        "Cơ quan giải quyết",
        "không có",
    ),
    ([1, "Đề nghị sửa đường", "Phổ An", "Giao thông", "Thị xã", "", "mười", "", "", ""], "Số cử tri", "số nguyên"),
    ([1, "", "Phổ An", "Giao thông", "Thị xã", "", "", "", "", ""], "Nội dung kiến nghị", "chưa có nội dung"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("bad", "column", "words"), BAD_ROWS)
def test_each_kind_of_bad_row_is_reported_by_row_and_column_and_nothing_is_saved(town, bad, column, words) -> None:
    result = read_petitions(xlsx([GOOD[0], bad, GOOD[1]]), town.round)
    assert not result.ok
    messages = [str(e) for e in result.errors]
    assert any(m.startswith(f"Dòng 3, cột “{column}”") and words in m for m in messages), messages
    assert Petition.objects.count() == 0


@pytest.mark.django_db
def test_blank_row_inside_the_table_and_merged_cells_are_reported(town) -> None:
    result = read_petitions(xlsx([GOOD[0], [None] * 10, GOOD[1]]), town.round)
    assert any(str(e).startswith("Dòng 3: dòng trống") for e in result.errors)
    result = read_petitions(xlsx([GOOD[0], GOOD[1]], merge="C2:C3"), town.round)
    assert any(str(e).startswith("Dòng 2, cột “Xã, phường”: ô gộp (C2:C3)") for e in result.errors)
    result = read_petitions(xlsx([GOOD[0], GOOD[1], [None] * 10, [None] * 10]), town.round)
    assert result.ok  # blank rows after the table are its end, not errors


@pytest.mark.django_db
def test_district_level_is_wrong_after_the_reform(town) -> None:
    late = services.round_create(council=town.council, year=2025, period="cuoi_nam")
    result = read_petitions(xlsx([GOOD[2]]), late)
    assert "Dòng 2, cột “Cấp thẩm quyền”: cấp huyện/thị xã chỉ dùng cho hồ sơ trước 01/07/2025 (Luật 72/2025/QH15)" in [
        str(e) for e in result.errors
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"STT,Noi dung\n1,abc\n", "không phải là tệp Excel"),
        (b"PK\x03\x04 broken zip", "không phải là tệp Excel"),
    ],
)
def test_non_excel_file_gets_a_clear_message(town, content, message) -> None:
    assert message in read_petitions(content, town.round).message


@pytest.mark.django_db
def test_empty_sheet_and_missing_columns_get_a_clear_message(town) -> None:
    wb = Workbook()
    buffer = io.BytesIO()
    wb.save(buffer)
    assert "không có dữ liệu" in read_petitions(buffer.getvalue(), town.round).message
    assert "chưa có kiến nghị nào" in read_petitions(xlsx([]), town.round).message
    assert (
        "Thiếu cột bắt buộc: Xã, phường"
        in read_petitions(xlsx([], ["STT", "Nội dung kiến nghị", "Cấp"]), town.round).message
    )


@pytest.mark.django_db
def test_import_screen_preview_then_confirm_saves_all_or_nothing(town, as_user) -> None:
    client = as_user("office")
    url = f"/kien-nghi/dot/{town.round.pk}/nhap-excel/"
    bad = io.BytesIO(xlsx([GOOD[0], [1, "Đề nghị", "Phổ Xa Lạ", "", "Xã", "", "", "", "", ""]]))
    bad.name = "kien-nghi.xlsx"
    response = client.post(url, {"file": bad})
    assert "Dòng 3, cột “Xã, phường”" in response.content.decode()
    assert Petition.objects.count() == 0
    good = io.BytesIO(xlsx(GOOD))
    good.name = "kien-nghi.xlsx"
    response = client.post(url, {"file": good})
    assert "Xem trước: 3 kiến nghị" in response.content.decode()
    assert Petition.objects.count() == 0
    digest = response.context["result"].digest
    response = client.post(url, {"confirm": digest})
    assert response.status_code == 302
    assert Petition.objects.count() == 3
    assert client.post(url, {"confirm": digest}).status_code == 302  # a replay is refused (session cleared)
    assert Petition.objects.count() == 3
    response = client.post(url, {})
    assert "Vui lòng chọn tệp Excel." in response.content.decode()


@pytest.mark.django_db
def test_title_rows_above_the_header_are_skipped(town) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["TỔNG HỢP Ý KIẾN, KIẾN NGHỊ CỬ TRI TRƯỚC KỲ HỌP GIỮA NĂM 2024"])
    ws.merge_cells("A1:F1")
    ws.append([])
    ws.append(HEADER)
    ws.append(GOOD[0])
    buffer = io.BytesIO()
    wb.save(buffer)
    result = read_petitions(buffer.getvalue(), town.round)
    assert result.ok, [str(e) for e in result.errors]
    assert result.rows == [4]
