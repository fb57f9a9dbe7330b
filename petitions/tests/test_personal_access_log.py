"""Every place that shows or exports petitioners' personal data writes a row to the council's access log."""

import pytest
from django.test import override_settings

from petitions.tests.conftest import make_petition
from registry.models import AccessKind, PersonalDataAccess


@pytest.fixture
def petition(town):
    return make_petition(
        town, "Đề nghị sửa cầu tràn thôn An Ba", people=[("Nguyễn Văn Bình", "Thôn An Ba", "0905123456")]
    )


@pytest.mark.django_db
def test_viewing_exporting_and_the_api_each_log_a_row(town, petition, as_user) -> None:
    office = as_user("office")
    assert office.get(f"/kien-nghi/{petition.pk}/", REMOTE_ADDR="10.1.2.3").status_code == 200
    row = PersonalDataAccess.objects.get()
    assert (row.council, row.user, row.kind, row.object_id, row.address) == (
        town.council,
        town.world.users["office"],
        AccessKind.VIEW,
        petition.pk,
        "10.1.2.3",
    )
    assert row.label == f"Kiến nghị #{petition.pk} — Nguyễn Văn Bình" and row.record == petition
    assert office.get("/kien-nghi/danh-sach/excel/").status_code == 200
    api = office.get(f"/api/v1/councils/{town.council.pk}/petitions/{petition.pk}/petitioners")
    assert api.status_code == 200
    kinds = list(PersonalDataAccess.objects.order_by("id").values_list("kind", flat=True))
    assert kinds == [AccessKind.VIEW, AccessKind.EXPORT, AccessKind.API]


@pytest.mark.django_db
def test_masked_views_log_nothing(town, petition, as_user) -> None:
    assert as_user("delegate").get(f"/kien-nghi/{petition.pk}/").status_code == 200
    assert as_user("delegate").get("/kien-nghi/danh-sach/excel/").status_code == 200
    assert not PersonalDataAccess.objects.exists()


@pytest.mark.django_db
def test_address_behind_the_proxy_is_the_one_it_saw_and_forged_headers_are_ignored_otherwise(
    town, petition, as_user
) -> None:
    url = f"/kien-nghi/{petition.pk}/"
    office = as_user("office")
    office.get(url, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1")
    with override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https")):
        office.get(url, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
        office.get(url, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="không phải địa chỉ")
    addresses = list(PersonalDataAccess.objects.order_by("id").values_list("address", flat=True))
    assert addresses == ["10.0.0.1", "203.0.113.7", "10.0.0.1"]
