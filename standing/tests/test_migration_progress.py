"""The data migration of issue 13 for written-opinion requests (standing 0005_progress_on_obligation), run
with the migration executor on a request stored in the old shape: answered on the request, its obligation
left open. After it, the request still reads answered on the same day, now from its obligation."""

import datetime

import pytest

from followup.models import State as ObligationState
from hdnd.testing import migrate_to, migrate_to_latest
from standing.models import OpinionRequest, OpinionState
from standing.tests.conftest import make_request


@pytest.mark.django_db(transaction=True)
def test_answered_request_closes_its_obligation(town) -> None:
    answered = make_request(town)
    waiting = make_request(town, subject="bổ sung dự toán năm 2024")
    try:
        old = migrate_to([("standing", "0004_meeting_documents")]).get_model("standing", "OpinionRequest")
        old.objects.filter(pk=answered.pk).update(
            state="da_tra_loi", answered_on=datetime.date(2024, 8, 8), reply_id=answered.request_document_id
        )
        migrate_to([("standing", "0005_progress_on_obligation")])
    finally:
        migrate_to_latest()
    request = OpinionRequest.objects.select_related("obligation").get(pk=answered.pk)
    assert request.state == OpinionState.ANSWERED and request.answered_on == datetime.date(2024, 8, 8)
    assert request.obligation.state == ObligationState.ACCEPTED
    other = OpinionRequest.objects.select_related("obligation").get(pk=waiting.pk)
    assert other.state == OpinionState.OPEN and other.obligation.state == ObligationState.ASSIGNED
