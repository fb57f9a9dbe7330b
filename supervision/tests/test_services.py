"""Rounds, members, reports, recommendations as obligations, their report across years, the annual counts."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from documents.checker import assert_nd30
from documents.services import document_render_docx
from followup import services as followup
from followup.models import Obligation, State
from registry import services as registry
from registry.models import DelegateStatus
from registry.tests.factories import DelegateFactory
from supervision import selectors, services
from supervision.models import Recommendation, Round, RoundKind, RoundMember
from supervision.tests.factories import make_round

D = datetime.date
pytestmark = pytest.mark.django_db


def test_round_without_supervised_body_is_refused(setup) -> None:
    with pytest.raises(ValidationError) as exc:
        services.round_create(
            council=setup.council, body=setup.committee, subject="x", supervised=[], set_up_on=D(2024, 5, 6)
        )
    assert "ít nhất một cơ quan chịu sự giám sát" in str(exc.value)
    assert Round.objects.count() == 0


def test_conducting_body_must_be_standing_committee_committee_or_group(setup) -> None:
    with pytest.raises(ValidationError, match="Cơ quan tiến hành"):
        services.round_create(
            council=setup.council, body=setup.court, subject="x", supervised=[setup.quang], set_up_on=D(2024, 5, 6)
        )


def test_member_must_be_a_delegate_of_the_council_in_office(world, setup) -> None:
    round = make_round(setup)
    services.member_add(round=round, delegate=setup.delegates[0], role="Trưởng đoàn")
    outsider = DelegateFactory(term=world.other_council.terms.get())
    with pytest.raises(ValidationError, match="đại biểu của Hội đồng này"):
        services.member_add(round=round, delegate=outsider)
    gone = setup.delegates[1]
    registry.delegate_change_status(delegate=gone, status=DelegateStatus.RESIGNED, happened_on=D(2023, 1, 1))
    gone.refresh_from_db()
    with pytest.raises(ValidationError, match="không còn là đại biểu"):
        services.member_add(round=round, delegate=gone)
    assert RoundMember.objects.count() == 1


def test_report_dated_before_the_end_is_refused(setup) -> None:
    round = make_round(setup)
    with pytest.raises(ValidationError, match="không thể trước ngày kết thúc"):
        services.report_record(round=round, report_on=D(2024, 6, 6))
    round.refresh_from_db()
    assert round.report_on is None and round.report_id is None
    services.report_record(round=round, report_on=D(2024, 6, 7))
    round.refresh_from_db()
    assert round.report.subject.startswith("Kết quả giám sát về công tác quản lý trật tự đô thị")


def test_body_reports_are_obligations_of_each_supervised_body(setup) -> None:
    round = make_round(setup)
    created = services.body_reports_request(round=round, sent_on=D(2024, 5, 10), due_on=D(2024, 5, 30))
    assert {r.body for r in created} == {setup.quang, setup.thanh}
    assert all(r.obligation.due_on == D(2024, 5, 30) and r.obligation.kind == services.BODY_REPORT for r in created)
    assert services.body_reports_request(round=round, sent_on=D(2024, 5, 10), due_on=D(2024, 5, 30)) == []
    round.refresh_from_db()
    assert round.content_sent_on == D(2024, 5, 10)


def test_decision_draft_renders_to_nd30(setup) -> None:
    round = make_round(setup)
    services.member_add(round=round, delegate=setup.delegates[0], role="Trưởng đoàn")
    document = services.decision_generate(round=round)
    assert "Đại biểu Thử 0, Trưởng đoàn" in document.body
    assert_nd30(document_render_docx(document))
    with pytest.raises(ValidationError):
        services.decision_generate(round=round)


def test_recommendation_without_addressee_is_refused(setup) -> None:
    round = make_round(setup)
    with pytest.raises(ValidationError) as exc:
        services.recommendation_add(round=round, body=None, text="Làm ngay", due_on=D(2024, 9, 30))
    assert "cơ quan được kiến nghị" in str(exc.value)
    with pytest.raises(ValidationError, match="không thể trước"):
        services.recommendation_add(round=round, body=setup.quang, text="Làm ngay", due_on=D(2024, 1, 1))
    assert Recommendation.objects.count() == 0
    assert not Obligation.objects.filter(kind=services.RECOMMENDATION).exists()


def _rec(
    round: Round, body: object, due: datetime.date, state: str = "", reported: datetime.date | None = None
) -> None:
    rec = services.recommendation_add(round=round, body=body, text=f"Kiến nghị {due}", due_on=due)
    assert rec.obligation.kind == services.RECOMMENDATION and rec.obligation.owner == body
    assert rec.obligation.source == round
    if state in ("reported", "accepted"):
        followup.obligation_report(obligation=rec.obligation, user=None, text="Xong", done=True, on=reported or due)
    if state == "accepted":
        followup.obligation_accept(obligation=rec.obligation, user=None)
    if state == "cancelled":
        followup.obligation_cancel(obligation=rec.obligation, user=None, reason="Không còn phù hợp")


def test_recommendation_report_counts_across_years(setup) -> None:
    old = make_round(setup, set_up_on=D(2023, 5, 8), ends_on=D(2023, 6, 9))
    _rec(old, setup.quang, D(2023, 12, 31))  # 2023, still open: overdue
    _rec(old, setup.thanh, D(2023, 12, 31), "accepted")  # 2023, closed: left out of 2024's report
    _rec(old, setup.thanh, D(2025, 12, 31), "reported")  # 2023, reported, not accepted: still followed
    new = make_round(setup)
    _rec(new, setup.quang, D(2024, 9, 30), "accepted")  # done
    _rec(new, setup.quang, D(2024, 12, 31))  # in progress on 01/11/2024
    _rec(new, setup.thanh, D(2024, 10, 15))  # overdue on 01/11/2024
    _rec(new, setup.thanh, D(2024, 10, 1), "reported", reported=D(2024, 10, 20))  # reported late: waits, not overdue
    _rec(new, setup.court, D(2024, 12, 1), "cancelled")  # left out
    report = selectors.recommendation_report(council=setup.council, year=2024, on=D(2024, 11, 1))
    assert (report.total, report.done, report.in_progress, report.overdue, report.earlier_open) == (6, 1, 3, 2, 2)
    assert len(report.this_year) == 4 and len(report.earlier) == 2
    lines = {line.body.short_name: (line.total, line.done, line.in_progress, line.overdue) for line in report.by_body}
    assert lines == {"UBND Phổ Quang": (3, 1, 1, 1), "UBND Phổ Thạnh": (3, 0, 2, 1)}
    report_2023 = selectors.recommendation_report(council=setup.council, year=2023, on=D(2024, 11, 1))
    assert (report_2023.total, report_2023.done, report_2023.earlier_open) == (3, 1, 0)


def test_recommendation_report_document_is_nd30(setup) -> None:
    round = make_round(setup)
    _rec(round, setup.quang, D(2024, 9, 30))
    document = services.recommendation_report_document(council=setup.council, year=2024, on=D(2024, 11, 1))
    assert document.subject == "Kết quả thực hiện kiến nghị sau giám sát năm 2024"
    assert "UBND phường Phổ Quang: 01 kiến nghị" in document.body
    assert_nd30(document_render_docx(document))


def test_counts_as_seed_000_states_them(setup) -> None:
    council = setup.council
    for kind, subject in ((RoundKind.SUPERVISION, "đầu tư công"), (RoundKind.SURVEY, "nhà văn hóa")):
        make_round(setup, body=setup.standing, kind=kind, subject=subject, label="UBND thị xã")
    make_round(setup, label="UBND các phường Phổ Quang và Phổ Thạnh")
    services.round_create(
        council=council,
        body=setup.committee,
        subject="việc thực hiện Kế hoạch cơ cấu lại ngành nông nghiệp",
        supervised=[setup.quang],
        supervised_label="UBND các xã: Phổ Cường, Phổ Khánh",
        set_up_on=D(2024, 9, 9),
    )
    make_round(setup, set_up_on=D(2023, 5, 8), ends_on=None)  # another year
    counts = selectors.supervision_counts(council=council, year=2024)
    assert counts.text == "Thường trực HĐND: 01 đợt giám sát và 01 đợt khảo sát; Ban Kinh tế - Xã hội: 02 đợt giám sát"
    assert counts.bodies[1].footnote == (
        "Về công tác quản lý trật tự đô thị đối với UBND các phường Phổ Quang và Phổ Thạnh; về việc thực hiện Kế "
        "hoạch cơ cấu lại ngành nông nghiệp đối với UBND các xã: Phổ Cường, Phổ Khánh."
    )
    assert (counts.supervision_count, counts.survey_count) == (3, 1)


def test_history_is_recorded(setup, world) -> None:
    round = make_round(setup)
    services.round_update(round=round, plan="Kế hoạch mới", user=world.users["office"])
    # Creation, the link to the supervised bodies (tracked many-to-many), the update.
    assert round.history.count() == 3
    assert round.history.first().history_user == world.users["office"]


def test_open_state_of_obligation_seen_on_round(setup) -> None:
    round = make_round(setup)
    _rec(round, setup.quang, D(2024, 9, 30))
    fetched = selectors.round_get(council=setup.council, pk=round.pk)
    assert [r.obligation.state for r in fetched.recommendations.all()] == [State.ASSIGNED]
