"""Who sees what: the permission matrix of the office's, the invited body's and the public's screens and
routes; another council's consultation is a 404; bad input gets a Vietnamese message and changes nothing."""

import datetime

import pytest

from consultation import services
from consultation.models import Consultation, Invitation, Opinion
from consultation.tests.conftest import DRAFT, make
from followup.models import Obligation
from hdnd import dates
from registry.calendar import compute

OFFICE_READ = {"admin": 200, "office_chief": 200, "office": 200, "standing": 200, "committee": 200}
FORBIDDEN = {"delegate": 403, "agency": 403}


@pytest.mark.parametrize(("key", "status"), [*OFFICE_READ.items(), *FORBIDDEN.items(), ("outsider", 404), (None, 302)])
def test_office_page_matrix(
    world: object, open_consultation: Consultation, as_user: object, key: str, status: int
) -> None:
    client = as_user(key)
    assert client.get(f"/y-kien-du-thao/du-thao/{open_consultation.pk}/").status_code == status
    assert client.get(f"/y-kien-du-thao/du-thao/{open_consultation.pk}/phien-ban/").status_code == status
    api = client.get(f"/api/v1/councils/{world.council.pk}/consultations/{open_consultation.pk}")
    assert api.status_code == {302: 401}.get(status, status)


@pytest.mark.parametrize(
    ("key", "status"),
    [("admin", 302), ("office", 302), ("standing", 403), ("committee", 403), ("delegate", 403), ("agency", 403)],
)
def test_only_the_office_writes(
    world: object, open_consultation: Consultation, as_user: object, key: str, status: int
) -> None:
    client = as_user(key)
    response = client.post(f"/y-kien-du-thao/du-thao/{open_consultation.pk}/ket-thuc/")
    assert response.status_code == status
    api = client.post(f"/api/v1/councils/{world.council.pk}/consultations/{open_consultation.pk}/close")
    assert api.status_code == (400 if status == 302 else 403)  # closed by the screen just before
    open_consultation.refresh_from_db()
    assert (open_consultation.closed_on is not None) == (status == 302)


def test_another_councils_consultation_is_404(world: object, min_days: None, as_user: object) -> None:
    theirs = make(world, council=world.other_council, title="Dự thảo của Hội đồng khác")
    office = as_user("office")
    assert office.get(f"/y-kien-du-thao/du-thao/{theirs.pk}/").status_code == 404
    assert office.post(f"/y-kien-du-thao/du-thao/{theirs.pk}/ket-thuc/").status_code == 404
    assert office.get(f"/api/v1/councils/{world.council.pk}/consultations/{theirs.pk}").status_code == 404
    assert office.get(f"/api/v1/councils/{world.other_council.pk}/consultations").status_code == 404
    assert as_user("agency").get(f"/y-kien-du-thao/co-quan/{theirs.pk}/").status_code == 404
    # Its public page lives under its own council only.
    assert as_user(None).get(f"/y-kien-du-thao/{world.council.pk}/{theirs.pk}/").status_code == 404
    assert as_user(None).get(f"/y-kien-du-thao/{world.other_council.pk}/{theirs.pk}/").status_code == 200
    assert "Dự thảo của Hội đồng khác" not in office.get("/y-kien-du-thao/").content.decode()


