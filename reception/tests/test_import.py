"""Letters from the office's register sheet through the shared importer: the register's usual headers,
every error at once, numbering and classification by reception's services, a protected denouncer never
named in the preview (screen and API), rows already there skipped and near-duplicates flagged."""

import csv
import datetime
import io
import json

import pytest
from openpyxl import Workbook, load_workbook

from hdnd import dates
from hdnd.imports import preview
from reception import selectors, services
from reception.access import MASKED_TEXT, PROTECTED_TEXT
from reception.imports import LETTERS
from reception.models import Case, Category, Field, Ineligible, Letter, Sender
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
    future = (dates.today() + datetime.timedelta(days=3)).strftime("%d/%m/%Y")
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


# The register's export imports back ------------------------------------------------------------------


def _register(world, council, agency, delegate, unit) -> dict:
    """A year's register with what a letter can hold: a letter of two contents classified, a protected
    denouncer forwarded, an anonymous denunciation, an unsigned complaint, a letter a delegate forwarded from
    a commune, and a repeat of the first content (a duplicate)."""
    office = world.users["office"]
    day = datetime.date
    first = services.letter_receive(
        council=council,
        received_on=day(2026, 3, 2),
        cases=[
            CaseIn(Category.COMPLAINT, "Khiếu nại việc bồi thường đất", Field.LAND),
            CaseIn(Category.REFLECTION, "Phản ánh đèn đường hỏng", Field.ADMIN_OTHER),
        ],
        senders=[SenderIn("Nguyễn Văn Khiếu", "Tổ 3, phường Nguyễn Nghiêm", "0912345678", "051080001234")],
        people=3,
        user=office,
    )
    complaint, reflection = first.cases.order_by("position")
    services.case_classify(case=complaint, user=office, eligible=True, handling="huong_dan", competent_body=agency)
    services.case_classify(
        case=reflection, user=office, eligible=False, ineligible_reason=Ineligible.NO_NEW_FACTS, handling="luu_theo_doi"
    )
    secret = services.letter_receive(
        council=council,
        received_on=day(2026, 3, 3),
        cases=[CaseIn(Category.DENUNCIATION, "Tố cáo cán bộ địa chính nhận tiền", Field.CORRUPTION, protected=True)],
        senders=[SenderIn(SECRET, "Thôn Mỹ Á", "0987000111")],
        channel="truc_tiep",
        user=office,
    ).cases.get()
    services.case_classify(case=secret, user=office, eligible=True)
    services.case_forward(
        case=secret, body=agency, user=office, signer_title="P", signer_name="T", issued_on=day(2026, 3, 4)
    )
    services.letter_receive(
        council=council,
        received_on=day(2026, 3, 5),
        cases=[CaseIn(Category.DENUNCIATION, "Tố cáo xây dựng trái phép")],
        anonymous=True,
        user=office,
    )
    services.letter_receive(
        council=council,
        received_on=day(2026, 3, 6),
        cases=[CaseIn(Category.COMPLAINT, "Khiếu nại quyết định xử phạt")],
        senders=[SenderIn("Lê Văn Ký")],
        signed=False,
        user=office,
    )
    services.letter_receive(
        council=council,
        received_on=day(2026, 3, 9),
        cases=[CaseIn(Category.RECOMMENDATION, "Kiến nghị sửa đường liên thôn", Field.ADMIN_OTHER)],
        senders=[SenderIn("Phạm Thị Cử")],
        channel="dai_bieu",
        forwarded_by=delegate,
        unit=unit,
        user=office,
    )
    services.letter_receive(
        council=council,
        received_on=day(2026, 3, 10),
        cases=[CaseIn(Category.COMPLAINT, "Khiếu nại việc bồi thường đất", Field.LAND)],
        senders=[SenderIn("Nguyễn Văn Khiếu", "Tổ 3, phường Nguyễn Nghiêm", "0912345678", "051080001234")],
        people=3,
        user=office,
    )
    return {"secret": secret}


