"""Writes users may click twice run once: the import's "Lưu" and forwarding to an agency."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from documents.models import Document
from hdnd.once import ALREADY_DONE, new_key, run_once
from hdnd.testing import at_once, postgres_only
from petitions import services
from petitions.models import Petition, PetitionState
from petitions.tests.conftest import make_petition
from petitions.tests.test_import import GOOD, xlsx

ROWS = [[i, f"Đề nghị sửa đường thôn số {i}", *GOOD[0][2:]] for i in range(1, 51)]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _preview(client: Client, town) -> tuple[str, str]:
    """Upload the file; (the confirm URL, the preview's one-time key)."""
    upload = io.BytesIO(xlsx(ROWS))
    upload.name = "kien-nghi.xlsx"
    page = client.post(f"/nhap-tep/kien-nghi/{town.round.pk}/", {"file": upload}).url
    response = client.get(page + "xem-truoc/")
    assert "Xem trước: 50 kiến nghị mới" in response.content.decode()
    return page + "luu/", response.context["key"]


@pytest.mark.django_db
def test_a_used_key_is_refused_and_the_work_does_not_run() -> None:
    key = new_key()
    assert run_once(key, lambda: 1) == 1
    ran = []
    with pytest.raises(ValidationError, match="đã được thực hiện"):
        run_once(key, lambda: ran.append(1))
    assert ran == []


@pytest.mark.django_db
def test_a_failed_work_gives_its_key_back() -> None:
    key = new_key()

    def fail() -> None:
        raise ValidationError("Lỗi thử")

    with pytest.raises(ValidationError, match="Lỗi thử"):
        run_once(key, fail)
    assert run_once(key, lambda: "lần hai") == "lần hai"


@pytest.mark.django_db
def test_import_saved_twice_in_a_row_is_imported_once(town, as_user) -> None:
    client = as_user("office")
    url, key = _preview(client, town)
    assert client.post(url, {"key": key}).status_code == 302
    assert Petition.objects.count() == 50
    response = client.post(url, {"key": key}, follow=True)
    # The import is finished and its file deleted: the second click reads nothing and saves nothing.
    assert "Đã nhập 50 kiến nghị từ tệp này; tệp đã được xóa sau khi nhập xong." in response.content.decode()
    assert Petition.objects.count() == 50


@pytest.mark.django_db
def test_the_same_preview_in_two_tabs_is_saved_once(town, as_user) -> None:
    """Even with "import rows already there too" chosen, the used key refuses the second tab."""
    client = as_user("office")
    url, key = _preview(client, town)
    assert client.post(url, {"key": key, "include_existing": "1"}).status_code == 302
    response = client.post(url, {"key": key, "include_existing": "1"}, follow=True)
    assert ALREADY_DONE in response.content.decode()
    assert Petition.objects.count() == 50


@pytest.mark.django_db(transaction=True)
def test_import_saved_twice_at_once_is_imported_once(town, as_user) -> None:
    postgres_only()
    client = as_user("office")
    url, key = _preview(client, town)
    clients = []
    for _ in range(2):
        twin = Client()
        twin.cookies = client.cookies
        clients.append(twin)
    data = {"key": key, "include_existing": "1"}
    responses = at_once(*(lambda c=c: c.post(url, data, follow=True) for c in clients))
    texts = sorted(r.content.decode() for r in responses)
    assert sum("Đã nhập 50 kiến nghị." in t for t in texts) == 1, texts
    assert sum(ALREADY_DONE in t for t in texts) == 1
    assert Petition.objects.count() == 50


def _forward(town) -> Document:
    return services.petitions_forward(
        contact_round=town.round,
        body=town.world.agency,
        user=None,
        signer_title="Phó Chủ tịch",
        signer_name="Nguyễn Thị Kiều",
    )


@pytest.mark.django_db
def test_forwarding_twice_forwards_once(town) -> None:
    make_petition(town, "Đề nghị cấp vốn sửa đường thôn An Ba", body=town.world.agency)
    _forward(town)
    with pytest.raises(ValidationError, match="Không có kiến nghị nào đang chờ chuyển"):
        _forward(town)
    assert Document.objects.count() == 1
    assert Petition.objects.get().state == PetitionState.FORWARDED


@pytest.mark.django_db(transaction=True)
def test_forwarding_twice_at_once_forwards_once(town) -> None:
    postgres_only()
    for i in range(5):
        make_petition(town, f"Đề nghị cấp vốn sửa đường thôn {i}", body=town.world.agency)
    outcomes = at_once(lambda: _forward(town), lambda: _forward(town))
    assert sum(isinstance(o, Document) for o in outcomes) == 1, outcomes
    refused = next(o for o in outcomes if not isinstance(o, Document))
    assert isinstance(refused, ValidationError) and "Không có kiến nghị nào đang chờ chuyển" in str(refused)
    assert Document.objects.count() == 1
    assert Petition.objects.filter(forward_document__isnull=False).count() == 5
