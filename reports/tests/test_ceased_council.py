"""A ceased council keeps its annual and activity reports readable as they were: no new report, no edit,
rating or issue, no draft activity report afterwards (`registry.services.council_accepts`). The pages offer
no such button ("Lập báo cáo năm …", "Tạo dự thảo báo cáo …" give way to one sentence saying why), the form
pages go back with the Vietnamese refusal, the services refuse and nothing is saved."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from documents.models import Document
from registry import services as registry
from registry.models import Council
from reports import services
from reports.models import AnnualReport

D = datetime.date
REFUSED = "đã chấm dứt hoạt động từ ngày 01/07/2025"
CLOSED = "đã chấm dứt hoạt động từ ngày 01/07/2025: không tạo hồ sơ mới."
pytestmark = pytest.mark.django_db


def test_ceased_council_drafts_no_report_and_changes_none(world, as_user) -> None:
    council = world.council
    registry.body_create(council=council, kind="thuong_truc", name="Thường trực HĐND")
    report = services.report_get_or_create(council=council, year=2024)
    office = as_user("office")
    assert "Lập báo cáo năm 2023" in office.get(reverse("reports:annual_report", args=[2023])).content.decode()
    html = office.get(reverse("reports:activity_report"), {"nam": 2024}).content.decode()
    assert "Tạo dự thảo báo cáo trong sổ văn bản" in html

    Council.objects.filter(pk=council.pk).update(active=False, ceased_on=D(2025, 7, 1))
    council.refresh_from_db()
    documents = Document.objects.filter(council=council).count()

    # No button: in their place, the sentence.
    html = office.get(reverse("reports:annual_report", args=[2023])).content.decode()
    assert "Lập báo cáo năm 2023" not in html and CLOSED in html
    html = office.get(reverse("reports:activity_report"), {"nam": 2024}).content.decode()
    assert "Tạo dự thảo báo cáo" not in html and CLOSED in html
    html = office.get(reverse("reports:annual_report", args=[2024])).content.decode()
    for name in ("annual_report_edit", "annual_report_rate", "annual_report_issue"):
        assert reverse(f"reports:{name}", args=[2024]) not in html, name
    assert 'method="post"' not in html.split("<main", 1)[-1]

    # The screens: a POST anyway is refused with the message; the form pages go back with it.
    response = office.post(reverse("reports:annual_report", args=[2023]), follow=True)
    assert REFUSED in response.content.decode()
    response = office.post(reverse("reports:activity_report") + "?nam=2024", follow=True)
    assert REFUSED in response.content.decode()
    for name, client in (("annual_report_edit", office), ("annual_report_rate", as_user("standing"))):
        url = reverse(f"reports:{name}", args=[2024])
        for response in (client.get(url), client.post(url, {"recipients": "Thị ủy"})):
            assert response.status_code == 302 and response.url == reverse("reports:annual_report", args=[2024])
        assert REFUSED in client.get(url, follow=True).content.decode(), name

    # The services themselves.
    for call in (
        lambda: services.report_get_or_create(council=council, year=2023),
        lambda: services.report_update(report=report, texts={}, recipients="Thị ủy"),
        lambda: services.report_rate(report=report, ratings={}),
        lambda: services.report_issue(report=report, user=None, on=D(2025, 6, 30)),
        lambda: services.activity_report_create(council=council, year=2024, half=False),
    ):
        with pytest.raises(ValidationError, match="chấm dứt hoạt động"):
            call()
    assert list(AnnualReport.objects.filter(council=council)) == [report]
    report.refresh_from_db()
    assert report.recipients != "Thị ủy"
    assert Document.objects.filter(council=council).count() == documents
