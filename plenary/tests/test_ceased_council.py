"""A ceased council (e.g. the old Đức Phổ town council, last day 30/06/2025) keeps its sessions readable but
takes no new plenary activity dated after its last day (`registry.services.council_accepts`): the screens
and the API refuse it with a Vietnamese message, nothing is saved, and no button offers it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hdnd import dates
from plenary import selectors, services
from plenary.models import Question
from plenary.tests.factories import committee
from plenary.tests.test_api import _post
from plenary.tests.test_api import setup as setup
from registry import services as registry_services
from registry.models import Council

D = datetime.date
BASE = "/api/v1/councils"
REFUSED = "đã chấm dứt hoạt động từ ngày 01/07/2025"


@pytest.mark.django_db
def test_ceased_council_takes_no_new_plenary_records(world, setup, as_user) -> None:
    session, sub = setup
    council = world.council
    official = registry_services.person_create(council=council, full_name="Phạm Văn Giám Đốc")
    question = services.question_create(
        session=session,
        delegate=world.term.delegates.first(),
        addressee=official,
        addressee_body=world.agency,
        content="Vì sao đường chưa sửa?",
        asked_on=session.opens_on,
        user=None,
    )
    services.submission_receive(submission=sub, received_on=D(2024, 12, 1), checklist=["to_trinh"], user=None)
    verification = services.verification_assign(
        submission=sub, committee=committee(council), assigned_on=D(2024, 12, 2), user=None
    )
    services.verification_report(
        verification=verification,
        conclusion="tan_thanh",
        text="Đủ điều kiện trình kỳ họp.",
        reported_on=D(2024, 12, 10),
        signer_name="Lê Văn Thẩm",
        user=None,
    )
    office = as_user("office")

    def actions() -> set[str]:
        fresh = selectors.submission_get(council=Council.objects.get(pk=council.pk), pk=sub.pk)
        return services.submission_allowed_actions(fresh, world.users["office"])

    assert {"return", "explain"} <= actions()  # while the council goes on
    session_url = reverse("plenary:session_detail", args=[session.pk])
    answer_url = reverse("plenary:question_answer", args=[question.pk])
    assert answer_url in office.get(session_url).content.decode()

    Council.objects.filter(pk=council.pk).update(active=False, ceased_on=D(2025, 7, 1))
    council.refresh_from_db()
    assert council.last_day == D(2025, 6, 30)

    # No button records anything new, on the session page or the submission page.
    assert actions() == set()
    html = office.get(session_url).content.decode()
    for name, pk in (
        ("question_answer", question.pk),
        ("commitment_create", question.pk),
        ("question_create", session.pk),
    ):
        assert reverse(f"plenary:{name}", args=[pk]) not in html, name
    html = office.get(reverse("plenary:submission_detail", args=[sub.pk])).content.decode()
    assert reverse("plenary:submission_return", args=[sub.pk]) not in html
    assert reverse("plenary:verification_explain", args=[sub.pk]) not in html

    # The screen: an answer entered today is refused on the form, nothing saved.
    today = dates.today()
    response = office.post(
        answer_url, {"mode": "tai_ky_hop", "answered_on": today.strftime("%d/%m/%Y"), "answer": "Sẽ sửa."}
    )
    assert response.status_code == 200 and REFUSED in response.content.decode()
    question.refresh_from_db()
    assert question.answer == "" and question.session_answered_on is None
    # Backdated before the last day: refused too (read-only for history), the form and the API alike.
    backdated = {"mode": "tai_ky_hop", "answered_on": "30/06/2025", "answer": "Sẽ sửa."}
    response = office.post(answer_url, backdated)
    assert response.status_code == 200 and "kể cả ghi lùi về ngày 30/06/2025 trở về trước" in response.content.decode()
    response = _post(
        office, f"{BASE}/{council.pk}/questions/{question.pk}/answer", {**backdated, "answered_on": "2025-06-30"}
    )
    assert response.status_code == 400 and REFUSED in str(response.json()), response.content
    question.refresh_from_db()
    assert question.answer == "" and question.session_answered_on is None

    # The API: the same refusal (400), nothing saved.
    c = council.pk
    answer = {"mode": "tai_ky_hop", "answered_on": today.isoformat(), "answer": "Sẽ sửa."}
    response = _post(office, f"{BASE}/{c}/questions/{question.pk}/answer", answer)
    assert response.status_code == 400 and REFUSED in str(response.json()), response.content
    body = {
        "delegate_id": world.term.delegates.first().pk,
        "addressee_id": official.pk,
        "addressee_body_id": world.agency.pk,
        "content": "Câu hỏi mới",
        "asked_on": today.isoformat(),
    }
    response = _post(office, f"{BASE}/{c}/sessions/{session.pk}/questions", body)
    assert response.status_code == 400 and REFUSED in str(response.json()), response.content
    response = _post(
        office, f"{BASE}/{c}/submissions/{sub.pk}/return", {"returned_on": today.isoformat(), "reason": "Thiếu."}
    )
    assert response.status_code == 400 and REFUSED in str(response.json()), response.content
    assert Question.objects.filter(session=session).count() == 1
    question.refresh_from_db()
    assert question.answer == ""
    sub.refresh_from_db()
    assert sub.returned_on is None

    # The services themselves, whoever calls them.
    verification.refresh_from_db()
    with pytest.raises(ValidationError, match="chấm dứt hoạt động"):
        services.verification_explain(verification=verification, explanation="Bổ sung.", explained_on=today, user=None)
    with pytest.raises(ValidationError, match="chấm dứt hoạt động"):
        services.commitment_create(question=question, content="Sửa đường.", next_session=session, user=None)