def _contents(council) -> list[tuple]:
    """Everything the register holds of a council's letters, by number, names instead of ids."""
    out = []
    for letter in Letter.objects.filter(council=council).order_by("year", "number"):
        senders = [(s.relation, s.full_name, s.address, s.phone, s.id_number) for s in letter.senders.order_by("pk")]
        cases = [
            (
                c.position,
                c.category,
                c.field,
                c.summary,
                c.protected,
                c.eligible,
                c.ineligible_reason,
                c.handling,
                c.competent_body.name if c.competent_body else "",
                (c.duplicate_of.letter.number, c.duplicate_of.position) if c.duplicate_of else None,
            )
            for c in letter.cases.order_by("position")
        ]
        out.append(
            (
                letter.number,
                letter.received_on,
                letter.channel,
                letter.anonymous,
                letter.signed,
                letter.people,
                letter.forwarded_by.full_name if letter.forwarded_by else "",
                letter.unit.unit_name if letter.unit else "",
                letter.summary,
                senders,
                cases,
            )
        )
    return out


def _places(world, council):
    from registry.models import Person
    from registry.tests.factories import BodyFactory, CouncilFactory

    agency = (
        world.agency
        if council == world.council
        else BodyFactory(council=council, name=world.agency.name, short_name=world.agency.short_name)
    )
    delegate = Person.objects.create(council=council, full_name="Trần Đại Biểu")
    unit = CouncilFactory(parent=council, unit_name="Phổ An")
    return agency, delegate, unit


def _export(client) -> bytes:
    response = client.get("/don-thu/so-don-thu.xlsx?year=2026")
    assert response.status_code == 200
    return response.content


def test_the_register_export_imports_into_an_empty_council_without_loss(world, as_user):
    """Exported by the office chief granted the protected case (every identity shown, and logged), imported
    into a council with no letter: the same letters, numbers, contents, senders and classifications, and the
    forwarded content forwarded again on its day through the letter page's step: its forwarding letter and
    the body's obligation with the same legal limit."""
    from registry.models import PersonalDataAccess

    made = _register(world, world.council, *_places(world, world.council))
    services.grant_create(
        case=made["secret"], grantee=world.users["office_chief"], reason="Xác minh", user=world.users["office_chief"]
    )
    content = _export(as_user("office_chief"))
    assert PersonalDataAccess.objects.filter(council=world.council).count() == 5  # each named letter, logged
    empty = world.other_council
    _places(world, empty)
    result = preview(LETTERS, empty, content, "so-don-thu-2026.xlsx")
    assert result.errors == [] and result.message == "" and len(result.rows) == 7
    # Every column of the export is read, but the two the export writes for reading only.
    assert {c.header for c in result.columns if not c.field} == {
        "Hạn báo cáo (chỉ để xem)",
        "Trùng đơn số (chỉ để xem)",
    }
    assert [r.near.startswith("tệp ghi đã chuyển") for r in result.rows].count(True) == 1
    LETTERS.save(empty, result.new_items(), world.users["outsider"])
    source, copy = _contents(world.council), _contents(empty)
    forwarded = [(n, p) for n, *_r, cases in source for p, *_c, handling, _b, _d in cases if handling == "chuyen_xu_ly"]
    assert forwarded == [(2, 1)]
    assert copy == source
    there, here = (
        Case.objects.select_related("obligation", "forward_document").get(council=c, letter__number=2)
        for c in (world.council, empty)
    )
    assert here.obligation.kind == services.OBLIGATION_KIND and here.obligation.owner.council == empty
    assert (here.obligation.source_date, here.obligation.due_on, here.obligation.due_citation) == (
        there.obligation.source_date,
        there.obligation.due_on,
        there.obligation.due_citation,
    )
    assert (here.forward_document.issued_on, here.forward_document.signer_name) == (datetime.date(2026, 3, 4), "T")
    assert SECRET not in here.forward_document.body  # the redacted copy, as from the screen
    assert copy[0][-1][1][5:8] == (False, Ineligible.NO_NEW_FACTS, "luu_theo_doi")  # the classification came
    assert copy[-1][-1][0][-1] == (1, 1)  # the repeat linked again as a duplicate of letter 1


