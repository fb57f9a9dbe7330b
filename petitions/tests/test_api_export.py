"""The petition list's background export through the API (hdnd.exports, as the screen's): a client starts it
with the list's filters, follows its progress and, once it is done, downloads the file, which holds the rows
the list shows; only the user who asked, in the council, sees any of the three (their schema:
hdnd/tests/test_exports.py)."""

import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from hdnd.excel import XLSX
from petitions import exports
from petitions.models import PetitionExport
from petitions.tests.conftest import make_petition

pytestmark = pytest.mark.django_db


def _texts(content: bytes) -> list[str]:
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    return [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_a_client_starts_follows_and_downloads_an_export(town, as_user, django_capture_on_commit_callbacks) -> None:
    for i in range(4):
        make_petition(town, f"Đề nghị nạo vét kênh số {i}", "Phổ An")
    make_petition(town, "Đề nghị sửa trường học", "Phổ Châu")
    cid, client = town.council.pk, as_user("office")
    start = reverse("api-v1:petition_export_start", args=[cid])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(start, json.dumps({"q": "kênh", "level": ""}), content_type="application/json")
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["state"] == "cho" and body["total"] == body["done"] == 0 and body["finished_at"] is None
    export = PetitionExport.objects.get(pk=body["id"])
    assert export.user == town.world.users["office"] and export.query == "q=k%C3%AAnh"  # empty filters dropped

    status = reverse("api-v1:petition_export_status", args=[cid, export.pk])
    download = reverse("api-v1:petition_export_download", args=[cid, export.pk])
    early = client.get(download)
    assert early.status_code == 409 and "chưa xuất xong" in early.json()["detail"], early.content

    assert exports.export_run.call(export.pk) == 4
    done = client.get(status).json()
    assert done["state"] == "xong" and done["done"] == done["total"] == 4 and done["finished_at"]
    file = client.get(download)
    assert file.status_code == 200 and file["Content-Type"] == XLSX
    assert 'filename="kien-nghi-cu-tri.xlsx"' in file["Content-Disposition"]
    texts = _texts(b"".join(file.streaming_content))
    assert len(texts) == 4 and all("kênh" in text for text in texts)


def test_only_the_user_who_asked_sees_the_export(town, as_user, django_capture_on_commit_callbacks) -> None:
    make_petition(town, "Đề nghị nạo vét kênh", "Phổ An")
    cid = town.council.pk
    with django_capture_on_commit_callbacks(execute=True):
        as_user("office").post(
            reverse("api-v1:petition_export_start", args=[cid]), "{}", content_type="application/json"
        )
    export = PetitionExport.objects.get()
    exports.export_run.call(export.pk)
    for name in ("petition_export_status", "petition_export_download"):
        url = reverse(f"api-v1:{name}", args=[cid, export.pk])
        assert as_user("office").get(url).status_code == 200
        for other in ("outsider", "office_chief", "agency"):  # another council's user; others of the same council
            assert as_user(other).get(url).status_code == 404, (name, other)
        assert as_user(None).get(url).status_code == 401
        assert as_user("office").get(reverse(f"api-v1:{name}", args=[cid, 999_999])).status_code == 404
    outsider_start = as_user("outsider").post(
        reverse("api-v1:petition_export_start", args=[cid]), "{}", content_type="application/json"
    )
    assert outsider_start.status_code == 404
    assert PetitionExport.objects.count() == 1


def test_a_failed_export_offers_no_file(town, as_user, monkeypatch, django_capture_on_commit_callbacks) -> None:
    make_petition(town, "Đề nghị nạo vét kênh", "Phổ An")
    cid, client = town.council.pk, as_user("office")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("api-v1:petition_export_start", args=[cid]), "{}", content_type="application/json")
    export = PetitionExport.objects.get()

    def broken(rows: object, personal: bool) -> bytes:
        raise OSError("đĩa đầy")

    monkeypatch.setattr(exports, "petitions_workbook", broken)
    with pytest.raises(OSError):
        exports.export_run.call(export.pk)
    assert client.get(reverse("api-v1:petition_export_status", args=[cid, export.pk])).json()["state"] == "loi"
    refused = client.get(reverse("api-v1:petition_export_download", args=[cid, export.pk]))
    assert refused.status_code == 409 and "không thành công" in refused.json()["detail"]


def test_a_bad_filter_starts_nothing(town, as_user) -> None:
    url = reverse("api-v1:petition_export_start", args=[town.council.pk])
    response = as_user("office").post(url, json.dumps({"round_id": "mot"}), content_type="application/json")
    assert response.status_code == 422 and "round_id" in response.json()["detail"]
    assert not PetitionExport.objects.exists()
