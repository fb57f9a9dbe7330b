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
