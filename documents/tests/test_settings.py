"""Issuers and numbering series as council settings: screens, services, permissions, history, numbering."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from documents import numbering, services
from documents.models import DocType, Issuer, NumberingSeries
from documents.tests.factories import issued
from hdnd.testing import assert_constant_queries

D = datetime.date
KEYS = ["admin", "office_chief", "office", "standing", "committee", "delegate", "agency"]
SETTERS = ["admin", "office_chief"]
READERS = ["admin", "office_chief", "office", "standing", "committee", "delegate"]


def _expect(allowed: list[str]) -> dict:
    return {**{key: (200 if key in allowed else 403) for key in KEYS}, None: 302}


def _committee(world) -> Issuer:
    return services.issuer_create(
        council=world.council,
        name="Ban Kinh tế - Xã hội",
        parent_name="HĐND thị xã Đức Phổ",
        symbol="KTXH",
        body=world.group,
    )


# Permissions -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_matrix(world, as_user) -> None:
    issuer = _committee(world)
    urls = {
        "issuers": (reverse("documents:issuer_list"), _expect(READERS)),
        "issuer_create": (reverse("documents:issuer_create"), _expect(SETTERS)),
        "issuer_edit": (reverse("documents:issuer_edit", args=[issuer.pk]), _expect(SETTERS)),
        "series": (reverse("documents:series_list"), _expect(READERS)),
        "series_edit": (reverse("documents:series_edit", args=["nghi_quyet", "qppl"]), _expect(SETTERS)),
    }
    for name, (url, expected) in urls.items():
        for key, status in expected.items():
            response = as_user(key).get(url)
            assert response.status_code == status, f"{name} as {key}: {response.status_code} != {status}"
            if status == 302:
                assert response["Location"].startswith(reverse("login"))
    # The outsider is an office chief elsewhere: our issuer is not found, the lists show only theirs.
    outsider = as_user("outsider")
    assert outsider.get(reverse("documents:issuer_edit", args=[issuer.pk])).status_code == 404
    assert "Ban Kinh tế - Xã hội" not in outsider.get(reverse("documents:issuer_list")).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["office", "standing", "committee", "delegate", "agency", "outsider"])
def test_writes_refused_without_right(world, as_user, key) -> None:
    issuer = _committee(world)
    NumberingSeries.objects.create(
        council=world.council, doc_type=DocType.BAO_CAO, normative=False, series="BC", pattern="{so}/BC-{ky_hieu}"
    )
    client = as_user(key)
    expected = 404 if key == "outsider" else 403
    posts = [
        (reverse("documents:issuer_edit", args=[issuer.pk]), {"name": "Đổi", "symbol": "X"}, expected),
        (
            reverse("documents:issuer_create"),
            {"name": "Ban Pháp chế", "symbol": "PC"},
            200 if key == "outsider" else 403,
        ),
        (
            reverse("documents:series_edit", args=["bao_cao", "thuong"]),
            {"series": "BC", "pattern": "{so}"},
            200 if key == "outsider" else 403,
        ),
        (reverse("documents:series_reset", args=["bao_cao", "thuong"]), {}, 302 if key == "outsider" else 403),
    ]
    for url, data, status in posts:
        assert client.post(url, data).status_code in {status, 302}, url
    issuer.refresh_from_db()
    assert issuer.name == "Ban Kinh tế - Xã hội"
    assert set(Issuer.objects.filter(council=world.council).values_list("symbol", flat=True)) == {"KTXH"}
    assert NumberingSeries.objects.get(council=world.council).pattern == "{so}/BC-{ky_hieu}"


# Screens ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_office_chief_adds_committee_issuer_and_it_issues_its_own_reports(world, as_user) -> None:
    client = as_user("office_chief")
    response = client.post(
        reverse("documents:issuer_create"),
        {
            "name": "Ban Kinh tế - Xã hội",
            "parent_name": "HĐND thị xã Đức Phổ",
            "symbol": "KTXH",
            "body": world.group.pk,
        },
    )
    assert response.status_code == 302
    issuer = Issuer.objects.get(council=world.council, symbol="KTXH")
    assert issuer.letter_symbol == "KTXH-VP" and issuer.body == world.group
    # The draft form now offers the choice of issuer.
    html = client.get(reverse("documents:document_create")).content.decode()
    assert 'name="issuer"' in html and "Ban Kinh tế - Xã hội" in html
    report = issued(world.council, doc_type=DocType.BAO_CAO, issuer=issuer, on=D(2025, 6, 1))
    assert report.number_symbol == "01/BC-KTXH"


@pytest.mark.django_db
def test_draft_form_hides_issuer_with_one_issuer(world, as_user) -> None:
    services.issuer_default(council=world.council)
    html = as_user("office").get(reverse("documents:document_create")).content.decode()
    assert 'name="issuer"' not in html


@pytest.mark.django_db
def test_symbol_change_keeps_issued_numbers(world, as_user) -> None:
    issuer = _committee(world)
    first = issued(world.council, doc_type=DocType.BAO_CAO, issuer=issuer, on=D(2025, 6, 1))
    client = as_user("admin")
    page = client.get(reverse("documents:issuer_edit", args=[issuer.pk])).content.decode()
    assert "văn bản đã ban hành giữ nguyên" in page
    data = {"name": "Ban Kinh tế - Ngân sách", "parent_name": "HĐND thị xã", "symbol": "KTNS", "letter_symbol": ""}
    assert client.post(reverse("documents:issuer_edit", args=[issuer.pk]), data).status_code == 302
    second = issued(world.council, doc_type=DocType.BAO_CAO, issuer=issuer, on=D(2025, 6, 2))
    first.refresh_from_db()
    assert first.number_symbol == "01/BC-KTXH"
    assert second.number_symbol == "02/BC-KTNS"  # the year's numbers go on
    issuer.refresh_from_db()
    assert issuer.letter_symbol == "KTNS-VP"
    # History: created, then changed, with who changed it.
    page = client.get(reverse("documents:issuer_edit", args=[issuer.pk])).content.decode()
    assert "KTXH → KTNS" in page
    assert issuer.history.count() == 2 and issuer.history.first().history_user == world.users["admin"]


@pytest.mark.django_db
def test_series_list_shows_defaults_and_overrides(world, as_user) -> None:
    services.series_set(
        council=world.council, doc_type=DocType.THONG_BAO, series="TB", pattern="{so}/{nam}/TB-{ky_hieu}"
    )
    html = as_user("delegate").get(reverse("documents:series_list")).content.decode()
    year = timezone.localdate().year
    assert f"05/{year}/NQ-HĐND" in html and "05/NQ-HĐND" in html and "05/HĐND-VP" in html
    assert f"05/{year}/TB-HĐND" in html and "(của Hội đồng)" in html
    assert "Sửa" not in html  # read-only for a delegate


@pytest.mark.django_db
def test_series_edit_live_example(world, as_user) -> None:
    client = as_user("office_chief")
    url = reverse("documents:series_edit", args=["nghi_quyet", "qppl"])
    html = client.get(url).content.decode()
    assert f"05/{timezone.localdate().year}/NQ-HĐND" in html and 'hx-get="' in html
    assert "05/NQ-HĐND/2024" in client.get(url, {"pattern": "{so}/{loai}-{ky_hieu}/2024"}).content.decode()
    assert "phải có {so}" in client.get(url, {"pattern": "{loai}"}).content.decode()


@pytest.mark.django_db
def test_override_used_by_next_number_and_earlier_numbers_stay(world, as_user) -> None:
    today = timezone.localdate()
    before = issued(world.council, doc_type=DocType.NGHI_QUYET, on=today)
    client = as_user("office_chief")
    url = reverse("documents:series_edit", args=["nghi_quyet", "thuong"])
    response = client.post(url, {"series": "NQ", "pattern": "{so}/{loai}-{ky_hieu}/{nam}"})
    assert response.status_code == 302, response.content.decode()
    after = issued(world.council, doc_type=DocType.NGHI_QUYET, on=today)
    before.refresh_from_db()
    assert before.number_symbol == "01/NQ-HĐND"
    assert after.number_symbol == f"02/NQ-HĐND/{today.year}"
    row = NumberingSeries.objects.get(council=world.council)
    assert row.history.first().history_user == world.users["office_chief"]
    # Back to the default: again the default pattern, the counter goes on.
    assert client.post(reverse("documents:series_reset", args=["nghi_quyet", "thuong"])).status_code == 302
    assert not NumberingSeries.objects.exists()
    assert issued(world.council, doc_type=DocType.NGHI_QUYET, on=today).number_symbol == "03/NQ-HĐND"


# Bad input -------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "symbol": "PC"}, "Vui lòng nhập tên cơ quan ban hành."),
        ({"name": "Ban Pháp chế", "symbol": ""}, "Vui lòng nhập chữ viết tắt"),
        (
            {"name": "Ban Pháp chế", "symbol": "KTXH"},
            "Chữ viết tắt “KTXH” đã (hoặc từng) được Ban Kinh tế - Xã hội dùng",
        ),
        ({"name": "Ban Pháp chế", "symbol": "HĐND"}, "Chữ viết tắt “HĐND” đã"),
        ({"name": "Ban Pháp chế", "symbol": "P/C"}, "không được chứa"),
        ({"name": "Ban Pháp chế", "symbol": "PC", "letter_symbol": "KTXH-VP"}, "Ký hiệu công văn “KTXH-VP”"),
    ],
)
def test_issuer_form_bad_input(world, as_user, data, message) -> None:
    services.issuer_default(council=world.council)
    _committee(world)
    before = list(Issuer.history.values_list("pk", flat=True))
    response = as_user("office_chief").post(reverse("documents:issuer_create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Issuer.objects.filter(council=world.council).count() == 2
    assert list(Issuer.history.values_list("pk", flat=True)) == before


@pytest.mark.django_db
def test_issuer_edit_bad_input_changes_nothing(world, as_user) -> None:
    issuer = _committee(world)
    response = as_user("admin").post(reverse("documents:issuer_edit", args=[issuer.pk]), {"name": "", "symbol": "HĐND"})
    html = response.content.decode()
    assert "Vui lòng nhập tên cơ quan ban hành." in html
    issuer.refresh_from_db()
    assert (issuer.name, issuer.symbol, issuer.history.count()) == ("Ban Kinh tế - Xã hội", "KTXH", 1)


@pytest.mark.django_db
def test_former_symbol_of_an_issuer_with_numbers_is_not_reused(world) -> None:
    issuer = _committee(world)
    issued(world.council, doc_type=DocType.BAO_CAO, issuer=issuer, on=D(2025, 6, 1))
    services.issuer_update(issuer=issuer, symbol="KTNS", letter_symbol="KTNS-VP")
    with pytest.raises(Exception, match="đã \\(hoặc từng\\)"):
        services.issuer_create(council=world.council, name="Ban mới", symbol="KTXH")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"series": "NQ", "pattern": "{loai}-{ky_hieu}"}, "Mẫu số, ký hiệu", "phải có {so}"),
        ({"series": "NQ", "pattern": "{so}/{khong_co}"}, "Mẫu số, ký hiệu", "chỉ được dùng"),
        ({"series": "", "pattern": "{so}/{loai}-{ky_hieu}"}, "Sổ đăng ký", "Vui lòng nhập tên sổ"),
        ({"series": "NQ", "pattern": "{so}/TB-{ky_hieu}"}, "Mẫu số, ký hiệu", "giống hệt số của Thông báo"),
        ({"series": "NQ2", "pattern": "{so}/{loai}-{ky_hieu}"}, "Sổ đăng ký", "trùng số đã cấp"),
    ],
)
def test_series_form_bad_input(world, as_user, data, field, message) -> None:
    issued(world.council, doc_type=DocType.NGHI_QUYET, on=timezone.localdate())
    response = as_user("office_chief").post(reverse("documents:series_edit", args=["nghi_quyet", "thuong"]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html and field in html
    assert not NumberingSeries.objects.exists()
    assert not NumberingSeries.history.exists()


@pytest.mark.django_db
def test_series_change_allowed_before_any_number_of_the_year(world) -> None:
    # Numbers of last year do not matter: the new series starts the year at 01 like the old one would.
    issued(world.council, doc_type=DocType.NGHI_QUYET, on=D(2024, 12, 30))
    row = services.series_set(
        council=world.council,
        doc_type=DocType.NGHI_QUYET,
        series="NQ-ALL",
        pattern="{so}/{loai}-{ky_hieu}",
        today=D(2025, 1, 2),
    )
    assert row.series == "NQ-ALL"


@pytest.mark.django_db
def test_reset_refused_when_it_would_repeat_numbers(world, as_user) -> None:
    services.series_set(council=world.council, doc_type=DocType.BAO_CAO, series="BC2", pattern="{so}/{loai}-{ky_hieu}")
    issued(world.council, doc_type=DocType.BAO_CAO, on=timezone.localdate())
    response = as_user("admin").post(reverse("documents:series_reset", args=["bao_cao", "thuong"]), follow=True)
    assert "trùng số đã cấp" in response.content.decode()
    assert NumberingSeries.objects.filter(council=world.council).count() == 1


@pytest.mark.django_db
def test_unknown_series_key_is_404(world, as_user) -> None:
    client = as_user("admin")
    assert client.get(reverse("documents:series_edit", args=["khong_co", "thuong"])).status_code == 404
    assert client.get(reverse("documents:series_edit", args=["thong_bao", "qppl"])).status_code == 404


# Query counts ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_issuer_list_queries(world, as_user, django_assert_num_queries) -> None:
    client = as_user("office_chief")

    def add(start: int, n: int) -> None:
        for i in range(start, start + n):
            issuer = services.issuer_create(council=world.council, name=f"Ban {i}", symbol=f"B{i}", body=world.agency)
            issued(world.council, issuer=issuer, on=D(2025, 3, 1))

    services.issuer_default(council=world.council)
    add(0, 3)
    assert_constant_queries(
        lambda: client.get(reverse("documents:issuer_list")), lambda: add(3, 27), django_assert_num_queries
    )


@pytest.mark.django_db
def test_series_list_queries(world, as_user, django_assert_num_queries) -> None:
    client = as_user("office_chief")
    keys = numbering.series_keys()

    def override(selected: list) -> None:
        for doc_type, normative in selected:
            rule = numbering.default_rule(doc_type, normative)
            services.series_set(
                council=world.council,
                doc_type=doc_type,
                normative=normative,
                series=rule.series,
                pattern=f"{rule.pattern}/X",
            )
            issued(world.council, doc_type=doc_type, normative=normative)

    override(keys[:3])
    assert_constant_queries(
        lambda: client.get(reverse("documents:series_list")), lambda: override(keys[3:]), django_assert_num_queries
    )
