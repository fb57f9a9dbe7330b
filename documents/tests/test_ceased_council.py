"""A ceased council keeps its register readable but drafts no outgoing document and registers no incoming
one after its last day (`registry.services.council_accepts`): the screens and the API refuse with a
Vietnamese message, nothing is saved, and the register offers no button for either."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import CEASED_REFUSED as REFUSED
from documents import services
from documents.models import Document
from hdnd.testing import post_json
from registry.models import Council

D = datetime.date
pytestmark = pytest.mark.django_db


def test_ceased_council_drafts_and_registers_nothing(world, as_user, cease) -> None:
    council = world.council
    refused = cease()
    office = as_user("office")

    # The register offers neither button, on either book.
    for book in ("di", "den"):
        html = office.get(reverse("documents:document_list"), {"so": book}).content.decode()
        assert f'href="{reverse("documents:document_create")}"' not in html
        assert f'href="{reverse("documents:incoming_create")}"' not in html
        assert "đã chấm dứt hoạt động từ ngày 01/07/2025: không tạo hồ sơ mới." in html

    # The screens: refused with the message on the form, nothing saved.
    html = office.post(
        reverse("documents:document_create"), {"doc_type": "thong_bao", "subject": "Thông báo mới"}
    ).content.decode()
    assert refused in html
    incoming = {"doc_type": "bao_cao", "subject": "Báo cáo", "received_on": "2025-06-30", "sender_name": "UBND"}
    html = office.post(reverse("documents:incoming_create"), incoming).content.decode()
    assert refused in html and "kể cả ghi lùi về ngày 30/06/2025" in html
    assert not Document.objects.filter(council=council).exists()

    # The API: 400 with the message, nothing saved.
    base = f"/api/v1/councils/{council.pk}/documents"
    response = post_json(office, base, {"doc_type": "thong_bao", "subject": "Thông báo mới"})
    assert response.status_code == 400 and refused in str(response.json()), response.content
    response = post_json(office, f"{base}/incoming", {**incoming, "received_on": "2025-06-01"})
    assert response.status_code == 400 and refused in str(response.json()), response.content
    assert not Document.objects.filter(council=council).exists()

    # The services themselves, even backdated to before the last day.
    with pytest.raises(ValidationError, match="kể cả ghi lùi"):
        services.document_create(council=council, doc_type="thong_bao", subject="X", issued_on=D(2025, 6, 1))
    with pytest.raises(ValidationError, match="chấm dứt hoạt động"):
        services.incoming_create(
            council=council, doc_type="bao_cao", subject="X", received_on=D(2025, 6, 1), sender_name="UBND"
        )
    assert not Document.objects.filter(council=council).exists()


def test_a_council_at_work_offers_both_buttons(world, as_user) -> None:
    html = as_user("office").get(reverse("documents:document_list")).content.decode()
    assert f'href="{reverse("documents:document_create")}"' in html
    assert f'href="{reverse("documents:incoming_create")}"' in html
    assert "không tạo hồ sơ mới" not in html


def test_ceased_council_changes_no_document(world, as_user) -> None:
    """A draft, an issued document of a ceased council stay as they were: no edit, attachment, publication
    or withdrawal is offered; the edit and withdrawal pages go back with the refusal; the API and the
    services refuse."""
    council = world.council
    draft = services.document_create(council=council, doc_type="cong_van", subject="Đề nghị báo cáo", body="Nội dung.")
    office = as_user("office")
    page = reverse("documents:document_detail", args=[draft.pk])
    assert reverse("documents:document_edit", args=[draft.pk]) in office.get(page).content.decode()

    Council.objects.filter(pk=council.pk).update(active=False, ceased_on=D(2025, 7, 1))
    council.refresh_from_db()
    draft = Document.objects.get(pk=draft.pk)
    assert services.allowed_actions(draft, world.users["office"]) == set()

    html = office.get(page).content.decode()
    for name in ("document_edit", "document_issue", "attachment_add", "document_withdraw"):
        assert reverse(f"documents:{name}", args=[draft.pk]) not in html, name
    assert 'method="post"' not in html.split("<main", 1)[-1]
    for name in ("document_edit", "document_withdraw"):
        url = reverse(f"documents:{name}", args=[draft.pk])
        for response in (office.get(url), office.post(url, {"subject": "Khác", "reason": "Sai"})):
            assert response.status_code == 302 and response.url == page, (name, response)
        assert REFUSED in office.get(url, follow=True).content.decode(), name

    response = office.patch(
        f"/api/v1/councils/{council.pk}/documents/{draft.pk}", json.dumps({"subject": "Khác"}), "application/json"
    )
    assert response.status_code == 400 and REFUSED in str(response.json()), response.content
    for call in (
        lambda: services.document_update(document=draft, subject="Khác"),
        lambda: services.document_publish(document=draft, user=None),
        lambda: services.document_withdraw(document=draft, user=None, reason="Sai"),
    ):
        with pytest.raises(ValidationError, match="chấm dứt hoạt động"):
            call()
    draft.refresh_from_db()
    assert draft.subject == "Đề nghị báo cáo"
