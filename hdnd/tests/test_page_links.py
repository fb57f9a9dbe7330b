"""Every link a document's page, a session's page and a supervision round's page shows opens for its viewer
(a new user's tryout of the demo found "Hồ sơ nguồn" on a forwarding letter answering 403 for the agency
user it was addressed to, and "Trang công khai tài liệu kỳ họp" answering 404 for everyone): a record the
viewer may not open is named without a link, and the public page is linked only once it exists."""

import datetime

import pytest

from documents import services as documents_services
from documents.sources import SOURCE_KINDS
from documents.tests.factories import draft, issued
from petitions.tests.test_document_links import links
from plenary import services as plenary_services
from plenary.tests.factories import make_session
from reception.tests.test_letters import eligible, forward, receive
from supervision import services as supervision_services
from supervision.tests.factories import make_round, make_setup

D = datetime.date
READERS = ["office", "standing", "committee", "delegate"]


@pytest.fixture(autouse=True)
def quick_pdf(monkeypatch) -> None:
    """The "Tải PDF" link is followed too; LibreOffice's conversion is not what is checked here."""
    monkeypatch.setattr(documents_services, "document_render_pdf", lambda document: b"%PDF-1.4\n")


def follow(client, url: str, who: str) -> str:
    """The page at `url` as `who` sees it, after following every link of its main part."""
    page = client.get(url)
    assert page.status_code == 200, (who, url)
    html = page.content.decode()
    for href in links(html):
        assert client.get(href).status_code == 200, (who, url, href)
    return html


@pytest.mark.django_db
def test_a_document_page_links_its_source_only_for_a_viewer_it_opens_for(world, as_user) -> None:
    letter = receive(world)
    case = letter.cases.get()
    eligible(world, case)
    document = forward(world, case)  # the forwarding letter, addressed to the agency: its user opens it
    page, source = f"/van-ban/{document.pk}/", f'href="/don-thu/{letter.pk}/"'
    for who in [*READERS, "agency"]:
        html = follow(as_user(who), page, who)
        assert "Hồ sơ nguồn" in html, who
    # The letter's register is the council's: the agency's user reads which letter, without a link to it.
    agency = as_user("agency").get(page).content.decode()
    assert source not in agency and "Đơn thư của công dân" in agency
    assert source in as_user("office").get(page).content.decode()


@pytest.mark.django_db
def test_a_session_page_links_what_its_viewer_opens_and_its_public_page_once_it_exists(world, as_user) -> None:
    session = make_session(world.council, world.term)
    note = draft(world.council, subject="Dự thảo báo cáo thẩm tra của Ban")
    plenary_services.session_document_add(session=session, title="Báo cáo thẩm tra (dự thảo)", document=note)
    page, public = f"/ky-hop/{session.pk}/", f"/ky-hop/cong-khai/{world.council.pk}/{session.pk}/"
    assert as_user(None).get(public).status_code == 404  # nothing public yet: the page does not exist
    for who in READERS:
        html = follow(as_user(who), page, who)
        assert public not in html and "chưa có trang công khai tài liệu kỳ họp" in html, who
    # A draft is the office's: a delegate reads that the document is there, without a link to it.
    assert f'href="/van-ban/{note.pk}/"' not in as_user("delegate").get(page).content.decode()
    assert f'href="/van-ban/{note.pk}/"' in as_user("office").get(page).content.decode()

    decision = issued(world.council, subject="Nghị quyết về dự toán ngân sách năm 2025")
    plenary_services.session_document_add(session=session, title="Nghị quyết", document=decision, public=True)
    for who in READERS:
        assert f'href="{public}"' in follow(as_user(who), page, who), who
    assert as_user(None).get(public).status_code == 200


@pytest.mark.django_db
def test_a_round_page_links_what_its_viewer_opens(world, as_user) -> None:
    setup = make_setup(world.council, world.term)
    round = make_round(setup)
    decision = supervision_services.decision_generate(round=round)  # a draft: the office's
    supervision_services.body_reports_request(round=round, due_on=D(2024, 5, 31), sent_on=D(2024, 5, 7))
    supervision_services.recommendation_add(
        round=round, body=setup.quang, text="Xử lý dứt điểm lấn chiếm vỉa hè", due_on=D(2024, 9, 30)
    )
    page = f"/giam-sat/dot/{round.pk}/"
    for who in READERS:
        follow(as_user(who), page, who)
    assert f'href="/van-ban/{decision.pk}/"' not in as_user("delegate").get(page).content.decode()
    assert f'href="/van-ban/{decision.pk}/"' in as_user("office").get(page).content.decode()


def test_every_source_kind_with_a_page_names_who_may_open_it() -> None:
    """A workflow registering where its records' pages are also says the check of that page's view, so a
    document's page never links to it for a user it answers 403 or 404."""
    assert [key for key, kind in SOURCE_KINDS.items() if kind.url and not kind.perms] == []
