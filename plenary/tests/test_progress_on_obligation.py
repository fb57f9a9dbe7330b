"""A submission's progress is its obligation's (issue 13): whatever screen moves the obligation, the
submission's page, the session's list and the lateness report say the same; the data migration keeps
what each submission stored."""

import datetime

import pytest
from django.urls import reverse

from followup import services as followup
from followup.models import Obligation
from followup.models import State as ObligationState
from hdnd.testing import migrate_to, migrate_to_latest
from plenary import selectors, services
from plenary.models import Submission, SubmissionState
from plenary.tests.factories import make_session, make_submission, set_due_days

D = datetime.date


@pytest.fixture
def sub(world):
    set_due_days(world.council, 10)
    session = make_session(world.council, world.term, opens_on=D(2025, 2, 11), created_on=D(2025, 1, 2))
    return make_submission(session, world.agency)


def _state(sub) -> str:
    return Submission.objects.get(pk=sub.pk).state


@pytest.mark.django_db
def test_the_office_screens_move_the_obligation(world, sub) -> None:
    services.submission_receive(submission=sub, received_on=D(2025, 1, 20), checklist=["to_trinh"], user=None)
    assert sub.state == _state(sub) == SubmissionState.RECEIVED
    assert Obligation.objects.get(pk=sub.obligation_id).state == ObligationState.REPORTED_DONE
    services.submission_return(submission=sub, reason="Thiếu dự thảo", returned_on=D(2025, 1, 21), user=None)
    assert sub.state == _state(sub) == SubmissionState.RETURNED
    ob = Obligation.objects.get(pk=sub.obligation_id)
    assert ob.state == ObligationState.RETURNED  # back on the agency's follow-up list
    services.submission_resubmit(submission=sub, resubmitted_on=D(2025, 1, 23), checklist=["to_trinh"], user=None)
    assert _state(sub) == SubmissionState.RECEIVED
    assert Submission.objects.get(pk=sub.pk).days_late(D(2025, 3, 1)) == 0


@pytest.mark.django_db
def test_the_follow_up_screens_move_the_submission(world, sub, as_user) -> None:
    ob = Obligation.objects.get(pk=sub.obligation_id)
    agency = as_user("agency")
    response = agency.post(
        reverse("followup:obligation_report", args=[ob.pk]), {"kind": "hoan_thanh", "text": "Đã gửi hồ sơ."}
    )
    assert response.status_code == 302
    assert _state(sub) == SubmissionState.RECEIVED
    fresh = Submission.objects.get(pk=sub.pk)
    assert fresh.complete_on == Obligation.objects.get(pk=ob.pk).reported_on
    office = as_user("office")
    html = office.get(reverse("plenary:submission_detail", args=[sub.pk])).content.decode()
    assert "Đã nhận" in html
    response = office.post(reverse("followup:obligation_return", args=[ob.pk]), {"reason": "Thiếu tờ trình."})
    assert response.status_code == 302
    assert _state(sub) == SubmissionState.RETURNED
    html = office.get(reverse("plenary:session_detail", args=[sub.session_id])).content.decode()
    assert "Trả lại để hoàn thiện" in html
    followup.obligation_cancel(obligation=Obligation.objects.get(pk=ob.pk), user=None, reason="Rút tờ trình")
    assert _state(sub) == SubmissionState.CANCELLED
    report = selectors.lateness_report(council=world.council, year=2025, on=D(2025, 3, 1))
    assert report.sessions[0].total == 1


@pytest.mark.django_db(transaction=True)
def test_migration_brings_obligations_in_step(world, sub) -> None:
    other = make_submission(sub.session, world.agency, title="Tờ trình quyết toán")
    try:
        old = migrate_to([("plenary", "0004_merge_0003_bounded_text_0003_history_document_open")])
        OldSubmission = old.get_model("plenary", "Submission")
        OldSubmission.objects.filter(pk=sub.pk).update(
            state="tra_lai", received_on=D(2025, 1, 20), returned_on=D(2025, 1, 21), return_reason="Thiếu"
        )
        assert OldSubmission.objects.get(pk=other.pk).state == "cho_nop"
        migrate_to([("plenary", "0005_submission_progress_on_obligation")])
    finally:
        migrate_to_latest()
    assert _state(sub) == SubmissionState.RETURNED
    ob = Obligation.objects.get(pk=sub.obligation_id)
    assert ob.state == ObligationState.RETURNED and ob.reported_on == D(2025, 1, 20)
    assert list(ob.updates.values_list("to_state", flat=True).order_by("pk"))[-2:] == ["da_bao_cao", "tra_lai"]
    assert _state(other) == SubmissionState.EXPECTED
