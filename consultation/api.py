"""Consultation routes of /api/v1/: the office's, the invited body's and the public's, through the same
services and selectors as the screens. No answer carries a commenter's name or contact."""

from django.http import Http404, HttpRequest
from ninja import File, Form, Router, Status, UploadedFile

from consultation import drafting, ratelimit, selectors, services
from consultation.access import EDIT, VIEW
from consultation.models import Consultation, DraftVersion
from consultation.schemas import (
    ConsultationBodyOpinionsIn,
    ConsultationCommentIn,
    ConsultationDetailOut,
    ConsultationDiffOut,
    ConsultationDocumentOut,
    ConsultationIn,
    ConsultationInvitationOut,
    ConsultationInvitedOut,
    ConsultationInviteIn,
    ConsultationListOut,
    ConsultationModerateIn,
    ConsultationOpinionReceivedOut,
    ConsultationOut,
    ConsultationPublicDetailOut,
    ConsultationPublicOut,
    ConsultationReportIn,
    ConsultationResponseIn,
    ConsultationResponseOut,
    ConsultationUpdateIn,
    ConsultationVersionIn,
    ConsultationVersionOut,
)
from registry.access import council_for_api, councils_for
from registry.models import Body, Council
from registry.selectors import all_in_council, in_council, public_council_get

router = Router(tags=["Lấy ý kiến dự thảo"])


def _out(c: Consultation) -> dict:
    current = services.phase(c)
    return {
        "id": c.pk,
        "title": c.title,
        "summary": c.summary,
        "opens_on": c.opens_on,
        "closes_on": c.closes_on,
        "published_on": c.published_on,
        "closed_on": c.closed_on,
        "phase": current,
        "phase_label": services.PHASE_LABELS[current],
        "submission_id": c.submission_id,
        "report_id": c.report_id,
    }


def _version_out(v: DraftVersion) -> dict:
    return {
        "number": v.number,
        "note": v.note,
        "created_at": v.created_at,
        "articles": [{"number": a.number, "heading": a.heading, "text": a.text} for a in v.articles.all()],
    }


def _opinion_out(o: object) -> dict:
    return {
        "id": o.pk,
        "article": o.article,
        "origin": o.origin,
        "body_id": o.body_id,
        "body_name": o.body.name if o.body_id else "",
        "text": o.text,
        "status": o.status,
        "reject_reason": o.reject_reason,
        "created_at": o.created_at,
    }


def _response_out(r: object) -> dict:
    return {"article": r.article, "kind": r.kind, "kind_label": r.get_kind_display(), "text": r.text}


def _detail(c: Consultation) -> dict:
    groups = selectors.opinions_by_article(c, approved_only=False)
    invitations = c.invitations.select_related("body", "obligation").order_by("body__name")
    return {
        **_out(c),
        "versions": [_version_out(v) for v in selectors.versions(c)],
        "invitations": [
            {
                "body_id": i.body_id,
                "body_name": i.body.name,
                "obligation_id": i.obligation_id,
                "due_on": i.obligation.due_on if i.obligation else None,
                "state": i.obligation.state if i.obligation else "",
            }
            for i in invitations
        ],
        "groups": [
            {
                "article": g.number,
                "heading": g.heading or "Góp ý chung về dự thảo",
                "removed": g.removed,
                "opinions": [_opinion_out(o) for o in g.opinions],
                "response": _response_out(g.response) if g.response else None,
            }
            for g in groups
        ],
    }


@router.get(
    "/councils/{council_id}/consultations",
    response=list[ConsultationListOut],
    url_name="consultation_list",
    summary="Danh sách đợt lấy ý kiến dự thảo",
)
def consultation_list(request: HttpRequest, council_id: int) -> list[dict]:
    """Các đợt lấy ý kiến dự thảo của Hội đồng (mới nhất trước), kèm số ý kiến và số góp ý chờ duyệt."""
    council = council_for_api(request.user, council_id, VIEW)
    return [
        {
            **_out(c),
            "opinion_count": c.opinion_count,
            "pending_count": c.pending_count,
            "invitation_count": c.invitation_count,
        }
        for c in selectors.consultation_list(council=council)[:500]
    ]


