"""Only published records reach the portal and its feed; unpublishing takes a record off both, at once
(the cached page is renewed when the record changes)."""

from django.test import Client
from django.urls import reverse

from documents import services as documents
from petitions import services as petitions
from portal.tests.conftest import PETITIONER, PETITIONER_ADDRESS, PETITIONER_PHONE, answer_all, grow
from supervision import services as supervision


def get(path: str) -> str:
    response = Client().get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_withdrawing_a_document_takes_it_off_the_pages_and_the_feed(site) -> None:
    grow(site, 3)
    doc = site.documents[0]
    c = site.council.pk
    detail = reverse("portal:document", args=[c, doc.pk])
    listing, feed = reverse("portal:documents", args=[c]), reverse("portal:feed", args=[c])
    assert doc.subject in get(listing) and doc.subject in get(feed) and Client().get(detail).status_code == 200
    documents.document_withdraw(document=doc, user=None, reason="Ban hành nhầm")
    assert doc.subject not in get(listing)
    assert doc.subject not in get(feed)
    assert doc.subject not in get(reverse("portal:council_search", args=[c]) + "?q=duong dien")
    assert Client().get(detail).status_code == 404


def test_an_unpublished_document_is_404_and_absent(site) -> None:
    from documents.tests.factories import issued

    grow(site, 3)
    doc = issued(site.council, subject="Thông báo chưa công khai về đường tránh")
    c = site.council.pk
    assert Client().get(reverse("portal:document", args=[c, doc.pk])).status_code == 404
    assert doc.subject not in get(reverse("portal:documents", args=[c]))
    assert doc.subject not in get(reverse("portal:search") + "?q=duong tranh")


def test_unpublishing_a_contact_round_takes_its_petitions_and_answers_off(site) -> None:
    grow(site, 3)
    answer_all(site)
    c = site.council.pk
    page, feed = reverse("portal:petitions", args=[c]), reverse("portal:feed", args=[c])
    text = site.petitions[0].text
    assert text in get(page) and "Đã bố trí vốn làm đường" in get(feed)
    petitions.round_publish(contact_round=site.town.round, published=False, user=None)
    assert text not in get(page)
    assert "Đã bố trí vốn làm đường" not in get(feed)
    assert text not in get(reverse("portal:search") + "?q=lien thon")


def test_unpublishing_a_supervision_round_takes_it_off(site) -> None:
    grow(site, 3)
    r = site.rounds[0]
    page = reverse("portal:supervision", args=[site.council.pk])
    assert r.subject in get(page)
    supervision.round_publish(round=r, published=False)
    assert r.subject not in get(page)


def test_no_petitioner_name_address_or_phone_on_any_public_page(site) -> None:
    grow(site, 3)
    answer_all(site)
    c = site.council.pk
    pages = [
        reverse("portal:petitions", args=[c]),
        reverse("portal:petitions", args=[c]) + "?q=lien thon",
        reverse("portal:council_search", args=[c]) + "?q=duong",
        reverse("portal:search") + "?q=duong",
        reverse("portal:feed", args=[c]),
        reverse("portal:council", args=[c]),
    ]
    for path in pages:
        text = get(path)
        assert site.petitions[0].text in text or "kiến nghị" in text.lower(), path
        for secret in (PETITIONER, PETITIONER_ADDRESS, PETITIONER_PHONE, "Riêngtư", "Bímật"):
            assert secret not in text, (path, secret)


def test_petitions_filter_by_commune_and_field(site) -> None:
    grow(site, 6)
    c = site.council.pk
    an, chau = site.town.units["Phổ An"], site.town.units["Phổ Châu"]
    grouped = get(reverse("portal:petitions", args=[c]))
    assert f'<a href="?xa={an.pk}">Phổ An</a>: 2 kiến nghị, 0 đã có trả lời' in grouped
    assert "Giao thông</a>: 6 kiến nghị, 0 đã có trả lời" in grouped
    text = get(reverse("portal:petitions", args=[c]) + f"?xa={an.pk}")
    shown = [p for p in site.petitions if f'id="kien-nghi-{p.pk}"' in text]
    assert shown and all(p.unit_id == an.pk for p in shown)
    assert not any(f'id="kien-nghi-{p.pk}"' in text for p in site.petitions if p.unit_id == chau.pk)
    other_field = (
        site.town.fields["Y tế"]
        if "Y tế" in site.town.fields
        else next(f for name, f in site.town.fields.items() if name != "Giao thông")
    )
    text = get(reverse("portal:petitions", args=[c]) + f"?linh_vuc={other_field.pk}")
    assert "Không có kiến nghị nào phù hợp" in text
