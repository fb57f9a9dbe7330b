"""The shared importer: synonyms, title rows, cleaning, unique insensitive matching, located Vietnamese errors."""

import io
import unicodedata

from openpyxl import Workbook

from hdnd.imports import Choices, Field, Target, preview

COMMUNES = Choices([("Phổ Thuận", 1), ("Phổ Châu", 2), ("Phổ An", 3)], "xã, phường")


def commune(text, context):
    return COMMUNES.match(text)


TARGET = Target(
    key="test",
    label="Thử",
    fields=[
        Field("text", "Nội dung kiến nghị", ("nội dung", "ý kiến, kiến nghị"), required=True),
        Field("unit", "Xã, phường", ("địa phương",), required=True, parse=commune),
    ],
    context=lambda owner: {},
    build=lambda values, context: (values["text"], values["unit"]),
    save=lambda owner, items, user: items,
    existing=lambda context: {("Đã có", 3)},
    existing_key=lambda item: item,
)


def xlsx(rows):
    wb = Workbook()
    ws = wb.active
    ws.title = "Kiến nghị"
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_synonym_title_rows_cleaning_and_matching():
    nfd = unicodedata.normalize("NFD", "Sửa   đường ")
    content = xlsx(
        [
            ["TỔNG HỢP Ý KIẾN CỬ TRI"],
            ["STT", "Nội dung ý kiến, kiến nghị", "Xã, phường", "Ghi chú"],
            [1, nfd, "phổ thuận", ""],
            [None, None, None, None],
            [2, "Đã có", "  Phổ   An ", "x"],
        ]
    )
    result = preview(TARGET, None, content, "a.xlsx")
    assert result.errors == [] and result.message == ""
    assert result.blank_rows == [4]
    assert result.rows[0].item == ("Sửa đường", 1)
    assert result.rows[0].matched == {"Xã, phường": "Phổ Thuận"}
    assert result.rows[1].already and not result.rows[0].already
    assert result.new_items() == [("Sửa đường", 1)]


def test_error_names_sheet_row_letter_header_and_near_matches():
    content = xlsx([["TT", "Địa phương", "Nội dung"], [1, "Phổ Chau x", "Đường"], [2, "Phổ An", ""]])
    result = preview(TARGET, None, content, "a.xlsx")
    messages = [str(e) for e in result.errors]
    assert messages[0].startswith("Trang “Kiến nghị”, dòng 2, cột B (“Địa phương”): không có xã, phường “Phổ Chau x”")
    assert "gần giống: Phổ Châu" in messages[0]
    assert messages[1] == "Trang “Kiến nghị”, dòng 3, cột C (“Nội dung”): chưa ghi nội dung kiến nghị"
    assert not result.ok


def test_csv_windows_1258_and_utf8_bom():
    for content in (
        "Nội dung kiến nghị;Xã, phường\nSửa cầu;Phổ Châu\n".encode("utf-8-sig"),
        "Noi dung kien nghi,Xa phuong\nSua cau,Pho Chau\n".encode("cp1258"),
    ):
        result = preview(TARGET, None, content, "a.csv")
        assert result.ok, result.message or result.errors
        assert result.rows[0].item[1] == 2


def test_mapping_overrides_and_missing_required_column():
    content = xlsx([["Cột 1", "Cột 2"], ["Sửa cầu", "Phổ An"]])
    missing = preview(TARGET, None, content, "a.xlsx")
    assert not missing.ok
    assert "Không tìm thấy dòng tiêu đề" in missing.message and "“Nội dung kiến nghị”" in missing.message
    result = preview(TARGET, None, xlsx([["Nội dung", "Nơi"], ["Sửa cầu", "Phổ An"]]), "a.xlsx", {"text": 0, "unit": 1})
    assert result.ok and result.rows[0].item == ("Sửa cầu", 3)
