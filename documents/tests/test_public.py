"""The public list: no login, only published documents, never anything else."""

import pytest
from django.urls import reverse

from documents import services
from documents.tests.factories import draft, issued, published


@pytest.mark.django_db
def test_public_list_shows_only_published(world, client) -> None:
    shown = published(world.council, subject="Thông báo công khai số một")
    issued(world.council, subject="Đã ban hành nhưng chưa công khai")
    draft(world.council, subject="Dự thảo bí mật")
    withdrawn = published(world.council, subject="Đã công khai rồi thu hồi")
    services.document_withdraw(document=withdrawn, user=None, reason="Sai sót")
    other = published(world.other_council, subject="Công khai của Hội đồng khác")
    html = client.get(reverse("documents:public_list")).content.decode()
    assert "Thông báo công khai số một" in html and "Công khai của Hội đồng khác" in html
    assert "chưa công khai" not in html and "Dự thảo bí mật" not in html and "rồi thu hồi" not in html
    only = client.get(reverse("documents:public_list"), {"hoi_dong": world.other_council.pk}).content.decode()
    assert "Công khai của Hội đồng khác" in only and "Thông báo công khai số một" not in only
    found = client.get(reverse("documents:public_list"), {"q": "cong khai so mot"}).content.decode()
    assert "Thông báo công khai số một" in found and other.subject not in found
    response = client.get(reverse("documents:public_docx", args=[shown.pk]))
    assert response.status_code == 200 and response.content[:2] == b"PK"


@pytest.mark.django_db
def test_public_download_never_gives_unpublished(world, client) -> None:
    for document in [draft(world.council), issued(world.council)]:
        assert client.get(reverse("documents:public_docx", args=[document.pk])).status_code == 404
        assert client.get(reverse("documents:public_pdf", args=[document.pk])).status_code == 404
