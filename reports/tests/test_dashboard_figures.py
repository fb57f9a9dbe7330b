"""The dashboard of a ward's council (issue 18): each competence level once, worded for the council's own
level; the answered petitions read from their obligations, as the petition pages and the annual report
read them; counts written as plain numbers on screen ("2", never "02")."""

import datetime
import json
import re

import pytest

from petitions import services as petitions
from petitions.models import ANSWER_STATES, Level, Period, Petition, PetitionState, PlaceKind, state_q
from registry.models import UnitType
from registry.services import setting_set

YEAR = 2025
DAY = datetime.date(YEAR, 11, 10)


@pytest.fixture
def ward(world):
    """A ward's council after 01/07/2025 with a year-end round: three petitions of the ward's own level
    forwarded to the agency user's body, one of the province's."""
    council = world.council
    council.unit_type, council.unit_name = UnitType.PHUONG, "Đức Phổ Thử"
    council.save()
    setting_set(council=council, key=petitions.ANSWER_RULE, value=30)
    place = petitions.place_create(council=council, name="Tổ dân phố Phổ Vinh 1", kind=PlaceKind.RESIDENTIAL_GROUP)
    contact_round = petitions.round_create(council=council, year=YEAR, period=Period.YEAR_END, starts_on=DAY)
    texts = ["Đề nghị sửa đường bê tông tổ dân phố", "Đề nghị lắp đèn chiếu sáng", "Đề nghị nạo vét mương"]
    items = [
        petitions.PetitionData(text=t, unit=None, contact_place=place, level=Level.COMMUNE, body=world.agency)
        for t in texts
    ]
    items.append(
        petitions.PetitionData(text="Đề nghị nâng cấp quốc lộ 1", unit=None, contact_place=place, level=Level.PROVINCE)
    )
    petitions.petitions_bulk_create(contact_round=contact_round, items=items, user=None)
    petitions.petitions_forward(
        contact_round=contact_round,
        body=world.agency,
        user=None,
        signer_title="Phó Chủ tịch",
        signer_name="Trần Thị Thu Trang",
        issued_on=datetime.date(YEAR, 11, 20),
    )
    return world


def chart(client) -> dict[str, int]:
    """The petition chart of the dashboard, label -> value, read from the page's data block."""
    response = client.get("/bao-cao/", {"nam": YEAR})
    assert response.status_code == 200
    html = response.content.decode()
    data = json.loads(re.search(r'<script id="chart-data" type="application/json">(.*?)</script>', html, re.S)[1])
    labels, values = data["petitions"]["labels"], data["petitions"]["values"]
    assert len(labels) == len(set(labels)), labels
    return dict(zip(labels, values, strict=True))


def annual_report_figure(client, label: str) -> str:
    html = client.get(f"/bao-cao/kiem-diem/{YEAR}/").content.decode()
    return re.search(rf"<td>{re.escape(label)}</td><td><a [^>]*>([^<]*)</a>", html)[1]


ANSWERED = "Kiến nghị cử tri đã được trả lời"
ACCEPTED = "Kiến nghị cử tri có câu trả lời được Văn phòng chấp nhận"


@pytest.mark.django_db
def test_a_ward_reads_each_level_once_in_its_own_words(ward, as_user) -> None:
    figures = chart(as_user("office"))
    levels = [label for label in figures if "thuộc thẩm quyền" in label]
    assert levels == [
        f"Kiến nghị {period} {YEAR} thuộc thẩm quyền của {level}"
        for period in ("giữa năm", "cuối năm")
        for level in ("Trung ương", "cấp tỉnh", "phường")
    ]
    assert figures[f"Kiến nghị cuối năm {YEAR} thuộc thẩm quyền của phường"] == 3
    assert figures[f"Kiến nghị cuối năm {YEAR} thuộc thẩm quyền của cấp tỉnh"] == 1
    # A ward is of the commune level: "cấp xã" beside "phường" would count the same petitions twice.
    assert not any("cấp xã" in label for label in figures), figures


