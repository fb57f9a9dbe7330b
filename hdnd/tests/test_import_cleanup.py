"""An uploaded sheet (names, years of birth, addresses) is not kept forever: its file is deleted once the
import is saved or cancelled, and by the daily job once it is older than IMPORT_KEEP_DAYS; the record of the
upload stays with what it imported, and a finished upload says so instead of reading a file that is gone."""

import datetime
import io
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from hdnd.imports import flow
from hdnd.models import ImportUpload
from hdnd.tests.test_import_progress import people_sheet
from registry.imports import PEOPLE
from registry.models import Person


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IMPORT_KEEP_DAYS = 7


def _upload(client, council) -> tuple[str, ImportUpload]:
    file = io.BytesIO(people_sheet(3))
    file.name = "nguoi.xlsx"
    page = client.post(f"/nhap-tep/ca-nhan/{council.pk}/", {"file": file}).url
    upload = ImportUpload.objects.get(pk=page.split("/")[-2])
    assert upload.file and default_storage.exists(upload.file.name)
    return page, upload


@pytest.mark.django_db
def test_saving_the_import_deletes_its_file_and_keeps_the_record(world, as_user, django_capture_on_commit_callbacks):
    client = as_user("office")
    page, upload = _upload(client, world.council)
    stored, people = upload.file.name, Person.objects.count()
    key = client.get(page + "xem-truoc/").context["key"]
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(page + "luu/", {"key": key}).status_code == 302
    assert Person.objects.count() == people + 3
    upload.refresh_from_db()
    assert not upload.file and not default_storage.exists(stored)
    assert (upload.imported, upload.filename, upload.created_by) == (3, "nguoi.xlsx", world.users["office"])
    html = client.get(page).content.decode()
    assert "Đã nhập 3 người từ tệp này; tệp đã được xóa sau khi nhập xong." in html
    assert "hx-get" not in html and "Hủy lần nhập" not in html  # nothing left to read or cancel
    fragment = client.get(page + "xem-truoc/").content.decode()
    assert "tệp đã được xóa" in fragment and "Lưu " not in fragment
    again = client.post(page + "luu/", {"key": "khac"}, follow=True).content.decode()
    assert "tệp đã được xóa" in again and Person.objects.count() == people + 3  # saved once, read no more


@pytest.mark.django_db
def test_a_failed_save_keeps_the_file_for_another_try(world, as_user, monkeypatch, django_capture_on_commit_callbacks):
    client = as_user("office")
    page, upload = _upload(client, world.council)
    key = client.get(page + "xem-truoc/").context["key"]

    def refuse(owner: object, items: list, user: object) -> list:
        raise ValidationError("Lỗi thử khi lưu")

    monkeypatch.setattr(PEOPLE, "save", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page + "luu/", {"key": key}, follow=True)
    assert "Lỗi thử khi lưu" in response.content.decode()
    upload.refresh_from_db()
    assert upload.file and default_storage.exists(upload.file.name) and upload.imported is None


@pytest.mark.django_db
def test_cancelling_on_the_screen_deletes_the_file(world, as_user, django_capture_on_commit_callbacks):
    client = as_user("office")
    page, upload = _upload(client, world.council)
    stored, people = upload.file.name, Person.objects.count()
    assert f'action="{page}huy/"' in client.get(page).content.decode()
    assert as_user("outsider").post(page + "huy/").status_code == 404
    assert as_user("delegate").post(page + "huy/").status_code == 403
    assert default_storage.exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page + "huy/", follow=True)
    assert "Đã hủy lần nhập này và xóa tệp đã tải lên." in response.content.decode()
    upload.refresh_from_db()
    assert not upload.file and not default_storage.exists(stored) and upload.imported is None
    assert ImportUpload.objects.filter(pk=upload.pk).exists()
    assert "Lần nhập này đã hủy hoặc quá hạn lưu tệp" in client.get(page).content.decode()
    key = "khoa-bat-ky"
    refused = client.post(page + "luu/", {"key": key}, follow=True).content.decode()
    assert "Lần nhập này đã hủy" in refused and Person.objects.count() == people
    assert client.get(page + "tien-do/").status_code == 200  # the progress poll still answers


@pytest.mark.django_db
def test_cancelling_through_the_api(world, as_user, django_capture_on_commit_callbacks):
    client = as_user("office")
    _page, upload = _upload(client, world.council)
    stored = upload.file.name
    url = f"/api/v1/councils/{world.council.pk}/import-uploads/{upload.pk}"
    assert as_user("outsider").post(url + "/cancel").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url + "/cancel")
    assert response.status_code == 200
    data = response.json()
    assert not data["ok"] and data["key"] == "" and data["message"].startswith("Lần nhập này đã hủy")
    assert not default_storage.exists(stored)
    assert client.get(url).json()["message"] == data["message"]
    refused = client.post(url + "/confirm", {"key": "x"}, content_type="application/json")
    assert refused.status_code == 400 and "đã hủy" in refused.json()["detail"]
    mapping = client.put(url + "/mapping", {"columns": {"0": "name"}}, content_type="application/json")
    assert mapping.status_code == 400


@pytest.mark.django_db
def test_the_daily_job_deletes_files_left_past_their_keeping(world, as_user, django_capture_on_commit_callbacks):
    client = as_user("office")
    _page, old = _upload(client, world.council)
    _page, recent = _upload(client, world.council)
    _page, done = _upload(client, world.council)
    old_name, recent_name, now = old.file.name, recent.file.name, timezone.now()
    ImportUpload.objects.filter(pk=old.pk).update(created_at=now - datetime.timedelta(days=8))
    ImportUpload.objects.filter(pk=recent.pk).update(created_at=now - datetime.timedelta(days=6))
    ImportUpload.objects.filter(pk=done.pk).update(created_at=now - datetime.timedelta(days=30))
    with django_capture_on_commit_callbacks(execute=True):
        flow.upload_cancel(upload=done)  # already finished: its file is gone and it is not counted again
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=out)
    assert "Đã xóa 1 tệp nhập bỏ dở quá hạn lưu." in out.getvalue()
    old.refresh_from_db()
    recent.refresh_from_db()
    assert not old.file and not default_storage.exists(old_name)
    assert recent.file and default_storage.exists(recent_name)
    assert ImportUpload.objects.count() == 3  # the records stay
    with django_capture_on_commit_callbacks(execute=True):
        assert flow.uploads_expire(now=now + datetime.timedelta(days=2)) == 1  # the recent one's turn
    assert not default_storage.exists(recent_name)
    assert flow.uploads_expire(now=now + datetime.timedelta(days=2)) == 0
