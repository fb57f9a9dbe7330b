"""Letters received once, split, classified, forwarded within the limit in force, followed, counted once."""

import datetime
import io
import json
import zipfile

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from documents.services import document_render_docx
from followup.models import State
from followup.services import obligation_report
from reception import selectors, services
from reception.models import Case, Category, Field, Handling, Ineligible, SessionKind
from reception.services import CaseIn, SenderIn
from registry.calendar import WorkCalendar
from registry.models import PersonalDataAccess
from registry.rules import CALENDAR, WORKING

BEFORE = datetime.date(2026, 6, 29)  # a Monday, under the 2013/2018 texts
AFTER = datetime.date(2026, 7, 6)  # a Monday, under Luật 136/2025 and NĐ 155/2026


def receive(world, *, on=BEFORE, cases=None, senders=None, **kwargs):
    return services.letter_receive(
        council=world.council,
        received_on=on,
        cases=cases or [CaseIn(Category.COMPLAINT, "Khiếu nại quyết định thu hồi đất", Field.LAND)],
        senders=[SenderIn("Nguyễn Văn Khiếu", "Thôn 1, xã Phổ An", "0912345678")] if senders is None else senders,
        user=world.users["office"],
        **kwargs,
    )


def forward(world, case, on=None):
    return services.case_forward(
        case=case,
        body=world.agency,
        user=world.users["office"],
        signer_title="Phó Chủ tịch",
        signer_name="Trần B",
        issued_on=on,
    )


def eligible(world, case):
    return services.case_classify(case=case, user=world.users["office"], eligible=True)


def test_letter_numbered_in_the_year_and_split_into_its_contents(world):
    first = receive(world)
    second = receive(
        world,
        cases=[
            CaseIn(Category.DENUNCIATION, "Tố cáo cán bộ địa chính nhận tiền", Field.CORRUPTION),
            CaseIn(Category.RECOMMENDATION, "Kiến nghị sửa đường liên thôn", Field.ADMIN_OTHER),
        ],
    )
    assert (first.number, second.number, second.year) == (1, 2, 2026)
    assert [c.category for c in second.cases.all()] == [Category.DENUNCIATION, Category.RECOMMENDATION]
    assert receive(world, on=datetime.date(2025, 12, 30)).number == 1  # another year, another series


def test_every_error_of_a_letter_at_once_and_nothing_saved(world):
    with pytest.raises(ValidationError) as exc:
        services.letter_receive(
            council=world.council,
            received_on=BEFORE,
            cases=[CaseIn("la", ""), CaseIn(Category.COMPLAINT, "x", protected=True)],
            senders=[],
            people=0,
            user=None,
        )
    errors = exc.value.message_dict
    assert {"senders", "people", "cases.1.category", "cases.1.summary", "cases.2.protected"} <= set(errors)
    assert "Nội dung 1" in errors["cases.1.summary"][0]
    assert not Case.objects.exists()


def test_anonymous_denunciation_is_information_not_a_denunciation(world):
    letter = receive(world, senders=[], anonymous=True, cases=[CaseIn(Category.DENUNCIATION, "Có người nhận hối lộ")])
    case = letter.cases.get()
    assert case.category == Category.ANONYMOUS_INFO
    assert (case.eligible, case.ineligible_reason) == (False, Ineligible.ANONYMOUS)
    with pytest.raises(ValidationError, match="nặc danh"):
        receive(world, anonymous=True)  # an anonymous letter names nobody


def test_unsigned_complaint_is_ineligible_with_its_reason(world):
    case = receive(world, signed=False).cases.get()
    assert (case.eligible, case.ineligible_reason, case.handling) == (False, Ineligible.UNSIGNED, Handling.GUIDED)
    with pytest.raises(ValidationError, match="chữ ký"):
        eligible(world, case)
    with pytest.raises(ValidationError, match="Chỉ chuyển đơn"):
        forward(world, case)


def test_same_sender_same_content_is_a_duplicate_counted_once(world):
    first = receive(world).cases.get()
    again = receive(world, on=BEFORE + datetime.timedelta(days=2)).cases.get()
    other = receive(world, senders=[SenderIn("Lê Thị Khác")]).cases.get()
    assert again.duplicate_of == first
    assert other.duplicate_of is None
    stats = selectors.statistics(council=world.council, year=2026)
    assert (stats.letters, stats.cases, stats.duplicates) == (2, 2, 1)
    complaints = next(f for f in stats.by_category if f.params["category"] == Category.COMPLAINT)
    assert complaints.value == 2


