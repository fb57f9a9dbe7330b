"""The permission matrix of every registry page: each role, another council's user, anonymous."""

import pytest
from django.urls import reverse

from registry import services
from registry.models import Membership

# (url builder, expected status per user key). 302 for anonymous = redirect to the login page.
ALL = ["admin", "office_chief", "office", "standing", "committee", "delegate"]
EDITORS = ["admin", "office_chief", "office"]
SETTINGS_EDITORS = ["admin", "office_chief"]


def _expect(allowed: list[str], other: int = 403) -> dict:
    result = {key: (200 if key in allowed else other) for key in [*ALL, "agency"]}
    result[None] = 302
    return result


@pytest.fixture
def urls(world):
    delegate = services.delegate_create(
        term=world.term,
        person=services.person_create(council=world.council, full_name="Nguyễn Văn A"),
        elected_on=world.term.starts_on,
        group=world.group,
    )
    person = services.person_create(council=world.council, full_name="Trần Thị B")
    membership = services.membership_create(
        person=person, body=world.group, role="uy_vien", starts_on=world.term.starts_on
    )
    return {
        "council_list": (reverse("registry:council_list"), _expect(ALL)),
        "council_detail": (reverse("registry:council_detail", args=[world.council.pk]), _expect(ALL)),
        "council_edit": (reverse("registry:council_edit", args=[world.council.pk]), _expect(SETTINGS_EDITORS, 404)),
        "term_create": (reverse("registry:term_create"), _expect(SETTINGS_EDITORS)),
        "delegate_list": (reverse("registry:delegate_list"), _expect(ALL)),
        "delegate_detail": (reverse("registry:delegate_detail", args=[delegate.pk]), _expect(ALL)),
        "delegate_create": (reverse("registry:delegate_create"), _expect(EDITORS)),
        "delegate_edit": (reverse("registry:delegate_edit", args=[delegate.pk]), _expect(EDITORS)),
        "delegate_status": (reverse("registry:delegate_status", args=[delegate.pk]), _expect(EDITORS)),
        "body_list": (reverse("registry:body_list"), _expect(ALL)),
        "body_detail": (reverse("registry:body_detail", args=[world.group.pk]), _expect(ALL)),
        "body_create": (reverse("registry:body_create"), _expect(EDITORS)),
        "body_edit": (reverse("registry:body_edit", args=[world.group.pk]), _expect(EDITORS)),
        "membership_create": (reverse("registry:membership_create", args=[world.group.pk]), _expect(EDITORS)),
        "membership_end": (reverse("registry:membership_end", args=[membership.pk]), _expect(EDITORS)),
        "settings": (reverse("registry:settings"), _expect(ALL)),
        "setting_edit": (reverse("registry:setting_edit", args=["written_answer_days"]), _expect(SETTINGS_EDITORS)),
        "calendar_day_add": (reverse("registry:calendar_day_add"), _expect(SETTINGS_EDITORS)),
        "account": (reverse("registry:account"), {**{k: 200 for k in [*ALL, "agency"]}, None: 302}),
    }


OUTSIDER_404 = {
    "council_detail",
    "council_edit",
    "delegate_detail",
    "delegate_edit",
    "delegate_status",
    "body_detail",
    "body_edit",
    "membership_create",
    "membership_end",
}


@pytest.mark.django_db
def test_matrix(urls, as_user) -> None:
    for name, (url, expected) in urls.items():
        for key, status in expected.items():
            response = as_user(key).get(url)
            assert response.status_code == status, f"{name} as {key}: {response.status_code} != {status}"
            if status == 302:
                assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_outsider_gets_404_never_403(urls, as_user) -> None:
    client = as_user("outsider")
    for name, (url, _) in urls.items():
        status = client.get(url).status_code
        if name in OUTSIDER_404:
            assert status == 404, f"{name}: {status}"


@pytest.mark.django_db
def test_outsider_lists_show_only_own_council(world, as_user) -> None:
    services.delegate_create(
        term=world.term,
        person=services.person_create(council=world.council, full_name="Người Của Hội Đồng Này"),
        elected_on=world.term.starts_on,
    )
    html = as_user("outsider").get(reverse("registry:delegate_list")).content.decode()
    assert "Người Của Hội Đồng Này" not in html
    html = as_user("outsider").get(reverse("registry:council_list")).content.decode()
    assert str(world.council) not in html


@pytest.mark.django_db
def test_posts_refused_without_right(world, as_user) -> None:
    before = Membership.objects.count()
    response = as_user("delegate").post(
        reverse("registry:membership_create", args=[world.group.pk]),
        {"person": "", "role": "uy_vien", "starts_on": "2022-01-01"},
    )
    assert response.status_code == 403
    assert Membership.objects.count() == before


@pytest.mark.django_db
def test_switcher_refuses_foreign_council(world, as_user) -> None:
    response = as_user("office").post(reverse("registry:council_switch"), {"council": world.other_council.pk})
    assert response.status_code == 404


@pytest.mark.django_db
def test_error_pages_are_vietnamese(client) -> None:
    from django.test import override_settings

    with override_settings(DEBUG=False):
        response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()
