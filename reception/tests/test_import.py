"""Letters from the office's register sheet through the shared importer: the register's usual headers,
every error at once, numbering and classification by reception's services, a protected denouncer never
named in the preview (screen and API), rows already there skipped and near-duplicates flagged."""

import csv
import datetime
import io
import json

import pytest
from openpyxl import Workbook

from hdnd.imports import preview
from reception import services
from reception.access import PROTECTED_TEXT
from reception.imports import LETTERS
from reception.models import Case, Category, Field, Ineligible, Letter
from reception.services import CaseIn, SenderIn

SECRET = "Trần Thị Mật"
# The register as offices keep it: a title row, their own wordings of the headers, a column not needed.
HEADER = [
    "STT",
    "Ngày tiếp nhận",
    "Họ và tên",
    "Địa chỉ",
    "Tóm tắt nội dung",
    "Phân loại đơn",
    "Lĩnh vực",
    "Nguồn đơn",
    "Đề nghị giữ bí mật",
    "Chữ ký",
    "Ghi chú",
]
GOOD = [
    [
        1,
        "05/03/2026",
        "Nguyễn Văn Khiếu",
        "Tổ 3, phường Nguyễn Nghiêm",
        "Khiếu nại  việc bồi thường đất",
        "khiếu nại",
        "Đất đai",
        "Bưu điện",
        "",
        "x",
        "",
    ],
    [
        2,
        "02/03/2026",
        SECRET,
        "Thôn Mỹ Á",
        "Tố cáo cán bộ địa chính nhận tiền",
        "Đơn tố cáo",
        "Tham nhũng",
        "Trực tiếp",
        "x",
        "x",
        "ghi chú nội bộ",
    ],
    [3, "06/03/2026", "Nặc danh", "", "Tố cáo xây dựng trái phép", "Tố cáo", "", "", "", "", ""],
    [4, "07/03/2026", "Lê Văn Ký", "", "Khiếu nại quyết định xử phạt", "Khiếu nại", "hành chính", "", "", "không", ""],
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def xlsx(rows: list[list], header: list = HEADER) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sổ đơn"
    ws.append(["SỔ THEO DÕI ĐƠN THƯ NĂM 2026"])
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list], header: list = HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def _upload(client, url: str, content: bytes, name: str = "so-don.xlsx"):
    file = io.BytesIO(content)
    file.name = name
    return client.post(url, {"file": file})


def test_register_sheet_previews_without_the_protected_name_then_saves_through_the_services(world, as_user):
    client = as_user("office")
    url = f"/nhap-tep/don-thu/{world.council.pk}/"
    response = _upload(client, url, xlsx(GOOD))
    assert response.status_code == 302
    fragment = client.get(response.url + "xem-truoc/")
    html = fragment.content.decode()
    assert "Xem trước: 4 đơn thư mới" in html
    assert SECRET not in html and "Mỹ Á" not in html and PROTECTED_TEXT in html
    assert "Nguyễn Văn Khiếu" in html  # not protected: the office sees its senders
    assert "Thông tin có nội dung tố cáo (nặc danh)" in html  # classified as the service will
    upload_id = fragment.context["upload"].pk
    api = client.get(f"/api/v1/councils/{world.council.pk}/import-uploads/{upload_id}")
    answer = json.dumps(api.json(), ensure_ascii=False)
    assert api.status_code == 200 and SECRET not in answer and "Mỹ Á" not in answer and PROTECTED_TEXT in answer
    assert Letter.objects.count() == 0
    done = client.post(response.url + "luu/", {"key": fragment.context["key"]})
    assert done.url == "/don-thu/"
    letters = list(Letter.objects.order_by("number"))
    # Numbered in the register of the year in order of receipt, not of the sheet's rows.
    assert [(x.number, x.received_on.day) for x in letters] == [(1, 2), (2, 5), (3, 6), (4, 7)]
    secret, complaint, anonymous, unsigned = (x.cases.get() for x in letters)
    assert secret.protected and secret.category == Category.DENUNCIATION and secret.field == Field.CORRUPTION
    assert complaint.summary == "Khiếu nại việc bồi thường đất" and complaint.field == Field.LAND
    assert anonymous.category == Category.ANONYMOUS_INFO and anonymous.ineligible_reason == Ineligible.ANONYMOUS
    assert unsigned.eligible is False and unsigned.ineligible_reason == Ineligible.UNSIGNED
    assert letters[0].senders.get().full_name == SECRET
    page = client.get(f"/don-thu/{letters[0].pk}/").content.decode()
    assert SECRET not in page  # the office, not granted the case, still sees it masked
    assert 'href="/nhap-tep/don-thu/' in client.get("/don-thu/").content.decode()


def test_every_error_of_the_file_at_once_with_row_column_and_header_nothing_saved(world):
    future = (datetime.date.today() + datetime.timedelta(days=3)).strftime("%d/%m/%Y")
    rows = [
        [1, "31/02/2026", "Nguyễn Văn A", "", "Khiếu nại A", "Khiếu nại", "", "", "", "", ""],
        [2, "05/03/2026", "Nguyễn Văn B", "", "Nội dung B", "Đơn xin việc", "", "", "", "", ""],
        [3, "05/03/2026", "", "", "", "Tố cáo", "Giao thông", "", "", "", ""],
        [4, future, "Nguyễn Văn D", "", "Khiếu nại D", "Khiếu nại", "", "", "x", "", ""],
        [5, "05/03/2026", "Nguyễn Văn E", "", "Kiến nghị E", "Kiến nghị", "", "Đại biểu chuyển", "", "", ""],
    ]
    result = preview(LETTERS, world.council, csv_bytes(rows), "so-don.csv")
    messages = [str(e) for e in result.errors]
    assert "Trang “so-don.csv”, dòng 2, cột B (“Ngày tiếp nhận”): “31/02/2026” không phải ngày hợp lệ" in messages[0]
    assert any("dòng 3, cột F (“Phân loại đơn”): loại đơn “Đơn xin việc” không hợp lệ" in m for m in messages)
    assert any("dòng 4, cột E (“Tóm tắt nội dung”): chưa ghi nội dung đơn" in m for m in messages)
    assert any("dòng 4, cột G (“Lĩnh vực”): lĩnh vực “Giao thông” không hợp lệ" in m for m in messages)
    assert any(m.startswith("Trang “so-don.csv”, dòng 5:") and "sau ngày hôm nay" in m for m in messages)
    assert any(m.startswith("Trang “so-don.csv”, dòng 6:") and "Đại biểu chuyển đơn" in m for m in messages)
    assert len(messages) == 6 and not result.ok
    assert Letter.objects.count() == 0


