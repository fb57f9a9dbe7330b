"""Reception through the screens and the API: who may do what, bad input, fixed query counts."""

import datetime
import json

import pytest

from hdnd.testing import assert_constant_queries
from petitions.models import Level, Period, Petition
from petitions.services import round_create
from reception import services
from reception.models import Case, Category, Letter
from reception.services import CaseIn, SenderIn
from registry.models import Person
from registry.services import setting_set
from registry.tests.factories import CouncilFactory

DAY = datetime.date(2026, 7, 6)


def receive(world, n=1, on=DAY):
    for i in range(n):
        services.letter_receive(
            council=world.council,
            received_on=on,
            cases=[
                CaseIn(Category.COMPLAINT, f"Khiếu nại số {i} về đất đai"),
                CaseIn(Category.REFLECTION, f"Phản ánh {i}"),
            ],
            senders=[SenderIn(f"Người gửi {i}", "Thôn 1")],
            user=None,
        )


PAGES = [
    "/don-thu/",
    "/don-thu/moi/",
    "/don-thu/thong-ke/",
    "/don-thu/tiep-cong-dan/",
    "/don-thu/tiep-cong-dan/moi/",
    "/don-thu/lich-tiep/",
    "/don-thu/lich-tiep/quy-dinh/",
    "/don-thu/tu-tiep-xuc-cu-tri/",
    "/don-thu/so-don-thu.xlsx",
    "/don-thu/don-doc/",
]
EDIT_ONLY = {
    "/don-thu/moi/",
    "/don-thu/tiep-cong-dan/moi/",
    "/don-thu/lich-tiep/quy-dinh/",
    "/don-thu/tu-tiep-xuc-cu-tri/",
}


@pytest.mark.parametrize("role", ["office", "delegate", "agency", None])
def test_pages_by_role(world, as_user, role):
    receive(world)
    letter = Letter.objects.get()
    client = as_user(role)
    per_letter = [f"/don-thu/{letter.pk}/ban-quet/tai-len/", f"/don-thu/{letter.pk}/tu-choi-tiep/"]
    for url in [*PAGES, f"/don-thu/{letter.pk}/", *per_letter]:
        status = client.get(url).status_code
        if role is None:
            assert status == 302, url
        elif role == "agency" or (role == "delegate" and (url in EDIT_ONLY or url in per_letter)):
            assert status == 403, url
        else:
            assert status == 200, url


