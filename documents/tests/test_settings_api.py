"""The issuers and numbering series through /api/v1/: permissions, bad input, query counts, numbering."""

import pytest
from django.utils import timezone

from documents import numbering, services
from documents.models import DocType, Issuer, NumberingSeries
from documents.tests.factories import issued
from hdnd.testing import assert_constant_queries

KEYS = ["admin", "office_chief", "office", "standing", "committee", "delegate", "agency"]
SETTERS = {"admin", "office_chief"}
READERS = {"admin", "office_chief", "office", "standing", "committee", "delegate"}
JSON = {"content_type": "application/json"}


def _api(world, path: str) -> str:
    return f"/api/v1/councils/{world.council.pk}{path}"


def _committee(world) -> Issuer:
    return services.issuer_create(council=world.council, name="Ban Kinh tế - Xã hội", symbol="KTXH")


@pytest.mark.django_db
def test_read_matrix(world, as_user) -> None:
    issuer = _committee(world)
    paths = [
        "/document-issuers",
        f"/document-issuers/{issuer.pk}",
        "/document-series",
        "/document-series/nghi_quyet/qppl",
    ]
    for path in paths:
        for key in KEYS:
            status = as_user(key).get(_api(world, path)).status_code
            assert status == (200 if key in READERS else 403), f"{path} as {key}: {status}"
        assert as_user(None).get(_api(world, path)).status_code == 401
        assert as_user("outsider").get(_api(world, path)).status_code == 404
    assert as_user("admin").get(_api(world, "/document-series/thong_bao/qppl")).status_code == 404


@pytest.mark.django_db
def test_write_matrix(world, as_user) -> None:
    issuer = _committee(world)
    writes = [
        ("post", "/document-issuers", {"name": "Ban Pháp chế", "symbol": "PC"}),
        ("patch", f"/document-issuers/{issuer.pk}", {"name": "Đổi"}),
        ("put", "/document-series/bao_cao/thuong", {"series": "BC", "pattern": "{so}/{nam}/{loai}-{ky_hieu}"}),
        ("delete", "/document-series/bao_cao/thuong", None),
    ]
    for key in ["office", "standing", "committee", "delegate", "agency", None, "outsider"]:
        client = as_user(key)
        for method, path, payload in writes:
            response = getattr(client, method)(_api(world, path), payload or {}, **JSON)
            expected = {None: 401, "outsider": 404}.get(key, 403)
            assert response.status_code == expected, f"{method} {path} as {key}: {response.status_code}"
    assert list(Issuer.objects.filter(council=world.council).values_list("name", flat=True)) == ["Ban Kinh tế - Xã hội"]
    assert not NumberingSeries.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(SETTERS))
def test_office_chief_and_admin_flow(world, as_user, key) -> None:
    client = as_user(key)
    today = timezone.localdate()
    created = client.post(
        _api(world, "/document-issuers"),
        {"name": "Ban Kinh tế - Xã hội", "parent_name": "HĐND thị xã", "symbol": "KTXH", "body_id": world.group.pk},
        **JSON,
    )
    assert created.status_code == 201, created.content
    issuer = created.json()
    assert (issuer["letter_symbol"], issuer["body_id"], issuer["numbered"]) == ("KTXH-VP", world.group.pk, 0)
    first = issued(world.council, doc_type=DocType.BAO_CAO, issuer=Issuer.objects.get(pk=issuer["id"]), on=today)
    assert first.number_symbol == "01/BC-KTXH"
    patched = client.patch(_api(world, f"/document-issuers/{issuer['id']}"), {"symbol": "KTNS"}, **JSON)
    assert patched.json()["symbol"] == "KTNS" and patched.json()["numbered"] == 1
    series = client.put(
        _api(world, "/document-series/bao_cao/thuong"),
        {"series": "BC", "pattern": "{so}/{nam}/{loai}-{ky_hieu}"},
        **JSON,
    )
    assert series.status_code == 200, series.content
    assert series.json()["custom"] and series.json()["example"] == f"05/{today.year}/BC-HĐND"
    second = issued(world.council, doc_type=DocType.BAO_CAO, issuer=Issuer.objects.get(pk=issuer["id"]), on=today)
    first.refresh_from_db()
    assert first.number_symbol == "01/BC-KTXH" and second.number_symbol == f"02/{today.year}/BC-KTNS"
    reset = client.delete(_api(world, "/document-series/bao_cao/thuong"))
    assert reset.status_code == 200 and not reset.json()["custom"] and reset.json()["taken_this_year"] == 2
    assert NumberingSeries.history.count() == 2  # created, deleted


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        ({"name": "", "symbol": "PC"}, 400, "name"),
        ({"name": "Ban Pháp chế", "symbol": "KTXH"}, 400, "symbol"),
        ({"name": "Ban Pháp chế", "symbol": "PC", "body_id": 999999}, 404, "body_id"),
        ({"name": "Ban Pháp chế", "symbol": "P" * 31}, 422, "symbol"),
    ],
)
def test_issuer_bad_input(world, as_user, payload, status, field) -> None:
    _committee(world)
    response = as_user("office_chief").post(_api(world, "/document-issuers"), payload, **JSON)
    assert response.status_code == status, response.content
    assert any(e["field"] == field for e in response.json()["errors"])
    assert Issuer.objects.filter(council=world.council).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"series": "NQ", "pattern": "{nam}/{loai}"}, "pattern", "{so}"),
        ({"series": "NQ", "pattern": "{so}/{x}"}, "pattern", "chỉ được dùng"),
        ({"series": "NQ", "pattern": "{so}/TB-{ky_hieu}"}, "pattern", "giống hệt"),
        ({"series": "NQ-MOI", "pattern": "{so}/{loai}-{ky_hieu}"}, "series", "trùng số đã cấp"),
    ],
)
def test_series_bad_input(world, as_user, payload, field, message) -> None:
    issued(world.council, doc_type=DocType.NGHI_QUYET, on=timezone.localdate())
    response = as_user("admin").put(_api(world, "/document-series/nghi_quyet/thuong"), payload, **JSON)
    assert response.status_code == 400, response.content
    assert any(e["field"] == field and message in e["message"] for e in response.json()["errors"]), response.json()
    assert not NumberingSeries.objects.exists()


@pytest.mark.django_db
def test_issuer_list_queries(world, as_user, django_assert_num_queries) -> None:
    client = as_user("office")
    services.issuer_default(council=world.council)

    def add(start: int, n: int) -> None:
        for i in range(start, start + n):
            services.issuer_create(council=world.council, name=f"Ban {i}", symbol=f"B{i}", body=world.agency)

    add(0, 3)
    assert_constant_queries(
        lambda: client.get(_api(world, "/document-issuers")), lambda: add(3, 27), django_assert_num_queries
    )


@pytest.mark.django_db
def test_series_list_queries(world, as_user, django_assert_num_queries) -> None:
    client = as_user("delegate")
    keys = numbering.series_keys()
    services.issuer_default(council=world.council)

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

    override(keys[:3])
    assert_constant_queries(
        lambda: client.get(_api(world, "/document-series")), lambda: override(keys[3:]), django_assert_num_queries
    )
