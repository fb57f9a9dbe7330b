"""What a file must hold depends on what it asks the council to decide: the justice body's appraisal and the
summary of comments are steps of making a normative resolution, so an election or another resolution that is
not normative is complete without them; related documents are held only when there are any."""

import pytest

from plenary import services
from plenary.models import required_parts
from plenary.tests.factories import make_session, make_submission, set_due_days

APPRAISAL = "Báo cáo thẩm định của cơ quan tư pháp (nếu là văn bản quy phạm)"
COMMENTS = "Báo cáo tổng hợp, giải trình, tiếp thu ý kiến góp ý (nếu là văn bản quy phạm)"


@pytest.mark.django_db
def test_an_election_needs_no_appraisal_a_normative_resolution_does(world, as_user) -> None:
    set_due_days(world.council)
    session = make_session(world.council, world.term)
    election = make_submission(session, world.agency, title="Tờ trình về việc bầu Phó Chủ tịch HĐND")
    normative = make_submission(session, world.agency, title="Tờ trình quy định mức chi", normative=True)
    for submission in (election, normative):
        services.submission_receive(
            submission=submission, received_on=submission.due_on, checklist=["to_trinh", "du_thao"], user=None
        )
        submission.refresh_from_db()
    assert election.missing_items == [] and not election.is_incomplete
    assert normative.missing_items == [COMMENTS, APPRAISAL] and normative.is_incomplete
    page = as_user("office").get(f"/ky-hop/{session.pk}/").content.decode()
    assert "<strong>1</strong> hồ sơ chưa đầy đủ" in page
    assert page.count(APPRAISAL) == 1


def test_required_parts_by_kind() -> None:
    codes = [code for code, _ in required_parts("to_trinh", normative=False)]
    assert codes == ["to_trinh", "du_thao"]
    assert [code for code, _ in required_parts("to_trinh", normative=True)] == [
        "to_trinh",
        "du_thao",
        "tong_hop_y_kien",
        "tham_dinh",
    ]
    assert [code for code, _ in required_parts("de_an", normative=False)] == ["to_trinh", "de_an", "du_thao"]
