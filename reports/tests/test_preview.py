"""The chief of office sees the annual report as a document before it is numbered: on screen and as a draft
DOCX marked "DỰ THẢO", with the figures as they stand; nothing is saved or numbered."""

import io

import pytest
from django.urls import reverse
from docx import Document as Docx

from documents.checker import check_nd30
from documents.models import Document
from reports import services
from reports.tests.test_report import year  # noqa: F401 (the fixture)


@pytest.mark.django_db
def test_report_preview_before_it_is_numbered(year, as_user) -> None:  # noqa: F811
    report = services.report_get_or_create(council=year.council, year=2024)
    client = as_user("office")
    before = Document.objects.count()
    page = client.get(reverse("reports:annual_report_preview", args=[2024]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "DỰ THẢO" in html and "BÁO CÁO" in html and "Kiểm điểm tập thể" in html
    assert "03 kỳ họp" in html  # the figures of the records as they stand
    response = client.get(reverse("reports:annual_report_preview_docx", args=[2024]))
    assert response.status_code == 200
    doc = Docx(io.BytesIO(response.content))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "DỰ THẢO"
    assert any("03 kỳ họp" in t for t in texts)
    assert check_nd30(response.content) == []
    api = client.get(f"/api/v1/councils/{year.council.pk}/annual-reports/2024/preview")
    assert api.status_code == 200 and Docx(io.BytesIO(api.content)).paragraphs[0].text == "DỰ THẢO"
    assert Document.objects.count() == before
    report.refresh_from_db()
    assert report.document is None
    for url in (
        reverse("reports:annual_report_preview", args=[2024]),
        f"/api/v1/councils/{year.council.pk}/annual-reports/2024/preview",
    ):
        assert as_user("outsider").get(url).status_code == 404
