"""The public list: no login, only published documents, never anything else."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents import services
from documents.tests.factories import draft, issued, published
from hdnd.paging import CappedPaginator


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


@pytest.mark.django_db
def test_a_broad_search_counts_up_to_the_cap_on_screen_and_in_the_api(world, client, monkeypatch) -> None:
    monkeypatch.setattr(CappedPaginator, "cap", 3)
    for n in range(5):
        published(world.council, subject=f"Thông báo về đường giao thông số {n}")
    published(world.council, subject="Thông báo về trường học")
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("documents:public_list"), {"q": "duong"}).content.decode()
    assert "Tìm thấy hơn 3 kết quả; hãy thu hẹp" in html
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts and all("LIMIT 4" in sql for sql in counts), counts  # the rows past the cap are never read
    api = client.get(reverse("api-v1:document_public_list"), {"q": "duong"}).json()
    assert (api["count"], api["count_capped"], api["count_label"]) == (3, True, "hơn 3 kết quả")
    # the pages stop at the cap too (the newest first)
    assert [d["subject"][-1] for d in api["items"]] == ["4", "3", "2"]
    few = client.get(reverse("api-v1:document_public_list"), {"q": "truong hoc"}).json()
    assert (few["count"], few["count_capped"], few["count_label"]) == (1, False, "1 kết quả")
    assert "Tìm thấy 1 kết quả." in client.get(reverse("documents:public_list"), {"q": "truong hoc"}).content.decode()
    assert client.get(reverse("api-v1:document_public_list"), {"q": "x" * 201}).status_code == 422