def test_a_masked_export_reimports_as_no_change_and_never_writes_the_masks(world, as_user):
    """The office (not granted) and a delegate (no right to see any sender) export masked sheets; into the
    same council every row is already there and nothing changes; into an empty council a masked row is
    refused, naming no one, rather than saved with the mask as a name."""
    _register(world, world.council, *_places(world, world.council))
    before = _contents(world.council)
    for role, hidden in (("office", [SECRET, "Thôn Mỹ Á"]), ("delegate", [SECRET, "Nguyễn Văn Khiếu", "0912345678"])):
        content = _export(as_user(role))
        cells = " ".join(
            str(v) for row in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True) for v in row if v
        )
        assert all(secret not in cells for secret in hidden)
        assert PROTECTED_TEXT in cells
        result = preview(LETTERS, world.council, content, "so-don-thu-2026.xlsx")
        assert result.errors == [] and len(result.rows) == 7
        assert all(r.already for r in result.rows), role
        assert result.new_items() == []
    fragment_client = as_user("office")
    response = _upload(fragment_client, f"/nhap-tep/don-thu/{world.council.pk}/", _export(fragment_client))
    fragment = fragment_client.get(response.url + "xem-truoc/")
    assert fragment.context["new"] == 0 and fragment.context["already"] == 7
    assert _contents(world.council) == before
    assert not Sender.objects.filter(full_name__in=[PROTECTED_TEXT, MASKED_TEXT]).exists()
    _places(world, world.other_council)
    result = preview(LETTERS, world.other_council, _export(as_user("office")), "so-don-thu-2026.xlsx")
    errors = [str(e) for e in result.errors]
    assert len(errors) == 1 and "người gửi đã được che khi xuất tệp" in errors[0]
    assert SECRET not in errors[0]
    assert Letter.objects.filter(council=world.other_council).count() == 0


def test_rows_of_one_number_must_agree_on_the_letter(world):
    header = ["Số vào sổ", "Ngày nhận đơn", "Họ tên người gửi đơn", "Nội dung đơn", "Loại đơn"]
    rows = [
        [7, "05/03/2026", "Lê Văn A", "Khiếu nại A", "Khiếu nại"],
        [7, "06/03/2026", "Lê Văn A", "Kiến nghị B", "Kiến nghị"],
    ]
    errors = [str(e) for e in preview(LETTERS, world.council, xlsx(rows, header), "a.xlsx").errors]
    assert len(errors) == 1 and "dòng 4: cùng số vào sổ 7/2026 với một dòng trước" in errors[0]
    rows[1][1] = "05/03/2026"
    result = preview(LETTERS, world.council, xlsx(rows, header), "a.xlsx")
    assert result.ok
    (letter,) = LETTERS.save(world.council, result.new_items(), world.users["office"])
    assert [c.summary for c in letter.cases.order_by("position")] == ["Khiếu nại A", "Kiến nghị B"]


FORWARD_HEADER = [
    "Số vào sổ",
    "Ngày nhận đơn",
    "Họ tên người gửi đơn",
    "Nội dung đơn",
    "Loại đơn",
    "Kết quả xử lý",
    "Cơ quan có thẩm quyền",
    "Ngày chuyển đơn",
]


