"""Conferences (hội nghị liên tịch, trực báo): services, document, tasks, screens and API."""

import datetime
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document as open_docx

from documents.checker import assert_nd30
from documents.models import DocType, State
from documents.services import document_issue, document_render_docx
from followup.models import Obligation
from hdnd.testing import assert_constant_queries, count_queries
from standing import services
from standing.models import Conference, ConferenceKind

D = datetime.date
pytestmark = pytest.mark.django_db
ALL = ["admin", "office_chief", "office", "standing", "committee", "delegate", "agency"]
VIEWERS = ["admin", "office_chief", "office", "standing", "committee", "delegate"]
EDITORS = ["admin", "office_chief", "office"]


JOINT_DAY = D(2024, 1, 5)


def make_conference(town, *, held_on: datetime.date = JOINT_DAY, tasks: int = 1) -> Conference:
    conference = services.conference_create(
        council=town.council,
        kind=ConferenceKind.JOINT,
        held_on=held_on,
        place="Hội trường HĐND thị xã",
        subject="thống nhất nội dung, chương trình các kỳ họp năm 2024",
        participants=[town.bodies["UBND thị xã"], town.bodies["Ban Pháp chế"]],
        conclusions="Thống nhất tổ chức 02 kỳ họp thường lệ.",
    )
    for i in range(tasks):
        services.conference_task_add(
            conference=conference, text=f"Chuẩn bị nội dung {i + 1}", body=town.bodies["UBND thị xã"]
        )
    return conference


def _texts(docx: bytes) -> list[str]:
    doc = open_docx(io.BytesIO(docx))
    return [p.text.strip() for p in doc.paragraphs if p.text.strip()]


def test_notice_of_a_conference_and_its_tasks(town) -> None:
    conference = make_conference(town, tasks=2)
    services.conference_task_add(
        conference=conference, text="Báo cáo kết quả", body=town.bodies["Ban Pháp chế"], due_on=D(2024, 3, 1)
    )
    draft = services.conference_document_generate(conference=conference)
    assert draft.doc_type == DocType.THONG_BAO and draft.source == conference
    assert not Obligation.objects.exists()  # nothing owed before the document is issued
    issued = services.conference_document_issue(conference=conference, user=None, issued_on=D(2024, 1, 8))
    docx = document_render_docx(issued)
    assert_nd30(docx)
    texts = _texts(docx)
    assert "Kết luận của Thường trực HĐND thị xã tại Hội nghị liên tịch ngày 05/01/2024" in texts
    opening = next(t for t in texts if t.startswith("Ngày 05/01/2024"))
    assert "tổ chức Hội nghị liên tịch để thống nhất nội dung" in opening
    assert "Ủy ban nhân dân thị xã Đức Phổ" in opening
    assert "- Thống nhất tổ chức 02 kỳ họp thường lệ." in texts
    assert "- UBND thị xã: Chuẩn bị nội dung 1." in texts
    obligations = Obligation.objects.filter(kind=services.CONCLUSION_TASK).order_by("pk")
    assert [(o.owner.short_name, o.source_date) for o in obligations] == [
        ("UBND thị xã", D(2024, 1, 8)),
        ("UBND thị xã", D(2024, 1, 8)),
        ("Ban Pháp chế", D(2024, 1, 8)),
    ]
    assert obligations.last().due_on == D(2024, 3, 1)
    assert obligations.first().source == conference
    conference.refresh_from_db()
    assert conference.tasks_assigned_on == D(2024, 1, 8)
    assert services.conference_tasks_assign(conference=conference) == []  # idempotent
    with pytest.raises(ValidationError, match="đã ban hành"):
        services.conference_task_add(conference=conference, text="Thêm", body=town.bodies["UBND thị xã"])
    with pytest.raises(ValidationError, match="đã ban hành"):
        services.conference_update(conference=conference, place="Nơi khác")


def test_minutes_of_a_conference_issued_from_the_register_assigns_tasks(town) -> None:
    conference = make_conference(town)
    minutes = services.conference_document_generate(conference=conference, doc_type=DocType.BIEN_BAN)
    assert minutes.doc_type == DocType.BIEN_BAN and minutes.signer_name == "Nguyễn Thị Kiều"
    # Issued from the documents engine directly: the on_issue hook gives the tasks.
    minutes = document_issue(document=minutes, user=None, issued_on=D(2024, 1, 6))
    assert_nd30(document_render_docx(minutes))
    assert Obligation.objects.filter(source_id=conference.pk, kind=services.CONCLUSION_TASK).count() == 1
    assert minutes.number_symbol.endswith("/BB-HĐND")


