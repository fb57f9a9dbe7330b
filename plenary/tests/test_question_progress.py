"""A question answered in writing reads its progress from its obligation (issue 13): whichever screen or
route moves the obligation — the follow-up engine's, as the answering body or the office — the session's
page, the delegate's list of unanswered questions (home), the session's API and the office's follow-up
figures say the same; the answering body's report is the answer. The data migration moves every stored
answer day onto the obligation and back."""

import datetime

import pytest

from followup import selectors as followup_selectors
from followup.models import Obligation, State
from hdnd.testing import migrate_to, migrate_to_latest
from plenary import selectors, services
from plenary.models import Question, QuestionState
from plenary.tests.factories import make_session
from registry import services as registry_services
from registry.models import Role
from registry.tests.factories import DelegateFactory, UserFactory

D = datetime.date


@pytest.fixture
def question(world) -> Question:
    delegate = DelegateFactory(term=world.term, elected_on=D(2021, 5, 23))
    user = UserFactory(username="daibieu-hoi")
    registry_services.role_grant(user=user, council=world.council, role=Role.DELEGATE, person=delegate.person)
    world.users["daibieu-hoi"] = user
    session = make_session(world.council, world.term, number=21, opens_on=D(2024, 7, 10), created_on=D(2024, 6, 1))
    question = services.question_create(
        session=session,
        delegate=delegate,
        addressee=delegate.person,
        addressee_body=world.agency,
        content="Vì sao chậm giải phóng mặt bằng?",
        asked_on=D(2024, 7, 5),
        user=None,
    )
    # Not answered at the session: the agency owes a written answer within 20 days of 11/07/2024.
    return services.question_answer(question=question, mode="bang_van_ban", answered_on=D(2024, 7, 11), user=None)


def shown(world, question: Question, as_user) -> dict:
    """What every screen says about the question, read afresh."""
    office = as_user("office")
    page = office.get(f"/ky-hop/{question.session_id}/").content.decode()
    row = page[page.index(f'id="tra-loi-{question.pk}"') :]
    row = row[: row.index("</td>")]
    home = as_user("daibieu-hoi").get("/").content.decode()
    api = office.get(f"/api/v1/councils/{world.council.pk}/sessions/{question.session_id}")
    assert api.status_code == 200, api.content
    [out] = api.json()["questions"]
    fresh = Question.objects.get(pk=question.pk)
    unanswered = selectors.questions_unanswered(council=world.council, delegate=question.delegate)
    return {
        "state": fresh.state,
        "answered_on": fresh.answered_on,
        "answer": fresh.answer,
        "row": row,
        "home": "Vì sao chậm giải phóng mặt bằng?" in home,
        "unanswered": unanswered.filter(pk=question.pk).exists(),
        "api": out,
    }


def _overdue(world) -> int:
    """The agency's "overdue" figure on the follow-up scorecard of 2024 (the report of answers owed)."""
    scores = followup_selectors.scorecard(
        user=world.users["office"], council=world.council, date_from=D(2024, 1, 1), date_to=D(2024, 12, 31)
    )
    return next((s.overdue for s in scores if s.owner_id == world.agency.pk), 0)