def test_split_a_content_found_to_hold_several(world):
    letter = receive(
        world, cases=[CaseIn(Category.COMPLAINT, "Khiếu nại và tố cáo"), CaseIn(Category.REFLECTION, "Phản ánh")]
    )
    first = letter.cases.get(position=1)
    services.case_split(
        case=first,
        parts=[CaseIn(Category.COMPLAINT, "Khiếu nại thu hồi đất"), CaseIn(Category.DENUNCIATION, "Tố cáo cán bộ")],
        user=None,
    )
    assert [(c.position, c.category) for c in letter.cases.order_by("position")] == [
        (1, Category.COMPLAINT),
        (2, Category.DENUNCIATION),
        (3, Category.REFLECTION),
    ]


@pytest.mark.parametrize(
    ("day", "days", "unit", "citation"),
    [
        (BEFORE, 10, WORKING, "Luật Khiếu nại 02/2011/QH13"),
        (AFTER, 7, WORKING, "Luật Tố cáo 136/2025/QH15; Nghị định 155/2026/NĐ-CP về khiếu nại, Điều 10"),
    ],
)
def test_forwarded_complaint_due_by_the_limit_in_force_on_the_day(world, day, days, unit, citation):
    case = receive(world, on=day).cases.get()
    eligible(world, case)
    document = forward(world, case, on=day)
    case.refresh_from_db()
    assert case.handling == Handling.FORWARDED and case.forward_document == document
    assert case.obligation.due_on == WorkCalendar(world.council).add(day, days, unit)
    assert case.obligation.due_rule == "case_acceptance_notice"
    assert citation in document.body
    assert f"{days:02d} ngày làm việc" in document.body


def test_forwarded_denunciation_reports_in_20_days_and_goes_only_once(world):
    letter = receive(world, cases=[CaseIn(Category.DENUNCIATION, "Tố cáo cán bộ nhận tiền")])
    case = letter.cases.get()
    eligible(world, case)
    forward(world, case, on=AFTER)
    case.refresh_from_db()
    assert case.obligation.due_on == WorkCalendar(world.council).add(AFTER, 20, CALENDAR)
    with pytest.raises(ValidationError, match="chỉ được chuyển một lần"):
        forward(world, case, on=AFTER)
    repeat = receive(world, on=AFTER, cases=[CaseIn(Category.DENUNCIATION, "Tố cáo cán bộ nhận tiền")]).cases.get()
    assert repeat.duplicate_of == case
    eligible(world, repeat)
    with pytest.raises(ValidationError, match="chỉ được chuyển một lần"):
        forward(world, repeat, on=AFTER)


def test_recommendation_limit_is_the_councils_own(world):
    case = receive(world, cases=[CaseIn(Category.RECOMMENDATION, "Kiến nghị sửa đường")]).cases.get()
    eligible(world, case)
    with pytest.raises(ValidationError) as exc:
        forward(world, case, on=AFTER)
    assert "rule" in exc.value.message_dict  # no national number: the office must set it first


def test_the_bodys_report_lands_on_the_case_and_the_citizen_is_told(world):
    case = receive(world, on=AFTER).cases.get()
    eligible(world, case)
    forward(world, case, on=AFTER)
    case.refresh_from_db()
    obligation_report(
        obligation=case.obligation,
        user=world.users["agency"],
        text="Đã thụ lý, giải quyết xong.",
        done=True,
        on=AFTER + datetime.timedelta(days=3),
    )
    case.refresh_from_db()
    assert case.answer_text == "Đã thụ lý, giải quyết xong."
    assert case.obligation.state == State.REPORTED_DONE
    with pytest.raises(ValidationError):
        services.case_citizen_told(case=case, on=AFTER, user=None)  # before the body's report
    services.case_citizen_told(case=case, on=AFTER + datetime.timedelta(days=4), user=None)
    stats = selectors.statistics(council=world.council, year=2026, today=AFTER + datetime.timedelta(days=5))
    assert (stats.forwarded, stats.answered_on_time, stats.answered_late, stats.waiting) == (1, 1, 0, 0)