def test_conference_bad_input(town, world) -> None:
    from registry.services import body_create

    foreign = body_create(council=world.other_council, kind="ubnd", name="UBND khác", short_name="UBND khác")
    with pytest.raises(ValidationError) as exc:
        services.conference_create(council=town.council, kind="hop", held_on=D(2024, 1, 5), place="", subject="")
    assert set(exc.value.message_dict) == {"kind", "place", "subject"}
    with pytest.raises(ValidationError, match="không thuộc Hội đồng"):
        services.conference_create(
            council=town.council,
            kind=ConferenceKind.JOINT,
            held_on=D(2024, 1, 5),
            place="P",
            subject="S",
            participants=[foreign],
        )
    assert not Conference.objects.exists()
    conference = make_conference(town, tasks=0)
    with pytest.raises(ValidationError) as exc:
        services.conference_task_add(conference=conference, text="Giao", body=None, due_on=D(2023, 1, 1))
    assert "cơ quan chịu trách nhiệm" in str(exc.value.message_dict["body"])
    assert "Hạn thực hiện không thể trước ngày hội nghị" in str(exc.value.message_dict["due_on"])
    with pytest.raises(ValidationError, match="Thông báo hoặc Biên bản"):
        services.conference_document_generate(conference=conference, doc_type=DocType.CONG_VAN)
    with pytest.raises(ValidationError, match="Chưa tạo dự thảo"):
        services.conference_document_issue(conference=conference, user=None)
    assert not conference.tasks.exists()


def _expect(allowed: list[str], outsider: int, ok: int = 200) -> dict:
    result: dict = {key: (ok if key in allowed else 403) for key in ALL}
    result[None] = 302
    result["outsider"] = outsider
    return result


def test_conference_screens_matrix(town, as_user) -> None:
    conference = make_conference(town)
    c = conference.pk
    urls = {
        "conference_list": (reverse("standing:conference_list"), _expect(VIEWERS, 200)),
        "conference_create": (reverse("standing:conference_create"), _expect(EDITORS, 200)),
        "conference_detail": (reverse("standing:conference_detail", args=[c]), _expect(VIEWERS, 404)),
        "conference_edit": (reverse("standing:conference_edit", args=[c]), _expect(EDITORS, 404)),
        "conference_task_add": (reverse("standing:conference_task_add", args=[c]), _expect(EDITORS, 404)),
    }
    for name, (url, expected) in urls.items():
        for key, status in expected.items():
            response = as_user(key).get(url)
            assert response.status_code == status, f"{name} as {key}: {response.status_code} != {status}"
            if status == 302:
                assert response["Location"].startswith(reverse("login"))
    posts = {
        "conference_document_generate": lambda: reverse("standing:conference_document_generate", args=[c]),
        "conference_task_delete": lambda: reverse(
            "standing:conference_task_delete",
            args=[services.conference_task_add(conference=conference, text="Tạm", body=town.bodies["Ban Pháp chế"]).pk],
        ),
    }
    for name, url in posts.items():
        for key, status in _expect(EDITORS, 404, ok=302).items():
            response = as_user(key).post(url())
            assert response.status_code == status, f"{name} as {key}: {response.status_code} != {status}"
    url = reverse("standing:conference_document_issue", args=[c])
    for key in ("delegate", "standing", "agency"):
        assert as_user(key).post(url).status_code == 403
    assert as_user("outsider").post(url).status_code == 404


def test_conference_screen_flow_bad_input_and_history(town, as_user) -> None:
    client = as_user("office")
    response = client.post(reverse("standing:conference_create"), {"kind": "", "held_on": "x", "place": ""})
    assert response.status_code == 200 and "Trường này là bắt buộc." in response.content.decode()
    assert not Conference.objects.exists()
    response = client.post(
        reverse("standing:conference_create"),
        {
            "kind": ConferenceKind.BRIEFING,
            "held_on": "2024-06-20",
            "place": "Hội trường",
            "subject": "đánh giá 6 tháng đầu năm",
            "participants": [town.bodies["Ban Pháp chế"].pk],
        },
    )
    conference = Conference.objects.get()
    assert response["Location"] == reverse("standing:conference_detail", args=[conference.pk])
    response = client.post(
        reverse("standing:conference_task_add", args=[conference.pk]), {"text": "Giao", "due_on": "2024-01-01"}
    )
    html = response.content.decode()
    assert "Trường này là bắt buộc." in html
    response = client.post(
        reverse("standing:conference_task_add", args=[conference.pk]),
        {"text": "Giao", "body": town.bodies["UBND thị xã"].pk, "due_on": "2024-01-01"},
    )
    assert "Hạn thực hiện không thể trước ngày hội nghị (20/06/2024)." in response.content.decode()
    assert not conference.tasks.exists()
    client.post(
        reverse("standing:conference_task_add", args=[conference.pk]),
        {"text": "Tổng hợp ý kiến cử tri", "body": town.bodies["UBND thị xã"].pk},
    )
    client.post(
        reverse("standing:conference_edit", args=[conference.pk]),
        {
            "kind": ConferenceKind.BRIEFING,
            "held_on": "2024-06-20",
            "place": "Phòng họp số 2",
            "subject": "đánh giá 6 tháng đầu năm",
            "participants": [town.bodies["Ban Pháp chế"].pk],
            "conclusions": "Duy trì tiếp xúc cử tri.",
        },
    )
    client.post(reverse("standing:conference_document_generate", args=[conference.pk]), {"doc_type": "thong_bao"})
    client.post(reverse("standing:conference_document_issue", args=[conference.pk]), {"issued_on": "2024-06-21"})
    conference.refresh_from_db()
    assert conference.document.state == State.ISSUED
    assert conference.tasks.get().obligation is not None
    html = client.get(reverse("standing:conference_detail", args=[conference.pk])).content.decode()
    assert "Hội trường → Phòng họp số 2" in html
    assert "Sửa</a>" not in html  # frozen after issue


