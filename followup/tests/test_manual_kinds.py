"""The "Giao việc" form and API offer only the kinds a manager may assign by hand."""

import json

import pytest
from django.urls import reverse

from followup import kinds
from followup.models import Obligation


def test_only_task_is_manual_among_the_registered_kinds() -> None:
    assert kinds.is_manual(kinds.TASK)
    assert [key for key, _ in kinds.manual_kind_choices()] == [kinds.TASK]
    for key in ("forwarded_petition", "written_opinion_request", "conclusion_task"):
        assert key in kinds.KINDS and not kinds.is_manual(key)


def test_registering_again_without_the_flag_clears_it() -> None:
    kinds.register_kind("thu_nghiem_tay", "Thử nghiệm", manual=True)
    try:
        assert kinds.is_manual("thu_nghiem_tay")
        kinds.register_kind("thu_nghiem_tay", "Thử nghiệm")
        assert not kinds.is_manual("thu_nghiem_tay")
    finally:
        kinds.KINDS.pop("thu_nghiem_tay")
        kinds.HOOKS.pop("thu_nghiem_tay")


@pytest.mark.django_db
def test_form_offers_and_accepts_only_manual_kinds(world, as_user) -> None:
    client = as_user("office")
    url = reverse("followup:obligation_create")
    html = client.get(url).content.decode()
    assert 'value="task"' in html and "Nhiệm vụ được giao" in html
    assert 'value="forwarded_petition"' not in html and 'value="conclusion_task"' not in html
    data = {"owner": world.agency.pk, "title": "Việc", "source_date": "2024-03-10", "due_on": "2024-03-20"}
    response = client.post(url, {**data, "kind": "forwarded_petition"})
    assert response.status_code == 200
    assert "Loại việc này không giao trực tiếp bằng tay được." in response.content.decode()
    assert not Obligation.objects.exists()
    assert client.post(url, {**data, "kind": "task"}).status_code == 302
    assert Obligation.objects.get().kind == "task"


@pytest.mark.django_db
def test_api_refuses_a_workflow_kind_in_vietnamese(world, as_user) -> None:
    client = as_user("office")
    url = reverse("api-v1:obligation_create", args=[world.council.pk])
    base = {"owner_id": world.agency.pk, "title": "Việc", "source_date": "2024-03-10", "due_on": "2024-03-20"}
    for kind in ("forwarded_petition", "written_opinion_request", "conclusion_task"):
        response = client.post(url, json.dumps({**base, "kind": kind}), content_type="application/json")
        assert response.status_code == 400
        assert response.json()["errors"] == [{"field": "kind", "message": kinds.MANUAL_REFUSED}]
    assert not Obligation.objects.exists()
    response = client.post(url, json.dumps(base), content_type="application/json")
    assert response.status_code == 201 and response.json()["kind"] == "task"