def test_protected_denouncer_cannot_be_received_online(world):
    session = services.session_create(
        council=world.council, held_on=AFTER, content="Tiếp trực tuyến", kind=SessionKind.ONLINE, user=None
    )
    with pytest.raises(ValidationError, match="trực tuyến"):
        receive(world, reception=session, cases=[CaseIn(Category.DENUNCIATION, "Tố cáo", protected=True)])


# Masking --------------------------------------------------------------------------------------

NAME, ADDRESS, PHONE = "Phạm Văn Tốcáo", "Tổ dân phố 7, phường Nguyễn Nghiêm", "0987654321"


@pytest.fixture
def protected(world):
    letter = receive(
        world,
        on=AFTER,
        senders=[SenderIn(NAME, ADDRESS, PHONE), SenderIn("Phạm Thị Vợ", relation="vo_chong")],
        cases=[CaseIn(Category.DENUNCIATION, "Tố cáo Chủ tịch xã nhận tiền", Field.CORRUPTION, protected=True)],
    )
    case = letter.cases.get()
    eligible(world, case)
    document = forward(world, case, on=AFTER)
    return letter, case, document


def _docx_text(document) -> str:
    with zipfile.ZipFile(io.BytesIO(document_render_docx(document))) as z:
        return z.read("word/document.xml").decode()


@pytest.mark.parametrize(
    ("role", "status", "sees"),
    [
        ("office", 200, False),  # the office as a whole does not see a protected denouncer
        ("office_chief", 200, False),
        ("admin", 200, False),
        ("delegate", 200, False),
        ("agency", 403, False),
        ("outsider", 404, False),
        ("granted", 200, True),
    ],
)
def test_masking_matrix_html_and_json(world, as_user, protected, role, status, sees):
    letter, case, _ = protected
    if role == "granted":
        services.grant_create(
            case=case,
            grantee=world.users["standing"],
            reason="Xác minh nội dung tố cáo",
            user=world.users["office_chief"],
        )
        role = "standing"
    client = as_user(role)
    page = client.get(f"/don-thu/{letter.pk}/")
    assert page.status_code == status
    api = client.get(f"/api/v1/councils/{world.council.pk}/letters/{letter.pk}")
    assert api.status_code == (404 if role == "outsider" else status)
    api_text = json.dumps(api.json(), ensure_ascii=False) if api.status_code == 200 else api.content.decode()
    for body in (page.content.decode(), api_text):
        for secret in (NAME, ADDRESS, PHONE, "Phạm Thị Vợ"):
            assert (secret in body) is sees
    if sees:
        assert json.loads(api.content)["identity"] == "visible"
        logged = PersonalDataAccess.objects.filter(council=world.council, object_id=letter.pk)
        assert logged.count() == 2  # the page and the API, each logged
        assert all(NAME not in row.label for row in logged)
        assert all("Xác minh nội dung tố cáo" in row.label for row in logged)
    elif status == 200:
        assert json.loads(api.content)["identity"] == "protected"


def test_forwarding_letter_is_a_redacted_copy(world, protected):
    _, _, document = protected
    text = _docx_text(document) + document.body
    assert NAME not in text and ADDRESS not in text and PHONE not in text
    assert "giữ bí mật" in document.body


def test_export_never_carries_identities(world, as_user, protected):
    response = as_user("office").get("/don-thu/so-don-thu.xlsx?year=2026")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    sheets = " ".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None)
    assert NAME not in sheets and PHONE not in sheets
    assert "Tố cáo Chủ tịch xã nhận tiền" in sheets


def test_unprotected_letter_is_seen_by_the_office_masked_for_delegates(world, as_user):
    letter = receive(world)
    assert "Nguyễn Văn Khiếu" in as_user("office").get(f"/don-thu/{letter.pk}/").content.decode()
    page = as_user("delegate").get(f"/don-thu/{letter.pk}/").content.decode()
    assert "Nguyễn Văn Khiếu" not in page and "Đã ẩn thông tin cá nhân" in page


def test_only_the_chief_grants_and_with_a_reason(world, protected):
    _, case, _ = protected
    with pytest.raises(ValidationError, match="Chánh Văn phòng"):
        services.grant_create(case=case, grantee=world.users["standing"], reason="x", user=world.users["office"])
    with pytest.raises(ValidationError) as exc:
        services.grant_create(case=case, grantee=world.users["outsider"], reason="", user=world.users["office_chief"])
    assert {"user", "reason"} <= set(exc.value.message_dict)
