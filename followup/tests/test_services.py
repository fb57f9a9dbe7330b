"""Deadline extension: the office moves an open obligation's deadline later, with its reason in the timeline."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from followup import services


@pytest.mark.django_db
def test_extend_deadline_with_reason(world) -> None:
    """The office extends an open obligation's deadline; earlier dates, no reason, or a closed one are refused."""
    obligation = services.obligation_create(
        council=world.council,
        owner=world.agency,
        title="Báo cáo kết quả",
        kind="task",
        source_date=datetime.date(2024, 3, 1),
        due_on=datetime.date(2024, 3, 15),
    )
    with pytest.raises(ValidationError) as exc:
        services.obligation_extend(obligation=obligation, user=None, due_on=datetime.date(2024, 3, 10), reason="")
    assert set(exc.value.message_dict) == {"reason", "due_on"}
    services.obligation_extend(
        obligation=obligation,
        user=world.users["office"],
        due_on=datetime.date(2024, 4, 1),
        reason="Cơ quan đề nghị thêm thời gian",
    )
    obligation.refresh_from_db()
    assert obligation.due_on == datetime.date(2024, 4, 1)
    update = obligation.updates.order_by("-pk").first()
    assert update.action == "gia_han" and "từ 15/03/2024 đến 01/04/2024" in update.text
    services.obligation_cancel(obligation=obligation, user=None, reason="Không còn cần")
    with pytest.raises(ValidationError):
        services.obligation_extend(obligation=obligation, user=None, due_on=datetime.date(2024, 5, 1), reason="x")


@pytest.mark.django_db
def test_extend_through_screen_and_api_is_for_the_office(world, as_user) -> None:
    obligation = services.obligation_create(
        council=world.council,
        owner=world.agency,
        title="Trả lời kiến nghị",
        kind="task",
        source_date=datetime.date(2024, 3, 1),
        due_on=datetime.date(2024, 3, 15),
    )
    url = f"/theo-doi/{obligation.pk}/gia-han/"
    assert as_user("agency").post(url, {"due_on": "2024-04-01", "reason": "x"}).status_code == 403
    assert as_user("office").post(url, {"due_on": "2024-04-01", "reason": "Đề nghị"}).status_code == 302
    api = f"/api/v1/councils/{world.council.pk}/obligations/{obligation.pk}/extend"
    response = as_user("office").post(api, {"due_on": "2024-03-20", "reason": "Lùi"}, content_type="application/json")
    assert response.status_code == 400 and "Hạn mới phải sau" in response.json()["detail"]
    response = as_user("office").post(api, {"due_on": "2024-05-01", "reason": "Lùi"}, content_type="application/json")
    assert response.status_code == 200
    obligation.refresh_from_db()
    assert obligation.due_on == datetime.date(2024, 5, 1)


@pytest.mark.django_db
def test_agency_reports_with_files_through_the_api(world, as_user) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    obligation = services.obligation_create(
        council=world.council,
        owner=world.agency,
        title="Trả lời kiến nghị",
        kind="task",
        source_date=datetime.date(2024, 3, 1),
        due_on=datetime.date(2024, 3, 15),
    )
    url = f"/api/v1/councils/{world.council.pk}/obligations/{obligation.pk}/report-files"
    reply = SimpleUploadedFile("cong-van-tra-loi.pdf", b"%PDF-1.4 noi dung", content_type="application/pdf")
    response = as_user("agency").post(url, {"text": "Đã trả lời cử tri", "done": "true", "files": [reply]})
    assert response.status_code == 200, response.content
    obligation.refresh_from_db()
    assert obligation.state == "da_bao_cao"
    update = obligation.updates.order_by("-pk").first()
    assert [f.name for f in update.files.all()] == ["cong-van-tra-loi.pdf"]
    other = services.obligation_create(
        council=world.council,
        owner=world.other_agency,
        title="Việc của cơ quan khác",
        kind="task",
        source_date=datetime.date(2024, 3, 1),
        due_on=datetime.date(2024, 3, 15),
    )
    url = f"/api/v1/councils/{world.council.pk}/obligations/{other.pk}/report-files"
    reply = SimpleUploadedFile("x.pdf", b"%PDF", content_type="application/pdf")
    assert as_user("agency").post(url, {"text": "x", "files": [reply]}).status_code == 404
