"""Petitions through the shared importer: a good file, every kind of bad row located by sheet, Excel row,
column letter and the sheet's header, cleaning instead of refusing, whole-file problems, all or nothing."""

import io
import unicodedata

import pytest
from django.core.files.base import ContentFile
from openpyxl import Workbook, load_workbook

from hdnd.imports import preview
from hdnd.models import ImportMapping, ImportUpload
from hdnd.testing import assert_constant_queries
from petitions import services
from petitions.excel import template_workbook
from petitions.imports import PETITIONS
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


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def read_petitions(content: bytes, contact_round, name: str = "kien-nghi.xlsx"):
    return preview(PETITIONS, contact_round, content, name)


def items(result) -> list:
    return [r.item for r in result.rows]


def xlsx(rows: list[list], header: list = HEADER, merge: str | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Kiến nghị"
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
    assert [r.number for r in result.rows] == [2, 3, 4]
    assert result.rows[1].matches == [("Lĩnh vực", "giao thông", "Giao thông")]
    created = services.petitions_bulk_create(contact_round=town.round, items=items(result))
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
        [1, "Đề nghị sửa đường", "Phổ Xa Lạ", "Giao thông", "Thị xã", "", "", "", "", ""],
        "C (“Xã, phường”)",
        "không có xã, phường “Phổ Xa Lạ” trong địa bàn",
    ),
    (
        [1, "Đề nghị sửa đường", "Phổ Chu", "Giao thông", "Thị xã", "", "", "", "", ""],
        "C (“Xã, phường”)",
        "gần giống: Phổ Châu",
    ),
    (
        [1, "Đề nghị sửa đường", "Phổ An", "Hàng không", "Thị xã", "", "", "", "", ""],
        "D (“Lĩnh vực”)",
        "không có lĩnh vực “Hàng không”",
    ),
    (
        [1, "Đề nghị sửa đường", "Phổ An", "Giao thông", "Liên hợp quốc", "", "", "", "", ""],
        "E (“Cấp thẩm quyền”)",
        "không hợp lệ",
    ),
    (
        [1, "Đề nghị sửa đường", "Phổ An", "Giao thông", "Thị xã", "Bộ Ngoại giao", "", "", "", ""],
        "F (“Cơ quan giải quyết”)",
        "không có cơ quan “Bộ Ngoại giao” trong danh mục",
    ),
    (
        [1, "Đề nghị sửa đường", "Phổ An", "Giao thông", "Thị xã", "", "mười", "", "", ""],
        "G (“Số cử tri”)",
        "số nguyên",
    ),
    ([1, "", "Phổ An", "Giao thông", "Thị xã", "", "", "", "", ""], "B (“Nội dung kiến nghị”)", "chưa ghi nội dung"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("bad", "column", "words"), BAD_ROWS)
def test_each_kind_of_bad_row_is_reported_by_row_and_column_and_nothing_is_saved(town, bad, column, words) -> None:
    result = read_petitions(xlsx([GOOD[0], bad, GOOD[1]]), town.round)
    assert not result.ok
    messages = [str(e) for e in result.errors]
    assert any(m.startswith(f"Trang “Kiến nghị”, dòng 3, cột {column}: ") and words in m for m in messages), messages
    assert Petition.objects.count() == 0


@pytest.mark.django_db
def test_stray_spaces_and_nfd_text_are_cleaned_not_refused(town) -> None:
    nfd = unicodedata.normalize("NFD", "Đề nghị  sửa   đường ")
    result = read_petitions(xlsx([[1, nfd, "  phổ   an ", "Giao thông", " Thị xã", "", "", "", "", ""]]), town.round)
    assert result.ok, [str(e) for e in result.errors]
    item = result.rows[0].item
    assert item.text == "Đề nghị sửa đường" and item.unit == town.units["Phổ An"]
    assert result.rows[0].matches == [("Xã, phường", "phổ an", "Phổ An")]