def test_conference_query_counts(town, as_user, django_assert_num_queries) -> None:
    client = as_user("office")

    def grow(n: int) -> None:
        for i in range(n):
            make_conference(town, held_on=D(2024, 1, 5) + datetime.timedelta(days=i), tasks=2)

    grow(3)
    cid = town.council.pk
    urls = [
        reverse("standing:conference_list"),
        reverse("standing:counts") + "?year=2024",
        reverse("api-v1:standing_conference_list", args=[cid]),
        reverse("api-v1:standing_counts", args=[cid]) + "?year=2024",
    ]
    baselines = [count_queries(lambda url=url: client.get(url))[0] for url in urls]
    grow(27)
    for url, baseline in zip(urls, baselines, strict=True):
        with django_assert_num_queries(baseline):
            client.get(url)
    conference = Conference.objects.order_by("pk").first()
    services.conference_document_generate(conference=conference)

    def more_tasks() -> None:
        for i in range(27):
            services.conference_task_add(conference=conference, text=f"Thêm {i}", body=town.bodies["Ban Pháp chế"])
        services.conference_update(
            conference=conference, participants=[town.bodies[b] for b in ("UBND thị xã", "Ban Pháp chế", "Thị ủy")]
        )

    detail = reverse("standing:conference_detail", args=[conference.pk])
    api_detail = reverse("api-v1:standing_conference_detail", args=[cid, conference.pk])
    base_api = count_queries(lambda: client.get(api_detail))[0]
    assert_constant_queries(lambda: client.get(detail), more_tasks, django_assert_num_queries)
    with django_assert_num_queries(base_api):
        client.get(api_detail)


def _post(client: object, url: str, data: dict | None = None, method: str = "post") -> object:
    return getattr(client, method)(url, json.dumps(data or {}), content_type="application/json")


def test_conference_api(town, as_user) -> None:
    cid = town.council.pk
    conference = make_conference(town, tasks=0)
    read = [
        reverse("api-v1:standing_conference_list", args=[cid]),
        reverse("api-v1:standing_conference_detail", args=[cid, conference.pk]),
    ]
    for url in read:
        assert as_user(None).get(url).status_code == 401
        assert as_user("outsider").get(url).status_code == 404
        for key in ALL:
            assert as_user(key).get(url).status_code == (200 if key in VIEWERS else 403), (url, key)
    writes = [
        (
            reverse("api-v1:standing_conference_create", args=[cid]),
            {"kind": "lien_tich", "held_on": "2024-01-05", "place": "P", "subject": "S"},
            "post",
        ),
        (reverse("api-v1:standing_conference_update", args=[cid, conference.pk]), {"place": "Mới"}, "patch"),
        (
            reverse("api-v1:standing_conference_task_add", args=[cid, conference.pk]),
            {"text": "Giao", "body_id": town.bodies["UBND thị xã"].pk},
            "post",
        ),
        (reverse("api-v1:standing_conference_document_generate", args=[cid, conference.pk]), {}, "post"),
    ]
    for url, payload, method in writes:
        assert _post(as_user(None), url, payload, method).status_code == 401
        assert _post(as_user("outsider"), url, payload, method).status_code == 404
        for key in ALL:
            if key not in EDITORS:
                assert _post(as_user(key), url, payload, method).status_code == 403, (url, key)
        response = _post(as_user("office"), url, payload, method)
        assert response.status_code in (200, 201), (url, response.content)
    issue = reverse("api-v1:standing_conference_document_issue", args=[cid, conference.pk])
    assert _post(as_user("delegate"), issue, {}).status_code == 403
    client = as_user("office")
    bad = _post(
        client,
        reverse("api-v1:standing_conference_create", args=[cid]),
        {"kind": "hop", "held_on": "2024-01-05", "place": "P", "subject": "S"},
    )
    assert bad.status_code == 400 and "loại hội nghị" in bad.json()["detail"]
    bad = _post(
        client,
        reverse("api-v1:standing_conference_task_add", args=[cid, conference.pk]),
        {"text": "Giao", "body_id": town.bodies["UBND thị xã"].pk, "due_on": "2023-01-01"},
    )
    assert bad.status_code == 400 and "Hạn thực hiện" in bad.json()["detail"]
    issued = _post(client, issue, {"issued_on": "2024-01-08"}).json()
    assert issued["state"] == "da_ban_hanh" or issued["number_symbol"]
    detail = client.get(reverse("api-v1:standing_conference_detail", args=[cid, conference.pk])).json()
    assert [t["obligation_id"] is not None for t in detail["tasks"]] == [True]
    counts = client.get(reverse("api-v1:standing_counts", args=[cid]) + "?year=2024").json()
    assert counts["conferences_held"] == 2 and conference.pk in counts["conference_ids"]
