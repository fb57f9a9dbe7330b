"""Demo consultations of the live council (HĐND phường Đức Phổ, dated from today; `hdnd.demo_live` calls
`seed`): one ended, with two versions, two invited bodies (one answered), public comments approved,
pending and refused, the office's answers and the synthesis report drafted; one open for the public to
try. The drafts and the opinions are invented; the seeds name no consultation. Idempotent."""

import datetime

from django.db import transaction
from django.utils import timezone

from consultation import services
from consultation.models import Consultation, DraftVersion, ResponseKind
from consultation.services import OpinionIn
from registry.models import Body, BodyKind, Council, LegalSetting
from registry.services import setting_set

D = datetime.date
TITLE = "Nghị quyết quy định mức hỗ trợ cán bộ làm công tác tiếp công dân trên địa bàn phường"
DRAFT_1 = """HỘI ĐỒNG NHÂN DÂN PHƯỜNG ĐỨC PHỔ
Căn cứ Luật Tổ chức chính quyền địa phương;
Điều 1. Phạm vi điều chỉnh
Nghị quyết này quy định mức hỗ trợ đối với cán bộ, công chức làm công tác tiếp công dân.
Điều 2. Đối tượng áp dụng
Cán bộ, công chức được giao nhiệm vụ tiếp công dân tại Trụ sở Tiếp công dân phường.
Điều 3. Mức hỗ trợ
Mức hỗ trợ 100.000 đồng/người/ngày tiếp công dân.
Điều 4. Tổ chức thực hiện
Giao Ủy ban nhân dân phường tổ chức thực hiện Nghị quyết này."""
DRAFT_2 = DRAFT_1.replace(
    "tại Trụ sở Tiếp công dân phường.", "tại Trụ sở Tiếp công dân phường và tại các tổ dân phố."
).replace("100.000 đồng", "150.000 đồng")

GUESTS_TITLE = "Nghị quyết quy định chế độ chi tiếp khách trong nước của phường"
DRAFT_GUESTS = """HỘI ĐỒNG NHÂN DÂN PHƯỜNG ĐỨC PHỔ
Căn cứ Luật Tổ chức chính quyền địa phương;
Căn cứ Luật Ngân sách nhà nước;
Điều 1. Phạm vi điều chỉnh
Nghị quyết này quy định chế độ chi tiếp khách trong nước đến làm việc tại phường.
Điều 2. Đối tượng áp dụng
Các cơ quan, đơn vị thuộc phường sử dụng ngân sách nhà nước để tiếp khách trong nước.
Điều 3. Mức chi
Chi mời cơm tiếp khách tối đa 300.000 đồng/suất; chi nước uống tối đa 30.000 đồng/người/ngày.
Điều 4. Tổ chức thực hiện
Giao Ủy ban nhân dân phường tổ chức thực hiện Nghị quyết này."""


def _posted_before_opening(consultation: Consultation) -> None:
    """A demo consultation opened in the past was posted, with its first version, a few days before
    opening (the services date both today, the day the demo is seeded)."""
    posted = consultation.opens_on - datetime.timedelta(days=3)
    Consultation.objects.filter(pk=consultation.pk).update(published_on=posted)
    moment = timezone.make_aware(datetime.datetime.combine(posted, datetime.time(8, 0)))
    DraftVersion.objects.filter(consultation=consultation, number=1).update(created_at=moment)


@transaction.atomic
def seed(council: Council, *, decision: str = "", signer: str = "") -> None:
    """The council's minimum period set by `decision` (the law gives none), then the two consultations; the
    people's committee and its first agency (in the live council, the demo's agency login's) are invited."""
    if Consultation.objects.filter(council=council).exists():
        return
    committee = list(Body.objects.filter(council=council, kind=BodyKind.PEOPLES_COMMITTEE).order_by("pk")[:1])
    bodies = (committee + list(Body.objects.filter(council=council, kind=BodyKind.AGENCY).order_by("pk")))[:2]
    if len(bodies) < 2:
        return
    if not LegalSetting.objects.filter(council=council, key=services.MIN_DAYS_RULE).exists():
        setting_set(council=council, key=services.MIN_DAYS_RULE, value=20, decision=decision)
    today = services.dates.today()
    # A consultation that has ended (closed today by the office), with its report drafted, and one open
    # today for the public to try.
    ended = services.consultation_create(
        council=council,
        title=TITLE,
        summary="Dự thảo do Ủy ban nhân dân phường chuẩn bị, trình kỳ họp thường lệ cuối năm.",
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today + datetime.timedelta(days=5),
        text=DRAFT_1,
        user=None,
    )
    services.consultation_publish(consultation=ended, user=None)
    _posted_before_opening(ended)
    services.invitation_add(consultation=ended, bodies=bodies, user=None)
    _record_opinions(ended, bodies[0])
    services.consultation_close(consultation=ended, user=None)
    services.version_add(consultation=ended, text=DRAFT_2, note="Tiếp thu ý kiến góp ý", user=None)
    services.response_set(
        consultation=ended,
        article=3,
        kind=ResponseKind.ACCEPTED,
        text="Tiếp thu, nâng mức hỗ trợ lên 150.000 đồng/người/ngày.",
        user=None,
    )
    services.response_set(
        consultation=ended,
        article=2,
        kind=ResponseKind.ACCEPTED,
        text="Tiếp thu, bổ sung cán bộ tiếp công dân tại các tổ dân phố.",
        user=None,
    )
    services.report_draft(
        consultation=ended, signer_title="Phó Chủ tịch", signer_name=signer or "Phó Chủ tịch HĐND", user=None
    )
    running = services.consultation_create(
        council=council,
        title=GUESTS_TITLE,
        opens_on=today - datetime.timedelta(days=2),
        closes_on=today + datetime.timedelta(days=25),
        text=DRAFT_GUESTS,
        user=None,
    )
    services.consultation_publish(consultation=running, user=None)
    _posted_before_opening(running)
    services.invitation_add(consultation=running, bodies=bodies[:1], user=None)


def _record_opinions(consultation: Consultation, body: Body) -> None:
    services.body_opinions_submit(
        consultation=consultation,
        body=body,
        items=[OpinionIn(3, "Đề nghị nâng mức hỗ trợ cho phù hợp mặt bằng giá hiện nay.")],
        user=None,
    )
    approved = services.public_comment(
        consultation=consultation,
        article=2,
        text="Nên hỗ trợ cả cán bộ tiếp công dân ở các tổ dân phố.",
        name="Trần Văn Bình",
    )
    services.opinion_moderate(opinion=approved, approve=True, user=None)
    refused = services.public_comment(consultation=consultation, text="Quảng cáo không liên quan.")
    services.opinion_moderate(opinion=refused, approve=False, reason="Không liên quan đến dự thảo.", user=None)
    services.public_comment(consultation=consultation, article=4, text="Cần quy định rõ thời gian thực hiện.")