def test_the_invited_body_and_the_others(world: object, open_consultation: Consultation, as_user: object) -> None:
    c = open_consultation
    agency = as_user("agency")
    assert agency.get(f"/y-kien-du-thao/co-quan/{c.pk}/").status_code == 404  # not invited yet
    assert agency.post(f"/y-kien-du-thao/co-quan/{c.pk}/gui/", {"article_1": "x"}).status_code == 404
    services.invitation_add(consultation=c, bodies=[world.agency], user=world.users["office"])
    assert agency.get(f"/y-kien-du-thao/co-quan/{c.pk}/").status_code == 200
    assert c.title in agency.get("/y-kien-du-thao/co-quan/").content.decode()
    for key in ("delegate", "outsider"):
        assert as_user(key).get(f"/y-kien-du-thao/co-quan/{c.pk}/").status_code == 404
    # The obligation's link on /theo-doi/ leads the office to its own page of the consultation.
    assert as_user("office").get(f"/y-kien-du-thao/co-quan/{c.pk}/")["Location"] == f"/y-kien-du-thao/du-thao/{c.pk}/"
    listed = agency.get(f"/api/v1/councils/{world.council.pk}/consultation-invitations").json()
    assert [row["consultation_id"] for row in listed] == [c.pk]
    assert as_user("outsider").get(f"/api/v1/councils/{world.council.pk}/consultation-invitations").status_code == 404
    response = agency.post(
        f"/api/v1/councils/{world.council.pk}/consultations/{c.pk}/body-opinions",
        {"items": [{"article": 2, "text": "Bổ sung đối tượng."}]},
        content_type="application/json",
    )
    assert response.status_code == 201
    other = make(world, title="Dự thảo không mời")
    response = agency.post(
        f"/api/v1/councils/{world.council.pk}/consultations/{other.pk}/body-opinions",
        {"agreed": True},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert list(Opinion.objects.values_list("consultation_id", "article")) == [(c.pk, 2)]


def test_a_period_shorter_than_the_councils_minimum_is_refused(world: object, min_days: None, as_user: object) -> None:
    today = dates.today()
    response = as_user("office").post(
        "/y-kien-du-thao/moi/",
        {
            "title": "Dự thảo ngắn hạn",
            "opens_on": today.strftime("%d/%m/%Y"),
            "closes_on": (today + datetime.timedelta(days=5)).strftime("%d/%m/%Y"),
            "text": DRAFT,
        },
    )
    assert response.status_code == 200
    # 20 days from today, moved past a weekend or holiday as every deadline is (the calendar's rule).
    basis = compute(world.council, today, rule=services.MIN_DAYS_RULE)
    assert basis.value == 20 and today + datetime.timedelta(days=20) <= basis.due <= today + datetime.timedelta(days=25)
    due = basis.due.strftime("%d/%m/%Y")
    assert (
        f"Thời gian lấy ý kiến phải ít nhất 20 ngày (Quy chế làm việc, Điều 5): kết thúc không sớm hơn ngày {due}."
        in response.content.decode()
    )
    assert not Consultation.objects.exists()


def test_without_the_councils_setting_nothing_is_created(world: object, as_user: object) -> None:
    today = dates.today()
    response = as_user("office").post(
        f"/api/v1/councils/{world.council.pk}/consultations",
        {
            "title": "Dự thảo",
            "opens_on": today.isoformat(),
            "closes_on": (today + datetime.timedelta(days=60)).isoformat(),
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "Chưa thiết lập quy định “Thời gian lấy ý kiến tối thiểu" in response.json()["detail"]
    assert not Consultation.objects.exists()


def test_bad_input_of_the_office_and_the_body_changes_nothing(
    world: object, open_consultation: Consultation, as_user: object
) -> None:
    c = open_consultation
    office = as_user("office")
    base = f"/api/v1/councils/{world.council.pk}/consultations/{c.pk}"
    response = office.post(base + "/invitations", {"body_ids": [999_999]}, content_type="application/json")
    assert response.status_code == 404 and "cơ quan" in response.json()["detail"]  # an id outside the council
    response = office.post(
        base + "/responses", {"article": 9, "kind": "tiep_thu", "text": "x"}, content_type="application/json"
    )
    assert response.status_code == 400 and "Dự thảo không có Điều 9." in response.json()["detail"]
    response = office.post(
        base + "/responses", {"article": 1, "kind": "khac", "text": "x"}, content_type="application/json"
    )
    assert response.status_code == 400 and "Vui lòng chọn tiếp thu hoặc giải trình." in response.json()["detail"]
    response = office.post(
        base + "/report", {"signer_title": "Phó Chủ tịch", "signer_name": "A"}, content_type="application/json"
    )
    assert response.status_code == 400 and "khi đã kết thúc lấy ý kiến" in response.json()["detail"]
    response = office.post(base + "/publish")
    assert response.status_code == 400 and response.json()["detail"] == "Dự thảo đã được đăng tải."
    response = office.put(
        base,
        {
            "title": c.title,
            "opens_on": (c.opens_on + datetime.timedelta(days=1)).isoformat(),
            "closes_on": c.closes_on.isoformat(),
        },
        content_type="application/json",
    )
    assert response.status_code == 400 and "không đổi được ngày bắt đầu" in response.json()["detail"]
    services.invitation_add(consultation=c, bodies=[world.agency], user=None)
    response = office.post(base + "/invitations", {"body_ids": [world.agency.pk]}, content_type="application/json")
    assert response.status_code == 400 and "Đã mời góp ý: Phòng Tài chính - Kế hoạch." in response.json()["detail"]
    agency = as_user("agency")
    response = agency.post(f"/y-kien-du-thao/co-quan/{c.pk}/gui/", {})
    assert response.status_code == 400 and "Vui lòng nhập ít nhất một ý kiến" in response.content.decode()
    response = agency.post(
        base + "/body-opinions",
        {"items": [{"article": 7, "text": "x"}, {"article": 1, "text": ""}]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "Ý kiến 1: dự thảo không có Điều 7." in response.json()["detail"]
    assert "Ý kiến 2: vui lòng nhập nội dung góp ý." in response.json()["detail"]
    assert not Opinion.objects.exists()
    assert Invitation.objects.count() == 1
    assert Obligation.objects.get(kind=services.OBLIGATION_KIND).state == "da_giao"
    c.refresh_from_db()
    assert c.report_id is None and c.opens_on == dates.today()
