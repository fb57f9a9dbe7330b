"""In a real browser: the office opens the preview of each kind of generated document and of the annual
report before it is numbered, sees it laid out as the DOCX (one-line national title, DỰ THẢO, footnotes)
and downloads the draft DOCX, which passes the ND30 checker."""

import datetime
from pathlib import Path

import pytest

from conftest import ARTIFACTS, login
from documents.checker import check_nd30
from documents.models import DocType
from documents.tests.factories import draft
from registry import services as registry
from registry.models import BodyKind, MemberRole
from reports import services as reports

# The types the workflows generate: notices, invitations, programmes, minutes, letters, reports, decisions,
# resolutions.
GENERATED = [
    DocType.THONG_BAO,
    DocType.GIAY_MOI,
    DocType.CHUONG_TRINH,
    DocType.BIEN_BAN,
    DocType.CONG_VAN,
    DocType.BAO_CAO,
    DocType.QUYET_DINH,
    DocType.NGHI_QUYET,
]
BODY = (
    "Cho ý kiến bằng văn bản đối với 06 nội dung[^1].\nĐiều 1. Thông qua.\nĐiều 2. Giao thực hiện.\n[^1]: Về phương án."
)


def _check_sheet(page: object) -> None:
    sheet = page.locator("#preview-sheet")
    sheet.wait_for()
    assert sheet.locator(".draft-mark").inner_text() == "DỰ THẢO"
    title = sheet.locator(".national")
    box = title.bounding_box()
    line = page.evaluate("e => parseFloat(getComputedStyle(e).lineHeight) || 20", title.element_handle())
    assert box["height"] < 1.6 * line, "Quốc hiệu xuống dòng"
    assert sheet.locator(".motto").inner_text() == "Độc lập - Tự do - Hạnh phúc"


def _download(page: object, tmp_path: Path) -> bytes:
    with page.expect_download() as info:
        page.click("#preview-docx")
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target.read_bytes()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_office_previews_every_kind_and_the_annual_report(browser, live_server, world, tmp_path: Path) -> None:
    documents = {t: draft(world.council, doc_type=t, body=BODY) for t in GENERATED}
    standing = registry.body_create(council=world.council, kind=BodyKind.STANDING_COMMITTEE, name="Thường trực HĐND")
    chair = registry.person_create(council=world.council, full_name="Nguyễn Xuân Văn", position="Chủ tịch HĐND")
    registry.membership_create(person=chair, body=standing, role=MemberRole.CHAIR, starts_on=datetime.date(2021, 6, 25))
    reports.report_get_or_create(council=world.council, year=2024)
    page = browser.new_page(accept_downloads=True)
    page.set_default_timeout(20000)
    login(page, live_server, "office")
    for doc_type, document in documents.items():
        page.goto(f"{live_server.url}/van-ban/{document.pk}/")
        page.click("text=Xem trước")
        _check_sheet(page)
        sheet = page.locator("#preview-sheet")
        assert "Điều 1. Thông qua." in sheet.inner_text() and "Điều 2. Giao thực hiện." in sheet.inner_text()
        assert sheet.locator("#note-1").inner_text().endswith("Về phương án.")
        content = _download(page, tmp_path)
        assert check_nd30(content) == [], doc_type
    page.goto(f"{live_server.url}/bao-cao/kiem-diem/2024/")
    page.click("text=Xem trước văn bản")
    _check_sheet(page)
    assert "BÁO CÁO" in page.locator("#preview-sheet .type").inner_text()
    page.screenshot(path=str(ARTIFACTS / "annual-report-preview.png"), full_page=True)
    assert check_nd30(_download(page, tmp_path)) == []
