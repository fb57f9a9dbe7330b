"""A long export of the petition list runs as a background task: a progress bar polled with htmx (no
inline script), then a download link; the file is read back; only its owner sees it."""

import io

import pytest
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from hdnd import exports as engine
from hdnd.models import ExportState
from petitions import exports
from petitions.models import PetitionExport
from petitions.tests.conftest import make_petition


@pytest.mark.django_db
def test_export_runs_in_the_background_with_progress_and_a_download(
    town, as_user, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    for i in range(25):
        make_petition(town, f"Đề nghị nạo vét kênh số {i}", "Phổ An")
    make_petition(town, "Đề nghị sửa trường học", "Phổ Châu")
    client = as_user("office")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/kien-nghi/danh-sach/xuat-nen/", {"query": "q=kenh"})
    export = PetitionExport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/kien-nghi/danh-sach/xuat-nen/{export.pk}/"
    assert DBTaskResult.objects.filter(task_path="petitions.exports.export_run").count() == 1

    page = client.get(response["Location"]).content.decode()
    assert "<progress" in page and 'hx-trigger="every 1s"' in page and "<script>" not in page
    assert "Tải tệp Excel" not in page

    seen = []
    monkeypatch.setattr(engine, "CHUNK", 10)
    real_update = PetitionExport.objects.filter

    def spy(*args, **kwargs):
        seen.append(kwargs)
        return real_update(*args, **kwargs)

    monkeypatch.setattr(PetitionExport.objects, "filter", spy)
    assert exports.export_run.call(export.pk) == 25
    export.refresh_from_db()
    assert export.state == ExportState.DONE and export.done == export.total == 25 and export.percent == 100
    assert len([k for k in seen if k == {"pk": export.pk}]) >= 2  # progress written every CHUNK rows

    partial = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in partial and "Tải tệp Excel" in partial and "<html" not in partial
    download = client.get(f"/kien-nghi/danh-sach/xuat-nen/{export.pk}/tai-ve/")
    assert download.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content)), read_only=True).active
    texts = [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(texts) == 25 and all("kênh" in t for t in texts)


@pytest.mark.django_db
def test_exports_are_their_owners_only(town, as_user, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        as_user("office").post("/kien-nghi/danh-sach/xuat-nen/", {"query": ""})
    export = PetitionExport.objects.get()
    url = f"/kien-nghi/danh-sach/xuat-nen/{export.pk}/"
    assert as_user("outsider").get(url).status_code == 404
    assert as_user("office").get(url + "tai-ve/").status_code == 404  # not ready yet
    assert as_user(None).get(url).status_code == 302
    assert as_user("office").get("/kien-nghi/danh-sach/xuat-nen/").status_code == 405
