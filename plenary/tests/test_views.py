"""The session screens: permission matrix, fixed query counts, bad input, the delegate's documents."""

import datetime

import pytest
from django.urls import reverse

from hdnd.testing import assert_constant_queries
from plenary import services
from plenary.models import Session, Submission, Vote
from plenary.tests.factories import committee, make_delegates, make_session, make_submission, set_due_days
from registry import services as registry_services
from registry.models import Role

D = datetime.date
ALL = ["admin", "office_chief", "office", "standing", "committee", "delegate", "agency"]
OFFICE = ["admin", "office_chief", "office"]
VIEWERS = [*OFFICE, "standing", "committee", "delegate"]


def _expect(allowed: list[str], outsider: int) -> dict:
    result: dict = {key: (200 if key in allowed else 403) for key in ALL}
    result[None] = 302
    result["outsider"] = outsider
    return result


@pytest.fixture
def prepared(world):
    set_due_days(world.council)
    delegates = make_delegates(world.term, 3)
    session = make_session(world.council, world.term)
    later = make_session(world.council, world.term, number=22, opens_on=D(2025, 7, 10))
    sub = make_submission(session, world.agency)
    services.submission_receive(submission=sub, received_on=D(2024, 12, 10), checklist=["to_trinh"], user=None)
    services.verification_assign(
        submission=sub, committee=committee(world.council), assigned_on=D(2024, 11, 20), user=None
    )
    question = services.question_create(
        session=session,
        delegate=delegates[0],
        addressee=delegates[1].person,
        addressee_body=world.agency,
        content="Tiến độ dự án?",
        asked_on=D(2024, 12, 1),
        user=None,
    )
    doc = services.session_document_add(session=session, title="Tờ trình dự toán", submission=sub)
    services.session_documents_send(session=session, sent_on=D(2024, 12, 1), user=None)
    return session, later, sub, question, doc, delegates


@pytest.fixture
def urls(prepared) -> dict:
    session, _, sub, question, doc, _ = prepared
    s, q = session.pk, sub.pk
    return {
        "session_list": (reverse("plenary:session_list"), _expect(VIEWERS, 200)),
        "session_create": (reverse("plenary:session_create"), _expect(OFFICE, 200)),
        "lateness_report": (reverse("plenary:lateness_report"), _expect(VIEWERS, 200)),
        "my_documents": (reverse("plenary:my_documents"), _expect(["delegate"], 403)),
        "session_detail": (reverse("plenary:session_detail", args=[s]), _expect(VIEWERS, 404)),
        "session_edit": (reverse("plenary:session_edit", args=[s]), _expect(OFFICE, 404)),
        "agenda_add": (reverse("plenary:agenda_add", args=[s]), _expect(OFFICE, 404)),
        "submission_create": (reverse("plenary:submission_create", args=[s]), _expect(OFFICE, 404)),
        "question_create": (reverse("plenary:question_create", args=[s]), _expect([*OFFICE, "delegate"], 404)),
        "document_add": (reverse("plenary:document_add", args=[s]), _expect(OFFICE, 404)),
        "documents_send": (reverse("plenary:documents_send", args=[s]), _expect(OFFICE, 404)),
        "not_opened": (reverse("plenary:not_opened", args=[s]), _expect(OFFICE, 404)),
        "submission_detail": (reverse("plenary:submission_detail", args=[q]), _expect(VIEWERS, 404)),
        "submission_receive": (reverse("plenary:submission_receive", args=[q]), _expect(OFFICE, 404)),
        "submission_return": (reverse("plenary:submission_return", args=[q]), _expect(OFFICE, 404)),
        "submission_resubmit": (reverse("plenary:submission_resubmit", args=[q]), _expect(OFFICE, 404)),
        "verification_assign": (reverse("plenary:verification_assign", args=[q]), _expect([*OFFICE, "standing"], 404)),
        "verification_report": (reverse("plenary:verification_report", args=[q]), _expect([*OFFICE, "committee"], 404)),
        "verification_explain": (reverse("plenary:verification_explain", args=[q]), _expect(OFFICE, 404)),
        "vote_record": (reverse("plenary:vote_record", args=[q]), _expect(OFFICE, 404)),
        "resolution_issue": (reverse("plenary:resolution_issue", args=[q]), _expect(OFFICE, 404)),
        "question_answer": (reverse("plenary:question_answer", args=[question.pk]), _expect(OFFICE, 404)),
        "commitment_create": (reverse("plenary:commitment_create", args=[question.pk]), _expect(OFFICE, 404)),
        "document_open": (reverse("plenary:document_open", args=[doc.pk]), _expect(VIEWERS, 404)),
    }


@pytest.mark.django_db
def test_permission_matrix(urls, as_user) -> None:
    for name, (url, expected) in urls.items():
        for key, status in expected.items():
            response = as_user(key).get(url)
            assert response.status_code == status, f"{name} as {key}: {response.status_code} != {status}"
            if status == 302:
                assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_only_office_records_votes(prepared, world, as_user) -> None:
    _, _, sub, *_ = prepared
    url = reverse("plenary:vote_record", args=[sub.pk])
    data = {"voted_on": "2024-12-18", "yes": "3", "no": "0", "abstain": "0"}
    for key in ("standing", "committee", "delegate", "agency"):
        assert as_user(key).post(url, data).status_code == 403
    assert as_user("outsider").post(url, data).status_code == 404
    assert not Vote.objects.exists()
    assert as_user("office").post(url, data).status_code == 302
    assert Vote.objects.get().passed