@pytest.mark.django_db
def test_blank_row_inside_the_table_is_skipped_and_said_so(town) -> None:
    result = read_petitions(xlsx([GOOD[0], [None] * 10, GOOD[1]]), town.round)
    assert result.ok and result.blank_rows == [3] and [r.number for r in result.rows] == [2, 4]
    result = read_petitions(xlsx([GOOD[0], GOOD[1], [None] * 10, [None] * 10]), town.round)
    assert result.ok and result.blank_rows == []  # blank rows after the table are its end


@pytest.mark.django_db
def test_district_level_is_wrong_after_the_reform(town) -> None:
    late = services.round_create(council=town.council, year=2025, period="cuoi_nam")
    result = read_petitions(xlsx([GOOD[2]]), late)
    message = "Trang “Kiến nghị”, dòng 2, cột E (“Cấp thẩm quyền”): cấp huyện/thị xã không còn sau 01/07/2025"
    assert message in [str(e) for e in result.errors]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"STT,Ten\n1,abc\n", "Không tìm thấy dòng tiêu đề"),
        (b"PK\x03\x04 broken zip", "Không đọc được tệp bảng tính"),
        (b"\x00\x01garbage", "Không đọc được tệp bảng tính"),
    ],
)
def test_unreadable_file_gets_a_clear_message(town, content, message) -> None:
    name = "kien-nghi.csv" if content.startswith(b"STT") else "kien-nghi.xlsx"
    assert message in read_petitions(content, town.round, name).message


@pytest.mark.django_db
def test_empty_sheet_and_missing_columns_get_a_clear_message(town) -> None:
    wb = Workbook()
    buffer = io.BytesIO()
    wb.save(buffer)
    assert "không có dữ liệu" in read_petitions(buffer.getvalue(), town.round).message
    assert "chưa có dòng dữ liệu nào" in read_petitions(xlsx([]), town.round).message
    assert (
        "Thiếu cột bắt buộc: Xã, phường"
        in read_petitions(xlsx([], ["STT", "Nội dung kiến nghị", "Cấp"]), town.round).message
    )


def _upload(client, url: str, content: bytes, name: str = "kien-nghi.xlsx"):
    file = io.BytesIO(content)
    file.name = name
    return client.post(url, {"file": file})


@pytest.mark.django_db
def test_import_screen_preview_then_confirm_saves_all_or_nothing(town, as_user) -> None:
    client = as_user("office")
    url = f"/nhap-tep/kien-nghi/{town.round.pk}/"
    response = _upload(client, url, xlsx([GOOD[0], [1, "Đề nghị", "Phổ Xa Lạ", "", "Xã", "", "", "", "", ""]]))
    assert response.status_code == 302
    page = client.get(response.url)
    assert 'hx-trigger="load"' in page.content.decode() and "<progress" in page.content.decode()
    fragment = client.get(response.url + "xem-truoc/").content.decode()
    assert "Trang “Kiến nghị”, dòng 3, cột C (“Xã, phường”): không có xã, phường “Phổ Xa Lạ”" in fragment
    assert "Lưu " not in fragment
    upload = ImportUpload.objects.get()
    assert upload.file.name.startswith("nhap-tep/") and "petitions_import" not in client.session
    assert client.post(response.url + "luu/", {"key": "k"}).status_code == 302
    assert Petition.objects.count() == 0  # the file still has an error: nothing saved
    response = _upload(client, url, xlsx(GOOD))
    fragment = client.get(response.url + "xem-truoc/")
    assert "Xem trước: 3 kiến nghị mới" in fragment.content.decode()
    assert Petition.objects.count() == 0
    key = fragment.context["key"]
    assert client.post(response.url + "luu/", {"key": key}).url == f"/kien-nghi/dot/{town.round.pk}/"
    assert Petition.objects.count() == 3
    client.post(response.url + "luu/", {"key": key})  # a double click on "Lưu" saves once
    assert Petition.objects.count() == 3
    assert "Vui lòng chọn tệp bảng tính." in client.post(url, {}).content.decode()
    assert client.get(f"/kien-nghi/dot/{town.round.pk}/nhap-excel/").url == url  # the former address
    assert "Chỉ nhận tệp" in _upload(client, url, b"abc", "a.pdf").content.decode()


