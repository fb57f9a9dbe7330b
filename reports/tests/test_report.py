"""The annual report: every figure from records made here, prose with tokens, ratings, issue, freeze."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document as Docx

from documents.checker import assert_nd30
from documents.services import document_render_docx
from hdnd.testing import assert_constant_queries
from petitions import services as petitions
from petitions.models import Level
from plenary import services as plenary
from plenary.models import SessionKind
from plenary.tests.factories import make_delegates, make_session, make_submission, set_due_days
from registry import services as registry
from registry.models import BodyKind, CouncilLevel, MemberRole, UnitType
from reports import figures as figures_mod
from reports import services
from reports.models import ReportState
from standing import services as standing

D = datetime.date


@pytest.fixture
def year(world):
    """A council's 2024: three sessions (two regular, one thematic), two resolutions, two standing meetings,
    one contact round in two communes with petitions of two levels."""
    council, term = world.council, world.term
    set_due_days(council)
    delegates = make_delegates(term, 5)
    body = registry.body_create(council=council, kind=BodyKind.STANDING_COMMITTEE, name="Thường trực HĐND")
    chair = registry.membership_create(
        person=delegates[0].person, body=body, role=MemberRole.CHAIR, starts_on=D(2021, 6, 25)
    )
    mid = make_session(
        council, term, number=17, kind=SessionKind.REGULAR_MID, opens_on=D(2024, 7, 10), created_on=D(2024, 5, 1)
    )
    make_session(
        council,
        term,
        number=18,
        kind=SessionKind.THEMATIC,
        opens_on=D(2024, 9, 5),
        created_on=D(2024, 8, 1),
        requested_by="thuong_truc",
    )
    make_session(
        council, term, number=19, kind=SessionKind.REGULAR_END, opens_on=D(2024, 12, 18), created_on=D(2024, 11, 1)
    )
    for n in range(2):
        sub = make_submission(mid, world.agency, title=f"Tờ trình số {n}")
        plenary.vote_record(submission=sub, voted_on=D(2024, 7, 11), yes=5, no=0, abstain=0, user=None)
        plenary.resolution_issue(
            submission=sub,
            subject=sub.title,
            text="Điều 1. ...",
            issued_on=D(2024, 7, 11),
            signer_name="Chủ tọa",
            user=None,
        )
    for day in (D(2024, 1, 12), D(2024, 3, 5)):
        standing.meeting_create(council=council, held_on=day, place="Phòng họp số 1", purpose="Cho ý kiến", chair=chair)
    communes = [
        registry.council_create(
            level=CouncilLevel.COMMUNE, unit_type=UnitType.XA, unit_name=name, unit_code=code, parent=council
        )
        for name, code in (("Phổ An", "81001"), ("Phổ Châu", "81002"))
    ]
    contact = petitions.round_create(council=council, year=2024, period="giua_nam")
    for unit in communes:
        petitions.meeting_create(
            contact_round=contact,
            unit=unit,
            held_on=D(2024, 6, 20),
            place="Nhà văn hóa",
            form="truc_tiep",
            delegates=delegates[:2],
        )
    items = [
        petitions.PetitionData(text=f"Kiến nghị tỉnh {i}", unit=communes[0], level=Level.PROVINCE) for i in range(2)
    ]
    items += [
        petitions.PetitionData(text=f"Kiến nghị số {i} về giao thông", unit=communes[1], level=Level.COMMUNE)
        for i in range(3)
    ]
    petitions.petitions_bulk_create(contact_round=contact, items=items, user=None)
    plenary.speech_add(session=mid, delegate=delegates[1], spoken_on=D(2024, 7, 10), user=None)
    return world


@pytest.mark.django_db
def test_figures_come_from_the_records(year) -> None:
    figures = figures_mod.compute(council=year.council, year=2024)
    assert figures["sessions"].text == "03"
    assert figures["regular_sessions"].value == 2 and figures["thematic_sessions"].value == 1
    assert figures["resolutions"].value == 2
    assert figures["meetings"].value == 2
    assert figures["contact_units"].value == 2
    assert figures["petitions"].value == 5
    assert figures["petitions_mid_tinh"].value == 2
    assert "2 kiến nghị thuộc thẩm quyền của cấp tỉnh" in figures["petitions_mid_sentence"].value
    assert figures["sessions"].records[0].text.startswith("Kỳ họp thứ 17")
    # Four of the five delegates never spoke in the term.
    assert figures["silent_delegates"].value == 4
    assert not figures.empty
    assert figures_mod.compute(council=year.council, year=2023).empty


@pytest.mark.django_db
def test_a_figure_changes_when_a_record_changes(year) -> None:
    before = figures_mod.compute(council=year.council, year=2024)["sessions"].value
    make_session(
        year.council,
        year.term,
        number=20,
        kind=SessionKind.THEMATIC,
        opens_on=D(2024, 12, 28),
        created_on=D(2024, 12, 1),
        requested_by="thuong_truc",
    )
    assert figures_mod.compute(council=year.council, year=2024)["sessions"].value == before + 1


@pytest.mark.django_db
def test_prose_prints_one_figure_everywhere(year) -> None:
    report = services.report_get_or_create(council=year.council, year=2024)
    report = services.report_update(
        report=report,
        texts={
            "I.2.a": "Đã tổ chức {{sessions}} kỳ họp, thông qua {{resolutions}} Nghị quyết.",
            "I.4": "Trong năm thông qua {{resolutions}} Nghị quyết.",
        },
    )
    body = services.report_body(report, figures_mod.compute(council=year.council, year=2024))
    assert "Đã tổ chức 03 kỳ họp, thông qua 02 Nghị quyết." in body
    assert "Trong năm thông qua 02 Nghị quyết." in body


@pytest.mark.django_db
def test_unknown_token_refused_and_nothing_saved(year) -> None:
    report = services.report_get_or_create(council=year.council, year=2024)
    before = dict(report.texts)
    with pytest.raises(ValidationError) as exc:
        services.report_update(report=report, texts={"I.1": "Có {{so_lieu_bia}} kỳ họp."})
    assert "so_lieu_bia" in str(exc.value)
    report.refresh_from_db()
    assert report.texts == before


@pytest.mark.django_db
def test_issue_refused_with_what_is_missing(year) -> None:
    report = services.report_get_or_create(council=year.council, year=2024)
    with pytest.raises(ValidationError) as exc:
        services.report_issue(report=report, user=None, on=D(2025, 1, 10))
    text = " ".join(exc.value.messages)
    assert "Chưa tự đánh giá các tiêu chí: I.1, I.2, I.3, I.4." in text
    assert "Chưa chọn mức đề nghị xếp loại." in text
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT and report.document is None


@pytest.mark.django_db
def test_issue_freezes_figures_and_the_docx_has_seven_sections(year) -> None:
    report = services.report_get_or_create(council=year.council, year=2024)
    services.report_rate(
        report=report, ratings={k: "tot" for k in ("I.1", "I.2", "I.3", "I.4")}, score_general=27, score_results=62
    )
    report.refresh_from_db()
    assert report.classification == "hoan_thanh_tot"  # 27 + 62 = 89 points
    report = services.report_issue(report=report, user=None, on=D(2025, 1, 10))
    assert report.state == ReportState.ISSUED
    assert report.document.number_symbol == "01/BC-HĐND"
    assert report.frozen_figures["sessions"]["text"] == "03"
    docx = document_render_docx(report.document)
    assert_nd30(docx)
    text = [p.text for p in Docx(io.BytesIO(docx)).paragraphs]
    romans = [t.split(".")[0] for t in text if t.split(".")[0] in {"I", "II", "III", "IV", "V", "VI", "VII"}]
    assert romans == ["I", "II", "III", "IV", "V", "VI", "VII"]
    assert any("03 kỳ họp" in t for t in text)
    # Later records do not change the issued report, and the page says they changed.
    make_session(
        year.council,
        year.term,
        number=20,
        kind=SessionKind.THEMATIC,
        opens_on=D(2024, 12, 28),
        created_on=D(2024, 12, 1),
        requested_by="thuong_truc",
    )
    assert ("Kỳ họp HĐND", "03", "04") in services.changed_since_issue(report)
    with pytest.raises(ValidationError):
        services.report_update(report=report, texts={"IV": "Sửa sau khi ban hành"})


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (90, "hoan_thanh_xuat_sac"),
        (89, "hoan_thanh_tot"),
        (70, "hoan_thanh_tot"),
        (69, "hoan_thanh"),
        (50, "hoan_thanh"),
        (49, "khong_hoan_thanh"),
    ],
)
def test_classification_thresholds_of_quy_dinh_366(score, expected) -> None:
    assert services.suggested_classification(score) == expected


@pytest.mark.django_db
def test_report_page_and_dashboard_fixed_queries(year, as_user, django_assert_num_queries) -> None:
    services.report_get_or_create(council=year.council, year=2024)
    client = as_user("office")

    def grow() -> None:
        for n in range(20, 47):
            make_session(
                year.council,
                year.term,
                number=n,
                kind=SessionKind.THEMATIC,
                opens_on=D(2024, 10, 1),
                created_on=D(2024, 9, 1),
                requested_by="thuong_truc",
            )

    fetch = lambda: (client.get("/bao-cao/kiem-diem/2024/"), client.get("/bao-cao/?nam=2024"))  # noqa: E731
    assert_constant_queries(fetch, grow, django_assert_num_queries)


@pytest.mark.django_db
def test_six_month_activity_report_counts_only_the_first_half(year) -> None:
    full = figures_mod.compute(council=year.council, year=2024)
    half = figures_mod.until(full, D(2024, 6, 30))
    assert (full["sessions"].value, half["sessions"].value) == (3, 0)  # sessions open 10/07, 05/09, 18/12
    assert (full["meetings"].value, half["meetings"].value) == (2, 2)
    assert half["petitions"].value == 5  # the mid-year round (dated mid-May)
    document = services.activity_report_create(council=year.council, year=2024, half=True)
    assert "6 tháng đầu năm 2024" in document.subject
    assert "đã tổ chức 02 phiên họp" in document.body and "chưa tổ chức kỳ họp nào (trong đó" in document.body
    assert "00" not in document.body
    document = services.activity_report_create(council=year.council, year=2024, half=False)
    assert "đã tổ chức 03 kỳ họp" in document.body and "thông qua 02 Nghị quyết" in document.body
    from documents.services import document_issue

    assert_nd30(document_render_docx(document_issue(document=document, user=None, issued_on=D(2025, 1, 5))))


@pytest.mark.django_db
def test_activity_report_page_and_api(year, as_user) -> None:
    assert as_user("delegate").get("/bao-cao/hoat-dong/?nam=2024&ky=6-thang").status_code == 200
    assert as_user("delegate").post("/bao-cao/hoat-dong/?nam=2024&ky=nam").status_code == 403
    response = as_user("office").post("/bao-cao/hoat-dong/?nam=2024&ky=nam")
    assert response.status_code == 302 and "/van-ban/" in response["Location"]
    api = f"/api/v1/councils/{year.council.pk}/activity-reports/2023"
    response = as_user("office").post(api)
    assert response.status_code == 400 and "Chưa có hồ sơ nào" in response.json()["detail"]
    assert (
        as_user("office").post(f"/api/v1/councils/{year.council.pk}/activity-reports/2024?half=true").status_code == 201
    )