def test_outsider_gets_404_on_every_id(world, as_user):
    receive(world)
    letter = Letter.objects.get()
    case = letter.cases.first()
    client = as_user("outsider")
    assert client.get(f"/don-thu/{letter.pk}/").status_code == 404
    for url in (f"/don-thu/{letter.pk}/ban-quet/tai-len/", f"/don-thu/{letter.pk}/tu-choi-tiep/"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/don-thu/noi-dung/{case.pk}/giam-sat/", {"round": ""}).status_code == 404
    assert client.post(f"/don-thu/noi-dung/{case.pk}/phan-loai/", {"category": "khieu_nai"}).status_code == 404
    base = f"/api/v1/councils/{world.council.pk}"
    assert client.get(f"{base}/letters/{letter.pk}").status_code == 404
    assert (
        client.post(f"{base}/letter-cases/{case.pk}/classify", {}, content_type="application/json").status_code == 404
    )


def test_screen_flow_receive_classify_forward(world, as_user):
    client = as_user("office")
    response = client.post(
        "/don-thu/moi/",
        {
            "received_on": "06/07/2026",
            "channel": "buu_dien",
            "signed": "on",
            "people": "1",
            "sender_name": "Đặng Văn Dân",
            "category_1": "khieu_nai",
            "field_1": "hc_dat_dai",
            "summary_1": "Khiếu nại quyết định thu hồi đất\nĐiều 1 sai diện tích",
            "category_2": "phan_anh",
            "field_2": "khac",
            "summary_2": "Phản ánh đường hỏng",
        },
    )
    letter = Letter.objects.get()
    assert response.status_code == 302 and letter.cases.count() == 2
    case = letter.cases.get(position=1)
    assert "\n" in case.summary  # the user's line break kept
    assert (
        client.post(
            f"/don-thu/noi-dung/{case.pk}/phan-loai/", {"category": "khieu_nai", "field": "hc_dat_dai", "eligible": "1"}
        ).status_code
        == 302
    )
    response = client.post(
        f"/don-thu/noi-dung/{case.pk}/chuyen/",
        {
            "body": world.agency.pk,
            "issued_on": "06/07/2026",
            "signer_authority": "TM.",
            "signer_title": "Phó Chủ tịch",
            "signer_name": "Trần B",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.obligation is not None and case.forward_document.number is not None
    page = client.get(f"/don-thu/{letter.pk}/").content.decode()
    assert case.forward_document.number_symbol in page and "Hạn báo cáo" in page
    refused = client.post(
        f"/don-thu/noi-dung/{case.pk}/chuyen/",
        {"body": world.agency.pk, "signer_authority": "TM.", "signer_title": "x", "signer_name": "y"},
    )
    assert refused.status_code == 400 and "đã được chuyển" in refused.content.decode()


def test_bad_letter_form_says_what_is_wrong_and_saves_nothing(world, as_user):
    response = as_user("office").post("/don-thu/moi/", {"received_on": "31/02/2026", "people": "0"})
    assert response.status_code == 200
    assert not Letter.objects.exists()
    assert "Vui lòng" in response.content.decode()


def test_api_receive_classify_forward_and_errors(world, as_user):
    client = as_user("office")
    base = f"/api/v1/councils/{world.council.pk}"
    body = {
        "received_on": "2026-07-06",
        "senders": [{"full_name": "Đặng Văn Dân"}],
        "cases": [{"category": "to_cao", "summary": "Tố cáo cán bộ", "protected": True}],
    }
    assert client.post(f"{base}/letters", {**body, "mystery": 1}, content_type="application/json").status_code == 422
    bad = client.post(
        f"{base}/letters", {**body, "cases": [{"category": "xx", "summary": ""}]}, content_type="application/json"
    )
    assert bad.status_code in (400, 422)
    created = client.post(f"{base}/letters", body, content_type="application/json")
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["identity"] == "protected" and data["senders"] == []
    case_id = data["cases"][0]["id"]
    assert (
        client.post(
            f"{base}/letter-cases/{case_id}/classify", {"eligible": True}, content_type="application/json"
        ).status_code
        == 200
    )
    forwarded = client.post(
        f"{base}/letter-cases/{case_id}/forward",
        {
            "body_id": world.agency.pk,
            "signer_title": "Phó Chủ tịch",
            "signer_name": "Trần B",
            "issued_on": "2026-07-06",
        },
        content_type="application/json",
    )
    assert forwarded.status_code == 201, forwarded.content
    assert "Điều 26" in forwarded.json()["citation"]
    again = client.post(
        f"{base}/letter-cases/{case_id}/forward",
        {"body_id": world.agency.pk, "signer_title": "x", "signer_name": "y"},
        content_type="application/json",
    )
    assert again.status_code == 400 and "một lần" in json.dumps(again.json(), ensure_ascii=False)
    stats = client.get(f"{base}/letter-statistics?year=2026").json()
    assert (stats["letters"], stats["forwarded"]) == (1, 1)
    grant = client.post(
        f"{base}/letter-cases/{case_id}/grants",
        {"user_id": world.users["standing"].pk, "reason": "Xác minh"},
        content_type="application/json",
    )
    assert grant.status_code == 403  # only the office chief grants
    chief = as_user("office_chief").post(
        f"{base}/letter-cases/{case_id}/grants",
        {"user_id": world.users["standing"].pk, "reason": "Xác minh"},
        content_type="application/json",
    )
    assert chief.status_code == 201
    seen = as_user("standing").get(f"{base}/letters/{data['id']}").json()
    assert seen["identity"] == "visible" and seen["senders"][0]["full_name"] == "Đặng Văn Dân"


def test_api_schedule(world, as_user):
    client = as_user("office")
    base = f"/api/v1/councils/{world.council.pk}"
    person = Person.objects.create(council=world.council, full_name="Hồ Văn Tiếp")
    roster = {"rule": "ngay_co_dinh", "day": 10, "place": "Trụ sở", "decision": "Quy chế", "receiver_ids": [person.pk]}
    assert client.put(f"{base}/reception-roster", roster, content_type="application/json").status_code == 200
    period = {"start": "2027-01-01", "end": "2027-03-31"}
    made = client.post(f"{base}/reception-schedule/generate", period, content_type="application/json")
    assert made.status_code == 201 and len(made.json()) == 3
    refused = client.post(f"{base}/reception-schedule/publish", period, content_type="application/json")
    assert refused.status_code == 400  # the council has not set its report limit
    setting_set(council=world.council, key="reception_report_days", value=5)
    from registry.models import BodyKind
    from registry.tests.factories import BodyFactory

    BodyFactory(council=world.council, kind=BodyKind.STANDING_COMMITTEE, name="Thường trực", short_name="TT")
    assert client.post(f"{base}/reception-schedule/publish", period, content_type="application/json").json() == {
        "published": 3
    }
    slot_id = made.json()[0]["id"]
    changed = client.post(
        f"{base}/reception-schedule/{slot_id}/change",
        {"reason": "Họp đột xuất", "day": "2027-01-12"},
        content_type="application/json",
    )
    assert (
        changed.status_code == 200 and changed.json()["planned_day"] == "2027-01-10"
    )  # a Sunday: moved to Monday 11, now 12


def test_complaint_from_a_voter_contact_enters_the_register_once(world, as_user):
    contact_round = round_create(council=world.council, year=2026, period=Period.MID_YEAR, user=None)
    commune = CouncilFactory(unit_name="Phổ An", parent=world.council)
    petition = Petition.objects.create(
        council=world.council,
        round=contact_round,
        unit=commune,
        text="Khiếu nại việc thu hồi đất không bồi thường",
        level=Level.COMMUNE,
        complaint=True,
    )
    petition.people.create(full_name="Mai Văn Cử", address="Thôn 2")
    client = as_user("office")
    assert "thu hồi đất không bồi thường" in client.get("/don-thu/tu-tiep-xuc-cu-tri/").content.decode()
    assert (
        client.post(
            f"/don-thu/tu-tiep-xuc-cu-tri/{petition.pk}/", {"category": "khieu_nai", "field": "hc_dat_dai"}
        ).status_code
        == 302
    )
    letter = Letter.objects.get(origin_petition=petition)
    assert letter.channel == "tiep_xuc" and letter.senders.get().full_name == "Mai Văn Cử"
    assert (
        client.post(
            f"/don-thu/tu-tiep-xuc-cu-tri/{petition.pk}/", {"category": "khieu_nai", "field": "khac"}
        ).status_code
        == 404
    )


def test_fixed_queries_whatever_the_number_of_letters(world, as_user):
    client = as_user("office")
    receive(world, 3)
    base = f"/api/v1/councils/{world.council.pk}"
    assert_constant_queries(
        lambda: client.get("/don-thu/?year=2026"), lambda: receive(world, 27), row_text="Khiếu nại số", rows=27
    )
    assert_constant_queries(lambda: client.get(f"{base}/letters?year=2026"), lambda: receive(world, 5))
    assert_constant_queries(lambda: client.get("/don-thu/thong-ke/?year=2026"), lambda: receive(world, 5))
    letter = Letter.objects.first()
    assert_constant_queries(
        lambda: client.get(f"/don-thu/{letter.pk}/"),
        lambda: services.case_split(
            case=letter.cases.first(),
            parts=[CaseIn(Category.COMPLAINT, "a"), CaseIn(Category.COMPLAINT, "b")],
            user=None,
        ),
    )
    assert Case.objects.filter(letter=letter).count() == 3
