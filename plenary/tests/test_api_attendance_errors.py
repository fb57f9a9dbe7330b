"""Issue 14 item 4: the attendance sheet of a sitting is all or nothing, every error in one answer."""

import pytest

from plenary.models import Attendance
from plenary.tests.test_api_during_session import BASE, _post
from plenary.tests.test_api_during_session import setup as setup


@pytest.mark.django_db
def test_every_error_of_the_sheet_in_one_answer(world, setup, as_user) -> None:
    session, delegates = setup
    url = f"{BASE}/{world.council.pk}/sessions/{session.pk}/attendance"
    rows = [
        {"delegate_id": delegates[0].pk, "presence": "co_mat"},
        {"delegate_id": delegates[1].pk, "presence": "vang_co_ly_do"},
        {"delegate_id": delegates[0].pk, "presence": "vang_khong_ly_do"},
    ]
    response = _post(as_user("office"), url, {"day": "2025-01-01", "rows": rows})
    assert response.status_code == 400, response.content
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"day", "reason", "rows.3.delegate_id"} <= fields
    assert "dòng 1" in response.json()["detail"]
    # Rows given twice on a right day: still refused, nothing written.
    rows[1]["reason"] = "Ốm"
    response = _post(as_user("office"), url, {"day": "2024-12-18", "rows": rows})
    assert response.status_code == 400 and {e["field"] for e in response.json()["errors"]} == {"rows.3.delegate_id"}
    assert not Attendance.objects.exists()