def test_a_forwarded_row_is_forwarded_through_the_screens_step_with_its_legal_limit(world):
    """A register that says "forwarded" gets what the letter's page gives: the forwarding letter issued on
    the row's day, signed by the chair of that day, and the body's obligation due by the rule in force then
    (a complaint: the notice of acceptance), counted as forwarded from that day in the statistics."""
    from registry.calendar import compute
    from registry.models import BodyKind, MemberRole, Membership, Person
    from registry.tests.factories import BodyFactory

    committee = BodyFactory(council=world.council, kind=BodyKind.STANDING_COMMITTEE, name="Thường trực HĐND")
    chair = Person.objects.create(council=world.council, full_name="Võ Văn Chủ")
    Membership.objects.create(person=chair, body=committee, role=MemberRole.CHAIR, starts_on=datetime.date(2021, 6, 25))
    name = world.agency.name
    rows = [
        [
            1,
            "02/03/2026",
            "Nguyễn Văn Khiếu",
            "Khiếu nại việc bồi thường đất",
            "Khiếu nại",
            "Chuyển xử lý",
            name,
            "09/03/2026",
        ],
        [2, "03/03/2026", "Lê Thị Tố", "Tố cáo cán bộ thu tiền", "Tố cáo", "Chuyển xử lý", name, "05/03/2026"],
        [3, "04/03/2026", "Phạm Văn Lưu", "Phản ánh đèn đường", "Phản ánh", "Lưu đơn", "", ""],
    ]
    result = preview(LETTERS, world.council, xlsx(rows, FORWARD_HEADER), "so-don.xlsx")
    assert result.ok, [str(e) for e in result.errors]
    assert result.rows[0].near.startswith(f"tệp ghi đã chuyển {name} ngày 09/03/2026")
    assert "Chủ tịch Võ Văn Chủ" in result.rows[0].near
    letters = LETTERS.save(world.council, result.new_items(), world.users["office"])
    complaint, denunciation, filed = (
        Case.objects.select_related("obligation", "forward_document").get(letter=x) for x in letters
    )
    for case, day, rule in (
        (complaint, datetime.date(2026, 3, 9), services.FORWARD_RULES[Category.COMPLAINT]),
        (denunciation, datetime.date(2026, 3, 5), services.FORWARD_RULES[Category.DENUNCIATION]),
    ):
        assert case.handling == "chuyen_xu_ly" and case.eligible is True and case.competent_body == world.agency
        basis = compute(world.council, day, rule=rule)
        assert case.obligation.kind == services.OBLIGATION_KIND and case.obligation.owner == world.agency
        assert (case.obligation.source_date, case.obligation.due_on) == (day, basis.due)
        assert case.obligation.due_citation == basis.citation
        assert case.forward_document.issued_on == day and case.forward_document.number is not None
        assert (case.forward_document.signer_title, case.forward_document.signer_name) == ("Chủ tịch", "Võ Văn Chủ")
    assert filed.obligation is None and filed.handling == "luu_theo_doi"
    # Numbered in the order of their days, as the register of documents requires.
    assert denunciation.forward_document.number < complaint.forward_document.number
    early = selectors.statistics(
        council=world.council, year=2026, date_from=datetime.date(2026, 3, 1), date_to=datetime.date(2026, 3, 6)
    )
    # Eligible from the day received (the file's classification), forwarded from the day of forwarding: the
    # complaint, forwarded on 09/03, was not yet forwarded on 06/03.
    assert (early.forwarded, early.eligible) == (1, 2)


def test_a_forwarded_row_without_its_body_day_or_signer_is_refused_in_the_preview(world):
    name = world.agency.name
    rows = [
        [1, "02/03/2026", "Nguyễn Văn A", "Khiếu nại A", "Khiếu nại", "Chuyển xử lý", "", "09/03/2026"],
        [2, "02/03/2026", "Nguyễn Văn B", "Khiếu nại B", "Khiếu nại", "Chuyển xử lý", name, ""],
        [3, "05/03/2026", "Nguyễn Văn C", "Khiếu nại C", "Khiếu nại", "Chuyển xử lý", name, "04/03/2026"],
        [4, "05/03/2026", "Nguyễn Văn D", "Khiếu nại D", "Khiếu nại", "Chuyển xử lý", name, "06/03/2026"],
        [5, "05/03/2026", "Nguyễn Văn E", "Khiếu nại E", "Khiếu nại", "Lưu đơn", "", "06/03/2026"],
    ]
    result = preview(LETTERS, world.council, xlsx(rows, FORWARD_HEADER), "so-don.xlsx")
    errors = [str(e) for e in result.errors]
    assert len(errors) == 5 and not result.ok
    assert "dòng 3: đơn đã chuyển: ghi cơ quan nhận đơn" in errors[0]
    assert "dòng 4: đơn đã chuyển: ghi ngày chuyển đơn" in errors[1]
    assert "dòng 5: ngày chuyển đơn 04/03/2026 phải từ ngày nhận đơn 05/03/2026" in errors[2]
    # No chair or vice-chair in the register and no signer in the file: who signed is not guessed.
    assert "dòng 6: đơn đã chuyển ngày 06/03/2026: ghi người ký phiếu chuyển" in errors[3]
    assert "dòng 7: có ngày chuyển đơn nhưng kết quả xử lý không phải" in errors[4]
    assert Letter.objects.count() == 0
