"""API routes for regular review, publishing, editing and generated documents: matrix, bad input, query counts."""

import datetime
import json

import pytest
from django.urls import reverse

from documents.checker import assert_nd30
from documents.models import DocType, Document
from documents.services import document_render_docx, incoming_create
from hdnd.testing import count_queries
from supervision import services
from supervision.models import Programme, ProgrammeKind, Review, Round
from supervision.tests.factories import make_round

D = datetime.date
ALL = ["admin", "office_chief", "office", "standing", "committee", "delegate", "agency"]
EDITORS = ["admin", "office_chief", "office", "standing", "committee"]
VIEWERS = [*EDITORS, "delegate"]
pytestmark = pytest.mark.django_db


def _url(name: str, *args: object) -> str:
    return reverse(f"api-v1:{name}", args=args)


def _send(client: object, method: str, url: str, data: dict | None = None) -> object:
    return getattr(client, method)(url, json.dumps(data or {}), content_type="application/json")


def _incoming(setup: object, subject: str = "Quyết định về phí chợ", sender: object = None) -> Document:
    return incoming_create(
        council=setup.council,
        doc_type=DocType.QUYET_DINH,
        subject=subject,
        received_on=D(2024, 4, 1),
        sender_body=sender or setup.quang,
    )


@pytest.fixture
def objects(setup) -> dict:
    round = make_round(setup)
    programme = services.programme_create(
        council=setup.council, kind=ProgrammeKind.COUNCIL, year=2025, body=setup.standing, session_on=D(2024, 7, 15)
    )
    review = services.review_create(document=_incoming(setup))
    return {"round": round, "programme": programme, "review": review, "document": _incoming(setup, "Quyết định 2")}


def test_permission_matrix(objects, world, as_user) -> None:
    cid, r, p, v = world.council.pk, objects["round"].pk, objects["programme"].pk, objects["review"].pk
    read = _url("supervision_review_list", cid)
    assert as_user(None).get(read).status_code == 401
    assert as_user("outsider").get(read).status_code == 404
    for key in ALL:
        assert as_user(key).get(read).status_code == (200 if key in VIEWERS else 403), key
    writes = [
        ("patch", _url("supervision_round_update", cid, r), {"plan": "Kế hoạch mới"}),
        ("post", _url("supervision_round_publish", cid, r), {"published": True}),
        ("post", _url("supervision_decision_generate", cid, r), {}),
        ("post", _url("supervision_recommendation_report_document", cid) + "?year=2024", {}),
        ("patch", _url("supervision_programme_update", cid, p), {"adopted_on": "2024-07-17"}),
        ("post", _url("supervision_programme_publish", cid, p), {"published": True}),
        ("post", _url("supervision_review_create", cid), {"document_id": objects["document"].pk}),
        ("post", _url("supervision_review_record", cid, v), {"outcome": "phu_hop", "reviewed_on": "2024-04-10"}),
    ]
    for method, url, data in writes:
        assert _send(as_user(None), method, url, data).status_code == 401, url
        assert _send(as_user("outsider"), method, url, data).status_code == 404, url
        for key in ("delegate", "agency"):
            assert _send(as_user(key), method, url, data).status_code == 403, (url, key)
    round, programme, review = Round.objects.get(pk=r), Programme.objects.get(pk=p), Review.objects.get(pk=v)
    assert not round.published and round.plan == "" and round.decision_id is None
    assert not programme.published and programme.adopted_on is None
    assert review.outcome == "chua_xem_xet" and Review.objects.count() == 1
    assert not Document.objects.filter(doc_type=DocType.BAO_CAO).exists()
    for key in EDITORS:
        client = as_user(key)
        for method, url, data in writes[:2] + writes[4:6]:
            assert _send(client, method, url, data).status_code == 200, (url, key)


