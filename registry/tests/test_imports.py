"""Bodies, people and delegates through the shared importer: the screens' flow, matching, located errors,
rows already there, the export round-trip, and who may import."""

import io

import pytest
from openpyxl import Workbook

from hdnd.imports import preview
from hdnd.text import fold
from registry.imports import BODIES, DELEGATES, PEOPLE
from registry.models import Body, BodyKind, Delegate, Person


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def xlsx(rows: list[list], title: str = "Danh sách") -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "danh-sach.xlsx"
    return buffer


def named(content: bytes) -> io.BytesIO:
    file = io.BytesIO(content)
    file.name = "xuat.xlsx"
    return file


def run_import(client, url: str, file: io.BytesIO, **extra: str):
    page = client.post(url, {"file": file})
    assert page.status_code == 302, page.content.decode()
    fragment = client.get(page.url + "xem-truoc/")
    done = (
        client.post(page.url + "luu/", {"key": fragment.context["key"], **extra}) if fragment.context["key"] else None
    )
    return fragment, done


@pytest.mark.django_db
def test_bodies_import_on_screen_with_parent_matched_and_kind_by_its_label(world, as_user) -> None:
    client = as_user("office")
    url = f"/nhap-tep/co-quan/{world.council.pk}/"
    file = xlsx(
        [
            ["DANH SÁCH CƠ QUAN"],
            ["TT", "Tên cơ quan, đơn vị", "Viết tắt", "Loại", "Trực thuộc", "Email"],
            [1, "Phòng Văn hóa  và Thông tin", "Phòng VH-TT", "cơ quan chuyên môn", "", ""],
            [2, "Trung tâm Y tế thị xã", "", "Cơ quan, tổ chức khác", "phòng tc-kh", "ttyt@example.vn"],
        ]
    )
    fragment, done = run_import(client, url, file)
    text = fragment.content.decode()
    assert "Xem trước: 2 cơ quan mới" in text and "Cơ quan cấp trên: “phòng tc-kh” → “Phòng TC-KH”" in text
    assert done.status_code == 302 and done.url == "/dang-ky/co-quan/"
    centre = Body.objects.get(council=world.council, name="Trung tâm Y tế thị xã")
    assert centre.parent == world.agency and centre.kind == BodyKind.OTHER and centre.short_name == centre.name
    assert Body.objects.get(name="Phòng Văn hóa và Thông tin").kind == BodyKind.AGENCY
    again, _ = run_import(client, url, named(BODIES.export(world.council)))
    assert again.context["new"] == 0 and again.context["already"] == Body.objects.filter(council=world.council).count()


@pytest.mark.django_db
def test_bodies_errors_name_the_cell_and_nothing_is_saved(world, as_user) -> None:
    file = xlsx([["Tên", "Loại", "Cơ quan cấp trên"], ["Phòng A", "Bộ", ""], ["Phòng B", "", "Phòng Nội chính"]])
    result = preview(BODIES, world.council, file.getvalue(), "a.xlsx")
    messages = [str(e) for e in result.errors]
    assert messages[0] == "Trang “Danh sách”, dòng 2, cột B (“Loại”): không có loại cơ quan “Bộ”"
    assert messages[1].startswith(
        "Trang “Danh sách”, dòng 3, cột C (“Cơ quan cấp trên”): không có cơ quan “Phòng Nội chính”"
    )
    assert "gần giống: Phòng Nội vụ" in messages[1]
    before = Body.objects.count()
    fragment, done = run_import(as_user("office"), f"/nhap-tep/co-quan/{world.council.pk}/", file)
    assert done is None and "Tệp có 2 lỗi" in fragment.content.decode() and Body.objects.count() == before


