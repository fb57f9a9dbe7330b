"""Every portal page answers anonymously; an inactive or absent council and an unpublished record are 404."""

from django.test import Client
from django.urls import reverse

from portal.tests.conftest import answer_all, grow, publish_slots


def council_pages(site) -> list[str]:
    c = site.council.pk
    return [
        reverse("portal:council", args=[c]),
        reverse("portal:council_search", args=[c]) + "?q=duong",
        reverse("portal:bodies", args=[c]),
        reverse("portal:delegate", args=[c, site.delegates[0].pk]),
        reverse("portal:sessions", args=[c]),
        reverse("portal:session", args=[c, site.sessions[0].pk]),
        reverse("portal:documents", args=[c]),
        reverse("portal:document", args=[c, site.documents[0].pk]),
        reverse("portal:resolutions", args=[c]),
        reverse("portal:supervision", args=[c]),
        reverse("portal:petitions", args=[c]),
        reverse("portal:reception", args=[c]),
        reverse("portal:reports", args=[c]),
        reverse("portal:feed", args=[c]),
    ]


def test_every_page_answers_anonymously(site) -> None:
    grow(site, 3)
    answer_all(site)
    publish_slots(site, 3)
    client = Client()
    for path in ["/", reverse("portal:index"), reverse("portal:search") + "?q=duong", *council_pages(site)]:
        response = client.get(path)
        assert response.status_code == 200, path
