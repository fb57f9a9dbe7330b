"""The personal-data access log: who may read it, its filters, bad filters, fixed queries, Excel and API."""

import datetime
import io

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from hdnd.testing import assert_constant_queries
from registry import selectors, services
from registry.models import AccessKind, PersonalDataAccess

URL = "/dang-ky/nhat-ky-du-lieu-ca-nhan/"
ALLOWED = {"admin", "office_chief"}
ROLES = ["admin", "office_chief", "office", "standing", "committee", "delegate", "agency"]


def _log(world, key: str, label: str, *, kind: str = AccessKind.VIEW, record=None, when=None, council=None) -> None:
    rows = services.personal_access_record(
        council=council or world.council,
        user=world.users[key],
        records=[(record or world.agency, label)],
        kind=kind,
        address="10.0.0.5",
    )
    if when is not None:
        PersonalDataAccess.objects.filter(pk=rows[0].pk).update(created_at=when)


def _api(world, key: str) -> Client:
    _, token = services.token_create(user=world.users[key], name="Kết nối thử")
    return Client(headers={"Authorization": f"Bearer {token}"})


@pytest.fixture
def logged(world, monkeypatch):
    monkeypatch.setitem(selectors.PERSONAL_RECORD_KINDS, "registry.body", "Cơ quan, tổ chức")
    local = timezone.get_current_timezone()
    _log(world, "office", "Kiến nghị #1 — Nguyễn Văn Bình", when=datetime.datetime(2025, 3, 1, 9, tzinfo=local))
    _log(
        world,
        "office_chief",
        "Kiến nghị #2 — Trần Thị Đào",
        kind=AccessKind.EXPORT,
        when=datetime.datetime(2025, 3, 10, 23, 30, tzinfo=local),
    )
    _log(
        world,
        "office",
        '=HYPERLINK("x") Lê Văn Cường',
        record=world.council,
        when=datetime.datetime(2025, 4, 2, tzinfo=local),
    )
    _log(world, "outsider", "Kiến nghị #9 — Hội đồng khác", council=world.other_council)
    return world


@pytest.mark.django_db
@pytest.mark.parametrize("key", ROLES)
def test_only_the_office_chief_and_admins_read_the_log(logged, as_user, key) -> None:
    response = as_user(key).get(URL)
    assert response.status_code == (200 if key in ALLOWED else 403)
    api = _api(logged, key).get(f"/api/v1/councils/{logged.council.pk}/personal-data-access")
    assert api.status_code == (200 if key in ALLOWED else 403)
    if key in ALLOWED:
        page = response.content.decode()
        assert "Nguyễn Văn Bình" in page and "Hội đồng khác" not in page
        home = as_user(key).get("/")
        assert home.status_code == 200 and "Nhật ký dữ liệu cá nhân" in home.content.decode()  # "Danh mục" menu
        assert api.json()["count"] == 3
    else:
        assert "Nhật ký dữ liệu cá nhân" not in as_user(key).get("/").content.decode()


@pytest.mark.django_db
def test_anonymous_and_another_councils_user(logged, as_user) -> None:
    assert as_user(None).get(URL).status_code == 302
    assert as_user(None).get(f"{URL}xuat-excel/").status_code == 302
    assert Client().get(f"/api/v1/councils/{logged.council.pk}/personal-data-access").status_code == 401
    # The outsider is office chief of the other council: this council's log is not found.
    response = _api(logged, "outsider").get(f"/api/v1/councils/{logged.council.pk}/personal-data-access")
    assert response.status_code == 404
    assert "Nguyễn Văn Bình" not in as_user("outsider").get(URL).content.decode()


