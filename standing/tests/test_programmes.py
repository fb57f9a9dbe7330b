"""The work programme: items by month, linked to what carried them out or shown as not done; screens and API."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hdnd.testing import assert_constant_queries, count_queries
from standing import demo, selectors, services
from standing.models import ProgrammeOwner, WorkItem, WorkProgramme
from standing.tests.conftest import make_meeting
from standing.tests.factories import make_town

D = datetime.date
pytestmark = pytest.mark.django_db
ALL = ["admin", "office_chief", "office", "standing", "committee", "delegate", "agency"]
VIEWERS = ["admin", "office_chief", "office", "standing", "committee", "delegate"]
EDITORS = ["admin", "office_chief", "office"]


def make_programme(town, *, items: int = 2, year: int = 2022) -> WorkProgramme:
    programme = services.programme_create(council=town.council, year=year, owner=ProgrammeOwner.STANDING)
    for i in range(items):
        services.work_item_add(
            programme=programme, month=i % 12 + 1, content=f"Công việc {i + 1}", body=town.bodies["Thường trực HĐND"]
        )
    return programme


def test_items_link_or_show_not_done(town) -> None:
    programme = make_programme(town, items=3)
    assert programme.title == "Chương trình công tác năm 2022 của Thường trực HĐND thị xã"
    meeting = make_meeting(town)
    january, _february, _march = WorkItem.objects.filter(programme=programme).order_by("month")
    services.work_item_link(item=january, record=meeting)
    programme = selectors.programme_get(council=town.council, pk=programme.pk)
    rows = [r for _, month in selectors.programme_months(programme, on=D(2022, 3, 1)) for r in month]
    assert [r.status for r in rows] == [selectors.DONE, selectors.NOT_DONE, selectors.PLANNED]
    assert rows[0].item.done_label == "Phiên họp Thường trực ngày 12/01/2022"
    assert rows[0].url == reverse("standing:meeting_detail", args=[meeting.pk])
    services.work_item_unlink(item=january)
    january.refresh_from_db()
    assert january.done_id is None and selectors.item_status(january, 2022, D(2022, 3, 1)) == selectors.NOT_DONE
    assert january.history.count() == 3


def test_programme_bad_input(town, world) -> None:
    make_programme(town, items=0)
    with pytest.raises(ValidationError, match="đã có chương trình công tác"):
        make_programme(town, items=0)
    with pytest.raises(ValidationError) as exc:
        services.programme_create(council=town.council, year=2022, owner="ban")
    assert "owner" in exc.value.message_dict
    programme = WorkProgramme.objects.get()
    with pytest.raises(ValidationError) as exc:
        services.work_item_add(programme=programme, month=13, content="", body=None)
    assert set(exc.value.message_dict) == {"month", "content", "body"}
    item = services.work_item_add(programme=programme, month=1, content="Họp", body=town.bodies["Ban Pháp chế"])
    with pytest.raises(ValidationError, match="Chỉ liên kết"):
        services.work_item_link(item=item, record=town.bodies["Ban Pháp chế"])
    from registry.services import council_create

    other = make_town(council_create(level="huyen", unit_type="huyen", unit_name="Khác", unit_code="99999"))
    with pytest.raises(ValidationError, match="không thuộc Hội đồng"):
        services.work_item_link(item=item, record=make_meeting(other))
    item.refresh_from_db()
    assert item.done_id is None


def test_demo_programmes(db) -> None:
    town = make_town()
    demo.seed(town.council)
    demo.seed_programmes(town.council)
    demo.seed_programmes(town.council)  # idempotent
    assert WorkProgramme.objects.filter(council=town.council).count() == 2
    plan = WorkProgramme.objects.get(council=town.council, year=2022)
    first = plan.items.get(month=1)
    assert first.done_label == "Phiên họp Thường trực ngày 12/01/2022"
    program = selectors.programme_get(council=town.council, pk=WorkProgramme.objects.get(year=2024).pk)
    rows = {r.item.content: r.status for _, m in selectors.programme_months(program, on=D(2025, 1, 1)) for r in m}
    assert rows["Tổ chức tiếp công dân định kỳ và đối thoại với cử tri"] == selectors.NOT_DONE
    assert sum(s == selectors.DONE for s in rows.values()) == 10  # 7 meetings and 3 conferences


def _expect(allowed: list[str], outsider: int, ok: int = 200) -> dict:
    result: dict = {key: (ok if key in allowed else 403) for key in ALL}
    result[None] = 302
    result["outsider"] = outsider
    return result


def test_programme_screens_matrix(town, as_user) -> None:
    programme = make_programme(town)
    item = programme.items.first()
    urls = {
        "programme_list": (reverse("standing:programme_list"), _expect(VIEWERS, 200)),
        "programme_create": (reverse("standing:programme_create"), _expect(EDITORS, 200)),
        "programme_detail": (reverse("standing:programme_detail", args=[programme.pk]), _expect(VIEWERS, 404)),
        "work_item_add": (reverse("standing:work_item_add", args=[programme.pk]), _expect(EDITORS, 404)),
        "work_item_link": (reverse("standing:work_item_link", args=[item.pk]), _expect(EDITORS, 404)),
    }
    for name, (url, expected) in urls.items():
        for key, status in expected.items():
            response = as_user(key).get(url)
            assert response.status_code == status, f"{name} as {key}: {response.status_code} != {status}"
    url = reverse("standing:work_item_unlink", args=[item.pk])
    for key, status in _expect(EDITORS, 404, ok=302).items():
        assert as_user(key).post(url).status_code == status, key


def test_programme_screen_flow_and_bad_input(town, as_user) -> None:
    client = as_user("office")
    response = client.post(reverse("standing:programme_create"), {"year": "19", "owner": "hdnd"})
    assert "Năm" in response.content.decode() and not WorkProgramme.objects.exists()
    client.post(reverse("standing:programme_create"), {"year": "2022", "owner": "hdnd"})
    programme = WorkProgramme.objects.get()
    response = client.post(reverse("standing:programme_create"), {"year": "2022", "owner": "hdnd"})
    assert "Năm này đã có chương trình công tác" in response.content.decode()
    response = client.post(reverse("standing:work_item_add", args=[programme.pk]), {"month": "13", "content": ""})
    assert "Tháng" in response.content.decode() and not programme.items.exists()
    client.post(
        reverse("standing:work_item_add", args=[programme.pk]),
        {"month": "1", "content": "Phiên họp tháng 1", "body": town.bodies["Thường trực HĐND"].pk},
    )
    item = programme.items.get()
    meeting = make_meeting(town)
    form = client.get(reverse("standing:work_item_link", args=[item.pk])).content.decode()
    assert f"standing.meeting:{meeting.pk}" in form
    response = client.post(reverse("standing:work_item_link", args=[item.pk]), {"record": "standing.meeting:999999"})
    assert "Thực hiện bằng" in response.content.decode()
    client.post(reverse("standing:work_item_link", args=[item.pk]), {"record": f"standing.meeting:{meeting.pk}"})
    html = client.get(reverse("standing:programme_detail", args=[programme.pk])).content.decode()
    assert "Đã thực hiện" in html and "Phiên họp Thường trực ngày 12/01/2022" in html


def test_programme_query_counts(town, as_user, django_assert_num_queries) -> None:
    client = as_user("office")
    meeting = make_meeting(town)
    programme = make_programme(town, items=3)
    for item in programme.items.all()[:2]:
        services.work_item_link(item=item, record=meeting)

    def grow_items() -> None:
        for i in range(27):
            item = services.work_item_add(
                programme=programme, month=i % 12 + 1, content=f"Thêm {i}", body=town.bodies["Ban Pháp chế"]
            )
            if i % 2:
                services.work_item_link(item=item, record=meeting)

    cid = town.council.pk
    api_detail = reverse("api-v1:standing_programme_detail", args=[cid, programme.pk])
    base = count_queries(lambda: client.get(api_detail))[0]
    detail = reverse("standing:programme_detail", args=[programme.pk])
    assert_constant_queries(lambda: client.get(detail), grow_items, row_text="Thêm ")
    with django_assert_num_queries(base):
        client.get(api_detail)
    lists = [reverse("standing:programme_list"), reverse("api-v1:standing_programme_list", args=[cid])]
    bases = [count_queries(lambda url=url: client.get(url))[0] for url in lists]
    for year in range(1995, 2022):
        make_programme(town, items=1, year=year)
    for url, baseline in zip(lists, bases, strict=True):
        with django_assert_num_queries(baseline):
            client.get(url)


def _post(client: object, url: str, data: dict | None = None) -> object:
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def test_programme_api(town, as_user) -> None:
    cid = town.council.pk
    programme = make_programme(town, items=1)
    item = programme.items.get()
    meeting = make_meeting(town)
    for url in (
        reverse("api-v1:standing_programme_list", args=[cid]),
        reverse("api-v1:standing_programme_detail", args=[cid, programme.pk]),
    ):
        assert as_user(None).get(url).status_code == 401
        assert as_user("outsider").get(url).status_code == 404
        for key in ALL:
            assert as_user(key).get(url).status_code == (200 if key in VIEWERS else 403), (url, key)
    writes = [
        (reverse("api-v1:standing_programme_create", args=[cid]), {"year": 2024, "owner": "hdnd"}),
        (
            reverse("api-v1:standing_work_item_add", args=[cid, programme.pk]),
            {"month": 2, "content": "Giám sát", "body_id": town.bodies["Ban Pháp chế"].pk},
        ),
        (reverse("api-v1:standing_work_item_link", args=[cid, item.pk]), {"record": f"standing.meeting:{meeting.pk}"}),
        (reverse("api-v1:standing_work_item_unlink", args=[cid, item.pk]), {}),
    ]
    for url, payload in writes:
        assert _post(as_user(None), url, payload).status_code == 401
        assert _post(as_user("outsider"), url, payload).status_code == 404
        for key in ALL:
            if key not in EDITORS:
                assert _post(as_user(key), url, payload).status_code == 403, (url, key)
        response = _post(as_user("office"), url, payload)
        assert response.status_code in (200, 201), (url, response.content)
    client = as_user("office")
    bad = _post(client, reverse("api-v1:standing_programme_create", args=[cid]), {"year": 2024, "owner": "hdnd"})
    assert bad.status_code == 400 and "đã có chương trình" in bad.json()["detail"]
    bad = _post(client, reverse("api-v1:standing_work_item_link", args=[cid, item.pk]), {"record": "registry.body:1"})
    assert bad.status_code == 400 and "Không tìm thấy" in bad.json()["detail"]
    _post(client, writes[2][0], writes[2][1])
    detail = client.get(reverse("api-v1:standing_programme_detail", args=[cid, programme.pk])).json()
    linked = next(i for i in detail["items"] if i["id"] == item.pk)
    assert linked["status"] == "da_thuc_hien" and linked["done_kind"] == "standing.meeting"
