"""A ceased council (e.g. the old Đức Phổ town council, last day 30/06/2025) keeps its supervision records
readable but takes no new round, report, review, recommendation or programme dated after its last day
(`registry.services.council_accepts`): the screens and the API refuse with a Vietnamese message, nothing is
saved, and no button offers the step."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from documents.models import DocType
from documents.services import incoming_create
from hdnd import dates
from registry.models import Council
from supervision import services
from supervision.models import Programme, ProgrammeKind, Recommendation, Review, Round
from supervision.tests.factories import make_round

D = datetime.date
REFUSED = "đã chấm dứt hoạt động từ ngày 01/07/2025"
pytestmark = pytest.mark.django_db


def _post(client: object, url: str, data: dict) -> object:
    return client.post(url, json.dumps(data), content_type="application/json")


def _refused(response: object) -> None:
    assert response.status_code == 400 and REFUSED in str(response.json()), response.content


def test_ceased_council_takes_no_new_supervision_records(setup, world, as_user) -> None:
    council = world.council
    round = make_round(setup)  # ends before the council's last day: recorded as before
    document = incoming_create(
        council=council,
        doc_type=DocType.QUYET_DINH,
        subject="Quyết định về phí chợ",
        received_on=D(2024, 4, 1),
        sender_body=setup.quang,
    )
    review = services.review_create(document=document)
    other = incoming_create(
        council=council,
        doc_type=DocType.QUYET_DINH,
        subject="Quyết định về bến xe",
        received_on=D(2024, 4, 2),
        sender_body=setup.quang,
    )
    office = as_user("office")
    user = world.users["office"]
    assert {"report_record", "recommendation_add"} <= services.round_allowed_actions(round, user)
    assert services.review_allowed_actions(review, user) == {"record"}

    Council.objects.filter(pk=council.pk).update(active=False, ceased_on=D(2025, 7, 1))
    council.refresh_from_db()
    assert council.last_day == D(2025, 6, 30)
    round = Round.objects.get(pk=round.pk)
    review = Review.objects.get(pk=review.pk)

    # No button offers a step that would be refused.
    actions = services.round_allowed_actions(round, user)
    assert "report_record" not in actions and "recommendation_add" not in actions
    assert services.review_allowed_actions(review, user) == set()
    html = office.get(reverse("supervision:round_detail", args=[round.pk])).content.decode()
    assert reverse("supervision:report_record", args=[round.pk]) not in html
    assert reverse("supervision:recommendation_add", args=[round.pk]) not in html

    # The screen: a report dated today is refused on the form, nothing saved.
    today = dates.today()
    response = office.post(
        reverse("supervision:report_record", args=[round.pk]), {"report_on": today.strftime("%d/%m/%Y")}
    )
    assert response.status_code == 200 and REFUSED in response.content.decode()
    round.refresh_from_db()
    assert round.report_on is None

    # The API: each write path refused (400), nothing saved.
    c = council.pk
    url = lambda name, *args: reverse(f"api-v1:{name}", args=(c, *args))  # noqa: E731
    body = {
        "body_id": setup.committee.pk,
        "subject": "công tác vệ sinh môi trường",
        "supervised_ids": [setup.quang.pk],
        "set_up_on": today.isoformat(),
    }
    _refused(_post(office, url("supervision_round_create"), body))
    _refused(_post(office, url("supervision_report_record", round.pk), {"report_on": today.isoformat()}))
    recommendation = {
        "body_id": setup.quang.pk,
        "text": "Sửa chợ.",
        "due_on": (today + datetime.timedelta(30)).isoformat(),
    }
    _refused(
        _post(office, url("supervision_recommendation_add", round.pk), {**recommendation, "made_on": today.isoformat()})
    )
    _refused(_post(office, url("supervision_review_create"), {"document_id": other.pk}))
    outcome = {"outcome": "phu_hop", "reviewed_on": today.isoformat()}
    _refused(_post(office, url("supervision_review_record", review.pk), outcome))
    programme = {"kind": ProgrammeKind.COUNCIL, "year": today.year, "body_id": setup.standing.pk}
    _refused(_post(office, url("supervision_programme_create"), programme))
    assert Round.objects.filter(council=council).count() == 1
    round.refresh_from_db()
    assert round.report_on is None
    assert not Recommendation.objects.filter(round=round).exists()
    assert list(Review.objects.filter(council=council)) == [review]
    review.refresh_from_db()
    assert review.reviewed_on is None
    assert not Programme.objects.filter(council=council).exists()

    # The services themselves, whoever calls them; read-only means a step backdated before the last day is
    # refused too, on the screen as in the API (one rule, in `council_accepts`).
    with pytest.raises(ValidationError, match="chấm dứt hoạt động"):
        services.review_record(review=review, outcome="phu_hop", reviewed_on=today)
    with pytest.raises(ValidationError, match="kể cả ghi lùi về ngày 30/06/2025 trở về trước"):
        services.review_record(review=review, outcome="phu_hop", reviewed_on=D(2025, 6, 30))
    backdated = office.post(reverse("supervision:report_record", args=[round.pk]), {"report_on": "30/06/2025"})
    assert backdated.status_code == 200 and "kể cả ghi lùi về ngày" in backdated.content.decode()
    _refused(_post(office, url("supervision_report_record", round.pk), {"report_on": "2025-06-30"}))
    round.refresh_from_db()
    review.refresh_from_db()
    assert round.report_on is None and review.reviewed_on is None


def test_ceased_council_changes_no_round_and_no_programme(setup, world, as_user) -> None:
    """The steps a tryout found still offered on the ceased town: a round's members, sessions, reports asked,
    consideration, decision, edit and publication; a programme's edit, items and publication; the report on
    the recommendations. None is offered; the form pages and their POST, the API and the services refuse."""
    council = world.council
    round = make_round(setup)
    programme = services.programme_create(council=council, kind=ProgrammeKind.COUNCIL, year=2024, body=setup.standing)
    office = as_user("office")
    detail = reverse("supervision:round_detail", args=[round.pk])
    steps = ["round_edit", "member_add", "session_add", "body_reports_request", "decision_generate", "round_publish"]
    html = office.get(detail).content.decode()
    for step in steps:
        assert reverse(f"supervision:{step}", args=[round.pk]) in html, step  # a council at work: all offered
    programme_page = reverse("supervision:programme_detail", args=[programme.pk])
    assert reverse("supervision:item_add", args=[programme.pk]) in office.get(programme_page).content.decode()

    Council.objects.filter(pk=council.pk).update(active=False, ceased_on=D(2025, 7, 1))
    council.refresh_from_db()
    round = Round.objects.get(pk=round.pk)
    programme = Programme.objects.get(pk=programme.pk)
    user = world.users["office"]
    assert services.round_allowed_actions(round, user) == set()

    # No button, no form; the page says why.
    html = office.get(detail).content.decode()
    for step in steps:
        assert reverse(f"supervision:{step}", args=[round.pk]) not in html, step
    assert 'method="post"' not in html.split("<main", 1)[-1]
    html = office.get(programme_page).content.decode()
    for step in ("programme_edit", "item_add", "programme_publish"):
        assert reverse(f"supervision:{step}", args=[programme.pk]) not in html, step
    assert "đã chấm dứt hoạt động từ ngày 01/07/2025: không tạo hồ sơ mới." in html
    html = office.get(reverse("supervision:recommendation_report"), {"nam": 2024}).content.decode()
    assert reverse("supervision:recommendation_report_document") not in html

    # The form pages: their GET and their POST go back to the record with the refusal, nothing saved.
    delegate = setup.delegates[0]
    for step, data in (
        ("member_add", {"delegate": delegate.pk, "role": "Trưởng đoàn"}),
        ("session_add", {"held_on": "10/06/2024", "place": "Phường", "body": setup.quang.pk}),
        ("round_edit", {"subject": "việc khác"}),
        ("round_consider", {"considered_on": "10/06/2024"}),
    ):
        url = reverse(f"supervision:{step}", args=[round.pk])
        for response in (office.get(url), office.post(url, data)):
            assert response.status_code == 302 and response.url == detail, (step, response)
        assert REFUSED in office.get(url, follow=True).content.decode(), step
    for step in ("decision_generate", "round_publish"):
        response = office.post(reverse(f"supervision:{step}", args=[round.pk]), follow=True)
        assert REFUSED in response.content.decode(), step
    for step in ("programme_edit", "item_add"):
        response = office.get(reverse(f"supervision:{step}", args=[programme.pk]), follow=True)
        assert response.redirect_chain[-1][0] == programme_page and REFUSED in response.content.decode(), step
    response = office.post(reverse("supervision:recommendation_report_document") + "?nam=2024", follow=True)
    assert REFUSED in response.content.decode()

    # The API.
    url = lambda name, *args: reverse(f"api-v1:supervision_{name}", args=(council.pk, *args))  # noqa: E731
    _refused(_post(office, url("member_add", round.pk), {"delegate_id": delegate.pk}))
    _refused(_post(office, url("decision_generate", round.pk), {}))
    _refused(_post(office, url("round_publish", round.pk), {"published": True}))
    _refused(_post(office, url("round_consider", round.pk), {"considered_on": "2024-06-10"}))
    _refused(_post(office, url("item_add", programme.pk), {"subject": "chợ", "body_id": setup.committee.pk}))
    response = office.patch(url("round_update", round.pk), json.dumps({"subject": "việc khác"}), "application/json")
    _refused(response)

    # The services themselves.
    for call in (
        lambda: services.member_add(round=round, delegate=delegate),
        lambda: services.session_add(round=round, held_on=D(2024, 6, 10), place="P", body=setup.quang),
        lambda: services.round_update(round=round, subject="việc khác"),
        lambda: services.decision_generate(round=round),
        lambda: services.round_publish(round=round, published=True),
        lambda: services.programme_update(programme=programme, adopted_on=D(2024, 1, 5)),
        lambda: services.item_add(programme=programme, subject="chợ", body=setup.committee),
        lambda: services.programme_publish(programme=programme, published=True),
        lambda: services.recommendation_report_document(council=council, year=2024),
    ):
        with pytest.raises(ValidationError, match="chấm dứt hoạt động"):
            call()
    round.refresh_from_db()
    programme.refresh_from_db()
    assert not round.members.exists() and not round.sessions.exists() and round.decision_id is None
    assert round.subject == "công tác quản lý trật tự đô thị" and not round.published
    assert not programme.items.exists() and not programme.published and programme.adopted_on is None
