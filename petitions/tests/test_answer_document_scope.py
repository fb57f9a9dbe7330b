"""An agency answering a petition picks its reply document only among the documents it may open (issue 18):
the petition page's answer form lists no other incoming letter of the council (their subjects are not the
agency's to read), and the API refuses another body's letter as a document it cannot find."""

import pytest

from documents.tests.factories import incoming
from petitions.models import Petition
from petitions.tests.conftest import make_petition
from petitions.tests.test_answers_merge import forward

OWN = "Sở Giao thông trả lời kiến nghị đường liên thôn"
OTHERS = "Công an thị xã báo cáo vụ việc riêng"


@pytest.fixture
def scene(town) -> dict:
    agency = town.world.agency
    petition = make_petition(town, "Đề nghị nâng cấp đường liên thôn An Ba", body=agency)
    forward(town, body=agency)
    own = incoming(town.council, sender=agency, subject=OWN)
    others = incoming(town.council, subject=OTHERS)
    return {"petition": Petition.objects.get(pk=petition.pk), "own": own, "others": others}


@pytest.mark.django_db
def test_the_answer_form_offers_the_agency_only_its_own_documents(scene, as_user) -> None:
    page = as_user("agency").get(f"/kien-nghi/{scene['petition'].pk}/")
    html = page.content.decode()
    assert page.status_code == 200 and 'name="document"' in html
    assert OWN in html
    assert OTHERS not in html
    office = as_user("office").get(f"/kien-nghi/{scene['petition'].pk}/").content.decode()
    assert OWN in office and OTHERS in office


@pytest.mark.django_db
def test_the_agency_cannot_attach_a_document_it_may_not_open(town, scene, as_user) -> None:
    petition = scene["petition"]
    agency = as_user("agency")
    url = f"/api/v1/councils/{town.council.pk}/petitions/{petition.pk}/answer"
    refused = agency.post(
        url,
        {"text": "Đã bố trí vốn.", "state": "da_tra_loi", "document_id": scene["others"].pk},
        content_type="application/json",
    )
    assert refused.status_code == 404
    assert "văn bản trả lời" in refused.json()["detail"]
    assert Petition.objects.get(pk=petition.pk).answer_document_id is None
    page = agency.post(
        f"/kien-nghi/{petition.pk}/tra-loi/",
        {"text": "Đã bố trí vốn.", "state": "da_tra_loi", "document": scene["others"].pk},
    )
    assert Petition.objects.get(pk=petition.pk).answer_document_id is None, page.status_code
    done = agency.post(
        url,
        {"text": "Đã bố trí vốn.", "state": "da_tra_loi", "document_id": scene["own"].pk},
        content_type="application/json",
    )
    assert done.status_code == 200
    assert Petition.objects.get(pk=petition.pk).answer_document_id == scene["own"].pk