@pytest.mark.django_db
def test_reimport_shows_rows_already_there_and_skips_them_unless_chosen(town, as_user) -> None:
    client = as_user("office")
    url = f"/nhap-tep/kien-nghi/{town.round.pk}/"
    first = _upload(client, url, xlsx(GOOD)).url
    client.post(first + "luu/", {"key": client.get(first + "xem-truoc/").context["key"]})
    again = _upload(client, url, xlsx([*GOOD, [4, "Đề nghị xây mới cầu treo qua sông Trà Câu", "Phổ Châu", "", "Xã"]]))
    fragment = client.get(again.url + "xem-truoc/")
    text = fragment.content.decode()
    assert "Xem trước: 1 kiến nghị mới, 3 đã có" in text and "Đã có — bỏ qua." in text
    client.post(again.url + "luu/", {"key": fragment.context["key"]})
    assert Petition.objects.count() == 4
    third = _upload(client, url, xlsx(GOOD[:1])).url
    fragment = client.get(third + "xem-truoc/")
    client.post(third + "luu/", {"key": fragment.context["key"], "include_existing": "1"})
    assert Petition.objects.count() == 5


@pytest.mark.django_db
def test_near_duplicates_are_flagged_with_the_duplicate_matcher(town) -> None:
    services.petition_create(
        contact_round=town.round,
        data=services.PetitionData(
            text="Đề nghị nâng cấp đường giao thông thôn An Ba", unit=town.units["Phổ An"], level="huyen"
        ),
    )
    row = [1, "Cử tri đề nghị nâng cấp tuyến đường giao thông thôn An Ba", "Phổ Châu", "", "Xã"]
    other = [2, "Đề nghị sửa chữa trường mẫu giáo Phổ Châu", "Phổ Châu", "", "Xã"]
    again = [3, "Cử tri đề nghị  sửa chữa trường mẫu giáo Phổ Châu", "Phổ An", "", "Tỉnh"]
    result = read_petitions(xlsx([row, other, again]), town.round)
    assert result.ok
    assert result.rows[0].near == "gần trùng với “Đề nghị nâng cấp đường giao thông thôn An Ba”"
    # Each of two rows of the file that say the same names the other.
    assert result.rows[1].near == "gần trùng với dòng 4 của tệp"
    assert result.rows[2].near == "gần trùng với dòng 3 của tệp"


@pytest.mark.django_db
def test_near_duplicates_inside_one_file_beyond_identical_folded_text(town) -> None:
    """Rows of one file that the duplicates screen would suggest (other words around the same issue, a typo,
    no diacritics) are flagged before saving, not only rows identical once folded; other places stay apart."""
    rows = [
        [1, "Đề nghị nạo vét kênh mương thôn Tân Hòa để phục vụ tưới tiêu", "Phổ Châu", "", "Xã"],
        [2, "Cử tri đề nghị nạo vét kênh mương ở thôn Tân Hoà, phục vụ tưới tiêu", "Phổ Châu", "", "Xã"],
        [3, "De nghi nao vet kenh muong thon Tan Hoa phuc vu tuoi tieu", "Phổ An", "", "Xã"],
        [4, "Đề nghị nạo vét kênh mương thôn Vĩnh Lộc để phục vụ tưới tiêu", "Phổ An", "", "Xã"],
        [5, "Đề nghị hỗ trợ kinh phí sửa chữa nhà văn hóa", "Phổ An", "", "Xã"],
    ]
    result = read_petitions(xlsx(rows), town.round)
    assert result.ok
    near = [r.near for r in result.rows]
    assert near[0] == "gần trùng với dòng 3, 4 của tệp"
    assert near[1] == "gần trùng với dòng 2, 4 của tệp"
    assert near[2] == "gần trùng với dòng 2, 3 của tệp"
    assert near[3] == "" and near[4] == ""  # another hamlet; another issue


