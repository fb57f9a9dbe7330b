"""Supervision screens: permission matrix, query counts, bad input, public pages."""

import datetime

import pytest
from django.urls import reverse

from documents.models import DocType
from documents.services import incoming_create
from hdnd.testing import count_queries
from supervision import services
from supervision.models import ProgrammeKind, Recommendation, Round, RoundMember
from supervision.tests.factories import make_round

D = datetime.date
ALL = ["admin", "office_chief", "office", "standing", "committee", "delegate", "agency"]
EDITORS = ["admin", "office_chief", "office", "standing", "committee"]
VIEWERS = [*EDITORS, "delegate"]
pytestmark = pytest.mark.django_db


def _expect(allowed: list[str]) -> dict:
    result: dict = {key: (200 if key in allowed else 403) for key in ALL}
    result[None] = 302
    return result


@pytest.fixture
def objects(setup) -> dict:
    round = make_round(setup)
    services.recommendation_add(round=round, body=setup.quang, text="Xử lý lấn chiếm", due_on=D(2024, 9, 30))
    programme = services.programme_create(
        council=setup.council, kind=ProgrammeKind.COUNCIL, year=2025, body=setup.standing, session_on=D(2024, 7, 15)
    )
    document = incoming_create(
        council=setup.council,
        doc_type=DocType.QUYET_DINH,
        subject="Quyết định",
        received_on=D(2024, 4, 1),
        sender_body=setup.quang,
    )
    review = services.review_create(document=document)
    return {"round": round, "programme": programme, "review": review}


def test_permission_matrix(objects, as_user, world) -> None:
    r, p, v = objects["round"].pk, objects["programme"].pk, objects["review"].pk
    urls = {
        "round_list": (reverse("supervision:round_list"), VIEWERS),
        "round_create": (reverse("supervision:round_create"), EDITORS),
        "round_detail": (reverse("supervision:round_detail", args=[r]), VIEWERS),
        "round_edit": (reverse("supervision:round_edit", args=[r]), EDITORS),
        "member_add": (reverse("supervision:member_add", args=[r]), EDITORS),
        "session_add": (reverse("supervision:session_add", args=[r]), EDITORS),
        "body_reports_request": (reverse("supervision:body_reports_request", args=[r]), EDITORS),
        "report_record": (reverse("supervision:report_record", args=[r]), EDITORS),
        "round_consider": (reverse("supervision:round_consider", args=[r]), EDITORS),
        "recommendation_add": (reverse("supervision:recommendation_add", args=[r]), EDITORS),
        "recommendation_report": (reverse("supervision:recommendation_report"), VIEWERS),
        "counts": (reverse("supervision:counts"), VIEWERS),
        "programme_list": (reverse("supervision:programme_list"), VIEWERS),
        "programme_create": (reverse("supervision:programme_create"), EDITORS),
        "programme_detail": (reverse("supervision:programme_detail", args=[p]), VIEWERS),
        "programme_edit": (reverse("supervision:programme_edit", args=[p]), EDITORS),
        "item_add": (reverse("supervision:item_add", args=[p]), EDITORS),
        "review_list": (reverse("supervision:review_list"), VIEWERS),
        "review_create": (reverse("supervision:review_create"), EDITORS),
        "review_record": (reverse("supervision:review_record", args=[v]), EDITORS),
    }
    detail = {
        "round_detail",
        "round_edit",
        "member_add",
        "session_add",
        "body_reports_request",
        "report_record",
        "round_consider",
        "recommendation_add",
        "programme_detail",
        "programme_edit",
        "item_add",
        "review_record",
    }
    for name, (url, allowed) in urls.items():
        expected = _expect(allowed)
        # another council's user: its records are 404 in its own council; lists answer for its council
        expected["outsider"] = 404 if name in detail else 200
        for key, status in expected.items():
            response = as_user(key).get(url)
            assert response.status_code == status, f"{name} as {key}: {response.status_code} != {status}"
            if status == 302:
                assert response["Location"].startswith(reverse("login"))
    posts = {
        "decision_generate": reverse("supervision:decision_generate", args=[r]),
        "round_publish": reverse("supervision:round_publish", args=[r]),
        "programme_publish": reverse("supervision:programme_publish", args=[p]),
        "recommendation_report_document": reverse("supervision:recommendation_report_document"),
    }
    for name, url in posts.items():
        assert as_user(None).post(url).status_code == 302, name
        assert as_user("delegate").post(url).status_code == 403, name
        assert as_user("agency").post(url).status_code == 403, name
        if name != "recommendation_report_document":
            assert as_user("outsider").post(url).status_code == 404, name


