"""The annual report page with a report issued the way the office issues it (reports' own services)."""

import datetime

from django.test import Client
from django.urls import reverse

from documents.services import document_publish
from portal.tests.conftest import grow
from reports import services


def test_an_issued_report_is_listed_with_its_rating_and_published_document(site) -> None:
    grow(site, 1)  # a session of 2024 (a report needs records of its year)
    url = reverse("portal:reports", args=[site.council.pk])
    draft = services.report_get_or_create(council=site.council, year=2024)
    services.report_rate(
        report=draft, ratings={k: "tot" for k in ("I.1", "I.2", "I.3", "I.4")}, score_general=27, score_results=62
    )
    assert "Chưa có báo cáo năm nào được ban hành." in Client().get(url).content.decode()
    report = services.report_issue(report=draft, user=None, on=datetime.date(2025, 1, 10))
    html = Client().get(url).content.decode()
    assert f"{report}: hoàn thành tốt nhiệm vụ (89 điểm)" in html
    assert "Chưa có báo cáo năm nào được ban hành." not in html
    link = reverse("portal:document", args=[site.council.pk, report.document_id])
    if not report.document.is_published:
        assert link not in html  # issued, not yet posted: the report is named, its text not linked
        document_publish(document=report.document, user=None)
        html = Client().get(url).content.decode()
    assert f'<a href="{link}">văn bản {report.document.number_symbol}</a>' in html
    assert Client().get(link).status_code == 200