@router.post(
    "/councils/{council_id}/consultations",
    response={201: ConsultationOut},
    url_name="consultation_create",
    summary="Tạo đợt lấy ý kiến dự thảo",
)
def consultation_create(request: HttpRequest, council_id: int, payload: ConsultationIn) -> Status:
    """Tạo đợt lấy ý kiến (chưa đăng tải); thời gian lấy ý kiến phải đủ số ngày tối thiểu Hội đồng quy định.
    Có `text` thì thêm luôn phiên bản 1 (mỗi điều bắt đầu một dòng bằng “Điều N.”)."""
    council = council_for_api(request.user, council_id, EDIT)
    submission = None
    if payload.submission_id is not None:
        from plenary.models import Submission

        submission = in_council(
            Submission, payload.submission_id, field="submission_id", label="hồ sơ trình", session__council=council
        )
    consultation = services.consultation_create(
        council=council,
        title=payload.title,
        summary=payload.summary,
        opens_on=payload.opens_on,
        closes_on=payload.closes_on,
        submission=submission,
        text=payload.text,
        user=request.user,
    )
    return Status(201, _out(consultation))


def _office(request: HttpRequest, council_id: int, pk: int, perm: str) -> Consultation:
    council = council_for_api(request.user, council_id, perm)
    return selectors.consultation_get(council=council, pk=pk)


@router.get(
    "/councils/{council_id}/consultations/{consultation_id}",
    response=ConsultationDetailOut,
    url_name="consultation_detail",
    summary="Chi tiết đợt lấy ý kiến",
)
def consultation_detail(request: HttpRequest, council_id: int, consultation_id: int) -> dict:
    """Đợt lấy ý kiến với các phiên bản, cơ quan được mời và ý kiến theo từng điều (không kèm họ tên, liên hệ
    của người góp ý)."""
    return _detail(_office(request, council_id, consultation_id, VIEW))


@router.put(
    "/councils/{council_id}/consultations/{consultation_id}",
    response=ConsultationOut,
    url_name="consultation_edit",
    summary="Sửa tên, thời gian lấy ý kiến",
)
def consultation_edit(
    request: HttpRequest, council_id: int, consultation_id: int, payload: ConsultationUpdateIn
) -> dict:
    """Sửa tên, giới thiệu, thời gian; khi đã đăng tải chỉ được kéo dài thời gian lấy ý kiến."""
    consultation = _office(request, council_id, consultation_id, EDIT)
    return _out(services.consultation_update(consultation=consultation, user=request.user, **payload.dict()))


@router.post(
    "/councils/{council_id}/consultations/{consultation_id}/versions",
    response={201: ConsultationVersionOut},
    url_name="consultation_version_add",
    summary="Thêm phiên bản dự thảo (toàn văn)",
)
def consultation_version_add(
    request: HttpRequest, council_id: int, consultation_id: int, payload: ConsultationVersionIn
) -> Status:
    """Thêm phiên bản mới từ toàn văn; các phiên bản trước được giữ nguyên."""
    consultation = _office(request, council_id, consultation_id, EDIT)
    version = services.version_add(consultation=consultation, text=payload.text, note=payload.note, user=request.user)
    return Status(201, _version_out(version))


@router.post(
    "/councils/{council_id}/consultations/{consultation_id}/versions/docx",
    response={201: ConsultationVersionOut},
    url_name="consultation_version_docx",
    summary="Thêm phiên bản dự thảo từ tệp Word",
)
def consultation_version_docx(
    request: HttpRequest,
    council_id: int,
    consultation_id: int,
    file: File[UploadedFile],
    note: Form[str] = "",
) -> Status:
    """Thêm phiên bản mới đọc từ tệp .docx (các đoạn văn, tách theo “Điều N.”)."""
    consultation = _office(request, council_id, consultation_id, EDIT)
    version = services.version_add_docx(
        consultation=consultation, content=file.read(), file_name=file.name or "", note=note[:500], user=request.user
    )
    return Status(201, _version_out(version))