@pytest.mark.django_db
def test_mapping_chosen_on_screen_is_remembered_for_the_next_file(town, as_user) -> None:
    client = as_user("office")
    url = f"/nhap-tep/kien-nghi/{town.round.pk}/"
    header = ["TT", "Việc cử tri nêu", "Thôn xóm", "Cấp thẩm quyền"]
    content = xlsx([[1, "Đề nghị nạo vét kênh mương", "Phổ Cường", "Xã"]], header)
    page = _upload(client, url, content).url
    fragment = client.get(page + "xem-truoc/").content.decode()
    assert "Thiếu cột bắt buộc: Nội dung kiến nghị, Xã, phường" in fragment
    client.post(page, {"col_1": "text", "col_2": "unit", "col_3": "level"})
    fragment = client.get(page + "xem-truoc/")
    assert fragment.context["result"].ok
    assert ImportMapping.objects.get(council=town.council, target="kien-nghi").headers["text"] == "viec cu tri neu"
    header2 = ["STT", "Cấp thẩm quyền", "Thôn xóm", "Việc cử tri nêu"]  # the same headers, other columns
    later = _upload(client, url, xlsx([[1, "Tỉnh", "Phổ An", "Đề nghị làm cầu"]], header2)).url
    result = client.get(later + "xem-truoc/").context["result"]
    assert result.ok and result.mapping == {"level": 1, "unit": 2, "text": 3}
    assert client.post(page, {"col_1": "text", "col_2": "text"}).status_code == 302  # refused, said so
    assert ImportUpload.objects.get(pk=page.split("/")[-2]).mapping == {"text": 1, "unit": 2, "level": 3}


@pytest.mark.django_db
def test_outsiders_and_readers_cannot_see_or_use_an_upload(town, as_user, world) -> None:
    office = as_user("office")
    page = _upload(office, f"/nhap-tep/kien-nghi/{town.round.pk}/", xlsx(GOOD)).url
    for who, status in (("delegate", 403), ("outsider", 404)):
        client = as_user(who)
        assert client.get(page + "xem-truoc/").status_code == status
        assert client.post(page + "luu/", {"key": "x"}).status_code == status
    assert Petition.objects.count() == 0


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
    assert [r.number for r in result.rows] == [4]


@pytest.mark.django_db
def test_preview_screen_and_api_run_a_fixed_number_of_queries(town, as_user) -> None:
    client = as_user("office")

    def rows(count: int) -> bytes:
        return xlsx([[n, f"Đề nghị sửa chữa cầu số {n} thôn {n}", "Phổ An", "", "Xã"] for n in range(count)])

    page = _upload(client, f"/nhap-tep/kien-nghi/{town.round.pk}/", rows(3)).url
    upload = ImportUpload.objects.get()
    for n in range(3):
        services.petition_create(
            contact_round=town.round,
            data=services.PetitionData(text=f"Đề nghị làm đường số {n}", unit=town.units["Phổ Châu"], level="xa"),
        )

    def grow() -> None:
        upload.file.save("kien-nghi.xlsx", ContentFile(rows(30)))
        for n in range(3, 30):
            services.petition_create(
                contact_round=town.round,
                data=services.PetitionData(text=f"Đề nghị làm đường số {n}", unit=town.units["Phổ Châu"], level="xa"),
            )

    api = f"/api/v1/councils/{town.council.pk}/import-uploads/{upload.pk}"
    assert_constant_queries(
        lambda: (client.get(page + "xem-truoc/"), client.get(api)), grow, row_text="Đề nghị sửa chữa cầu số", rows=54
    )