@pytest.mark.django_db
def test_delegate_sees_documents_of_their_council_only(prepared, world, as_user) -> None:
    _, _, _, _, doc, delegates = prepared
    registry_services.role_grant(user=world.users["delegate"], council=world.council, role=Role.DELEGATE)
    grant = world.users["delegate"].grants.get(council=world.council)
    grant.person = delegates[2].person
    grant.save()
    client = as_user("delegate")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("hdnd.dates.today", lambda: D(2024, 12, 5))
        html = client.get(reverse("plenary:my_documents")).content.decode()
        assert "Tờ trình dự toán" in html and "Chưa mở" in html
        client.get(reverse("plenary:document_open", args=[doc.pk]))
        assert "Đã mở" in client.get(reverse("plenary:my_documents")).content.decode()
    office = as_user("office").get(reverse("plenary:not_opened", args=[doc.session_id])).content.decode()
    assert delegates[0].person.full_name in office and delegates[2].person.full_name not in office
    assert as_user("outsider").get(reverse("plenary:document_open", args=[doc.pk])).status_code == 404


@pytest.mark.django_db
def test_session_page_query_count(prepared, world, as_user, django_assert_num_queries) -> None:
    session, *_ = prepared
    client = as_user("office")
    url = reverse("plenary:session_detail", args=[session.pk])

    def grow() -> None:
        for i in range(10):
            sub = make_submission(session, world.other_agency, title=f"Báo cáo số {i}")
            services.submission_receive(submission=sub, received_on=D(2024, 12, 12), checklist=[], user=None)
            services.session_document_add(session=session, title=f"Tài liệu {i}")

    assert_constant_queries(lambda: client.get(url), grow, row_text="Báo cáo số ")


@pytest.mark.django_db
def test_lists_and_report_query_counts(prepared, world, as_user, django_assert_num_queries) -> None:
    client = as_user("office")
    numbers = iter(range(100, 200))

    def grow() -> None:
        for i in range(10):
            s = make_session(
                world.council, world.term, number=next(numbers), opens_on=D(2024, 3, 1 + i), created_on=D(2024, 1, 1)
            )
            make_submission(s, world.agency, title=f"Tờ trình {i}")

    for url in (reverse("plenary:session_list"), reverse("plenary:lateness_report") + "?nam=2024"):
        assert_constant_queries(lambda url=url: client.get(url), grow, row_text="/ky-hop/")


@pytest.mark.django_db
def test_my_documents_query_count(prepared, world, as_user, django_assert_num_queries) -> None:
    session, _, _, _, _, delegates = prepared
    registry_services.role_grant(user=world.users["delegate"], council=world.council, role=Role.DELEGATE)
    world.users["delegate"].grants.filter(council=world.council).update(person=delegates[0].person)
    client = as_user("delegate")

    def grow() -> None:
        for i in range(10):
            services.session_document_add(session=session, title=f"Tài liệu {i}")
        services.session_documents_send(session=session, sent_on=D(2024, 12, 2), user=None)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("hdnd.dates.today", lambda: D(2024, 12, 5))
        assert_constant_queries(lambda: client.get(reverse("plenary:my_documents")), grow, row_text="Tài liệu ")


@pytest.mark.django_db
def test_bad_input_on_forms(prepared, world, as_user) -> None:
    session, _, sub, *_ = prepared
    client = as_user("office")
    response = client.post(
        reverse("plenary:session_create"),
        {
            "term": world.term.pk,
            "number": "21",
            "kind": "cuoi_nam",
            "created_on": "2024-11-01",
            "opens_on": "2024-12-18",
            "closes_on": "2024-12-19",
        },
    )
    assert "Nhiệm kỳ đã có kỳ họp với số thứ tự này." in response.content.decode()
    assert Session.objects.count() == 2
    response = client.post(reverse("plenary:submission_create", args=[session.pk]), {"kind": "to_trinh", "title": ""})
    assert "Trường này là bắt buộc" in response.content.decode()
    new = make_submission(session, world.other_agency, title="Đề án mới")
    response = client.post(reverse("plenary:submission_receive", args=[new.pk]), {"received_on": "2024-10-01"})
    assert "trước ngày lập kỳ họp" in response.content.decode()
    new.refresh_from_db()
    assert new.received_on is None
    response = client.post(
        reverse("plenary:vote_record", args=[sub.pk]), {"voted_on": "2024-12-18", "yes": "3", "no": "1", "abstain": "0"}
    )
    assert "vượt quá số đại biểu đương nhiệm" in response.content.decode()
    response = client.post(
        reverse("plenary:resolution_issue", args=[sub.pk]),
        {"subject": "x", "text": "y", "issued_on": "2024-12-19", "signer_name": "A", "signer_title": "Chủ tịch"},
    )
    assert "chưa được biểu quyết thông qua" in response.content.decode()
    assert Submission.objects.count() == 2


@pytest.mark.django_db
def test_screen_asks_for_missing_due_setting(world, as_user) -> None:
    session = make_session(world.council, world.term)
    client = as_user("office_chief")
    page = client.get(reverse("plenary:submission_create", args=[session.pk])).content.decode()
    assert "số ngày trước ngày khai mạc" in page
    response = client.post(
        reverse("plenary:submission_create", args=[session.pk]),
        {
            "kind": "bao_cao",
            "title": "Báo cáo kinh tế - xã hội",
            "agency": world.agency.pk,
            "vote_rule": "thong_thuong",
            "due_days": "15",
        },
    )
    assert response.status_code == 302
    assert Submission.objects.get().due_on == D(2024, 12, 3)
    staff_page = as_user("office").get(reverse("plenary:submission_create", args=[session.pk])).content.decode()
    assert "số ngày trước ngày khai mạc" not in staff_page


@pytest.mark.django_db
def test_history_recorded(prepared) -> None:
    _, _, sub, *_ = prepared
    assert sub.history.count() >= 2