@router.get(
    "/councils/{council_id}/consultations/{consultation_id}/changes",
    response=list[ConsultationDiffOut],
    url_name="consultation_versions",
    summary="So sánh hai phiên bản dự thảo",
)
def consultation_versions(
    request: HttpRequest, council_id: int, consultation_id: int, tu: int | None = None, den: int | None = None
) -> list[dict]:
    """Thay đổi theo từng điều giữa phiên bản `tu` và `den` (mặc định: hai phiên bản cuối)."""
    return _changes(selectors.versions(_office(request, council_id, consultation_id, VIEW)), tu, den)


def _changes(rows: list[DraftVersion], old: int | None, new: int | None) -> list[dict]:
    if len(rows) < 2:
        return []
    by_number = {v.number: v for v in rows}
    new = new if new in by_number else rows[-1].number
    old = old if old in by_number else (new - 1 if new - 1 in by_number else rows[0].number)
    diff = drafting.compare(list(by_number[old].articles.all()), list(by_number[new].articles.all()))
    return [
        {"number": d.number, "heading": d.heading, "change": d.change, "pieces": [p.__dict__ for p in d.pieces]}
        for d in diff
    ]


@router.post(
    "/councils/{council_id}/consultations/{consultation_id}/publish",
    response=ConsultationOut,
    url_name="consultation_publish",
    summary="Đăng tải dự thảo để lấy ý kiến",
)
def consultation_publish(request: HttpRequest, council_id: int, consultation_id: int) -> dict:
    """Đăng tải dự thảo lên trang công khai; thời gian lấy ý kiến được kiểm tra lại theo quy định."""
    consultation = _office(request, council_id, consultation_id, EDIT)
    return _out(services.consultation_publish(consultation=consultation, user=request.user))


@router.post(
    "/councils/{council_id}/consultations/{consultation_id}/close",
    response=ConsultationOut,
    url_name="consultation_close",
    summary="Kết thúc lấy ý kiến",
)
def consultation_close(request: HttpRequest, council_id: int, consultation_id: int) -> dict:
    """Kết thúc lấy ý kiến ngay hôm nay; sau đó không nhận thêm ý kiến."""
    consultation = _office(request, council_id, consultation_id, EDIT)
    return _out(services.consultation_close(consultation=consultation, user=request.user))


@router.post(
    "/councils/{council_id}/consultations/{consultation_id}/invitations",
    response={201: list[ConsultationInvitationOut]},
    url_name="consultation_invite",
    summary="Mời cơ quan góp ý dự thảo",
)
def consultation_invite(
    request: HttpRequest, council_id: int, consultation_id: int, payload: ConsultationInviteIn
) -> Status:
    """Mời các cơ quan góp ý; mỗi cơ quan có việc theo dõi phải gửi ý kiến trước ngày kết thúc."""
    consultation = _office(request, council_id, consultation_id, EDIT)
    bodies = all_in_council(
        Body, payload.body_ids, field="body_ids", label="cơ quan", council_id=consultation.council_id
    )
    invitations = services.invitation_add(consultation=consultation, bodies=bodies, user=request.user)
    return Status(
        201,
        [
            {
                "body_id": i.body_id,
                "body_name": i.body.name,
                "obligation_id": i.obligation_id,
                "due_on": i.obligation.due_on,
                "state": i.obligation.state,
            }
            for i in invitations
        ],
    )


@router.post(
    "/councils/{council_id}/consultation-opinions/{opinion_id}/moderate",
    response=ConsultationOpinionReceivedOut,
    url_name="consultation_moderate",
    summary="Kiểm duyệt góp ý",
)
def consultation_moderate(
    request: HttpRequest, council_id: int, opinion_id: int, payload: ConsultationModerateIn
) -> dict:
    """Đăng (`approve: true`) hoặc không đăng một góp ý của tổ chức, cá nhân (kèm lý do)."""
    council = council_for_api(request.user, council_id, EDIT)
    opinion = selectors.opinion_get(council=council, pk=opinion_id)
    opinion = services.opinion_moderate(
        opinion=opinion, approve=payload.approve, reason=payload.reason, user=request.user
    )
    return {
        "id": opinion.pk,
        "article": opinion.article,
        "status": opinion.status,
        "message": opinion.get_status_display(),
    }


