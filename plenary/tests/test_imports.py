"""Resolutions of a session through the shared importer: the office's list of what the session passed
becomes drafts, votes and numbered resolutions; errors located; re-import and export already there."""

import io

import pytest
from openpyxl import Workbook

from hdnd.imports import preview
from plenary.imports import RESOLUTIONS
from plenary.models import Resolution
from plenary.tests.factories import make_delegates, make_session, set_due_days, ubnd


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def xlsx(rows: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Nghị quyết"
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


HEADER = ["STT", "Tên nghị quyết", "Cơ quan trình", "Ngày thông qua", "Tán thành", "Không tán thành", "Người ký"]


@pytest.mark.django_db
def test_resolutions_of_a_session_import_and_round_trip(world, as_user) -> None:
    set_due_days(world.council)
    make_delegates(world.term, 5)
    ubnd(world.council)
    session = make_session(world.council, world.term)
    rows = [
        HEADER,
        [1, "Giao biên chế  năm 2025", "phòng tc-kh", "18/12/2024", 5, 0, "Nguyễn Xuân Văn"],
        [2, "Dự toán ngân sách năm 2025", "Phòng TC-KH", "18/12/2024", 4, 1, "Nguyễn Xuân Văn"],
    ]
    client = as_user("office")
    file = io.BytesIO(xlsx(rows))
    file.name = "nghi-quyet.xlsx"
    page = client.post(f"/nhap-tep/nghi-quyet/{session.pk}/", {"file": file}).url
    fragment = client.get(page + "xem-truoc/")
    assert fragment.context["result"].ok and fragment.context["new"] == 2
    done = client.post(page + "luu/", {"key": fragment.context["key"]}, follow=True)
    assert "Đã nhập 2 nghị quyết." in done.content.decode(), done.content.decode()[-3000:]
    numbers = list(Resolution.objects.order_by("pk").values_list("document__number_symbol", flat=True))
    assert numbers == ["01/NQ-HĐND", "02/NQ-HĐND"]
    assert Resolution.objects.get(submission__title="Giao biên chế năm 2025").submission.vote.yes == 5
    again = preview(RESOLUTIONS, session, RESOLUTIONS.export(session), "xuat.xlsx")
    assert again.ok and [r.already for r in again.rows] == [True, True]
    bad = preview(
        RESOLUTIONS, session, xlsx([HEADER, [1, "Quy hoạch", "Phòng Y", "31/11/2024", "năm", 0, ""]]), "a.xlsx"
    )
    assert [str(e).split(": ", 1)[0] for e in bad.errors] == [
        "Trang “Nghị quyết”, dòng 2, cột C (“Cơ quan trình”)",
        "Trang “Nghị quyết”, dòng 2, cột D (“Ngày thông qua”)",
        "Trang “Nghị quyết”, dòng 2, cột E (“Tán thành”)",
        "Trang “Nghị quyết”, dòng 2, cột G (“Người ký”)",
    ]
    assert as_user("delegate").get(f"/nhap-tep/nghi-quyet/{session.pk}/").status_code == 403
