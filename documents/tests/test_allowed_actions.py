"""`allowed_actions(document, user)`: the one rule the document page asks, state by state and role by role."""

import pytest
from django.urls import reverse

from documents import services
from documents.tests.factories import draft, incoming, issued, published


@pytest.mark.django_db
def test_actions_follow_the_state_for_the_office(world) -> None:
    office = world.users["office"]
    doc = draft(world.council)
    assert services.allowed_actions(doc, office) == {"edit", "attach", "issue"}
    doc = services.document_issue(document=doc, user=office)
    assert services.allowed_actions(doc, office) == {"attach", "publish", "withdraw"}
    doc = services.document_publish(document=doc, user=office)
    assert services.allowed_actions(doc, office) == {"attach", "withdraw"}
    doc = services.document_withdraw(document=doc, user=office, reason="Sai thẩm quyền")
    assert services.allowed_actions(doc, office) == {"attach"}
    assert services.allowed_actions(incoming(world.council), office) == {"edit", "attach"}


@pytest.mark.django_db
def test_readers_may_do_nothing(world) -> None:
    doc = issued(world.council)
    for key in ("delegate", "standing", "agency", "outsider"):
        assert services.allowed_actions(doc, world.users[key]) == set(), key


@pytest.mark.django_db
def test_the_page_shows_exactly_the_allowed_buttons(world, as_user) -> None:
    office = as_user("office")
    doc = published(world.council)
    html = office.get(reverse("documents:document_detail", args=[doc.pk])).content.decode()
    assert reverse("documents:document_withdraw", args=[doc.pk]) in html
    assert reverse("documents:document_issue", args=[doc.pk]) not in html
    assert reverse("documents:document_publish", args=[doc.pk]) not in html
    fresh = draft(world.council)
    html = office.get(reverse("documents:document_detail", args=[fresh.pk])).content.decode()
    assert reverse("documents:document_issue", args=[fresh.pk]) in html
    assert reverse("documents:document_withdraw", args=[fresh.pk]) not in html
    html = as_user("delegate").get(reverse("documents:document_detail", args=[doc.pk])).content.decode()
    assert reverse("documents:document_withdraw", args=[doc.pk]) not in html