@router.post(
    "/councils/{council_id}/consultations/{consultation_id}/responses",
    response=ConsultationResponseOut,
    url_name="consultation_respond",
    summary="Tiếp thu, giải trình ý kiến của một điều",
)
def consultation_respond(
    request: HttpRequest, council_id: int, consultation_id: int, payload: ConsultationResponseIn
) -> dict:
    """Ghi (hoặc sửa) tiếp thu hay giải trình ý kiến về một điều (`article`: 0 là góp ý chung)."""
    consultation = _office(request, council_id, consultation_id, EDIT)
    response = services.response_set(consultation=consultation, user=request.user, **payload.dict())
    return _response_out(response)


@router.post(
    "/councils/{council_id}/consultations/{consultation_id}/report",
    response=ConsultationDocumentOut,
    url_name="consultation_report",
    summary="Lập báo cáo tổng hợp, tiếp thu, giải trình ý kiến",
)
def consultation_report(
    request: HttpRequest, council_id: int, consultation_id: int, payload: ConsultationReportIn
) -> dict:
    """Lập (hoặc lập lại khi còn là dự thảo) báo cáo tổng hợp từ các ý kiến và tiếp thu, giải trình; xem trước
    và ban hành qua các đường dẫn văn bản."""
    consultation = _office(request, council_id, consultation_id, EDIT)
    document = services.report_draft(consultation=consultation, user=request.user, **payload.dict())
    return {"id": document.pk, "subject": document.subject, "state": document.state}


# The invited body's routes.


def _member_council(request: HttpRequest, council_id: int) -> Council:
    council = councils_for(request.user).filter(pk=council_id).first()
    if council is None:
        raise Http404("Không tìm thấy Hội đồng.")
    return council


@router.get(
    "/councils/{council_id}/consultation-invitations",
    response=list[ConsultationInvitedOut],
    url_name="consultation_body_list",
    summary="Dự thảo cơ quan được lấy ý kiến",
)
def consultation_body_list(request: HttpRequest, council_id: int) -> list[dict]:
    """Các dự thảo đã đăng tải mà cơ quan của người dùng được mời góp ý."""
    council = _member_council(request, council_id)
    return [
        {
            "consultation_id": i.consultation_id,
            "title": i.consultation.title,
            "body_id": i.body_id,
            "body_name": i.body.name,
            "closes_on": i.consultation.closes_on,
            "phase": services.phase(i.consultation),
            "obligation_state": i.obligation.state if i.obligation else "",
        }
        for i in selectors.invited_consultations(request.user, council)[:500]
    ]


@router.post(
    "/councils/{council_id}/consultations/{consultation_id}/body-opinions",
    response={201: list[ConsultationOpinionReceivedOut]},
    url_name="consultation_body_submit",
    summary="Cơ quan gửi ý kiến góp ý dự thảo",
)
def consultation_body_submit(
    request: HttpRequest, council_id: int, consultation_id: int, payload: ConsultationBodyOpinionsIn
) -> Status:
    """Cơ quan được mời gửi ý kiến theo từng điều (`article`: 0 là góp ý chung), hoặc `agreed: true` khi thống
    nhất với dự thảo; việc theo dõi của cơ quan được báo cáo hoàn thành."""
    council = _member_council(request, council_id)
    invitations = list(selectors.invited_consultations(request.user, council).filter(consultation_id=consultation_id))
    if payload.body_id is not None:
        in_council(Body, payload.body_id, field="body_id", label="cơ quan", council=council)
        invitations = [i for i in invitations if i.body_id == payload.body_id]
    if not invitations:
        raise Http404("Không tìm thấy dự thảo được lấy ý kiến.")
    invitation = invitations[0]
    items = [services.OpinionIn(i.article, i.text) for i in payload.items]
    opinions = services.body_opinions_submit(
        consultation=invitation.consultation,
        body=invitation.body,
        items=items,
        agreed=payload.agreed,
        user=request.user,
    )
    return Status(
        201,
        [{"id": o.pk, "article": o.article, "status": o.status, "message": "Đã ghi nhận ý kiến."} for o in opinions],
    )