@pytest.mark.django_db
def test_an_answer_on_the_followup_screen_moves_the_dashboard(ward, as_user) -> None:
    office, agency = as_user("office"), as_user("agency")
    forwarded = list(Petition.objects.select_related("obligation").filter(obligation__isnull=False).order_by("pk"))
    assert chart(office)[ANSWERED] == 0

    # The agency reports progress on its task page: its answer is "being resolved", an answer all the same.
    first = forwarded[0].obligation
    response = agency.post(
        f"/theo-doi/{first.pk}/bao-cao/",
        {"kind": "tien_do", "text": "UBND phường đang lập dự toán sửa đường, thi công quý I/2026."},
    )
    assert response.status_code == 302
    assert Petition.objects.select_related("obligation").get(pk=forwarded[0].pk).state == PetitionState.RESOLVING
    assert chart(office)[ANSWERED] == 1

    # It reports the second one done: two answered.
    response = agency.post(
        f"/theo-doi/{forwarded[1].obligation.pk}/bao-cao/",
        {"kind": "hoan_thanh", "text": "Đã lắp 12 bóng đèn chiếu sáng.", "reply_label": "Công văn số 12/UBND"},
    )
    assert response.status_code == 302
    figures = chart(office)
    assert figures[ANSWERED] == 2

    # The petition list and the annual report's figures say the same.
    listed = Petition.objects.filter(council=ward.council, merged_into__isnull=True)
    answered = [listed.filter(state_q(s)).count() for s in ANSWER_STATES]
    assert sum(answered) == 2
    for state in (PetitionState.ANSWERED, PetitionState.RESOLVING):
        page = office.get("/kien-nghi/danh-sach/", {"trang_thai": state}).content.decode()
        assert page.count("Đề nghị sửa đường bê tông") + page.count("Đề nghị lắp đèn chiếu sáng") == 1
    assert annual_report_figure(office, ANSWERED) == "2"

    # The office sends the finished one back: it waits for an answer again, the figure drops.
    response = office.post(f"/theo-doi/{forwarded[1].obligation.pk}/tra-lai/", {"reason": "Chưa nêu địa điểm."})
    assert response.status_code == 302
    assert chart(office)[ANSWERED] == 1


@pytest.mark.django_db
def test_screens_write_plain_numbers(ward, as_user) -> None:
    office = as_user("office")
    html = office.get("/bao-cao/", {"nam": YEAR}).content.decode()
    cards = re.findall(r'<div class="figure">([^<]*)</div>', html)
    assert cards and all(not re.fullmatch(r"0\d", c) for c in cards), cards
    assert '<div class="figure">4</div>' in html  # the four petitions of the year
    detail = office.get(f"/bao-cao/kiem-diem/{YEAR}/so-lieu/petitions/").content.decode()
    assert f"Kiến nghị cử tri năm {YEAR}: 4</h1>" in detail
    assert annual_report_figure(office, "Kiến nghị cử tri") == "4"


@pytest.mark.django_db
def test_the_accepted_figure_names_who_accepts(ward, as_user) -> None:
    """The figure rises when the office accepts an answer, and says so: the standing committee has no accept
    step (DOMAIN.md: the office tracks the answers, the standing committee reports on them)."""
    office, agency, standing = as_user("office"), as_user("agency"), as_user("standing")
    petition = Petition.objects.select_related("obligation").filter(obligation__isnull=False).order_by("pk").first()
    agency.post(
        f"/theo-doi/{petition.obligation.pk}/bao-cao/",
        {"kind": "hoan_thanh", "text": "Đã sửa xong đường bê tông.", "reply_label": "Công văn số 15/UBND"},
    )
    assert chart(office)[ACCEPTED] == 0
    assert not any("Thường trực chấp nhận" in label for label in chart(office))
    # The standing member sees the answer waiting and is offered no accept button; the office is.
    detail = f"/theo-doi/{petition.obligation.pk}/"
    assert "chap-nhan" not in standing.get(detail).content.decode()
    assert "chap-nhan" in office.get(detail).content.decode()
    assert office.post(f"{detail}chap-nhan/", {"text": ""}).status_code == 302
    assert chart(office)[ACCEPTED] == chart(standing)[ACCEPTED] == 1
    assert annual_report_figure(office, ACCEPTED) == "1"