def test_public_pages_need_no_login(objects, as_user, world) -> None:
    round, programme = objects["round"], objects["programme"]
    cid = world.council.pk
    assert as_user(None).get(reverse("supervision:public_round", args=[cid, round.pk])).status_code == 404
    as_user("office").post(reverse("supervision:round_publish", args=[round.pk]), {"published": "on"})
    as_user("office").post(reverse("supervision:programme_publish", args=[programme.pk]), {"published": "on"})
    html = as_user(None).get(reverse("supervision:public_index", args=[cid])).content.decode()
    assert "Giám sát về công tác quản lý trật tự đô thị" in html and programme.title in html
    html = as_user(None).get(reverse("supervision:public_round", args=[cid, round.pk])).content.decode()
    assert "Xử lý lấn chiếm" in html and "Quá hạn" in html
    assert as_user(None).get(reverse("supervision:public_programme", args=[cid, programme.pk])).status_code == 200
    assert (
        as_user(None).get(reverse("supervision:public_round", args=[world.other_council.pk, round.pk])).status_code
        == 404
    )


def test_query_counts(setup, as_user, django_assert_num_queries) -> None:
    """Round page, programme page, recommendations report, lists: the same queries with 3 rows and with 30."""
    from registry.models import Person
    from registry.tests.factories import DelegateFactory

    client = as_user("office")
    round = make_round(setup)
    programme = services.programme_create(
        council=setup.council, kind=ProgrammeKind.COUNCIL, year=2024, body=setup.standing, session_on=D(2023, 7, 12)
    )
    term = setup.delegates[0].term

    def add(n: int) -> None:
        start = Person.objects.count()
        for i in range(n):
            other = make_round(setup, subject=f"nội dung {i}")
            item = services.item_add(programme=programme, subject=f"nội dung {i}", body=setup.committee)
            services.round_update(round=other, item=item)
            delegate = DelegateFactory(term=term, person__council=setup.council, person__full_name=f"ĐB {start + i}")
            services.member_add(round=round, delegate=delegate)
            services.session_add(round=round, held_on=D(2024, 6, 3), place=f"Nơi {i}", body=setup.quang)
            services.recommendation_add(round=round, body=setup.thanh, text=f"Kiến nghị {i}", due_on=D(2024, 12, 1))
            services.recommendation_add(round=other, body=setup.quang, text=f"Khác {i}", due_on=D(2024, 12, 1))
            services.review_create(
                document=incoming_create(
                    council=setup.council,
                    doc_type=DocType.QUYET_DINH,
                    subject=f"QĐ {i}",
                    received_on=D(2024, 4, 1),
                    sender_body=setup.quang,
                )
            )

    pages = [
        reverse("supervision:round_detail", args=[round.pk]),
        reverse("supervision:programme_detail", args=[programme.pk]),
        reverse("supervision:recommendation_report") + "?nam=2024",
        reverse("supervision:round_list"),
        reverse("supervision:round_list") + "?canh_bao=on",
        reverse("supervision:programme_list"),
        reverse("supervision:counts") + "?nam=2024",
        reverse("supervision:review_list"),
    ]
    add(3)
    before = {}
    for url in pages:
        before[url], response = count_queries(lambda url=url: client.get(url))
        assert response.status_code == 200, url
    add(27)
    for url in pages:
        with django_assert_num_queries(before[url]):
            assert client.get(url).status_code == 200