# Public routes: no login; published consultations, approved comments, nothing personal.


def _public_out(c: Consultation) -> dict:
    current = services.phase(c)
    return {
        "id": c.pk,
        "title": c.title,
        "summary": c.summary,
        "opens_on": c.opens_on,
        "closes_on": c.closes_on,
        "closed_on": c.closed_on,
        "phase": current,
        "phase_label": services.PHASE_LABELS[current],
    }


@router.get(
    "/public/councils/{council_id}/consultations",
    response=list[ConsultationPublicOut],
    auth=None,
    url_name="consultation_public_list",
    summary="Công khai: dự thảo đang và đã lấy ý kiến",
)
def consultation_public_list(request: HttpRequest, council_id: int) -> list[dict]:
    """Các dự thảo đã đăng tải của Hội đồng, kèm số góp ý đã được đăng (không cần đăng nhập)."""
    council = public_council_get(council_id)
    return [{**_public_out(c), "shown_count": c.shown_count} for c in selectors.public_list(council=council)[:500]]


@router.get(
    "/public/councils/{council_id}/consultations/{consultation_id}",
    response=ConsultationPublicDetailOut,
    auth=None,
    url_name="consultation_public_detail",
    summary="Công khai: toàn văn dự thảo, thay đổi và góp ý đã đăng",
)
def consultation_public_detail(
    request: HttpRequest, council_id: int, consultation_id: int, tu: int | None = None, den: int | None = None
) -> dict:
    """Toàn văn phiên bản mới nhất theo từng điều, thay đổi so với phiên bản trước và các góp ý đã được đăng
    (chỉ nội dung; họ tên, liên hệ của người góp ý không bao giờ được công khai)."""
    consultation = selectors.public_get(council_id=council_id, pk=consultation_id)
    rows = selectors.versions(consultation)
    current = rows[-1] if rows else None
    return {
        **_public_out(consultation),
        "version": current.number if current else None,
        "articles": _version_out(current)["articles"] if current else [],
        "versions": [v.number for v in rows],
        "changes": _changes(rows, tu, den),
        "comments": [
            {"id": o.pk, "article": o.article, "text": o.text, "created_at": o.created_at}
            for o in selectors.public_comments(consultation)
        ],
    }


@router.post(
    "/public/councils/{council_id}/consultations/{consultation_id}/comments",
    response={202: ConsultationOpinionReceivedOut},
    auth=None,
    url_name="consultation_comment",
    summary="Công khai: gửi góp ý dự thảo",
)
def consultation_comment(
    request: HttpRequest, council_id: int, consultation_id: int, payload: ConsultationCommentIn
) -> Status:
    """Gửi góp ý (chờ kiểm duyệt trước khi đăng). Nội dung được đăng công khai sau kiểm duyệt; họ tên và liên hệ
    (không bắt buộc) không bao giờ được công khai. Giới hạn số góp ý mỗi máy trong một khoảng thời gian (429)."""
    from ninja.errors import HttpError

    consultation = selectors.public_get(council_id=council_id, pk=consultation_id)
    if services.phase(consultation) == "dang_mo" and not ratelimit.allow(request):
        raise HttpError(429, ratelimit.TOO_MANY)
    opinion = services.public_comment(
        consultation=consultation,
        text=payload.text,
        article=payload.article,
        name=payload.name,
        contact=payload.contact,
    )
    message = "Đã nhận góp ý; nội dung sẽ được đăng sau khi Văn phòng kiểm duyệt."
    return Status(202, {"id": opinion.pk, "article": opinion.article, "status": opinion.status, "message": message})
