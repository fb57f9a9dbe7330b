"""A consultation from draft to synthesis report, through the screens a user clicks: the office creates and
publishes, invites a body (which owes its opinion as an obligation), the body answers on its screen, the
public comments, the office moderates, answers per article, closes and generates the report, which is read
back from its DOCX and checked against ND30, then issued like any document."""

import datetime
import io

import docx
import pytest

from consultation import services
from consultation.models import Article, Consultation, Moderation, Opinion, Response
from consultation.tests.conftest import DRAFT
from documents.checker import assert_nd30
from documents.models import DocType, State
from documents.services import document_issue, document_preview_docx
from followup.models import Obligation
from followup.models import State as ObligationState
from hdnd import dates

COMMENTER = "Lê Thị Hoa Mười Ba"
PHONE = "0912 345 678"


def test_from_draft_to_synthesis_report(world: object, min_days: None, as_user: object) -> None:
    office, agency, public = as_user("office"), as_user("agency"), as_user(None)
    today = dates.today()
    response = office.post(
        "/y-kien-du-thao/moi/",
        {
            "title": "Nghị quyết quy định mức hỗ trợ cán bộ tiếp công dân",
            "opens_on": today.strftime("%d/%m/%Y"),
            "closes_on": (today + datetime.timedelta(days=25)).strftime("%d/%m/%Y"),
            "text": DRAFT,
        },
    )
    consultation = Consultation.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/y-kien-du-thao/du-thao/{consultation.pk}/"
    assert list(Article.objects.filter(version__consultation=consultation).values_list("number", flat=True)) == [
        0,
        1,
        2,
        3,
    ]
    assert office.post(f"/y-kien-du-thao/du-thao/{consultation.pk}/dang-tai/").status_code == 302
    consultation.refresh_from_db()
    assert consultation.published_on == today

    office.post(
        f"/y-kien-du-thao/du-thao/{consultation.pk}/moi-co-quan/", {"bodies": [world.agency.pk, world.other_agency.pk]}
    )
    obligations = Obligation.objects.filter(kind=services.OBLIGATION_KIND).order_by("owner__name")
    assert [(o.owner, o.due_on) for o in obligations] == [
        (world.other_agency, consultation.closes_on),
        (world.agency, consultation.closes_on),
    ]

    page = agency.get(f"/y-kien-du-thao/co-quan/{consultation.pk}/")
    assert page.status_code == 200 and "Điều 3. Mức hỗ trợ" in page.content.decode()
    response = agency.post(
        f"/y-kien-du-thao/co-quan/{consultation.pk}/gui/",
        {"article_3": "Đề nghị nâng mức hỗ trợ lên 150.000 đồng.", "article_0": "Thống nhất về bố cục."},
    )
    assert response.status_code == 302
    mine = Obligation.objects.get(owner=world.agency, kind=services.OBLIGATION_KIND)
    assert mine.state == ObligationState.REPORTED_DONE
    assert (
        Obligation.objects.get(owner=world.other_agency, kind=services.OBLIGATION_KIND).state
        == ObligationState.ASSIGNED
    )

    url = f"/y-kien-du-thao/{world.council.pk}/{consultation.pk}/"
    form = public.get(url).content.decode()
    assert "không bao giờ được công khai" in form and 'name="website"' in form
    response = public.post(
        url + "gop-y/",
        {
            "article": "2",
            "text": "Nên hỗ trợ cả cán bộ ở xã, phường.",
            "name": COMMENTER,
            "contact": PHONE,
            "website": "",
        },
    )
    assert response.status_code == 200 and "Cảm ơn" in response.content.decode()
    comment = Opinion.objects.get(origin="cong_chung")
    assert comment.status == Moderation.PENDING and comment.name == COMMENTER

    office.post(f"/y-kien-du-thao/y-kien/{comment.pk}/kiem-duyet/", {"decision": "dang"})
    comment.refresh_from_db()
    assert comment.status == Moderation.APPROVED
    office.post(
        f"/y-kien-du-thao/du-thao/{consultation.pk}/tiep-thu-giai-trinh/",
        {"article": "3", "kind": "tiep_thu", "text": "Tiếp thu, nâng mức hỗ trợ lên 150.000 đồng."},
    )
    office.post(
        f"/y-kien-du-thao/du-thao/{consultation.pk}/tiep-thu-giai-trinh/",
        {"article": "2", "kind": "giai_trinh", "text": "Cán bộ xã, phường đã có chế độ riêng."},
    )
    assert Response.objects.filter(consultation=consultation).count() == 2
    detail = office.get(f"/y-kien-du-thao/du-thao/{consultation.pk}/").content.decode()
    assert "Đề nghị nâng mức hỗ trợ lên 150.000 đồng." in detail and COMMENTER not in detail and PHONE not in detail

    office.post(f"/y-kien-du-thao/du-thao/{consultation.pk}/ket-thuc/")
    response = office.post(
        f"/y-kien-du-thao/du-thao/{consultation.pk}/bao-cao-tong-hop/",
        {"signer_authority": "TM.", "signer_title": "Phó Chủ tịch", "signer_name": "Nguyễn Thị Kiều"},
    )
    consultation.refresh_from_db()
    report = consultation.report
    assert response.status_code == 302 and response["Location"] == f"/van-ban/{report.pk}/"
    assert report.doc_type == DocType.BAO_CAO and report.source == consultation

    content = document_preview_docx(report)
    assert_nd30(content)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
    assert "BÁO CÁO" in text
    assert "Tổng hợp, tiếp thu, giải trình ý kiến góp ý dự thảo" in text
    assert "Có 01/02 cơ quan được lấy ý kiến gửi góp ý với 02 ý kiến" in text
    assert "Các cơ quan chưa gửi ý kiến: Phòng Nội vụ." in text
    assert (
        "Điều 3. Mức hỗ trợ" in text and "Có 01 ý kiến, đều của cơ quan được lấy ý kiến." in text and " 00 " not in text
    )
    assert "Phòng Tài chính - Kế hoạch: Đề nghị nâng mức hỗ trợ lên 150.000 đồng." in text
    assert "Tiếp thu: Tiếp thu, nâng mức hỗ trợ lên 150.000 đồng." in text
    assert "Ý kiến của tổ chức, cá nhân: Nên hỗ trợ cả cán bộ ở xã, phường." in text
    assert "Giải trình: Cán bộ xã, phường đã có chế độ riêng." in text
    assert COMMENTER not in text and PHONE not in text

    assert office.get(f"/van-ban/{report.pk}/").status_code == 200  # previewed and issued like other documents
    issued = document_issue(document=report, user=world.users["office"], issued_on=today)
    assert issued.state == State.ISSUED and "/BC-" in issued.number_symbol
    assert_nd30(document_preview_docx(issued))
    with pytest.raises(Exception, match="đã ban hành"):
        services.response_set(
            consultation=consultation, article=3, kind="tiep_thu", text="Sửa sau khi ban hành.", user=None
        )