def test_bad_input_round_form(setup, as_user) -> None:
    client = as_user("office")
    response = client.post(
        reverse("supervision:round_create"),
        {"kind": "giam_sat", "body": setup.committee.pk, "subject": "trật tự đô thị", "set_up_on": "2024-05-06"},
    )
    assert "Vui lòng chọn ít nhất một cơ quan chịu sự giám sát." in response.content.decode()
    response = client.post(
        reverse("supervision:round_create"),
        {
            "kind": "giam_sat",
            "body": setup.court.pk,
            "subject": "x",
            "supervised": [setup.quang.pk],
            "set_up_on": "2024-05-06",
        },
    )
    assert "body" in response.context["form"].errors  # only conducting bodies are offered
    assert Round.objects.count() == 0
    response = client.post(
        reverse("supervision:round_create"),
        {
            "kind": "giam_sat",
            "body": setup.committee.pk,
            "subject": "trật tự",
            "supervised": [setup.quang.pk],
            "set_up_on": "2024-05-06",
            "starts_on": "2024-06-03",
            "ends_on": "2024-06-01",
        },
    )
    assert "Ngày kết thúc không thể trước ngày bắt đầu." in response.content.decode()
    assert Round.objects.count() == 0


def test_bad_input_round_actions(setup, as_user, world) -> None:
    from registry.tests.factories import DelegateFactory

    client = as_user("office")
    round = make_round(setup)
    outsider = DelegateFactory(term=world.other_council.terms.get())
    response = client.post(reverse("supervision:member_add", args=[round.pk]), {"delegate": outsider.pk, "role": "x"})
    assert "delegate" in response.context["form"].errors  # only the council's delegates are offered
    assert RoundMember.objects.count() == 0
    response = client.post(reverse("supervision:report_record", args=[round.pk]), {"report_on": "2024-06-01"})
    assert "không thể trước ngày kết thúc đợt giám sát" in response.content.decode()
    response = client.post(
        reverse("supervision:recommendation_add", args=[round.pk]), {"text": "Làm ngay", "due_on": "2024-09-30"}
    )
    assert "Vui lòng chọn cơ quan được kiến nghị." in response.content.decode()
    response = client.post(
        reverse("supervision:recommendation_add", args=[round.pk]),
        {"body": setup.quang.pk, "text": "Làm ngay", "due_on": "2024-01-01", "made_on": "2024-06-10"},
    )
    assert "không thể trước ngày kiến nghị" in response.content.decode()
    assert Recommendation.objects.count() == 0
    response = client.post(reverse("supervision:session_add", args=[round.pk]), {"held_on": "2024-06-03"})
    assert "Vui lòng nhập địa điểm." in response.content.decode()
    round.refresh_from_db()
    assert round.report_on is None


def test_bad_input_programme_and_review(setup, as_user) -> None:
    client = as_user("office")
    response = client.post(
        reverse("supervision:programme_create"), {"kind": "ban", "year": "2025", "body": setup.standing.pk}
    )
    assert "Kế hoạch giám sát của Ban phải do một Ban của HĐND lập." in response.content.decode()
    response = client.post(reverse("supervision:programme_create"), {"kind": "hdnd", "body": setup.standing.pk})
    assert "Vui lòng nhập năm giám sát." in response.content.decode()
    document = incoming_create(
        council=setup.council,
        doc_type=DocType.QUYET_DINH,
        subject="Quyết định",
        received_on=D(2024, 4, 1),
        sender_name="UBND xã ngoài danh mục",
    )
    review = services.review_create(document=document)
    response = client.post(
        reverse("supervision:review_record", args=[review.pk]),
        {"outcome": "trai_phap_luat", "reviewed_on": "2024-04-10"},
    )
    content = response.content.decode()
    assert "Văn bản đến chưa ghi cơ quan ban hành" in content and "Vui lòng nêu nội dung" in content
    review.refresh_from_db()
    assert review.obligation_id is None and review.outcome == "chua_xem_xet"


