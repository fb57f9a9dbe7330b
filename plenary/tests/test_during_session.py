"""During the session: attendance, speeches, group discussions; the minutes and the convening decision
through the document register; session documents (files, register links, the public page); agency users."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents import services as documents
from documents.checker import assert_nd30
from documents.models import Authority, DocType, Document
from hdnd.testing import assert_constant_queries, count_queries
from plenary import selectors, services
from plenary.models import Attendance, GroupDiscussion, Presence, SessionDocument, SessionState, Speech
from plenary.tests.factories import make_delegates, make_session, make_submission, set_due_days
from registry.models import BodyKind
from registry.tests.factories import BodyFactory

D = datetime.date
DAY1, DAY2 = D(2024, 12, 18), D(2024, 12, 19)
ALL = ["admin", "office_chief", "office", "standing", "committee", "delegate", "agency"]
OFFICE = ["admin", "office_chief", "office"]
VIEWERS = [*OFFICE, "standing", "committee", "delegate"]


def _expect(allowed: list[str], outsider: int = 404) -> dict:
    result: dict = {key: (200 if key in allowed else 403) for key in ALL}
    result[None] = 302
    result["outsider"] = outsider
    return result


@pytest.fixture
def sitting(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    set_due_days(world.council)
    delegates = make_delegates(world.term, 3)
    session = make_session(world.council, world.term)
    item = services.agenda_item_add(session=session, kind="to_trinh", title="Xem xét dự toán ngân sách")
    return session, delegates, item


def _register_decision(world, subject: str = "Về việc triệu tập kỳ họp thứ 21") -> Document:
    doc = documents.document_create(
        council=world.council,
        doc_type=DocType.QUYET_DINH,
        subject=subject,
        body="Điều 1. Triệu tập kỳ họp.",
        signer_authority=Authority.TM,
        signer_collective="Thường trực HĐND",
        signer_title="Chủ tịch",
        signer_name="Nguyễn Xuân Văn",
        recipient_lines="- Các vị đại biểu HĐND;",
        issued_on=D(2024, 12, 1),
    )
    return documents.document_issue(document=doc, user=None, issued_on=D(2024, 12, 1))


# Services ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_attendance_grid_records_and_updates(sitting, world) -> None:
    session, delegates, _ = sitting
    a, b, c = (d.pk for d in delegates)
    presence = {a: Presence.PRESENT, b: Presence.EXCUSED, c: Presence.ABSENT}
    services.attendance_record(session=session, day=DAY1, presence=presence, reasons={b: "Đi công tác"}, user=None)
    assert Attendance.objects.get(delegate_id=b).reason == "Đi công tác"
    services.attendance_record(session=session, day=DAY1, presence={c: Presence.PRESENT}, user=None)
    assert Attendance.objects.filter(day=DAY1).count() == 3
    assert Attendance.objects.get(delegate_id=c).history.count() == 2
    counts = selectors.attendance_counts(session)
    assert counts == [{"day": DAY1, "present": 2, "excused": 1, "absent": 0, "in_office": 3}]


@pytest.mark.django_db
def test_attendance_bad_input_saves_nothing(sitting, world) -> None:
    session, delegates, _ = sitting
    a, b, _ = (d.pk for d in delegates)
    outsider = make_delegates(world.term, 1, elected_on=D(2025, 1, 1))[0]
    cases = [
        (dict(day=D(2024, 12, 20), presence={a: Presence.PRESENT}), "Ngày điểm danh phải trong thời gian kỳ họp"),
        (dict(day=DAY1, presence={outsider.pk: Presence.PRESENT}), "đương nhiệm"),
        (dict(day=DAY1, presence={a: "co_le"}), "không hợp lệ"),
        (dict(day=DAY1, presence={a: Presence.PRESENT, b: Presence.EXCUSED}), "lý do vắng"),
    ]
    for kwargs, message in cases:
        with pytest.raises(ValidationError, match=message):
            services.attendance_record(session=session, user=None, **kwargs)
    assert not Attendance.objects.exists()


@pytest.mark.django_db
def test_speeches_and_group_discussions(sitting, world) -> None:
    session, delegates, item = sitting
    speech = services.speech_add(session=session, delegate=delegates[0], spoken_on=DAY1, item=item, summary="Ý kiến")
    assert speech.history.count() == 1
    with pytest.raises(ValidationError, match="Ngày phát biểu"):
        services.speech_add(session=session, delegate=delegates[0], spoken_on=D(2024, 12, 25))
    other_item = services.agenda_item_add(
        session=make_session(world.council, world.term, number=22, opens_on=D(2025, 7, 1)), kind="bao_cao", title="X"
    )
    with pytest.raises(ValidationError, match="Nội dung không thuộc kỳ họp"):
        services.speech_add(session=session, delegate=delegates[0], spoken_on=DAY1, item=other_item)
    assert Speech.objects.count() == 1
    discussion = services.group_discussion_add(
        session=session, group=world.group, held_on=DAY1, notes="Tổ thống nhất với dự thảo."
    )
    assert discussion.history.count() == 1
    with pytest.raises(ValidationError, match="Chỉ Tổ đại biểu"):
        services.group_discussion_add(session=session, group=world.agency, held_on=DAY1, notes="x")
    with pytest.raises(ValidationError, match="nội dung thảo luận"):
        services.group_discussion_add(session=session, group=world.group, held_on=DAY2, notes="  ")
    with pytest.raises(ValidationError, match="đã có biên bản thảo luận"):
        services.group_discussion_add(session=session, group=world.group, held_on=DAY1, notes="Lần hai")
    assert GroupDiscussion.objects.count() == 1


@pytest.mark.django_db
def test_minutes_from_the_record_pass_nd30(sitting, world) -> None:
    session, delegates, item = sitting
    services.attendance_record(
        session=session,
        day=DAY1,
        presence={
            delegates[0].pk: Presence.PRESENT,
            delegates[1].pk: Presence.PRESENT,
            delegates[2].pk: "vang_co_ly_do",
        },
        reasons={delegates[2].pk: "Ốm"},
        user=None,
    )
    sub = make_submission(session, world.agency)
    services.vote_record(submission=sub, voted_on=DAY1, yes=2, no=0, abstain=0, user=None)
    services.speech_add(session=session, delegate=delegates[0], spoken_on=DAY1, item=item)
    draft = services.minutes_generate(session=session, signer_name="Nguyễn Xuân Văn", user=None)
    assert draft.doc_type == DocType.BIEN_BAN and draft.state == "du_thao"
    assert "Ngày 18/12/2024: có mặt 2/3 đại biểu; vắng có lý do 1; vắng không lý do 0." in draft.body
    assert "Xem xét dự toán ngân sách" in draft.body
    assert "tán thành 2/3 đại biểu (66.67%)" in draft.body and "thông qua" in draft.body
    assert "Địa điểm: Hội trường thị xã." in draft.body
    # A redraft updates the same draft; issuing numbers it; issued minutes are not redrafted.
    services.speech_add(session=session, delegate=delegates[1], spoken_on=DAY2)
    issued = services.minutes_generate(session=session, signer_name="Nguyễn Xuân Văn", issue=True, user=None)
    assert issued.pk == draft.pk and issued.number_symbol.endswith("/BB-HĐND")
    assert "Có 2 lượt đại biểu phát biểu tại hội trường" in issued.body
    assert_nd30(documents.document_render_docx(issued))
    with pytest.raises(ValidationError, match="đã ban hành"):
        services.minutes_generate(session=session, signer_name="A", user=None)
    with pytest.raises(ValidationError, match="người ký"):
        services.minutes_generate(
            session=make_session(world.council, world.term, number=30), signer_name=" ", user=None
        )


@pytest.mark.django_db
def test_convening_decision_generated_or_linked(sitting, world) -> None:
    session, _, _ = sitting
    with pytest.raises(ValidationError, match="sau ngày khai mạc"):
        services.session_convening_generate(session=session, issued_on=D(2024, 12, 20), signer_name="A", user=None)
    session.refresh_from_db()
    assert session.convening_document_id is None and not Document.objects.exists()
    services.session_convening_generate(
        session=session, issued_on=D(2024, 12, 1), signer_name="Nguyễn Xuân Văn", user=None
    )
    session.refresh_from_db()
    decision = session.convening_document
    assert decision.doc_type == DocType.QUYET_DINH and decision.number_symbol == "01/QĐ-HĐND"
    assert session.state == SessionState.CONVENED and decision.source == session
    assert_nd30(documents.document_render_docx(decision))
    with pytest.raises(ValidationError, match="đã có quyết định"):
        services.session_convening_generate(session=session, issued_on=D(2024, 12, 1), signer_name="A", user=None)
    other = make_session(world.council, world.term, number=22, opens_on=D(2025, 7, 1))
    draft = documents.document_create(council=world.council, doc_type=DocType.QUYET_DINH, subject="Dự thảo")
    with pytest.raises(ValidationError, match="đã ban hành"):
        services.session_convening_link(session=other, document=draft, user=None)
    services.session_convening_link(session=other, document=_register_decision(world), user=None)
    assert other.history.count() == 2


@pytest.mark.django_db
def test_session_documents_file_link_and_public(sitting, world) -> None:
    session, _, _ = sitting
    upload = SimpleUploadedFile("Báo cáo KT-XH.pdf", b"%PDF-1.4 thu nghiem", content_type="application/pdf")
    with_file = services.session_document_add(session=session, title="", file=upload, public=True)
    assert with_file.title == "Báo cáo KT-XH.pdf" and with_file.file_name == "Báo cáo KT-XH.pdf"
    decision = _register_decision(world)
    linked = services.session_document_add(session=session, title="", document=decision)
    assert linked.title == decision.subject
    draft = documents.document_create(council=world.council, doc_type=DocType.BAO_CAO, subject="Báo cáo dự thảo")
    with pytest.raises(ValidationError, match="dự thảo"):
        services.session_document_add(session=session, title="", document=draft, public=True)
    private = services.session_document_add(session=session, title="Dự thảo chưa công khai", document=draft)
    with pytest.raises(ValidationError, match="dự thảo"):
        services.session_document_set_public(session_document=private, public=True, user=None)
    other_doc = documents.document_create(council=world.other_council, doc_type=DocType.BAO_CAO, subject="Khác")
    with pytest.raises(ValidationError, match="không thuộc Hội đồng"):
        services.session_document_add(session=session, title="x", document=other_doc)
    assert SessionDocument.objects.count() == 3


# Screens -----------------------------------------------------------------------------------------


@pytest.fixture
def recorded(sitting, world):
    session, delegates, item = sitting
    services.attendance_record(
        session=session, day=DAY1, presence={d.pk: Presence.PRESENT for d in delegates}, user=None
    )
    services.speech_add(session=session, delegate=delegates[0], spoken_on=DAY1, item=item, summary="Đồng ý")
    discussion = services.group_discussion_add(session=session, group=world.group, held_on=DAY1, notes="Tổ 1 góp ý")
    upload = SimpleUploadedFile("to-trinh.pdf", b"%PDF-1.4", content_type="application/pdf")
    public = services.session_document_add(session=session, title="Tờ trình công khai", file=upload, public=True)
    private = services.session_document_add(session=session, title="Tài liệu mật của kỳ họp")
    return session, delegates, discussion, public, private


@pytest.mark.django_db
def test_permission_matrix(recorded, world, as_user) -> None:
    session, _, discussion, public, _ = recorded
    s = session.pk
    urls = {
        "attendance": (reverse("plenary:attendance", args=[s]), _expect(OFFICE)),
        "speech_add": (reverse("plenary:speech_add", args=[s]), _expect(OFFICE)),
        "group_discussion_add": (reverse("plenary:group_discussion_add", args=[s]), _expect(OFFICE)),
        "group_discussion_detail": (
            reverse("plenary:group_discussion_detail", args=[discussion.pk]),
            _expect(VIEWERS),
        ),
        "minutes_generate": (reverse("plenary:minutes_generate", args=[s]), _expect(OFFICE)),
        "convening_link": (reverse("plenary:convening_link", args=[s]), _expect(OFFICE)),
        "convening_generate": (reverse("plenary:convening_generate", args=[s]), _expect(OFFICE)),
        "document_file": (reverse("plenary:document_file", args=[public.pk]), _expect(VIEWERS)),
        "agency_submissions": (reverse("plenary:agency_submissions"), _expect(["agency"], 403)),
    }
    for name, (url, expected) in urls.items():
        for key, status in expected.items():
            response = as_user(key).get(url)
            assert response.status_code == status, f"{name} as {key}: {response.status_code} != {status}"
            if status == 302:
                assert response["Location"].startswith(reverse("login"))
    toggle = reverse("plenary:document_public", args=[public.pk])
    for key in ("standing", "committee", "delegate", "agency"):
        assert as_user(key).post(toggle, {"public": "0"}).status_code == 403
    assert as_user("outsider").post(toggle, {"public": "0"}).status_code == 404
    assert as_user(None).post(toggle, {"public": "0"}).status_code == 302
    public.refresh_from_db()
    assert public.public
    # The public pages need no login and are the same for everyone.
    for url in (
        reverse("plenary:public_index", args=[world.council.pk]),
        reverse("plenary:public_session", args=[world.council.pk, s]),
        reverse("plenary:public_file", args=[public.pk]),
    ):
        for key in (None, "agency", "outsider"):
            assert as_user(key).get(url).status_code == 200, (url, key)


@pytest.mark.django_db
def test_public_page_shows_only_public_documents(recorded, world, as_user) -> None:
    session, _, _, public, private = recorded
    anonymous = as_user(None)
    html = anonymous.get(reverse("plenary:public_session", args=[world.council.pk, session.pk])).content.decode()
    assert "Tờ trình công khai" in html and "Tài liệu mật" not in html
    assert "Đồng ý" not in html and "Tổ 1 góp ý" not in html  # speeches and discussions are not published
    assert anonymous.get(reverse("plenary:public_file", args=[private.pk])).status_code == 404
    assert (
        anonymous.get(reverse("plenary:public_session", args=[world.other_council.pk, session.pk])).status_code == 404
    )
    as_user("office").post(reverse("plenary:document_public", args=[public.pk]), {"public": "0"})
    assert anonymous.get(reverse("plenary:public_file", args=[public.pk])).status_code == 404
    assert anonymous.get(reverse("plenary:public_session", args=[world.council.pk, session.pk])).status_code == 404


@pytest.mark.django_db
def test_attendance_screen_fast_grid(recorded, as_user) -> None:
    session, delegates, *_ = recorded
    client = as_user("office")
    url = reverse("plenary:attendance", args=[session.pk]) + "?ngay=2024-12-19"
    page = client.get(url).content.decode()
    assert all(d.person.full_name in page for d in delegates)
    data = {f"p{d.pk}": "co_mat" for d in delegates}
    data[f"p{delegates[1].pk}"] = "vang_co_ly_do"
    response = client.post(url, data)
    assert "Vui lòng ghi lý do vắng của" in response.content.decode()
    assert not Attendance.objects.filter(day=DAY2).exists()
    data[f"r{delegates[1].pk}"] = "Đi học"
    assert client.post(url, data).status_code == 302
    assert Attendance.objects.filter(day=DAY2, presence="co_mat").count() == 2
    detail = client.get(reverse("plenary:session_detail", args=[session.pk])).content.decode()
    assert "19/12/2024" in detail


@pytest.mark.django_db
def test_bad_input_on_forms(recorded, world, as_user) -> None:
    session, delegates, _discussion, *_ = recorded
    client = as_user("office")
    s = session.pk
    response = client.post(
        reverse("plenary:speech_add", args=[s]),
        {"delegate": delegates[0].pk, "in_group": "0", "spoken_on": "2025-01-05"},
    )
    assert "Ngày phát biểu phải trong thời gian kỳ họp" in response.content.decode()
    response = client.post(reverse("plenary:group_discussion_add", args=[s]), {"group": world.group.pk, "held_on": ""})
    assert "Trường này là bắt buộc" in response.content.decode()
    response = client.post(
        reverse("plenary:group_discussion_add", args=[s]),
        {"group": world.group.pk, "held_on": "18/12/2024", "notes": "x"},
    )
    assert "Tổ đại biểu đã có biên bản thảo luận ngày này." in response.content.decode()
    response = client.post(
        reverse("plenary:minutes_generate", args=[s]), {"signer_name": "", "issued_on": "19/12/2024"}
    )
    assert "Trường này là bắt buộc" in response.content.decode()
    response = client.post(
        reverse("plenary:convening_generate", args=[s]),
        {"issued_on": "25/12/2024", "signer_name": "A", "signer_title": "Chủ tịch"},
    )
    assert "không thể sau ngày khai mạc" in response.content.decode()
    response = client.post(reverse("plenary:convening_link", args=[s]), {"document": "999999"})
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    big = SimpleUploadedFile("lon.pdf", b"x", content_type="application/pdf")
    big.size = 30 * 1024 * 1024
    with pytest.raises(ValidationError, match="Tệp quá lớn"):
        services.session_document_add(session=session, title="", file=big)
    assert Speech.objects.count() == 1 and GroupDiscussion.objects.count() == 1
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_screens_flow(recorded, world, as_user) -> None:
    session, delegates, *_ = recorded
    client = as_user("office")
    s = session.pk
    response = client.post(
        reverse("plenary:speech_add", args=[s]),
        {"delegate": delegates[1].pk, "in_group": "1", "spoken_on": "18/12/2024", "summary": "Tại tổ"},
    )
    assert response.status_code == 302 and Speech.objects.filter(in_group=True).count() == 1
    response = client.post(
        reverse("plenary:convening_generate", args=[s]),
        {"issued_on": "01/12/2024", "signer_name": "Nguyễn Xuân Văn", "signer_title": "Chủ tịch"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("plenary:minutes_generate", args=[s]),
        {"signer_name": "Nguyễn Xuân Văn", "signer_title": "Chủ tọa kỳ họp", "issued_on": "19/12/2024", "issue": "on"},
    )
    session.refresh_from_db()
    assert response.status_code == 302 and session.minutes_document.number_symbol == "01/BB-HĐND"
    decision = _register_decision(world, "Triệu tập (bản khác)")
    upload = SimpleUploadedFile("phu-luc.xlsx", b"PK", content_type="application/octet-stream")
    response = client.post(
        reverse("plenary:document_add", args=[s]),
        {"title": "", "document": decision.pk, "file": upload, "public": "on"},
    )
    assert response.status_code == 302
    row = SessionDocument.objects.get(document=decision)
    assert row.file_name == "phu-luc.xlsx" and row.public
    assert client.get(reverse("plenary:document_file", args=[row.pk])).status_code == 200
    page = client.get(reverse("plenary:session_detail", args=[s])).content.decode()
    assert "01/BB-HĐND" in page and "01/QĐ-HĐND" in page and "Tổ đại biểu số 1" in page


@pytest.mark.django_db
def test_agency_user_sees_own_submissions_only(sitting, world, as_user) -> None:
    session, *_ = sitting
    own = make_submission(session, world.agency, title="Tờ trình của Phòng TC-KH")
    make_submission(session, world.other_agency, title="Tờ trình của Phòng Nội vụ")
    client = as_user("agency")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("hdnd.dates.today", lambda: D(2024, 12, 5))
        html = client.get(reverse("plenary:agency_submissions")).content.decode()
    assert own.title in html and "Phòng Nội vụ" not in html
    assert "03/12/2024" in html and "2 ngày" in html  # due 15 days before the opening; 2 days late on 05/12
    for url in (
        reverse("plenary:session_detail", args=[session.pk]),
        reverse("plenary:submission_detail", args=[own.pk]),
        reverse("plenary:session_list"),
    ):
        assert client.get(url).status_code == 403
    assert as_user("office").get(reverse("plenary:agency_submissions")).status_code == 403


@pytest.mark.django_db
def test_query_counts(recorded, world, as_user, django_assert_num_queries) -> None:
    session, *_ = recorded
    office, anonymous, agency = as_user("office"), as_user(None), as_user("agency")
    groups = [BodyFactory(council=world.council, kind=BodyKind.DELEGATE_GROUP) for _ in range(3)]
    for i in range(3):
        make_submission(session, world.agency, title=f"Hồ sơ đầu {i}")

    def grow() -> None:
        delegates = make_delegates(world.term, 27)
        services.attendance_record(
            session=session, day=DAY1, presence={d.pk: Presence.PRESENT for d in delegates}, user=None
        )
        for i, d in enumerate(delegates):
            services.speech_add(session=session, delegate=d, spoken_on=DAY1, summary=f"Ý kiến {i}")
            services.session_document_add(session=session, title=f"Công khai {i}", public=True)
            make_submission(session, world.agency, title=f"Hồ sơ {i}")
        for group in groups:
            services.group_discussion_add(session=session, group=group, held_on=DAY1, notes="Ghi chép")

    pages = [
        (office, reverse("plenary:session_detail", args=[session.pk])),
        (office, reverse("plenary:attendance", args=[session.pk])),
        (anonymous, reverse("plenary:public_session", args=[world.council.pk, session.pk])),
        (anonymous, reverse("plenary:public_index", args=[world.council.pk])),
        (agency, reverse("plenary:agency_submissions")),
    ]
    baselines = []
    for client, url in pages:
        baselines.append(count_queries(lambda c=client, u=url: c.get(u))[0])
    grow()
    for (client, url), baseline in zip(pages, baselines, strict=True):
        with django_assert_num_queries(baseline):
            client.get(url)
    assert_constant_queries(
        lambda: office.get(reverse("plenary:group_discussion_detail", args=[recorded[2].pk])),
        lambda: services.group_discussion_add(session=session, group=groups[0], held_on=DAY2, notes="Thêm"),
        django_assert_num_queries,
    )
