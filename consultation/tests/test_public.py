"""The public side: pending and refused comments are never shown; a commenter's name and phone appear on no
public page, public API answer, office API answer or report; the rate limit answers 429 in Vietnamese; the
honeypot saves nothing; after the period no comment is taken."""

import datetime

import pytest
from django.test import override_settings

from consultation import services
from consultation.models import Consultation, Moderation, Opinion
from consultation.tests.conftest import make
from hdnd import dates

NAME = "Phạm Thị Riêng Tư Bảy"
PHONE = "0987 654 321"


def _comment(c: Consultation, text: str, approve: bool | None) -> Opinion:
    opinion = services.public_comment(consultation=c, text=text, article=1, name=NAME, contact=PHONE)
    if approve is not None:
        services.opinion_moderate(opinion=opinion, approve=approve, reason="" if approve else "Lạc đề.", user=None)
    return opinion


def test_only_approved_comments_are_shown_and_no_one_is_named(
    world: object, open_consultation: object, as_user: object
) -> None:
    c = open_consultation
    _comment(c, "Góp ý đã được duyệt đăng.", True)
    _comment(c, "Góp ý còn chờ duyệt.", None)
    _comment(c, "Góp ý không được đăng.", False)
    public, office = as_user(None), as_user("office")
    texts = [
        public.get(f"/y-kien-du-thao/{world.council.pk}/").content.decode(),
        public.get(f"/y-kien-du-thao/{world.council.pk}/{c.pk}/").content.decode(),
        public.get(f"/api/v1/public/councils/{world.council.pk}/consultations").content.decode(),
        public.get(f"/api/v1/public/councils/{world.council.pk}/consultations/{c.pk}").json().__repr__(),
    ]
    assert "Góp ý đã được duyệt đăng." in texts[1] and "Góp ý đã được duyệt đăng." in texts[3]
    for text in texts:
        assert "Góp ý còn chờ duyệt." not in text and "Góp ý không được đăng." not in text
    office_texts = [
        office.get(f"/y-kien-du-thao/du-thao/{c.pk}/").content.decode(),
        office.get(f"/api/v1/councils/{world.council.pk}/consultations/{c.pk}").json().__repr__(),
        office.get(f"/api/v1/councils/{world.council.pk}/consultations").json().__repr__(),
    ]
    assert "Góp ý còn chờ duyệt." in office_texts[0]  # the office moderates it
    services.consultation_close(consultation=c, user=None)
    report = services.report_draft(consultation=c, signer_title="Phó Chủ tịch", signer_name="Nguyễn Văn A", user=None)
    for text in texts + office_texts + [report.body]:
        assert NAME not in text and PHONE not in text and "0987" not in text
    assert "Góp ý đã được duyệt đăng." in report.body and "Góp ý còn chờ duyệt." not in report.body


def test_an_unpublished_draft_does_not_exist_for_the_public(world: object, min_days: None, as_user: object) -> None:
    draft = make(world, publish=False)
    public = as_user(None)
    assert public.get(f"/y-kien-du-thao/{world.council.pk}/{draft.pk}/").status_code == 404
    assert public.get(f"/api/v1/public/councils/{world.council.pk}/consultations/{draft.pk}").status_code == 404
    assert public.get(f"/y-kien-du-thao/{world.other_council.pk}/").status_code == 200
    assert public.get("/y-kien-du-thao/999999/").status_code == 404
    assert draft.title not in public.get(f"/y-kien-du-thao/{world.council.pk}/").content.decode()
    response = public.post(f"/y-kien-du-thao/{world.council.pk}/{draft.pk}/gop-y/", {"article": "0", "text": "x"})
    assert response.status_code == 404 and not Opinion.objects.exists()


@override_settings(HDND_COMMENT_RATE_COUNT=3)
def test_the_rate_limit_answers_429_in_vietnamese(world: object, open_consultation: object, as_user: object) -> None:
    public = as_user(None)
    url = f"/y-kien-du-thao/{world.council.pk}/{open_consultation.pk}/gop-y/"
    for i in range(3):
        assert public.post(url, {"article": "0", "text": f"Góp ý số {i}"}).status_code == 200
    response = public.post(url, {"article": "0", "text": "Góp ý thứ tư"})
    assert response.status_code == 429 and "quá nhiều góp ý" in response.content.decode()
    api = public.post(
        f"/api/v1/public/councils/{world.council.pk}/consultations/{open_consultation.pk}/comments",
        {"text": "Qua API"},
        content_type="application/json",
    )
    assert api.status_code == 429 and "quá nhiều góp ý" in api.json()["detail"]
    assert Opinion.objects.count() == 3


