"""The standing committee's screens: permission matrix, fixed query counts, bad input, history."""

import datetime

import pytest
from django.urls import reverse

from documents.models import DocType
from documents.services import document_create
from hdnd.testing import assert_constant_queries, count_queries
from standing import services
from standing.models import Meeting, OpinionRequest, Paragraph, Stance
from standing.tests.conftest import make_meeting, make_request

D = datetime.date
pytestmark = pytest.mark.django_db
ALL = ["admin", "office_chief", "office", "standing", "committee", "delegate", "agency"]
VIEWERS = ["admin", "office_chief", "office", "standing", "committee", "delegate"]
EDITORS = ["admin", "office_chief", "office"]
OPINERS = [*EDITORS, "standing"]


def _expect(allowed: list[str], outsider: int, ok: int = 200) -> dict:
    result: dict = {key: (ok if key in allowed else 403) for key in ALL}
    result[None] = 302
    result["outsider"] = outsider
    return result


def test_get_permission_matrix(town, as_user) -> None:
    meeting = make_meeting(town)
    request = make_request(town)
    m, r = meeting.pk, request.pk
    urls = {
        "meeting_list": (reverse("standing:meeting_list"), _expect(VIEWERS, 200)),
        "meeting_create": (reverse("standing:meeting_create"), _expect(EDITORS, 200)),
        "meeting_detail": (reverse("standing:meeting_detail", args=[m]), _expect(VIEWERS, 404)),
        "meeting_edit": (reverse("standing:meeting_edit", args=[m]), _expect(EDITORS, 404)),
        "attendee_add": (reverse("standing:attendee_add", args=[m]), _expect(EDITORS, 404)),
        "agenda_add": (reverse("standing:agenda_add", args=[m]), _expect(EDITORS, 404)),
        "section_add": (reverse("standing:section_add", args=[m]), _expect(EDITORS, 404)),
        "paragraph_add": (reverse("standing:paragraph_add", args=[m]), _expect(EDITORS, 404)),
        "opinion_list": (reverse("standing:opinion_list"), _expect(VIEWERS, 200)),
        "opinion_create": (reverse("standing:opinion_create"), _expect(EDITORS, 200)),
        "opinion_detail": (reverse("standing:opinion_detail", args=[r]), _expect(VIEWERS, 404)),
        "opinion_add": (reverse("standing:opinion_add", args=[r]), _expect(OPINERS, 404)),
        "counts": (reverse("standing:counts"), _expect(VIEWERS, 200)),
    }
    for name, (url, expected) in urls.items():
        for key, status in expected.items():
            response = as_user(key).get(url)
            assert response.status_code == status, f"{name} as {key}: {response.status_code} != {status}"
            if status == 302:
                assert response["Location"].startswith(reverse("login"))


def test_post_action_matrix(town, as_user) -> None:
    meeting = make_meeting(town)
    request = make_request(town)
    section = meeting.sections.get()
    actions = {
        "notice_generate": lambda: reverse("standing:notice_generate", args=[meeting.pk]),
        "tasks_assign": lambda: reverse("standing:tasks_assign", args=[meeting.pk]),
        "reply_generate": lambda: reverse("standing:reply_generate", args=[request.pk]),
        "paragraph_delete": lambda: reverse(
            "standing:paragraph_delete", args=[services.paragraph_add(section=section, text="Tạm").pk]
        ),
    }
    for name, url in actions.items():
        for key, status in _expect(EDITORS, 404, ok=302).items():
            response = as_user(key).post(url())
            assert response.status_code == status, f"{name} as {key}: {response.status_code} != {status}"
            if key is None:
                assert response["Location"].startswith(reverse("login"))
            elif status == 302:
                assert not response["Location"].startswith(reverse("login"))
    for name in ("notice_issue", "reply_issue"):
        target = meeting.pk if name == "notice_issue" else request.pk
        for key in ("delegate", "standing", "agency"):
            assert as_user(key).post(reverse(f"standing:{name}", args=[target])).status_code == 403
        assert as_user("outsider").post(reverse(f"standing:{name}", args=[target])).status_code == 404


def test_meeting_form_bad_input(town, as_user) -> None:
    client = as_user("office")
    response = client.post(
        reverse("standing:meeting_create"),
        {"held_on": "2024-03-01", "place": "Phòng họp", "purpose": "họp", "chair": town.kien_chair.pk},
    )
    assert response.status_code == 200
    assert "không là Chủ tịch Thường trực HĐND vào ngày 01/03/2024" in response.content.decode()
    response = client.post(reverse("standing:meeting_create"), {"held_on": "", "place": "", "purpose": ""})
    html = response.content.decode()
    assert html.count("Trường này là bắt buộc.") >= 3
    assert not Meeting.objects.exists()