@pytest.mark.django_db
def test_filters_on_the_screen(logged, as_user) -> None:
    chief = as_user("office_chief")

    def labels(**params: str) -> list[str]:
        response = chief.get(URL, params)
        assert response.status_code == 200
        return [row.label for row, _kind in response.context["rows"]]

    assert labels() == ['=HYPERLINK("x") Lê Văn Cường', "Kiến nghị #2 — Trần Thị Đào", "Kiến nghị #1 — Nguyễn Văn Bình"]
    assert labels(nguoi_dung=str(logged.users["office_chief"].pk)) == ["Kiến nghị #2 — Trần Thị Đào"]
    # Whole local days: 23:30 on 10/03 is inside "đến 10/03/2025".
    assert labels(tu_ngay="01/03/2025", den_ngay="10/03/2025") == [
        "Kiến nghị #2 — Trần Thị Đào",
        "Kiến nghị #1 — Nguyễn Văn Bình",
    ]
    assert labels(tu_ngay="02/03/2025") == ['=HYPERLINK("x") Lê Văn Cường', "Kiến nghị #2 — Trần Thị Đào"]
    assert labels(loai_ho_so="registry.body") == ["Kiến nghị #2 — Trần Thị Đào", "Kiến nghị #1 — Nguyễn Văn Bình"]
    assert labels(hinh_thuc=AccessKind.EXPORT) == ["Kiến nghị #2 — Trần Thị Đào"]
    assert labels(q="nguyen van binh") == ["Kiến nghị #1 — Nguyễn Văn Bình"]
    assert labels(q="DAO") == ["Kiến nghị #2 — Trần Thị Đào"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"tu_ngay": "31/02/2025"}, "dd/mm/yyyy"),
        ({"tu_ngay": "hôm qua"}, "dd/mm/yyyy"),
        # Years out of range are refused by the shared form plumbing, control characters by the input boundary.
        ({"den_ngay": "01/01/9999"}, "Năm phải trong khoảng 1945–2100"),
        ({"tu_ngay": "01/01/0001"}, "Năm phải trong khoảng 1945–2100"),
        ({"tu_ngay": "10/03/2025", "den_ngay": "01/03/2025"}, "phải sau hoặc bằng"),
        ({"nguoi_dung": "abc"}, "Người dùng không có trong Hội đồng"),
        ({"loai_ho_so": "auth.user"}, "Loại hồ sơ không hợp lệ"),
        ({"hinh_thuc": "xoa"}, "Hình thức truy cập không hợp lệ"),
        ({"q": "a\x00b"}, "ký tự điều khiển"),
        ({"q": "x" * 101}, "tối đa 100 ký tự"),
    ],
)
def test_bad_filters_get_a_vietnamese_message(logged, as_user, params, message) -> None:
    chief = as_user("office_chief")
    response = chief.get(URL, params)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nguyễn Văn Bình" not in page
    assert message in page
    assert message == "ký tự điều khiển" or "Bộ lọc không hợp lệ" in page
    assert chief.get(f"{URL}xuat-excel/", params).status_code == 400


@pytest.mark.django_db
def test_another_councils_user_is_not_a_choice(logged, as_user) -> None:
    response = as_user("office_chief").get(URL, {"nguoi_dung": str(logged.users["outsider"].pk)})
    assert response.status_code == 400 and "Người dùng không có trong Hội đồng" in response.content.decode()


@pytest.mark.django_db
def test_the_screen_runs_a_fixed_number_of_queries(world, as_user, django_assert_num_queries) -> None:
    chief = as_user("office_chief")
    for n in range(3):
        _log(world, "office", f"Kiến nghị #{n} — Nguyễn Văn {n}")

    def grow() -> None:
        for n in range(27):
            _log(world, "office_chief", f"Kiến nghị #{n + 10} — Trần Thị {n}", kind=AccessKind.EXPORT)

    assert_constant_queries(lambda: chief.get(URL, {"q": "kien nghi"}), grow, django_assert_num_queries)
    assert PersonalDataAccess.objects.count() == 30


@pytest.mark.django_db
def test_excel_export_of_the_filtered_log_is_inert(logged, as_user) -> None:
    response = as_user("office_chief").get(f"{URL}xuat-excel/", {"nguoi_dung": str(logged.users["office"].pk)})
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("STT", "Thời điểm", "Người truy cập")
    assert [r[5] for r in rows[1:]] == ['\'=HYPERLINK("x") Lê Văn Cường', "Kiến nghị #1 — Nguyễn Văn Bình"]
    assert rows[2][1] == datetime.datetime(2025, 3, 1, 9) and rows[2][6] == "10.0.0.5"
    assert all(cell.data_type != "f" for row in ws.iter_rows() for cell in row)


@pytest.mark.django_db
def test_api_filters_and_bad_input(logged) -> None:
    api = _api(logged, "office_chief")
    base = f"/api/v1/councils/{logged.council.pk}/personal-data-access"
    items = api.get(base, {"date_from": "2025-03-01", "date_to": "2025-03-10"}).json()["items"]
    assert [i["label"] for i in items] == ["Kiến nghị #2 — Trần Thị Đào", "Kiến nghị #1 — Nguyễn Văn Bình"]
    assert items[0]["record_kind"] == "registry.body" and items[0]["kind"] == "xuat_excel"
    assert [i["label"] for i in api.get(base, {"q": "cuong"}).json()["items"]] == ['=HYPERLINK("x") Lê Văn Cường']
    assert api.get(base, {"user_id": logged.users["office_chief"].pk}).json()["count"] == 1
    assert api.get(base, {"kind": "xuat_excel", "record_kind": "registry.body"}).json()["count"] == 1
    for params, field in [
        ({"date_from": "2025-03-10", "date_to": "2025-03-01"}, "date_to"),
        ({"date_to": "9999-12-31"}, "date_to"),
        ({"record_kind": "auth.user"}, "record_kind"),
        ({"kind": "xoa"}, "kind"),
        ({"date_from": "hôm qua"}, "date_from"),
        ({"q": "a\x00b"}, "q"),
    ]:
        response = api.get(base, params)
        assert response.status_code in (400, 422), params
        assert field in response.json()["detail"]