@pytest.mark.django_db
def test_delegates_of_a_term_import_with_group_and_dates(world, as_user) -> None:
    client = as_user("office")
    url = f"/nhap-tep/dai-bieu/{world.term.pk}/"
    file = xlsx(
        [
            ["Họ và tên", "Giới tính", "Năm sinh", "Chức vụ", "Tổ đại biểu", "Đơn vị bầu cử", "Ngày trúng cử"],
            ["Nguyễn  Văn An", "nam", 1970, "Bí thư", "tổ 1", "Đơn vị số 1", "23/05/2021"],
            ["Trần Thị Bình", "Nữ", "1985", "", "", "", ""],
        ]
    )
    fragment, done = run_import(client, url, file)
    assert fragment.context["result"].ok and done.status_code == 302
    an = Delegate.objects.select_related("person").get(term=world.term, person__full_name="Nguyễn Văn An")
    assert an.group == world.group and an.person.gender == "nam" and an.elected_on.isoformat() == "2021-05-23"
    binh = Delegate.objects.get(term=world.term, person__full_name="Trần Thị Bình")
    assert binh.elected_on == world.term.starts_on  # no date: the start of the term
    again, _ = run_import(client, url, named(DELEGATES.export(world.term)))
    assert again.context["already"] == 2 and again.context["new"] == 0
    late = xlsx([["Họ và tên", "Ngày trúng cử"], ["Lê Văn C", "31/12/2030"], ["Lê Văn D", "31/02/2022"]])
    errors = [str(e) for e in preview(DELEGATES, world.term, late.getvalue(), "a.xlsx").errors]
    assert errors == [
        "Trang “Danh sách”, dòng 2: ngày trúng cử 31/12/2030 không thuộc nhiệm kỳ 2021-2026",
        "Trang “Danh sách”, dòng 3, cột B (“Ngày trúng cử”): “31/02/2022” không phải ngày hợp lệ "
        "(ngày/tháng/năm, ví dụ 15/06/2024)",
    ]


@pytest.mark.django_db
def test_people_import_skips_people_already_there(world, as_user) -> None:
    client = as_user("office")
    url = f"/nhap-tep/ca-nhan/{world.council.pk}/"
    run_import(client, url, xlsx([["Họ tên", "Năm sinh"], ["Phạm Văn Đức", 1960]]))
    fragment, done = run_import(client, url, xlsx([["Họ tên", "Năm sinh"], ["phạm văn đức", 1960], ["Võ Thị E", ""]]))
    assert "Đã có — bỏ qua." in fragment.content.decode()
    assert done.status_code == 302 and Person.objects.filter(council=world.council, full_name="Võ Thị E").exists()
    assert Person.objects.filter(council=world.council, name_folded="pham van duc").count() == 1
    assert PEOPLE.template(world.council)


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status"), [("delegate", 403), ("outsider", 404), ("agency", 403)])
def test_only_the_office_of_the_council_imports(world, as_user, who, status) -> None:
    client = as_user(who)
    assert client.get(f"/nhap-tep/co-quan/{world.council.pk}/").status_code == status
    assert client.get(f"/nhap-tep/dai-bieu/{world.term.pk}/").status_code == status
    assert as_user("office").get(f"/nhap-tep/co-quan/{world.other_council.pk}/").status_code == 404
    assert as_user("office").get(f"/nhap-tep/khong-co/{world.council.pk}/").status_code == 404


PEOPLE_FIELDS = ("full_name", "gender", "birth_year", "position", "workplace", "email")


def _people(council) -> list[tuple]:
    return sorted(Person.objects.filter(council=council).values_list("pk", *PEOPLE_FIELDS))


