"""A council past its last day offers no button or link that creates a record, on any list page or on the
home page: in their place one sentence says it ceased and on which day (`{% new_records %}` of
`registry_tags`, asking `Council.open_on`); a council at work keeps every one of them."""

import datetime

import pytest
from django.urls import reverse

from registry.models import Council

CLOSED = "đã chấm dứt hoạt động từ ngày 01/07/2025: không tạo hồ sơ mới."
# (list page, the create links it offers a council at work)
LISTS = [
    ("plenary:session_list", ["plenary:session_create"]),
    ("supervision:round_list", ["supervision:round_create"]),
    ("supervision:programme_list", ["supervision:programme_create"]),
    ("supervision:review_list", ["supervision:review_create"]),
    ("standing:meeting_list", ["standing:meeting_create"]),
    ("standing:opinion_list", ["standing:opinion_create"]),
    ("standing:programme_list", ["standing:programme_create"]),
    ("standing:conference_list", ["standing:conference_create"]),
    ("petitions:round_list", ["petitions:round_create"]),
    ("reception:letter_list", ["reception:letter_create"]),
    ("reception:session_list", ["reception:session_create"]),
    ("documents:document_list", ["documents:document_create", "documents:incoming_create"]),
    ("followup:obligation_list", ["followup:obligation_create"]),
    ("consultation:list", ["consultation:create"]),
    ("registry:delegate_list", ["registry:delegate_create"]),
    ("registry:body_list", ["registry:body_create"]),
]
# (list page with its own add form, the heading of that form)
ADD_FORMS = [("petitions:field_list", "Thêm lĩnh vực"), ("petitions:place_list", "Thêm thôn, tổ dân phố")]
ALL_CREATES = [reverse(name) for _, names in LISTS for name in names]


def _cease(council: Council) -> None:
    Council.objects.filter(pk=council.pk).update(active=False, ceased_on=datetime.date(2025, 7, 1))


@pytest.mark.django_db
@pytest.mark.parametrize(("page", "creates"), LISTS)
def test_a_list_offers_its_create_links_only_while_the_council_acts(world, as_user, page, creates) -> None:
    office = as_user("office")
    html = office.get(reverse(page)).content.decode()
    for name in creates:
        assert f'href="{reverse(name)}"' in html, name
    assert CLOSED not in html

    _cease(world.council)
    response = office.get(reverse(page))
    html = response.content.decode()
    assert response.status_code == 200
    for name in creates:
        assert f'href="{reverse(name)}"' not in html, name
    assert f"{world.council} {CLOSED}" in html


@pytest.mark.django_db
def test_the_home_page_of_a_ceased_council_links_to_no_create_page(world, as_user) -> None:
    office = as_user("office")
    _cease(world.council)
    html = office.get(reverse("home")).content.decode()
    assert "đã chấm dứt hoạt động từ ngày 01/07/2025" in html  # the notice of every page of the council
    for url in ALL_CREATES:
        assert f'href="{url}"' not in html, url


@pytest.mark.django_db
@pytest.mark.parametrize(("page", "heading"), ADD_FORMS)
def test_a_list_offers_its_add_form_only_while_the_council_acts(world, as_user, page, heading) -> None:
    office = as_user("office")
    html = office.get(reverse(page)).content.decode()
    assert f"<h2>{heading}</h2>" in html and CLOSED not in html

    _cease(world.council)
    response = office.get(reverse(page))
    html = response.content.decode()
    assert response.status_code == 200
    assert heading not in html
    assert f"{world.council} {CLOSED}" in html