def test_meeting_record_and_history(town, as_user) -> None:
    client = as_user("office")
    response = client.post(
        reverse("standing:meeting_create"),
        {
            "held_on": "2022-01-12",
            "place": "Phòng họp số 1",
            "purpose": "cho ý kiến về kế hoạch",
            "chair": town.kien_chair.pk,
        },
    )
    meeting = Meeting.objects.get()
    assert response["Location"] == reverse("standing:meeting_detail", args=[meeting.pk])
    client.post(
        reverse("standing:attendee_add", args=[meeting.pk]), {"person": town.people["Lê Thị Hoa"].pk, "present": "1"}
    )
    response = client.post(
        reverse("standing:attendee_add", args=[meeting.pk]), {"person": town.people["Lê Thị Hoa"].pk, "present": "1"}
    )
    assert "đã có trong thành phần phiên họp" in response.content.decode()
    client.post(reverse("standing:section_add", args=[meeting.pk]), {"title": "Nhiệm vụ"})
    section = meeting.sections.get()
    response = client.post(
        reverse("standing:paragraph_add", args=[meeting.pk]),
        {"section": section.pk, "text": "Giao nghiên cứu", "assigns": "on"},
    )
    assert "Nhiệm vụ được giao phải có ít nhất một cơ quan chịu trách nhiệm." in response.content.decode()
    assert not Paragraph.objects.exists()
    client.post(
        reverse("standing:meeting_edit", args=[meeting.pk]),
        {
            "held_on": "2022-01-12",
            "place": "Phòng họp số 2",
            "purpose": "cho ý kiến về kế hoạch",
            "chair": town.kien_chair.pk,
        },
    )
    html = client.get(reverse("standing:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Phòng họp số 1 → Phòng họp số 2" in html


def test_opinion_forms_bad_input(town, as_user) -> None:
    client = as_user("office")
    response = client.post(
        reverse("standing:opinion_create"),
        {"subject": "Kinh phí", "received_on": "2024-08-05", "due_on": "2024-08-01"},
    )
    assert "Hạn trả lời không thể trước ngày nhận." in response.content.decode()
    assert not OpinionRequest.objects.exists()
    request = make_request(town)
    response = as_user("standing").post(
        reverse("standing:opinion_add", args=[request.pk]),
        {"person": town.people["Trần Văn Hùng"].pk, "stance": Stance.DISAGREE, "text": ""},
    )
    assert "Vui lòng ghi nội dung ý kiến" in response.content.decode()
    assert not request.opinions.exists()


def _grow_meetings(town, n: int) -> None:
    for i in range(n):
        make_meeting(town, held_on=D(2022, 2, 1) + datetime.timedelta(days=i), tasks=2)


def _grow_requests(town, n: int) -> None:
    for i in range(n):
        request = make_request(town, subject=f"Nội dung số {i}")
        services.opinion_add(request=request, person=town.people["Nguyễn Thị Kiều"], stance=Stance.AGREE)


def test_list_query_counts(town, as_user, django_assert_num_queries) -> None:
    client = as_user("office")
    _grow_meetings(town, 3)
    _grow_requests(town, 3)
    urls = [
        reverse("standing:meeting_list"),
        reverse("standing:opinion_list"),
        reverse("standing:counts") + "?year=2024",
    ]
    baselines = [count_queries(lambda url=url: client.get(url))[0] for url in urls]
    _grow_meetings(town, 27)
    _grow_requests(town, 27)
    for url, baseline in zip(urls, baselines, strict=True):
        with django_assert_num_queries(baseline):
            client.get(url)


def test_detail_query_counts(town, as_user, django_assert_num_queries) -> None:
    client = as_user("office")
    meeting = make_meeting(town, tasks=3)
    services.notice_generate(meeting=meeting)
    # The invitation exists in both states: each generated document's page asks whether its record changed
    # since (a fixed cost per document, at most four per meeting), and the rows grown are the record's.
    services.meeting_document_generate(meeting=meeting, kind="giay_moi")
    section = meeting.sections.get()

    def grow() -> None:
        for i in range(27):
            services.paragraph_add(section=section, text=f"Thêm {i}", assigns=True, bodies=[town.bodies["UBND thị xã"]])
        sub = services.section_add(meeting=meeting, title="Mục con", parent=section)
        services.paragraph_add(section=sub, text="Đoạn con")
        for name in ("Lê Thị Hoa", "Nguyễn Thị Kiều"):
            services.attendee_add(meeting=meeting, person=town.people[name])
        for i in range(3):
            item = services.agenda_add(meeting=meeting, content=f"Nội dung {i}")
            for j in range(2):
                report = document_create(council=town.council, doc_type=DocType.BAO_CAO, subject=f"Báo cáo {i}.{j}")
                services.agenda_document_link(item=item, document=report)

    url = reverse("standing:meeting_detail", args=[meeting.pk])
    assert_constant_queries(lambda: client.get(url), grow, row_text="Nội dung ")
    request = make_request(town)
    url = reverse("standing:opinion_detail", args=[request.pk])

    def grow_opinions() -> None:
        for name in ("Nguyễn Thị Kiều", "Trần Văn Hùng", "Lê Thị Hoa"):
            services.opinion_add(request=request, person=town.people[name], stance=Stance.AGREE)

    assert_constant_queries(lambda: client.get(url), grow_opinions, row_text="Trần Văn Hùng", rows=1)
