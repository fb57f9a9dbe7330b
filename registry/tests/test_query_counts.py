"""Every list and detail runs a fixed number of queries, with 3 rows as with 30."""

import datetime

import pytest
from django.urls import reverse

from hdnd.testing import assert_constant_queries
from registry import services
from registry.models import BodyKind, CouncilLevel, Role, RoleGrant, UnitType


def _add_delegates(world, n: int) -> list:
    out = []
    for i in range(n):
        person = services.person_create(council=world.council, full_name=f"Đại Biểu Số {len(out)}-{i}")
        delegate = services.delegate_create(
            term=world.term, person=person, elected_on=world.term.starts_on, group=world.group
        )
        services.membership_create(person=person, body=world.group, role="uy_vien", starts_on=world.term.starts_on)
        out.append(delegate)
    return out


def _add_bodies(world, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        body = services.body_create(council=world.council, kind=BodyKind.AGENCY, name=f"Phòng số {i}")
        person = services.person_create(council=world.council, full_name=f"Trưởng phòng {i}")
        services.membership_create(person=person, body=body, role="thu_truong", starts_on=datetime.date(2022, 1, 1))


def _add_councils(world, n: int, start: int = 0, grant_to: str | None = None) -> None:
    """Child communes "Con {i}"; with `grant_to` that user gets a role in each, so its council list shows them
    (the list shows only the councils the user holds a role in)."""
    for i in range(start, start + n):
        council = services.council_create(
            level=CouncilLevel.COMMUNE,
            unit_type=UnitType.XA,
            unit_name=f"Con {i}",
            unit_code=f"7{i:04d}",
            parent=world.council,
        )
        if grant_to:
            RoleGrant.objects.create(user=world.users[grant_to], council=council, role=Role.ADMIN)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name",
    ["registry:delegate_list", "registry:body_list", "registry:council_list", "home"],
)
def test_lists(world, as_user, url_name) -> None:
    client = as_user("admin")
    _add_delegates(world, 3)
    _add_bodies(world, 3)
    _add_councils(world, 3, grant_to="admin")

    def grow() -> None:
        _add_delegates(world, 27)
        _add_bodies(world, 27, start=3)
        _add_councils(world, 27, start=3, grant_to="admin")

    # A text each grown row shows (home shows counts, not rows: its status and queries are checked).
    row_text = {
        "registry:delegate_list": "Đại Biểu Số",
        "registry:body_list": "Phòng số",
        "registry:council_list": "Con ",
        "home": None,
    }[url_name]
    assert_constant_queries(lambda: client.get(reverse(url_name)), grow, row_text=row_text)


@pytest.mark.django_db
def test_body_detail(world, as_user) -> None:
    client = as_user("office")
    _add_delegates(world, 3)
    url = reverse("registry:body_detail", args=[world.group.pk])
    assert_constant_queries(lambda: client.get(url), lambda: _add_delegates(world, 27), row_text="Đại Biểu Số")


@pytest.mark.django_db
def test_delegate_detail(world, as_user) -> None:
    client = as_user("office")
    delegate = _add_delegates(world, 1)[0]
    url = reverse("registry:delegate_detail", args=[delegate.pk])

    def grow() -> None:
        for i in range(27):
            body = services.body_create(council=world.council, kind=BodyKind.COMMITTEE, name=f"Ban {i}")
            services.membership_create(
                person=delegate.person, body=body, role="uy_vien", starts_on=world.term.starts_on
            )
            services.person_update(person=delegate.person, position=f"Chức vụ {i}")

    assert_constant_queries(lambda: client.get(url), grow, row_text="Ban ")


@pytest.mark.django_db
def test_council_detail(world, as_user) -> None:
    client = as_user("office")
    _add_councils(world, 3)
    url = reverse("registry:council_detail", args=[world.council.pk])
    assert_constant_queries(lambda: client.get(url), lambda: _add_councils(world, 27, 3), row_text="Con ")


@pytest.mark.django_db
def test_settings_page(world, as_user) -> None:
    client = as_user("office")

    def grow() -> None:
        for i in range(27):
            services.calendar_day_add(
                council=world.council, day=datetime.date(2030, 1, 1) + datetime.timedelta(i), kind="nghi"
            )
        services.setting_set(council=world.council, key="petition_answer_days", value=30)

    assert_constant_queries(lambda: client.get(reverse("registry:settings")), grow, row_text="/2030")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["delegates", "bodies", "terms", "settings", "calendar"])
def test_api_lists(world, as_user, path) -> None:
    client = as_user("office")
    _add_delegates(world, 3)
    _add_bodies(world, 3)
    url = f"/api/v1/councils/{world.council.pk}/{path}"

    def grow() -> None:
        _add_delegates(world, 27)
        _add_bodies(world, 27, start=3)
        for i in range(27):
            services.calendar_day_add(
                council=world.council, day=datetime.date(2030, 1, 1) + datetime.timedelta(i), kind="nghi"
            )

    row_text = {
        "delegates": "Đại Biểu Số",
        "bodies": "Phòng số",
        "calendar": "2030-01-",
        "terms": None,
        "settings": None,
    }
    assert_constant_queries(lambda: client.get(url), grow, row_text=row_text[path])


@pytest.mark.django_db
def test_api_memberships(world, as_user) -> None:
    client = as_user("office")
    _add_delegates(world, 3)
    url = f"/api/v1/councils/{world.council.pk}/bodies/{world.group.pk}/memberships"
    assert_constant_queries(lambda: client.get(url), lambda: _add_delegates(world, 27), row_text="Đại Biểu Số")