@pytest.mark.django_db
def test_the_follow_up_engine_moves_the_question(world, question, as_user) -> None:
    ob = Obligation.objects.get(pk=question.obligation_id)
    now = shown(world, question, as_user)
    assert now["state"] == QuestionState.AWAITING_WRITTEN and now["answered_on"] is None
    assert "Chờ trả lời bằng văn bản" in now["row"] and "31/07/2024" in now["row"]
    assert f"/theo-doi/{ob.pk}/vi-sao-han/" in now["row"] and "Ghi trả lời" in now["row"]
    assert now["home"] and now["unanswered"] and _overdue(world) == 1
    assert now["api"]["state"] == "cho_van_ban" and now["api"]["answer_due_on"] == "2024-07-31"
    assert now["api"]["answer_why_url"] == f"/theo-doi/{ob.pk}/vi-sao-han/"

    # The agency answers on its task page: the answer and its day land on the question.
    response = as_user("agency").post(
        f"/theo-doi/{ob.pk}/bao-cao/", {"kind": "hoan_thanh", "text": "Đã bố trí vốn, hoàn thành trong quý IV."}
    )
    assert response.status_code == 302
    reported_on = Obligation.objects.get(pk=ob.pk).reported_on
    now = shown(world, question, as_user)
    assert now["state"] == QuestionState.ANSWERED_IN_WRITING and now["answered_on"] == reported_on
    assert now["answer"] == "Đã bố trí vốn, hoàn thành trong quý IV."
    assert "Đã trả lời bằng văn bản" in now["row"] and reported_on.strftime("%d/%m/%Y") in now["row"]
    assert "Đã bố trí vốn" in now["row"] and "Ghi trả lời" not in now["row"]
    assert not now["home"] and not now["unanswered"]
    assert now["api"]["state"] == "da_tra_loi_van_ban" and now["api"]["answered_on"] == reported_on.isoformat()
    assert now["api"]["answer"] == "Đã bố trí vốn, hoàn thành trong quý IV."

    # The office returns it through the API: owed again, on every screen.
    api = f"/api/v1/councils/{world.council.pk}/obligations/{ob.pk}"
    response = as_user("office").post(f"{api}/return", {"reason": "Chưa nêu mốc."}, content_type="application/json")
    assert response.status_code == 200, response.content
    now = shown(world, question, as_user)
    assert now["state"] == QuestionState.RETURNED and now["answered_on"] is None
    assert "Câu trả lời bị trả lại" in now["row"] and "Ghi trả lời" in now["row"]
    assert now["home"] and now["unanswered"] and now["api"]["state"] == "tra_lai" and _overdue(world) == 1

    # Extended on the follow-up screen: the question's deadline moves.
    response = as_user("office").post(f"/theo-doi/{ob.pk}/gia-han/", {"due_on": "15/08/2024", "reason": "Chờ vốn."})
    assert response.status_code == 302
    now = shown(world, question, as_user)
    assert "15/08/2024" in now["row"] and now["api"]["answer_due_on"] == "2024-08-15"

    # The agency answers again through the API, the office accepts on the screen.
    response = as_user("agency").post(
        f"{api}/report",
        {"text": "Khởi công ngày 01/10/2024.", "done": True, "reply_label": ""},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert as_user("office").post(f"/theo-doi/{ob.pk}/chap-nhan/", {"text": ""}).status_code == 302
    now = shown(world, question, as_user)
    assert Obligation.objects.get(pk=ob.pk).state == State.ACCEPTED
    assert now["state"] == QuestionState.ANSWERED_IN_WRITING and now["answer"] == "Khởi công ngày 01/10/2024."
    assert not now["unanswered"] and now["api"]["state"] == "da_tra_loi_van_ban"
    assert _overdue(world) == 0  # answered and accepted: the agency's scorecard no longer counts it overdue


@pytest.mark.django_db
def test_a_cancelled_obligation_leaves_nothing_owed(world, question, as_user) -> None:
    ob = Obligation.objects.get(pk=question.obligation_id)
    response = as_user("office").post(f"/theo-doi/{ob.pk}/huy/", {"reason": "Đại biểu rút phiếu chất vấn."})
    assert response.status_code == 302
    now = shown(world, question, as_user)
    assert now["state"] == QuestionState.CANCELLED and now["answered_on"] is None
    assert "Không còn phải trả lời" in now["row"] and "Ghi trả lời" not in now["row"]
    assert not now["home"] and not now["unanswered"] and now["api"]["state"] == "da_huy" and _overdue(world) == 0
    with pytest.raises(Exception, match="Không còn phải trả lời"):
        services.question_answer(
            question=Question.objects.get(pk=question.pk),
            mode="bang_van_ban",
            answered_on=D(2024, 7, 20),
            answer="Muộn",
            user=None,
        )


@pytest.mark.django_db
def test_the_office_records_the_written_answer_through_the_obligation(world, question, as_user) -> None:
    response = as_user("office").post(
        f"/ky-hop/chat-van/{question.pk}/tra-loi/",
        {"mode": "bang_van_ban", "answered_on": "25/07/2024", "answer": "Đã trả lời bằng Công văn số 12."},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    ob = Obligation.objects.get(pk=question.obligation_id)
    assert ob.state == State.REPORTED_DONE and ob.reported_on == D(2024, 7, 25)
    assert ob.updates.order_by("pk").last().text == "Đã trả lời bằng Công văn số 12."
    now = shown(world, question, as_user)
    assert now["answered_on"] == D(2024, 7, 25) and now["answer"] == "Đã trả lời bằng Công văn số 12."
    assert now["api"]["answered_on"] == "2024-07-25"


@pytest.mark.django_db
def test_an_answer_at_the_session_keeps_its_own_day(world, question) -> None:
    at_session = services.question_create(
        session=question.session,
        delegate=question.delegate,
        addressee=question.addressee,
        addressee_body=world.agency,
        content="Khi nào sửa đường?",
        asked_on=D(2024, 7, 5),
        user=None,
    )
    services.question_answer(
        question=at_session, mode="tai_ky_hop", answered_on=D(2024, 7, 11), answer="Quý I.", user=None
    )
    fresh = Question.objects.get(pk=at_session.pk)
    assert fresh.state == QuestionState.AT_SESSION and fresh.answered_on == D(2024, 7, 11)
    assert fresh.obligation_id is None and not fresh.is_open


@pytest.mark.django_db(transaction=True)
def test_migration_moves_the_answer_day_onto_the_obligation(world, question) -> None:
    ob = Obligation.objects.get(pk=question.obligation_id)
    services.question_answer(
        question=Question.objects.get(pk=question.pk),
        mode="bang_van_ban",
        answered_on=D(2024, 7, 25),
        answer="Đã trả lời.",
        user=None,
    )
    lone = services.question_create(
        session=question.session,
        delegate=question.delegate,
        addressee=question.addressee,
        addressee_body=world.agency,
        content="Khi nào có nước sạch?",
        asked_on=D(2024, 7, 5),
        user=None,
    )
    try:
        old = migrate_to([("plenary", "0007_submission_due_on_obligation")])
        OldQuestion = old.get_model("plenary", "Question")
        assert OldQuestion.objects.get(pk=question.pk).answered_on == D(2024, 7, 25)  # going back copies it
        # A written answer stored on the question alone, with no obligation (as before issue 13).
        OldQuestion.objects.filter(pk=lone.pk).update(mode="bang_van_ban", answer="Quý III.", answered_on=D(2024, 8, 2))
        migrate_to([("plenary", "0008_question_answer_on_obligation")])
    finally:
        migrate_to_latest()
    kept = Question.objects.get(pk=question.pk)
    assert kept.obligation_id == ob.pk and kept.answered_on == D(2024, 7, 25) and kept.session_answered_on is None
    moved = Question.objects.get(pk=lone.pk)
    created = Obligation.objects.get(pk=moved.obligation_id)
    assert created.kind == "questioning_answer" and created.source == moved and created.owner == world.agency
    assert created.state == State.REPORTED_DONE and created.reported_on == D(2024, 8, 2)
    assert moved.state == QuestionState.ANSWERED_IN_WRITING and moved.answered_on == D(2024, 8, 2)