def test_protection_asked_on_a_complaint_is_refused_without_naming_the_sender(world):
    row = [1, "05/03/2026", SECRET, "", "Khiếu nại X", "Khiếu nại", "", "", "x", "", ""]
    result = preview(LETTERS, world.council, xlsx([row]), "so-don.xlsx")
    assert len(result.errors) == 1 and "chỉ người tố cáo có tên" in str(result.errors[0])
    assert SECRET not in str(result.errors[0])


def test_rows_already_in_the_register_are_skipped_and_near_duplicates_flagged_by_number(world):
    office = world.users["office"]
    earlier = services.letter_receive(
        council=world.council,
        received_on=datetime.date(2026, 3, 5),
        cases=[CaseIn(Category.COMPLAINT, "Khiếu nại việc bồi thường đất")],
        senders=[SenderIn("Nguyễn Văn Khiếu")],
        user=office,
    )
    other = services.letter_receive(
        council=world.council,
        received_on=datetime.date(2026, 3, 1),
        cases=[CaseIn(Category.DENUNCIATION, "Tố cáo ông Trưởng thôn Mỹ Á nhận tiền hỗ trợ", protected=True)],
        senders=[SenderIn(SECRET)],
        user=office,
    )
    rows = [
        GOOD[0],  # already there: same day, sender and content
        [2, "20/03/2026", "Nguyễn Văn Khiếu", "", "Khiếu nại việc bồi thường đất", "Khiếu nại", "", "", "", "", ""],
        [
            3,
            "21/03/2026",
            "Phạm Văn Ba",
            "",
            "Tố cáo ông Trưởng thôn Mỹ Á nhận tiền hỗ trợ bão",
            "Tố cáo",
            "",
            "",
            "",
            "",
            "",
        ],
    ]
    result = preview(LETTERS, world.council, csv_bytes(rows), "so-don.csv")
    assert result.ok and [r.already for r in result.rows] == [True, False, False]
    assert result.rows[1].near.startswith(f"cùng người gửi, cùng nội dung với đơn số {earlier.code}")
    assert result.rows[2].near == f"nội dung gần giống đơn số {other.code}"
    assert SECRET not in json.dumps([r.near for r in result.rows], ensure_ascii=False)
    saved = LETTERS.save(world.council, result.new_items(), office)
    assert len(saved) == 2 and Letter.objects.count() == 4
    assert saved[0].cases.get().duplicate_of == earlier.cases.get()  # linked, counted once
    assert Case.objects.filter(duplicate_of__isnull=True).count() == 3


def test_an_agency_user_and_another_councils_user_cannot_import_letters(world, as_user):
    url = f"/nhap-tep/don-thu/{world.council.pk}/"
    assert as_user("agency").get(url).status_code in (403, 404)
    assert as_user("outsider").get(url).status_code == 404
    assert as_user("office").get(url).status_code == 200


def test_preview_screen_and_api_run_a_fixed_number_of_queries(world, as_user):
    from django.core.files.base import ContentFile

    from hdnd.models import ImportUpload
    from hdnd.testing import assert_constant_queries

    client = as_user("office")

    def rows(count: int) -> list[list]:
        return [
            [
                n,
                "05/03/2026",
                f"Người gửi {n}",
                "",
                f"Khiếu nại số {n} về đền bù thửa {n}",
                "Khiếu nại",
                "",
                "",
                "",
                "",
                "",
            ]
            for n in range(count)
        ]

    def register(numbers: range) -> None:
        for n in numbers:
            services.letter_receive(
                council=world.council,
                received_on=datetime.date(2026, 3, 1),
                cases=[CaseIn(Category.REFLECTION, f"Phản ánh số {n} về chiếu sáng tổ {n}")],
                senders=[SenderIn(f"Người cũ {n}")],
                user=world.users["office"],
            )

    page = _upload(client, f"/nhap-tep/don-thu/{world.council.pk}/", xlsx(rows(3))).url
    upload = ImportUpload.objects.get()
    register(range(3))

    def grow() -> None:
        upload.file.save("so-don.xlsx", ContentFile(xlsx(rows(30))))
        register(range(3, 30))

    api = f"/api/v1/councils/{world.council.pk}/import-uploads/{upload.pk}"
    assert_constant_queries(
        lambda: (client.get(page + "xem-truoc/"), client.get(api)), grow, row_text="Khiếu nại số", rows=54
    )


def test_the_template_to_fill_in_is_read_back_with_every_column_recognised(world, as_user):
    template = as_user("office").get(f"/nhap-tep/don-thu/{world.council.pk}/mau.xlsx")
    assert template.status_code == 200
    result = preview(LETTERS, world.council, template.content, "mau.xlsx")
    assert {c.field for c in result.columns} == {f.key for f in LETTERS.fields}
    assert result.message == "Trang tính chỉ có dòng tiêu đề, chưa có dòng dữ liệu nào."
