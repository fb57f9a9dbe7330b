"""The register, the detail page and the API list run a fixed number of queries, with 3 rows as with 30."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents import services
from documents.tests.factories import incoming, issued
from hdnd.testing import assert_constant_queries


def _add(world, n: int) -> None:
    for _ in range(n):
        issued(world.council, recipients=[world.agency, world.other_agency])
        incoming(world.council, sender=world.agency)


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["office", "agency"])
@pytest.mark.parametrize("query", ["", "?so=den", "?q=ket+luan&loai=thong_bao"])
def test_register_list(world, as_user, django_assert_num_queries, key, query) -> None:
    client = as_user(key)
    _add(world, 3)
    assert_constant_queries(
        lambda: client.get(reverse("documents:document_list") + query),
        lambda: _add(world, 27),
        row_text='<td><a href="' + reverse("documents:document_list"),
    )


@pytest.mark.django_db
def test_detail(world, as_user, django_assert_num_queries, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    client = as_user("office")
    document = issued(world.council, recipients=[world.agency])

    def grow() -> None:
        # More recipients, attachments and history rows: still the same queries.
        for i in range(10):
            services.attachment_add(document=document, file=SimpleUploadedFile(f"t{i}.pdf", b"x"), user=None)
        services.document_publish(document=document, user=world.users["office"])

    services.attachment_add(document=document, file=SimpleUploadedFile("a.pdf", b"x"), user=None)
    url = reverse("documents:document_detail", args=[document.pk])
    assert_constant_queries(lambda: client.get(url), grow, row_text=".pdf")


@pytest.mark.django_db
@pytest.mark.parametrize("direction", ["di", "den"])
def test_api_list(world, as_user, django_assert_num_queries, direction) -> None:
    client = as_user("office")
    _add(world, 3)
    url = f"/api/v1/councils/{world.council.pk}/documents?direction={direction}"
    assert_constant_queries(lambda: client.get(url), lambda: _add(world, 27), row_text='"id"')


@pytest.mark.django_db
def test_public_list(world, client, django_assert_num_queries) -> None:
    def add(n: int) -> None:
        for _ in range(n):
            services.document_publish(document=issued(world.council), user=None)

    add(3)
    assert_constant_queries(
        lambda: client.get(reverse("documents:public_list")), lambda: add(27), django_assert_num_queries
    )