def test_closing_early_brings_the_invited_bodies_deadline_to_that_day(world: object) -> None:
    import datetime

    from consultation import services
    from consultation.models import Consultation
    from hdnd import dates

    today = dates.today()
    c = Consultation.objects.filter(council=world.council).first()
    if c is None:
        from registry.services import setting_set

        setting_set(council=world.council, key=services.MIN_DAYS_RULE, value=20, decision="Quy chế (thử)")
        c = services.consultation_create(
            council=world.council,
            title="Nghị quyết thử đóng sớm",
            opens_on=today,
            closes_on=today + datetime.timedelta(days=40),
            text="Điều 1. Phạm vi\\nNội dung.",
            user=None,
        )
    if c.published_on is None:
        services.consultation_publish(consultation=c, user=None)
    (invitation,) = services.invitation_add(consultation=c, bodies=[world.agency], user=None)
    assert invitation.obligation.due_on == c.closes_on
    services.consultation_close(consultation=c, user=None)
    invitation.obligation.refresh_from_db()
    assert invitation.obligation.due_on == today
    c.refresh_from_db()
    assert services.phase(c, today=c.closes_on) == "da_dong"
    c.refresh_from_db()
    c.closed_on = None
    assert services.phase(c, today=c.closes_on) == "dang_mo"
    assert services.phase(c, today=c.closes_on + datetime.timedelta(days=1)) == "da_dong"


def test_closing_early_is_recorded_as_bringing_the_deadline_forward(
    world: object, open_consultation: Consultation, as_user: object
) -> None:
    """The office closes on the screen before the close date: the body that has not answered sees, on its
    obligation's page, the step “Rút ngắn hạn” with the day the consultation closed, not a recomputation."""
    from followup.models import Action

    c = open_consultation
    (invitation,) = services.invitation_add(consultation=c, bodies=[world.agency], user=world.users["office"])
    office = as_user("office")
    assert office.post(f"/y-kien-du-thao/du-thao/{c.pk}/ket-thuc/").status_code == 302
    obligation = Obligation.objects.get(pk=invitation.obligation_id)
    today = dates.today()
    last = obligation.updates.order_by("-pk").first()
    assert obligation.due_on == today and last.action == Action.BRING_FORWARD
    assert last.text == (
        f"Rút ngắn hạn từ {dates.format_date(c.closes_on)} còn {dates.format_date(today)}: "
        f"Đóng lấy ý kiến sớm ngày {dates.format_date(today)}."
    )
    page = office.get(f"/theo-doi/{obligation.pk}/").content.decode()
    assert "<td>Rút ngắn hạn</td>" in page and "Đóng lấy ý kiến sớm ngày" in page
    assert "Tính lại hạn theo lịch làm việc" not in page and "rut_ngan_han" not in page


def test_closing_on_the_close_date_leaves_the_deadline(world: object, min_days: None) -> None:
    """Recording the end on the close date itself is not closing early: the deadline already is that day."""
    from followup.models import Action

    c = services.consultation_create(
        council=world.council,
        title="Dự thảo kết thúc đúng hạn",
        opens_on=dates.today() - datetime.timedelta(days=30),
        closes_on=dates.today(),
        text=DRAFT,
        user=None,
    )
    c = services.consultation_publish(consultation=c, user=None)
    (invitation,) = services.invitation_add(consultation=c, bodies=[world.agency], user=None)
    services.consultation_close(consultation=c, user=None)
    obligation = Obligation.objects.get(pk=invitation.obligation_id)
    assert obligation.due_on == c.closes_on
    assert not obligation.updates.filter(action=Action.BRING_FORWARD).exists()
