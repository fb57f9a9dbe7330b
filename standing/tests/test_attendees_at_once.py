"""Many attendees added in one step (issue 18): all of them, or none when one is refused."""

import pytest
from django.urls import reverse

from standing.tests.conftest import make_meeting

pytestmark = pytest.mark.django_db


def test_several_people_added_at_once_and_none_when_one_is_refused(town, as_user) -> None:
    meeting = make_meeting(town)  # Trần Văn Hùng is already listed
    client = as_user("office")
    url = reverse("standing:attendee_add", args=[meeting.pk])
    hoa, van = town.people["Lê Thị Hoa"], town.people["Nguyễn Xuân Văn"]
    form = client.get(url).content.decode()
    assert 'name="person"' in form and "multiple" in form

    refused = client.post(url, {"person": [hoa.pk, town.people["Trần Văn Hùng"].pk], "present": "1"})
    assert refused.status_code == 200 and "đã có trong thành phần phiên họp" in refused.content.decode()
    assert meeting.attendees.count() == 1  # Lê Thị Hoa was not kept either

    done = client.post(url, {"person": [hoa.pk, van.pk], "present": "1"}, follow=True)
    assert "Đã thêm thành phần dự họp." in done.content.decode()
    assert list(meeting.attendees.order_by("order").values_list("person__full_name", flat=True)) == [
        "Trần Văn Hùng",
        "Lê Thị Hoa",
        "Nguyễn Xuân Văn",
    ]
    empty = client.post(url, {"present": "1"})
    assert "Vui lòng chọn ít nhất một đồng chí." in empty.content.decode()
