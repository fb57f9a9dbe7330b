"""The council named in a sentence or a page title reads "Hội đồng nhân dân phường …", not in capitals (capitals
are for a document's ND30 header only)."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_public_pages_name_the_council_in_normal_case(world) -> None:
    council = world.council
    assert council.full_title == council.long_name.upper() and council.long_name.startswith("Hội đồng nhân dân ")
    reception = Client().get(reverse("reception:public", args=[council.pk])).content.decode()
    assert f"<title>Lịch tiếp công dân — {council.long_name}" in reception
    consultation = Client().get(reverse("consultation:public_list", args=[council.pk])).content.decode()
    assert f"Lấy ý kiến dự thảo nghị quyết của {council.long_name}</h1>" in consultation
    assert council.full_title not in reception + consultation