@pytest.mark.django_db
def test_people_export_imports_back_with_no_change_and_no_duplicate(world, as_user) -> None:
    """Export → import: every row is recognised as already there, nothing is saved, nothing changes."""
    from registry import services

    for name, gender, year, position, workplace, email in [
        ("Phạm Văn Đức", "nam", 1960, "Chủ tịch UBND xã", "UBND xã Phổ An", "duc@example.vn"),
        ("Võ Thị Ê", "nu", None, "", "", ""),
        ("Nguyễn Thị Hồng Nhung", "", 1991, "Chuyên viên, Văn phòng", "Văn phòng HĐND và UBND", ""),
    ]:
        services.person_create(
            council=world.council,
            full_name=name,
            gender=gender,
            birth_year=year,
            position=position,
            workplace=workplace,
            email=email,
        )
    before = _people(world.council)
    client = as_user("office")
    fragment, done = run_import(client, f"/nhap-tep/ca-nhan/{world.council.pk}/", named(PEOPLE.export(world.council)))
    result = fragment.context["result"]
    assert result.errors == [] and result.message == ""
    assert fragment.context["new"] == 0 and fragment.context["already"] == len(before) == 3
    assert done is not None and done.status_code == 302  # the office's "Lưu" is refused: nothing to save
    assert _people(world.council) == before
    # Each exported row reads back as the person it came from (the columns map to the same fields).
    by_key = {(fold(p[1]), p[3]): p for p in before}
    for row in result.rows:
        person = by_key[(fold(row.item.full_name), row.item.birth_year)]
        assert (row.item.full_name, row.item.gender, row.item.position, row.item.workplace, row.item.email) == (
            person[1],
            person[2],
            person[4],
            person[5],
            person[6],
        )


@pytest.mark.django_db
def test_delegate_import_matches_the_registry_person_by_name_and_year_of_birth(world, as_user) -> None:
    from registry import services

    duc = services.person_create(council=world.council, full_name="Phạm Văn Đức", birth_year=1960, position="Bí thư")
    lone = services.person_create(council=world.council, full_name="Trần Văn Lộc")
    for _ in range(2):  # a duplicate in the registry: the file cannot say which
        services.person_create(council=world.council, full_name="Lê Thị Hoa", birth_year=1975)
    services.person_create(council=world.council, full_name="Đỗ Minh Tâm", birth_year=1980)
    header = ["Họ và tên", "Năm sinh", "Tổ đại biểu"]
    rows = [["pham van duc", 1960, "Tổ 1"], ["Trần Văn  Lộc", "", ""], ["Đỗ Minh Tâm", 1982, ""]]
    people = Person.objects.count()
    result = preview(DELEGATES, world.term, xlsx([header, *rows]).getvalue(), "a.xlsx")
    assert result.ok
    assert [r.item.person for r in result.rows] == [duc, lone, None]
    assert [r.near for r in result.rows][:2] == ["", ""]
    assert result.rows[2].near == ("sẽ thêm cá nhân mới; danh mục đã có người cùng tên (Đỗ Minh Tâm, sinh năm 1980)")
    fragment, done = run_import(as_user("office"), f"/nhap-tep/dai-bieu/{world.term.pk}/", xlsx([header, *rows]))
    assert done.status_code == 302 and "đã có trong danh mục" in fragment.content.decode()
    assert Person.objects.count() == people + 1  # only the namesake born in 1982 is new
    assert Delegate.objects.get(term=world.term, person=duc).group == world.group
    assert Delegate.objects.filter(term=world.term, person=lone).exists()
    # Two people of the registry fit the row: refused, naming them, nothing saved.
    ambiguous = preview(DELEGATES, world.term, xlsx([header, ["Lê Thị Hoa", 1975, ""]]).getvalue(), "b.xlsx")
    assert [str(e) for e in ambiguous.errors] == [
        "Trang “Danh sách”, dòng 2: “Lê Thị Hoa” trùng với 2 cá nhân trong danh mục (Lê Thị Hoa, sinh năm 1975; "
        "Lê Thị Hoa, sinh năm 1975): hãy gộp các cá nhân trùng trong danh mục"
    ]
    no_year = preview(DELEGATES, world.term, xlsx([header, ["Lê Thị Hoa", "", ""]]).getvalue(), "c.xlsx")
    assert "ghi năm sinh để chọn đúng người" in str(no_year.errors[0])
