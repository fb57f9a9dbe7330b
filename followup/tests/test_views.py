"""The follow-up screens: permission matrix, query counts, bad input, Excel export."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from followup import selectors, services
from followup.models import Obligation, ObligationFile, State
from followup.tests.factories import make_in_state, make_obligation
from registry.tests.factories import BodyFactory

D = datetime.date
ALL = ["admin", "office_chief", "office", "standing", "committee", "delegate", "agency"]
MANAGERS = ["admin", "office_chief", "office"]
REPORTERS = [*MANAGERS, "agency"]


def _expect(allowed: list[str], outsider: int) -> dict:
    result: dict = {key: (200 if key in allowed else 403) for key in ALL}
    result[None] = 302
    result["outsider"] = outsider
    return result


@pytest.fixture
def urls(world) -> dict:
    obligation = make_obligation(council=world.council, owner=world.agency)
    services.obligation_report(
        obligation=obligation,
        user=world.users["agency"],
        text="Tiến độ",
        done=False,
        files=[SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 noi dung")],
    )
    evidence = ObligationFile.objects.get()
    pk = obligation.pk
    return {
        "obligation_list": (reverse("followup:obligation_list"), _expect(ALL, 200)),
        "obligation_export": (reverse("followup:obligation_export"), _expect(ALL, 200)),
        "obligation_create": (reverse("followup:obligation_create"), _expect(MANAGERS, 200)),
        "obligation_detail": (reverse("followup:obligation_detail", args=[pk]), _expect(ALL, 404)),
        "obligation_start": (reverse("followup:obligation_start", args=[pk]), _expect(REPORTERS, 404)),
        "obligation_report": (reverse("followup:obligation_report", args=[pk]), _expect(REPORTERS, 404)),
        "obligation_accept": (reverse("followup:obligation_accept", args=[pk]), _expect(MANAGERS, 404)),
        "obligation_return": (reverse("followup:obligation_return", args=[pk]), _expect(MANAGERS, 404)),
        "obligation_cancel": (reverse("followup:obligation_cancel", args=[pk]), _expect(MANAGERS, 404)),
        "file_download": (reverse("followup:file_download", args=[evidence.pk]), _expect(ALL, 404)),
        "scorecard": (reverse("followup:scorecard"), _expect(ALL, 200)),
        "notification_list": (reverse("followup:notification_list"), _expect(ALL, 200)),
    }


@pytest.mark.django_db
def test_permission_matrix(urls, as_user) -> None:
    for name, (url, expected) in urls.items():
        for key, status in expected.items():
            response = as_user(key).get(url)
            assert response.status_code == status, f"{name} as {key}: {response.status_code} != {status}"
            if status == 302:
                assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_agency_sees_and_acts_only_on_its_own(world, as_user) -> None:
    mine = make_obligation(council=world.council, owner=world.agency, title="Việc của Phòng TC-KH")
    theirs = make_obligation(council=world.council, owner=world.other_agency, title="Việc của Phòng Nội vụ")
    client = as_user("agency")
    html = client.get(reverse("followup:obligation_list")).content.decode()
    assert "Việc của Phòng TC-KH" in html and "Việc của Phòng Nội vụ" not in html
    assert "Danh sách các việc được giao cho cơ quan của bạn." in html
    assert client.get(reverse("followup:obligation_detail", args=[theirs.pk])).status_code == 404
    response = client.post(
        reverse("followup:obligation_report", args=[theirs.pk]), {"kind": "hoan_thanh", "text": "Xong"}
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.state == State.ASSIGNED and theirs.updates.count() == 1
    # Its own: allowed, but accepting its own report is the office's call.
    response = client.post(
        reverse("followup:obligation_report", args=[mine.pk]), {"kind": "hoan_thanh", "text": "Xong"}
    )
    assert response.status_code == 302
    assert client.post(reverse("followup:obligation_accept", args=[mine.pk])).status_code == 403
    mine.refresh_from_db()
    assert mine.state == State.REPORTED_DONE


@pytest.mark.django_db
def test_outsider_list_shows_nothing_of_this_council(world, as_user) -> None:
    make_obligation(council=world.council, owner=world.agency, title="Việc riêng của Hội đồng")
    assert (
        "Việc riêng của Hội đồng" not in as_user("outsider").get(reverse("followup:obligation_list")).content.decode()
    )


@pytest.mark.django_db
def test_office_flow_with_files(world, as_user) -> None:
    obligation = make_obligation(council=world.council, owner=world.agency)
    agency = as_user("agency")
    agency.post(reverse("followup:obligation_start", args=[obligation.pk]), {"text": "Đã tiếp nhận"})
    response = agency.post(
        reverse("followup:obligation_report", args=[obligation.pk]),
        {
            "kind": "hoan_thanh",
            "text": "Đã báo cáo bằng văn bản",
            "reply_label": "Công văn 45/TCKH ngày 05/02/2024",
            "files": [SimpleUploadedFile("a.pdf", b"aaa"), SimpleUploadedFile("b.docx", b"bbbb")],
        },
    )
    assert response.status_code == 302
    office = as_user("office")
    response = office.post(reverse("followup:obligation_return", args=[obligation.pk]), {"reason": "Thiếu phụ lục"})
    assert response.status_code == 302
    obligation.refresh_from_db()
    assert obligation.state == State.RETURNED
    html = office.get(reverse("followup:obligation_detail", args=[obligation.pk])).content.decode()
    for text in ("Đã tiếp nhận", "Công văn 45/TCKH ngày 05/02/2024", "a.pdf", "b.docx", "Thiếu phụ lục", "Bị trả lại"):
        assert text in html
    download = agency.get(reverse("followup:file_download", args=[ObligationFile.objects.get(name="b.docx").pk]))
    assert b"".join(download.streaming_content) == b"bbbb"


# Bad input ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_create_form_bad_input(world, as_user) -> None:
    client = as_user("office")
    url = reverse("followup:obligation_create")
    html = client.post(url, {"kind": "task"}).content.decode()
    assert "Vui lòng chọn cơ quan thực hiện." in html
    assert "Vui lòng nhập nội dung phải thực hiện." in html
    assert "Vui lòng nhập ngày của nguồn." in html
    data = {"owner": world.agency.pk, "title": "Báo cáo", "kind": "task", "source_date": "2024-03-10"}
    html = client.post(url, data).content.decode()
    assert "Vui lòng nhập hạn xử lý hoặc chọn quy định để tính hạn." in html
    html = client.post(url, {**data, "due_on": "2024-03-09"}).content.decode()
    assert "Hạn xử lý (09/03/2024) không thể trước ngày của nguồn (10/03/2024)." in html
    html = client.post(url, {**data, "owner": world.other_agency.pk + 1000, "due_on": "2024-03-20"}).content.decode()
    assert "Cơ quan không hợp lệ." in html
    html = client.post(url, {**data, "due_on": "31/02/2024"}).content.decode()
    assert "Nhập một ngày hợp lệ." in html
    assert not Obligation.objects.exists()
    response = client.post(url, {**data, "days": "5", "unit": "ngay_lam_viec"})
    obligation = Obligation.objects.get()
    assert response["Location"] == reverse("followup:obligation_detail", args=[obligation.pk])
    assert obligation.due_on == D(2024, 3, 15) and obligation.created_by == world.users["office"]


@pytest.mark.django_db
def test_action_forms_bad_input(world, as_user, settings, monkeypatch) -> None:
    obligation = make_obligation(council=world.council, owner=world.agency)
    office = as_user("office")

    def post(name: str, data: dict) -> str:
        response = office.post(reverse(f"followup:{name}", args=[obligation.pk]), data)
        assert response.status_code == 400, name
        return response.content.decode()

    assert "Vui lòng nhập nội dung báo cáo." in post("obligation_report", {"kind": "hoan_thanh", "text": "  "})
    assert "Loại báo cáo không hợp lệ." in post("obligation_report", {"kind": "xong", "text": "Xong"})
    monkeypatch.setattr(services, "MAX_FILE_SIZE", 2)
    html = post(
        "obligation_report", {"kind": "hoan_thanh", "text": "Xong", "files": SimpleUploadedFile("lon.pdf", b"123")}
    )
    assert "Tệp “lon.pdf” vượt quá dung lượng cho phép (20 MB)." in html
    # Transitions the state machine refuses, with the reason, nothing changed.
    assert "Không thể “chấp nhận kết quả” khi việc đang ở trạng thái “Đã giao”." in post("obligation_accept", {})
    assert "Không thể “trả lại” khi việc đang ở trạng thái “Đã giao”." in post("obligation_return", {"reason": "x"})
    make_in_state(obligation, State.REPORTED_DONE)
    assert "Vui lòng nêu lý do." in post("obligation_return", {"reason": " "})
    assert "Vui lòng nêu lý do." in post("obligation_cancel", {})
    obligation.refresh_from_db()
    assert obligation.state == State.REPORTED_DONE
    assert obligation.updates.count() == 2
    assert not ObligationFile.objects.exists()


@pytest.mark.django_db
def test_filter_and_scorecard_bad_input(world, as_user) -> None:
    client = as_user("office")
    html = client.get(reverse("followup:obligation_list"), {"han_tu": "abc", "trang_thai": "xyz"}).content.decode()
    assert "Hạn từ ngày: Nhập một ngày hợp lệ." in html
    assert "Trạng thái: Hãy chọn một lựa chọn hợp lệ." in html
    html = client.get(
        reverse("followup:scorecard"), {"tu_ngay": "2024-12-31", "den_ngay": "2024-01-01"}
    ).content.decode()
    assert "Ngày kết thúc kỳ đánh giá phải sau ngày bắt đầu." in html


@pytest.mark.django_db
def test_list_filters(world, as_user) -> None:
    make_obligation(
        council=world.council,
        owner=world.agency,
        title="Rà soát đường giao thông",
        due_on=D(2020, 1, 31),
        source_date=D(2020, 1, 2),
    )
    make_obligation(council=world.council, owner=world.other_agency, title="Báo cáo nhân sự", due_on=D(2099, 1, 31))
    client = as_user("office")

    def titles(**params: object) -> set[str]:
        page = client.get(reverse("followup:obligation_list"), params).context["page"]
        return {o.title for o in page}

    assert titles(trang_thai="qua_han") == {"Rà soát đường giao thông"}
    assert titles(q="DUONG giao") == {"Rà soát đường giao thông"}
    assert titles(co_quan=world.other_agency.pk) == {"Báo cáo nhân sự"}
    assert titles(han_tu="2050-01-01") == {"Báo cáo nhân sự"}
    assert titles(han_den="2050-01-01", loai="task") == {"Rà soát đường giao thông"}
    assert titles(trang_thai="da_giao") == {"Rà soát đường giao thông", "Báo cáo nhân sự"}


@pytest.mark.django_db
def test_excel_export(world, as_user) -> None:
    make_obligation(
        council=world.council, owner=world.agency, title="Việc trễ", due_on=D(2020, 1, 31), source_date=D(2020, 1, 2)
    )
    make_obligation(council=world.council, owner=world.other_agency, title="Việc còn hạn", due_on=D(2099, 1, 31))
    response = as_user("office").get(reverse("followup:obligation_export"), {"trang_thai": "qua_han"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in ws[2]][:3] == ["STT", "Nội dung phải thực hiện", "Cơ quan thực hiện"]
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert len(rows) == 1
    assert rows[0][1] == "Việc trễ" and rows[0][2] == "Phòng Tài chính - Kế hoạch"
    assert rows[0][6].date() == D(2020, 1, 31)
    assert ws.cell(row=3, column=7).number_format == "DD/MM/YYYY"
    assert rows[0][9] > 1000  # days overdue
    all_rows = openpyxl.load_workbook(io.BytesIO(as_user("office").get(reverse("followup:obligation_export")).content))
    assert all_rows.active.max_row == 4
    agency_rows = openpyxl.load_workbook(
        io.BytesIO(as_user("agency").get(reverse("followup:obligation_export")).content)
    )
    assert agency_rows.active.max_row == 3


# Query counts -------------------------------------------------------------------------------------


def _queries(client: object, url: str, params: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx)


def _grow(world, count: int) -> None:
    owners = [BodyFactory(council=world.council) for _ in range(3)] + [world.agency]
    for i in range(count):
        o = make_obligation(
            council=world.council,
            owner=owners[i % 4],
            title=f"Việc {i}",
            due_on=D(2024, 1, 1 + i % 28),
            source_date=D(2023, 12, 1),
        )
        if i % 3 == 1:
            make_in_state(o, State.ACCEPTED, on=D(2024, 1, 10))


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("followup:obligation_list", {}),
        ("followup:obligation_list", {"trang_thai": "qua_han", "q": "viec"}),
        ("followup:scorecard", {"tu_ngay": "2024-01-01", "den_ngay": "2024-12-31"}),
        ("followup:obligation_export", {}),
    ],
)
@pytest.mark.django_db
def test_list_query_counts_fixed(world, as_user, django_assert_num_queries, name: str, params: dict) -> None:
    client = as_user("office")
    _grow(world, 3)
    expected = _queries(client, reverse(name), params)
    _grow(world, 27)
    with django_assert_num_queries(expected):
        client.get(reverse(name), params)


@pytest.mark.django_db
def test_detail_query_count_fixed(world, as_user, django_assert_num_queries) -> None:
    client = as_user("office")
    obligation = make_obligation(council=world.council, owner=world.agency)

    def report(n: int) -> None:
        for i in range(n):
            services.obligation_report(
                obligation=obligation,
                user=world.users["agency"],
                text=f"Tiến độ {i}",
                done=False,
                files=[SimpleUploadedFile(f"t{i}.pdf", b"x"), SimpleUploadedFile(f"u{i}.pdf", b"y")],
            )

    url = reverse("followup:obligation_detail", args=[obligation.pk])
    report(2)
    expected = _queries(client, url)
    report(27)
    with django_assert_num_queries(expected):
        client.get(url)


@pytest.mark.django_db
def test_navigation_and_dashboard(world, as_user) -> None:
    make_obligation(council=world.council, owner=world.agency, due_on=D(2020, 1, 31), source_date=D(2020, 1, 2))
    html = as_user("office").get(reverse("home")).content.decode()
    assert "Việc quá hạn" in html and "Thông báo nhắc việc chưa đọc" in html
    assert f'href="{reverse("followup:obligation_list")}"' in as_user("agency").get(reverse("home")).content.decode()


@pytest.mark.django_db
def test_export_streams_many_rows_in_the_lists_order(world, as_user, monkeypatch) -> None:
    """The export reads the rows in chunks with no join of bodies or people, their owners' names a chunk at
    a time, and writes every row in the list's order (overdue first) with its owner's name."""
    monkeypatch.setattr("followup.excel.CHUNK", 100)
    owners = [world.agency, *(BodyFactory(council=world.council, name=f"Phòng số {i}") for i in range(11))]
    states = [State.ASSIGNED, State.IN_PROGRESS, State.ACCEPTED, State.CANCELLED]
    Obligation.objects.bulk_create(
        Obligation(
            council=world.council,
            owner=owners[i // 100],  # each chunk of 100 brings an owner not met before
            title=f"Việc số {i}",
            kind="task",
            source_date=D(2020, 1, 1),
            due_on=D(2020, 1, 1) + datetime.timedelta(days=(i * 37) % 5000),
            state=states[i % 4],
            reported_on=D(2020, 6, 1) if states[i % 4] == State.ACCEPTED else None,
        )
        for i in range(1200)
    )
    expected = list(
        Obligation.objects.filter(council=world.council)
        .order_by("pk")
        .values_list("pk", "title", "owner__name", "due_on", "state")
    )
    with CaptureQueriesContext(connection) as ctx:
        response = as_user("office").get(reverse("followup:obligation_export"))
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert len(rows) == 1200 and [r[0] for r in rows] == list(range(1, 1201))
    today = selectors.today()
    # The list's order: the overdue ones, most days overdue first; then the others by deadline.
    late = [(r[9] is not None, -(r[9] or 0), r[6]) for r in rows]
    assert late == sorted(late, key=lambda k: (not k[0], k[1], k[2]))
    by_title = {title: (owner, due_on, state) for _pk, title, owner, due_on, state in expected}
    assert {r[1]: (r[2], r[6].date(), by_title[r[1]][2]) for r in rows} == by_title
    open_ones = [r for r in rows if by_title[r[1]][2] in (State.ASSIGNED, State.IN_PROGRESS)]
    assert all(r[9] == (today - r[6].date()).days for r in open_ones if r[6].date() < today)
    sqls = [q["sql"] for q in ctx.captured_queries]
    rows_sql = [s for s in sqls if "followup_obligation" in s and "title_folded" in s]
    assert len(rows_sql) == 1 and "registry_body" not in rows_sql[0] and "registry_person" not in rows_sql[0]
    names = [s for s in sqls if s.startswith("SELECT") and '"registry_body"."name"' in s and "IN (" in s]
    # At most one per chunk of 100 rows, and only for the owners not met before: each name read once.
    assert 1 < len(names) <= 12
    assert sum(s.split("IN (")[1].split(")")[0].count(",") + 1 for s in names) == len(owners)