def test_regular_review_request_fix_through_the_api(objects, setup, world, as_user) -> None:
    cid = world.council.pk
    client = as_user("office")
    response = _send(client, "post", _url("supervision_review_create", cid), {"document_id": objects["document"].pk})
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["outcome"] == "chua_xem_xet" and data["issuer_body_id"] == setup.quang.pk
    response = _send(
        client,
        "post",
        _url("supervision_review_record", cid, data["id"]),
        {"outcome": "trai_phap_luat", "reviewed_on": "2024-04-10", "notes": "Thu phí trái luật."},
    )
    assert response.status_code == 200, response.content
    data = response.json()
    # Luật 87/2015/QH13, Điều 79: the issuer replies within 30 days; 10/05/2024 is a Friday.
    assert data["obligation_id"] and data["reply_due_on"] == "2024-05-10"
    review = Review.objects.get(pk=data["id"])
    assert review.obligation.owner == setup.quang and review.obligation.kind == services.UNLAWFUL_DOCUMENT
    listed = client.get(_url("supervision_review_list", cid) + "?outcome=trai_phap_luat").json()
    assert [row["id"] for row in listed["items"]] == [review.pk]
    response = _send(
        client,
        "post",
        _url("supervision_review_record", cid, objects["review"].pk),
        {"outcome": "phu_hop", "reviewed_on": "2024-04-12"},
    )
    assert response.status_code == 200 and response.json()["obligation_id"] is None


def test_publish_edit_and_documents_through_the_api(objects, setup, world, as_user) -> None:
    cid, r, p = world.council.pk, objects["round"].pk, objects["programme"].pk
    client = as_user("committee")
    response = _send(client, "post", _url("supervision_round_publish", cid, r), {"published": True})
    assert response.status_code == 200 and response.json()["published"] is True
    assert as_user(None).get(reverse("supervision:public_round", args=[cid, r])).status_code == 200
    response = _send(client, "post", _url("supervision_round_publish", cid, r), {"published": False})
    assert response.json()["published"] is False
    assert as_user(None).get(reverse("supervision:public_round", args=[cid, r])).status_code == 404
    response = _send(
        client,
        "patch",
        _url("supervision_round_update", cid, r),
        {"ends_on": "2024-06-14", "supervised_ids": [setup.quang.pk], "content_sent_on": "2024-05-15"},
    )
    assert response.status_code == 200, response.content
    data = response.json()
    # the committee's report is due 10 days after the new end (Điều 80): 24/06/2024.
    assert data["report_due_on"] == "2024-06-24" and data["supervised_ids"] == [setup.quang.pk]
    assert data["content_sent_on"] == "2024-05-15" and data["subject"] == objects["round"].subject
    response = _send(client, "post", _url("supervision_programme_publish", cid, p), {"published": True})
    assert response.status_code == 200 and response.json()["published"] is True
    response = _send(
        client,
        "patch",
        _url("supervision_programme_update", cid, p),
        {"session_on": "2024-07-22", "adopted_on": "2024-07-24"},
    )
    assert response.status_code == 200, response.content
    assert response.json()["draft_due_on"] == "2024-07-12" and response.json()["adopted_on"] == "2024-07-24"
    services.member_add(round=objects["round"], delegate=setup.delegates[0], role="Trưởng đoàn")
    response = _send(client, "post", _url("supervision_decision_generate", cid, r))
    assert response.status_code == 201, response.content
    decision = Document.objects.get(pk=response.json()["id"])
    assert decision.doc_type == DocType.QUYET_DINH and Round.objects.get(pk=r).decision_id == decision.pk
    assert_nd30(document_render_docx(decision))
    response = _send(client, "post", _url("supervision_decision_generate", cid, r))
    assert response.status_code == 400 and "đã có quyết định thành lập đoàn" in str(response.json())
    services.recommendation_add(round=objects["round"], body=setup.quang, text="Xử lý lấn chiếm", due_on=D(2024, 9, 30))
    response = _send(client, "post", _url("supervision_recommendation_report_document", cid) + "?year=2024")
    assert response.status_code == 201, response.content
    report = Document.objects.get(pk=response.json()["id"])
    assert report.subject == "Kết quả thực hiện kiến nghị sau giám sát năm 2024" and "Xử lý lấn chiếm" in report.body
    assert report.source.year == 2024 and report.source.document == report
    assert_nd30(document_render_docx(report))


