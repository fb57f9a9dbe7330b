"""The import's progress bar shows a percentage: the reading writes how many rows it checked, the page polls it."""

import io

import pytest
from openpyxl import Workbook

from hdnd.imports import preview
from hdnd.models import ImportUpload
from registry.imports import PEOPLE


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def people_sheet(rows: int) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Năm sinh"])
    for i in range(rows):
        ws.append([f"Người thứ {i + 1}", 1950 + i % 50])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.mark.django_db
def test_the_reading_reports_rows_checked_as_it_goes(world) -> None:
    calls: list[tuple[int, int]] = []
    result = preview(PEOPLE, world.council, people_sheet(1200), "a.xlsx", progress=lambda d, t: calls.append((d, t)))
    assert result.ok and len(result.rows) == 1200
    # Every 500 rows, then the end (the near-duplicate search is the last step).
    assert calls == [(0, 1201), (500, 1201), (1000, 1201), (1201, 1201)]


@pytest.mark.django_db
def test_the_page_polls_a_percentage_until_the_preview_replaces_it(world, as_user) -> None:
    client = as_user("office")
    file = io.BytesIO(people_sheet(30))
    file.name = "nguoi.xlsx"
    page = client.post(f"/nhap-tep/ca-nhan/{world.council.pk}/", {"file": file}).url
    html = client.get(page).content.decode()
    assert f'hx-get="{page}tien-do/"' in html and 'hx-trigger="every 700ms"' in html
    assert '<progress value="0" max="100"' in html and "<script>" not in html  # no inline script (CSP)
    assert "Đã kiểm tra 0 % số dòng" in client.get(page + "tien-do/").content.decode()
    upload = ImportUpload.objects.get(pk=page.split("/")[-2])
    # Half-way through a reading (as another request sees it while the preview runs).
    ImportUpload.objects.filter(pk=upload.pk).update(rows_checked=15, rows_total=31)
    assert '<progress value="48" max="100"' in client.get(page + "tien-do/").content.decode()
    assert client.get(page + "xem-truoc/").context["result"].ok
    done = client.get(page + "tien-do/").content.decode()
    assert '<progress value="100" max="100"' in done and "Đã kiểm tra 100 % số dòng" in done
    # The poll answers only the upload's council, as the preview does.
    assert as_user("outsider").get(page + "tien-do/").status_code == 404
