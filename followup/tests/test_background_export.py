"""A long export of the follow-up list runs as a background task (hdnd.exports, as the petition list's):
the list's filters go to the task, a progress bar polled with htmx (no inline script), then a download
link; the file is read back in the list's order; only its owner, in its council, sees it; the API too, from
the start to the file."""

import datetime
import io
import json

import openpyxl
import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from followup import exports
from followup.models import FollowupExport
from followup.tests.factories import make_obligation
from hdnd import exports as engine
from hdnd.excel import XLSX
from hdnd.models import ExportState

D = datetime.date
START = "/theo-doi/xuat-nen/"


def _titles(content: bytes) -> list[str]:
    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).active
    return [row[1] for row in sheet.iter_rows(min_row=3, values_only=True)]


def _make_rows(world) -> None:
    for i in range(12):
        make_obligation(
            council=world.council,
            owner=world.agency,
            title=f"Việc trễ số {i}",
            due_on=D(2020, 1, 1 + i),
            source_date=D(2019, 12, 2),
        )
    make_obligation(
        council=world.council,
        owner=world.other_agency,
        title="Việc trễ của Nội vụ",
        due_on=D(2020, 3, 1),
        source_date=D(2019, 12, 2),
    )
    make_obligation(council=world.council, owner=world.agency, title="Việc còn hạn", due_on=D(2099, 1, 31))


@pytest.mark.django_db
def test_export_runs_in_the_background_with_progress_and_a_download(
    world, as_user, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    _make_rows(world)
    client = as_user("office")
    query = "trang_thai=qua_han&q=tr%E1%BB%85"  # overdue, "trễ"
    list_page = client.get(reverse("followup:obligation_list"), {"trang_thai": "qua_han"}).content.decode()
    assert f'action="{START}"' in list_page and "Xuất Excel chạy nền" in list_page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(START, {"query": query})
    export = FollowupExport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{START}{export.pk}/"
    assert export.query == query and export.state == ExportState.WAITING
    assert DBTaskResult.objects.filter(task_path="followup.exports.export_run").count() == 1

    page = client.get(response["Location"]).content.decode()
    assert "<progress" in page and 'hx-trigger="every 1s"' in page and "<script>" not in page
    assert "Đang chờ: 0 / 0 việc" in page and "Tải tệp Excel" not in page
    assert as_user("office").get(f"{START}{export.pk}/tai-ve/").status_code == 404  # not ready yet

    monkeypatch.setattr(engine, "CHUNK", 5)
    seen = []
    real_filter = FollowupExport.objects.filter

    def spy(*args, **kwargs):
        seen.append(kwargs)
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(FollowupExport.objects, "filter", spy)
    assert exports.export_run.call(export.pk) == 13
    export.refresh_from_db()
    assert export.state == ExportState.DONE and export.done == export.total == 13 and export.percent == 100
    assert export.finished_at is not None
    assert len([k for k in seen if k == {"pk": export.pk}]) == 2  # progress written every CHUNK rows

    partial = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in partial and "<html" not in partial
    assert "Đã xong: 13 / 13 việc" in partial and "Tải tệp Excel" in partial
    download = client.get(f"{START}{export.pk}/tai-ve/")
    assert download.status_code == 200
    assert 'filename="viec-can-theo-doi.xlsx"' in download["Content-Disposition"]
    titles = _titles(b"".join(download.streaming_content))
    assert len(titles) == 13 and "Việc còn hạn" not in titles
    # the same rows in the same order as the small direct export of the same filters
    direct = client.get(f"{reverse('followup:obligation_export')}?{query}")
    assert titles == _titles(direct.content)


@pytest.mark.django_db
def test_the_task_keeps_the_requesting_users_scope(world, as_user, django_capture_on_commit_callbacks) -> None:
    _make_rows(world)
    with django_capture_on_commit_callbacks(execute=True):
        as_user("agency").post(START, {"query": "q=N%E1%BB%99i+v%E1%BB%A5"})  # "Nội vụ": not the agency's
    export = FollowupExport.objects.get()
    assert exports.export_run.call(export.pk) == 0
    with django_capture_on_commit_callbacks(execute=True):
        as_user("agency").post(START, {"query": ""})
    export = FollowupExport.objects.latest("pk")
    assert exports.export_run.call(export.pk) == 13  # the agency's own 13, not the other body's
    titles = _titles(b"".join(as_user("agency").get(f"{START}{export.pk}/tai-ve/").streaming_content))
    assert "Việc trễ của Nội vụ" not in titles and len(titles) == 13


@pytest.mark.django_db
def test_exports_are_their_owners_only(world, as_user, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        as_user("office").post(START, {"query": ""})
    export = FollowupExport.objects.get()
    exports.export_run.call(export.pk)
    url = f"{START}{export.pk}/"
    assert as_user("office").get(url + "tai-ve/").status_code == 200
    for other in ("outsider", "office_chief", "agency"):  # another council's user; others of the same council
        assert as_user(other).get(url).status_code == 404
        assert as_user(other).get(url + "tai-ve/").status_code == 404
    assert as_user(None).get(url).status_code == 302
    assert as_user("office").get(START).status_code == 405
    assert as_user("office").get(f"{START}999999/").status_code == 404


@pytest.mark.django_db
def test_api_starts_an_export_and_reports_its_progress(world, as_user, django_capture_on_commit_callbacks) -> None:
    _make_rows(world)
    cid = world.council.pk
    url = reverse("api-v1:obligation_export_start", args=[cid])
    client = as_user("office")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, json.dumps({"state": "qua_han", "q": "trễ"}), content_type="application/json")
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["state"] == "cho" and body["total"] == 0
    export = FollowupExport.objects.get(pk=body["id"])
    assert export.query == "q=tr%E1%BB%85&trang_thai=qua_han"
    status_url = reverse("api-v1:obligation_export_status", args=[cid, export.pk])
    file_url = reverse("api-v1:obligation_export_download", args=[cid, export.pk])
    early = client.get(file_url)
    assert early.status_code == 409 and "Tệp chưa xuất xong (Đang chờ: 0 / 0 việc)" in early.json()["detail"]
    exports.export_run.call(export.pk)
    done = client.get(status_url).json()
    assert done["state"] == "xong" and done["done"] == done["total"] == 13 and done["finished_at"]
    file = client.get(file_url)
    assert file.status_code == 200 and file["Content-Type"] == XLSX
    assert 'filename="viec-can-theo-doi.xlsx"' in file["Content-Disposition"]
    titles = _titles(b"".join(file.streaming_content))
    # the rows of the screen's direct export of the same filters, in its order
    direct = client.get(reverse("followup:obligation_export"), {"trang_thai": "qua_han", "q": "trễ"})
    assert len(titles) == 13 and titles == _titles(direct.content)
    for url_of_export in (status_url, file_url):
        assert as_user("outsider").get(url_of_export).status_code == 404
        assert as_user("office_chief").get(url_of_export).status_code == 404
        assert as_user(None).get(url_of_export).status_code == 401
    assert as_user(None).post(url, "{}", content_type="application/json").status_code == 401

    bad = client.post(url, json.dumps({"state": "khong-co"}), content_type="application/json")
    assert bad.status_code in (400, 422) and "state" in bad.content.decode()
    assert FollowupExport.objects.count() == 1
