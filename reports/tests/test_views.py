"""Permission matrix, bad input and the API of the reports."""

import pytest
from django.urls import reverse

from reports import services
from reports.models import AnnualReport

VIEWERS = {"admin", "office_chief", "office", "standing", "committee", "delegate"}
EDITORS = {"admin", "office_chief", "office"}
RATERS = {"admin", "office_chief", "standing"}
KEYS = ["admin", "office_chief", "office", "standing", "committee", "delegate", "agency"]


@pytest.fixture
def report(world):
    from registry import services as registry

    registry.body_create(council=world.council, kind="thuong_truc", name="Thường trực HĐND")
    return services.report_get_or_create(council=world.council, year=2024)


@pytest.mark.django_db
def test_page_matrix(world, report, as_user) -> None:
    pages = {
        reverse("reports:dashboard"): VIEWERS,
        reverse("reports:dashboard_excel"): VIEWERS,
        reverse("reports:delegate_activity"): VIEWERS,
        reverse("reports:annual_report", args=[2024]): VIEWERS,
        reverse("reports:figure_detail", args=[2024, "sessions"]): VIEWERS,
        reverse("reports:annual_report_edit", args=[2024]): EDITORS,
        reverse("reports:annual_report_rate", args=[2024]): RATERS,
    }
    for url, allowed in pages.items():
        for key in KEYS:
            status = as_user(key).get(url).status_code
            assert status == (200 if key in allowed else 403), f"{url} as {key}: {status}"
        assert as_user(None).get(url).status_code == 302
    # Another council's user sees its own council's (empty) year, never this council's report.
    page = as_user("outsider").get(reverse("reports:annual_report", args=[2024])).content.decode()
    assert "Sửa nội dung" not in page and "Lập báo cáo năm 2024" in page


@pytest.mark.django_db
def test_bad_input(world, report, as_user) -> None:
    client = as_user("office")
    assert client.get(reverse("reports:figure_detail", args=[2024, "khong-co"])).status_code == 404
    assert client.get(reverse("reports:annual_report", args=[1800])).status_code == 404
    response = client.post(
        reverse("reports:annual_report_edit", args=[2024]),
        {"recipients": "Thị ủy", "text_I.1": "Có {{khong_co}} kỳ họp."},
    )
    assert response.status_code == 200
    assert "Số liệu không tồn tại" in str(response.context["form"].errors)
    report.refresh_from_db()
    assert "khong_co" not in report.texts["I.1"]
    response = as_user("standing").post(reverse("reports:annual_report_rate", args=[2024]), {"score_general": "45"})
    assert "score_general" in response.context["form"].errors
    response = client.post(reverse("reports:annual_report_issue", args=[2024]), follow=True)
    assert "Chưa thể ban hành" in response.content.decode()
    assert AnnualReport.objects.get().state == "du_thao"


@pytest.mark.django_db
def test_empty_year_says_so(world, report, as_user) -> None:
    page = as_user("office").get(reverse("reports:annual_report", args=[2024])).content.decode()
    assert "chưa có hồ sơ nào" in page


@pytest.mark.django_db
def test_api_matrix_and_flow(world, report, as_user) -> None:
    base = f"/api/v1/councils/{world.council.pk}"
    for key in [*KEYS, "outsider", None]:
        client = as_user(key)
        for url in (
            f"{base}/figures/2024",
            f"{base}/figures/2024/sessions",
            f"{base}/annual-reports/2024",
            f"{base}/delegate-activity",
            f"{base}/dashboard/2024",
        ):
            status = client.get(url).status_code
            expected = 401 if key is None else 404 if key == "outsider" else 200 if key in VIEWERS else 403
            assert status == expected, f"{url} as {key}: {status}"
    office = as_user("office")
    response = office.patch(
        f"{base}/annual-reports/2024", {"texts": {"IV": "Không có gợi ý."}}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["texts"]["IV"] == "Không có gợi ý."
    response = office.patch(
        f"{base}/annual-reports/2024", {"texts": {"IV": "{{bia}}"}}, content_type="application/json"
    )
    assert response.status_code == 400 and "bia" in response.json()["detail"]
    assert (
        as_user("delegate")
        .put(f"{base}/annual-reports/2024/ratings", {"ratings": {"I.1": "tot"}}, content_type="application/json")
        .status_code
        == 403
    )
    response = as_user("standing").put(
        f"{base}/annual-reports/2024/ratings", {"ratings": {"I.1": "gioi"}}, content_type="application/json"
    )
    assert response.status_code == 400
    response = office.post(f"{base}/annual-reports/2024/issue", {}, content_type="application/json")
    assert response.status_code == 400 and "Chưa tự đánh giá" in response.json()["detail"]