def test_the_honeypot_and_bad_comments_save_nothing(world: object, open_consultation: object, as_user: object) -> None:
    public = as_user(None)
    url = f"/y-kien-du-thao/{world.council.pk}/{open_consultation.pk}/gop-y/"
    assert public.post(url, {"article": "0", "text": "Quảng cáo", "website": "http://spam"}).status_code == 200
    response = public.post(url, {"article": "0", "text": "   "})
    assert response.status_code == 400 and "Trường này là bắt buộc." in response.content.decode()
    response = public.post(url, {"article": "42", "text": "Về điều không có"})
    assert response.status_code == 400 and "Hãy chọn một lựa chọn hợp lệ." in response.content.decode()
    api = public.post(
        f"/api/v1/public/councils/{world.council.pk}/consultations/{open_consultation.pk}/comments",
        {"text": "Về điều không có", "article": 42},
        content_type="application/json",
    )
    assert api.status_code == 400 and "Dự thảo không có Điều 42." in api.json()["detail"]
    assert not Opinion.objects.exists()


def test_no_comment_after_the_period(world: object, open_consultation: object, as_user: object) -> None:
    services.consultation_close(consultation=open_consultation, user=world.users["office"])
    public = as_user(None)
    page = public.get(f"/y-kien-du-thao/{world.council.pk}/{open_consultation.pk}/").content.decode()
    assert 'name="website"' not in page and "Đã hết thời gian lấy ý kiến" in page
    response = public.post(
        f"/y-kien-du-thao/{world.council.pk}/{open_consultation.pk}/gop-y/", {"article": "0", "text": "Muộn"}
    )
    assert response.status_code == 400 and services.CLOSED in response.content.decode()
    api = public.post(
        f"/api/v1/public/councils/{world.council.pk}/consultations/{open_consultation.pk}/comments",
        {"text": "Muộn"},
        content_type="application/json",
    )
    assert api.status_code == 400 and api.json()["detail"] == services.CLOSED
    assert not Opinion.objects.exists()
    listing = public.get(f"/y-kien-du-thao/{world.council.pk}/").content.decode()
    assert listing.index("Đã kết thúc") < listing.index(open_consultation.title)


def test_a_consultation_past_its_close_date_is_closed(world: object, min_days: None) -> None:
    c = make(world)
    later = dates.today() + datetime.timedelta(days=31)
    assert services.phase(c, later) == "da_dong"
    assert services.phase(c, c.closes_on) == "dang_mo"


def test_moderation_needs_a_reason_to_refuse_and_bodies_are_not_moderated(
    world: object, open_consultation: object, as_user: object
) -> None:
    opinion = _comment(open_consultation, "Chờ duyệt", None)
    office = as_user("office")
    response = office.post(f"/y-kien-du-thao/y-kien/{opinion.pk}/kiem-duyet/", {"decision": "khong_dang"}, follow=True)
    assert "Vui lòng ghi lý do không đăng ý kiến." in response.content.decode()
    opinion.refresh_from_db()
    assert opinion.status == Moderation.PENDING
    services.invitation_add(consultation=open_consultation, bodies=[world.agency], user=None)
    [body_opinion] = services.body_opinions_submit(
        consultation=open_consultation, body=world.agency, items=[services.OpinionIn(1, "Ý kiến cơ quan")], user=None
    )
    api = office.post(
        f"/api/v1/councils/{world.council.pk}/consultation-opinions/{body_opinion.pk}/moderate",
        {"approve": False, "reason": "x"},
        content_type="application/json",
    )
    assert api.status_code == 400 and "không cần duyệt" in api.json()["detail"]
    with pytest.raises(Exception, match="lý do"):
        services.opinion_moderate(opinion=opinion, approve=False, user=None)
