"""A written-opinion request's deadline is its obligation's (issue 13): an extension on the follow-up
screens shows on the request's page and list; the data migration keeps every stored deadline."""

import datetime

import pytest
from django.urls import reverse

from followup import services as followup
from followup.models import Obligation
from hdnd.testing import migrate_to, migrate_to_latest
from standing.models import OpinionRequest
from standing.tests.conftest import make_request

D = datetime.date


@pytest.mark.django_db
def test_an_extension_on_the_follow_up_screen_is_the_requests_deadline(town, as_user) -> None:
    request = make_request(town)
    assert request.due_on == D(2024, 8, 12)
    office = as_user("office")
    response = office.post(
        reverse("followup:obligation_extend", args=[request.obligation_id]),
        {"due_on": "20/08/2024", "reason": "Chờ ý kiến thành viên đi công tác."},
    )
    assert response.status_code == 302
    request = OpinionRequest.objects.select_related("obligation").get(pk=request.pk)
    assert request.due_on == D(2024, 8, 20)
    assert "20/08/2024" in office.get(reverse("standing:opinion_detail", args=[request.pk])).content.decode()
    assert "20/08/2024" in office.get(reverse("standing:opinion_list")).content.decode()


@pytest.mark.django_db(transaction=True)
def test_migration_keeps_the_deadline_of_a_request_without_obligation(town) -> None:
    kept = make_request(town)
    followup.obligation_extend(obligation=kept.obligation, due_on=D(2024, 8, 19), reason="Gia hạn", user=None)
    orphan = make_request(town, subject="bổ sung dự toán năm 2024")
    try:
        old = migrate_to([("standing", "0007_merge_20261202_1953")]).get_model("standing", "OpinionRequest")
        assert old.objects.get(pk=kept.pk).due_on == D(2024, 8, 19)  # going back copies the obligation's day
        Obligation.objects.filter(pk=orphan.obligation_id).update(state="da_huy")
        old.objects.filter(pk=orphan.pk).update(obligation=None, due_on=D(2024, 9, 1))
        migrate_to([("standing", "0008_opinion_due_on_obligation")])
    finally:
        migrate_to_latest()
    assert OpinionRequest.objects.select_related("obligation").get(pk=kept.pk).due_on == D(2024, 8, 19)
    moved = OpinionRequest.objects.select_related("obligation").get(pk=orphan.pk)
    assert moved.obligation_id != orphan.obligation_id and moved.due_on == D(2024, 9, 1)
    assert moved.obligation.kind == "written_opinion_request" and moved.obligation.source == moved