def test_recommendation_report_document_from_screen(setup, as_user) -> None:
    round = make_round(setup)
    services.recommendation_add(round=round, body=setup.quang, text="Xử lý", due_on=D(2024, 9, 30))
    response = as_user("office").post(reverse("supervision:recommendation_report_document") + "?nam=2024")
    assert response.status_code == 302
    from documents.models import Document

    document = Document.objects.get(subject="Kết quả thực hiện kiến nghị sau giám sát năm 2024")
    assert response["Location"] == reverse("documents:document_detail", args=[document.pk])
    from supervision.models import RecommendationReportRecord

    record = RecommendationReportRecord.objects.get()
    assert record.document == document and document.source == record and record.year == 2024
    assert record.history.count() == 2
    page = as_user("office").get(response["Location"]).content.decode()
    assert "Báo cáo thực hiện kiến nghị sau giám sát" in page
    assert reverse("supervision:recommendation_report") + "?nam=2024" in page


def test_dashboard_warns_of_milestones(setup, as_user) -> None:
    round = make_round(setup)  # 2024: every milestone not done is overdue now
    html = as_user("office").get("/").content.decode()
    assert "Đợt giám sát có mốc sắp đến hạn, việc quá hạn" in html
    assert "Đợt giám sát có mốc sắp đến hạn, việc quá hạn" not in as_user("agency").get("/").content.decode()
    listed = as_user("office").get(reverse("supervision:round_list") + "?canh_bao=on").content.decode()
    assert round.subject in listed


def test_regular_review_through_the_screens(setup, as_user) -> None:
    """Register an incoming decision for review, find it unlawful: the issuer owes a reply in 30 days (Điều 79)."""
    from supervision.models import Review

    client = as_user("office")
    document = incoming_create(
        council=setup.council,
        doc_type=DocType.QUYET_DINH,
        subject="Quyết định về mức thu phí chợ",
        received_on=D(2024, 4, 1),
        sender_body=setup.quang,
    )
    form = client.get(reverse("supervision:review_create")).content.decode()
    assert "Quyết định về mức thu phí chợ" in form  # offered: incoming, not yet in the register
    response = client.post(reverse("supervision:review_create"), {"document": document.pk})
    assert response.status_code == 302 and response["Location"] == reverse("supervision:review_list")
    review = Review.objects.get(document=document)
    assert review.outcome == "chua_xem_xet"
    assert "Quyết định về mức thu phí chợ" not in client.get(reverse("supervision:review_create")).content.decode()
    response = client.post(
        reverse("supervision:review_record", args=[review.pk]),
        {"outcome": "trai_phap_luat", "reviewed_on": "10/04/2024", "notes": "Mức thu vượt khung quy định."},
    )
    assert response.status_code == 302 and response["Location"] == reverse("supervision:review_list")
    review.refresh_from_db()
    assert review.outcome == "trai_phap_luat" and review.reviewed_on == D(2024, 4, 10)
    assert review.obligation.owner == setup.quang and review.obligation.due_on == D(2024, 5, 10)
    assert review.history.count() == 2
    html = client.get(reverse("supervision:review_list") + "?ket_qua=trai_phap_luat").content.decode()
    assert "Mức thu vượt khung quy định." in html and "hạn 10/05/2024" in html
    assert reverse("followup:obligation_detail", args=[review.obligation.pk]) in html
    assert reverse("supervision:review_record", args=[review.pk]) not in html  # the request is sent once
    # the issuer's obligation is on the follow-up screen of the office
    listed = client.get(reverse("followup:obligation_detail", args=[review.obligation.pk]))
    assert listed.status_code == 200 and "Mức thu vượt khung quy định." in listed.content.decode()