def test_bad_input(objects, setup, world, as_user) -> None:
    cid, r, p, v = world.council.pk, objects["round"].pk, objects["programme"].pk, objects["review"].pk
    client = as_user("office")
    other = world.other_council.bodies.create(kind="co_quan", name="Cơ quan khác", short_name="Khác")
    bad_rounds = [
        ({"supervised_ids": []}, 422, None),
        ({"supervised_ids": [other.pk]}, 404, "(supervised_ids) trong Hội đồng này"),
        ({"subject": None}, 400, "subject"),
        ({"body_id": setup.court.pk}, 400, "Cơ quan tiến hành phải là"),
        ({"ends_on": "2024-05-01"}, 400, "Ngày kết thúc không thể trước ngày bắt đầu."),
        ({"item_id": 999999}, 404, "Không tìm thấy nội dung chương trình (item_id) trong Hội đồng này."),
    ]
    for data, status, text in bad_rounds:
        response = _send(client, "patch", _url("supervision_round_update", cid, r), data)
        assert response.status_code == status, (data, response.content)
        if text:
            assert text in str(response.json()), data
    round = Round.objects.get(pk=r)
    assert round.ends_on == D(2024, 6, 7) and round.body == setup.committee and round.supervised.count() == 2
    response = _send(client, "post", _url("supervision_round_publish", cid, r), {})
    assert response.status_code == 422 and not Round.objects.get(pk=r).published
    response = _send(client, "patch", _url("supervision_programme_update", cid, p), {"title": None})
    assert response.status_code == 400 and "title" in str(response.json())
    foreign = incoming_create(
        council=world.other_council,
        doc_type=DocType.QUYET_DINH,
        subject="Khác",
        received_on=D(2024, 4, 1),
        sender_name="UBND khác",
    )
    response = _send(client, "patch", _url("supervision_programme_update", cid, p), {"resolution_id": foreign.pk})
    assert response.status_code == 404 and "văn bản (resolution_id) trong Hội đồng này." in str(response.json())
    assert Programme.objects.get(pk=p).resolution_id is None
    response = _send(client, "post", _url("supervision_review_create", cid), {"document_id": foreign.pk})
    assert response.status_code == 404 and "văn bản (document_id) trong Hội đồng này." in str(response.json())
    response = _send(
        client, "post", _url("supervision_review_create", cid), {"document_id": objects["review"].document_id}
    )
    assert response.status_code == 400 and "đã có trong sổ giám sát" in str(response.json())
    assert Review.objects.count() == 1
    response = _send(
        client,
        "post",
        _url("supervision_review_record", cid, v),
        {"outcome": "trai_phap_luat", "reviewed_on": "2024-04-10"},
    )
    assert response.status_code == 400 and "Vui lòng nêu nội dung có dấu hiệu trái pháp luật." in str(response.json())
    response = _send(
        client, "post", _url("supervision_review_record", cid, v), {"outcome": "x", "reviewed_on": "2024-04-10"}
    )
    assert response.status_code == 400 and "Kết quả xem xét không hợp lệ." in str(response.json())
    review = Review.objects.get(pk=v)
    assert review.outcome == "chua_xem_xet" and review.obligation_id is None
    response = _send(client, "post", _url("supervision_recommendation_report_document", cid) + "?year=20")
    assert response.status_code == 400 and "Năm không hợp lệ." in str(response.json())
    assert not Document.objects.filter(doc_type=DocType.BAO_CAO).exists()


def test_review_list_query_count(setup, world, as_user, django_assert_num_queries) -> None:
    client = as_user("office")
    url = _url("supervision_review_list", world.council.pk)

    def add(n: int) -> None:
        for i in range(n):
            review = services.review_create(document=_incoming(setup, f"QĐ {Review.objects.count()} {i}"))
            services.review_record(review=review, outcome="trai_phap_luat", reviewed_on=D(2024, 4, 10), notes="Sai")

    add(3)
    before, _ = count_queries(lambda: client.get(url))
    add(27)
    with django_assert_num_queries(before):
        response = client.get(url)
    assert response.status_code == 200 and response.json()["count"] == 30
