"""What the annual report's screen says before and after a write (issue 18)."""

import pytest
from django.urls import reverse

from reports.models import AnnualReport

pytestmark = pytest.mark.django_db


def test_starting_the_report_says_it_was_done_and_the_office_is_told_who_rates(world, as_user) -> None:
    from registry import services as registry

    registry.body_create(council=world.council, kind="thuong_truc", name="Thường trực HĐND")
    client = as_user("office")
    url = reverse("reports:annual_report", args=[2024])
    page = client.post(url, follow=True).content.decode()
    assert AnnualReport.objects.filter(council=world.council, year=2024).exists()
    assert "Đã lập báo cáo kiểm điểm năm 2024" in page
    # The office may not rate: no button that would be refused, and the reason up front.
    assert reverse("reports:annual_report_rate", args=[2024]) not in page
    assert "Tự đánh giá, xếp loại do Thường trực HĐND" in page
    chief = as_user("office_chief").get(url).content.decode()
    assert reverse("reports:annual_report_rate", args=[2024]) in chief and "không có quyền này" not in chief
