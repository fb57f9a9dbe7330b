"""A ceased council keeps its obligations readable as they were on its last day: no new obligation by hand
and no step on an existing one (report, accept, return, extend, cancel) afterwards
(`registry.services.council_accepts`). The screens and the API refuse with a Vietnamese message, nothing
changes, and the obligation page offers no step."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import CEASED_REFUSED as REFUSED
from followup import services
from followup.models import Obligation, State
from followup.tests.factories import make_in_state, make_obligation
from hdnd.testing import post_json
from registry.models import Council

D = datetime.date
pytestmark = pytest.mark.django_db


def test_ceased_council_takes_no_obligation_and_no_step(world, as_user, cease) -> None:
    council = world.council
    running = make_obligation(council=council, owner=world.agency, title="Báo cáo sửa đường")
    reported = make_in_state(
        make_obligation(council=council, owner=world.agency, title="Báo cáo cấp vốn"), "da_bao_cao"
    )
    office = as_user("office")
    detail = reverse("followup:obligation_detail", args=[reported.pk])
    assert reverse("followup:obligation_accept", args=[reported.pk]) in office.get(detail).content.decode()

    refused = cease()

    # No button: neither "Giao việc" on the list nor any step on an obligation.
    html = office.get(reverse("followup:obligation_list")).content.decode()
    assert f'href="{reverse("followup:obligation_create")}"' not in html
    assert "đã chấm dứt hoạt động từ ngày 01/07/2025: không tạo hồ sơ mới." in html
    for obligation in (running, reported):
        html = office.get(reverse("followup:obligation_detail", args=[obligation.pk])).content.decode()
        for step in ("start", "report", "accept", "return", "cancel", "extend"):
            assert reverse(f"followup:obligation_{step}", args=[obligation.pk]) not in html, step
        assert obligation.title in html  # still readable

    # The screen: a step posted anyway is refused with the message, nothing changes.
    response = office.post(reverse("followup:obligation_accept", args=[reported.pk]), {"text": ""}, follow=True)
    assert refused in response.content.decode()
    response = office.post(
        reverse("followup:obligation_extend", args=[running.pk]),
        {"due_on": "2026-12-31", "reason": "Xin thêm"},
        follow=True,
    )
    assert refused in response.content.decode()

    # The API: each write path 400 with the message.
    base = f"/api/v1/councils/{council.pk}/obligations"
    count = Obligation.objects.filter(council=council).count()
    for url, data in (
        (base, {"title": "Việc mới", "owner_id": world.agency.pk, "source_date": "2025-06-01", "due_on": "2025-06-30"}),
        (f"{base}/{running.pk}/report", {"text": "Đã xong.", "done": True}),
        (f"{base}/{running.pk}/extend", {"due_on": "2026-12-31", "reason": "Xin thêm"}),
        (f"{base}/{running.pk}/cancel", {"reason": "Không cần"}),
        (f"{base}/{reported.pk}/accept", {}),
        (f"{base}/{reported.pk}/return", {"reason": "Thiếu số liệu"}),
    ):
        response = post_json(office, url, data)
        assert response.status_code == 400 and refused in str(response.json()), (url, response.content)
    assert Obligation.objects.filter(council=council).count() == count

    # The services themselves, even a report backdated to before the last day.
    with pytest.raises(ValidationError, match="kể cả ghi lùi"):
        services.obligation_report(obligation=running, user=None, text="Xong.", done=True, on=D(2025, 6, 30))
    with pytest.raises(ValidationError, match="chấm dứt hoạt động"):
        services.obligation_accept(obligation=reported, user=None)
    with pytest.raises(ValidationError, match="chấm dứt hoạt động"):
        services.obligation_extend(obligation=running, user=None, due_on=D(2026, 12, 31), reason="Xin thêm")
    running.refresh_from_db()
    reported.refresh_from_db()
    assert running.state == State.ASSIGNED and running.due_on == D(2024, 1, 31)
    assert reported.state == State.REPORTED_DONE
    assert running.updates.count() == 1 and reported.updates.count() == 2  # created; created and reported


def test_ceased_council_moves_no_deadline(world, as_user) -> None:
    """The deadlines of a ceased council stay as they were on its last day: neither the calendar's recompute
    nor a workflow's bringing forward moves them; the recompute page goes back with the refusal."""
    council = world.council
    running = make_obligation(council=council, owner=world.agency, title="Báo cáo sửa đường")
    office = as_user("office")
    assert office.get(reverse("followup:recompute")).status_code == 200

    Council.objects.filter(pk=council.pk).update(active=False, ceased_on=D(2025, 7, 1))
    council.refresh_from_db()

    url = reverse("followup:recompute")
    for response in (office.get(url), office.post(url)):
        assert response.status_code == 302 and response.url == reverse("followup:obligation_list")
    assert REFUSED in office.get(url, follow=True).content.decode()
    assert f'href="{url}"' not in office.get(reverse("registry:settings")).content.decode()
    response = post_json(office, f"/api/v1/councils/{council.pk}/obligations-recompute", {})
    assert response.status_code == 400 and REFUSED in str(response.json()), response.content

    with pytest.raises(ValidationError, match="chấm dứt hoạt động"):
        services.obligations_recompute(council=council)
    with pytest.raises(ValidationError, match="chấm dứt hoạt động"):
        services.obligation_due_bring_forward(obligation=running, user=None, due_on=D(2024, 1, 15), reason="Đóng sớm")
    running.refresh_from_db()
    assert running.due_on == D(2024, 1, 31) and running.updates.count() == 1
