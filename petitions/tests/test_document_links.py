"""Every link a petition's page shows its reader opens (issue 18): a document the reader may not open (an
agency user sees only what is addressed to or sent by its body; a delegate no drafts) is named without a
link, never a link that answers 403 or 404. The petition's task page is checked the same way."""

import re

import pytest

from documents.tests.factories import draft, incoming
from petitions import services
from petitions.models import Petition
from petitions.tests.conftest import make_petition
from petitions.tests.test_answers_merge import forward

READERS = ["office", "standing", "committee", "delegate", "agency"]


def links(html: str) -> list[str]:
    """The links of the page's main part (the top bar's menu is the navigation's business)."""
    main = html[html.index("<main") : html.index("</main>")]
    return [href for href in re.findall(r'<a [^>]*href="([^"#]+)"', main) if href.startswith("/")]


@pytest.fixture
def answered(town) -> dict[str, Petition]:
    """Two petitions forwarded to the agency user's body: one answered with a letter the office registered
    from the People's Committee (not from the agency), one with a draft of the council."""
    agency = town.world.agency
    first = make_petition(town, "Đề nghị nâng cấp đường liên thôn An Ba", body=agency)
    second = make_petition(town, "Đề nghị sửa cầu tràn Phổ Châu", body=agency)
    forward(town, body=agency)
    letter = incoming(town.council, subject="UBND thị xã trả lời kiến nghị đường liên thôn")
    note = draft(town.council, subject="Dự thảo thông báo kết quả sửa cầu tràn")
    office = town.world.users["office"]
    for petition, document in ((first, letter), (second, note)):
        services.petition_answer(
            petition=Petition.objects.get(pk=petition.pk),
            user=office,
            text="Đã bố trí vốn năm 2025.",
            state="da_tra_loi",
            document=document,
        )
    return {"letter": Petition.objects.get(pk=first.pk), "draft": Petition.objects.get(pk=second.pk)}


@pytest.mark.django_db
def test_every_link_on_a_petition_page_opens_for_its_reader(town, answered, as_user) -> None:
    for role in READERS:
        client = as_user(role)
        for petition in answered.values():
            page = client.get(f"/kien-nghi/{petition.pk}/")
            assert page.status_code == 200, role
            task = client.get(f"/theo-doi/{petition.obligation_id}/")
            assert task.status_code == 200, role
            for html in (page.content.decode(), task.content.decode()):
                for href in links(html):
                    assert client.get(href).status_code == 200, (role, href)


@pytest.mark.django_db
def test_a_document_the_reader_cannot_open_is_named_without_a_link(town, answered, as_user) -> None:
    letter, note = answered["letter"], answered["draft"]
    forward_link = f'<a href="/van-ban/{letter.forward_document_id}/">'
    agency = as_user("agency").get(f"/kien-nghi/{letter.pk}/").content.decode()
    # The forwarding letter is addressed to the agency: it opens. The committee's reply was not sent by it.
    assert forward_link in agency
    assert "UBND thị xã trả lời kiến nghị đường liên thôn" in agency
    assert f'href="/van-ban/{letter.answer_document_id}/"' not in agency
    office = as_user("office").get(f"/kien-nghi/{letter.pk}/").content.decode()
    assert f'<a href="/van-ban/{letter.answer_document_id}/">UBND thị xã trả lời' in office

    # A draft is the office's: a delegate reads its title, the office opens it.
    delegate = as_user("delegate").get(f"/kien-nghi/{note.pk}/").content.decode()
    assert "Dự thảo thông báo kết quả sửa cầu tràn" in delegate
    assert f'href="/van-ban/{note.answer_document_id}/"' not in delegate
    office = as_user("office").get(f"/kien-nghi/{note.pk}/").content.decode()
    assert f'href="/van-ban/{note.answer_document_id}/"' in office
