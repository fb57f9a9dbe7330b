"""Screens of consultations: the office's (list, page, versions, invitations, moderation, answers, report),
the invited body's, and the public pages (list, a draft by article with its changes and approved comments,
the comment form). No page ever shows a commenter's name or contact."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from consultation import drafting, ratelimit, selectors, services
from consultation.access import EDIT, VIEW
from consultation.forms import (
    BodyOpinionForm,
    CommentForm,
    ConsultationEditForm,
    ConsultationForm,
    InviteForm,
    ModerateForm,
    ReportForm,
    ResponseForm,
    VersionForm,
)
from consultation.models import Consultation, Invitation
from hdnd import dates
from hdnd.views import NOT_DONE, flash_errors, refuse_closed, run_action, run_form
from registry.access import has_perm, require
from registry.models import Council
from registry.selectors import public_council_get

PRIVACY_NOTICE = (
    "Nội dung góp ý được đăng công khai sau khi Văn phòng kiểm duyệt. Họ tên và thông tin liên hệ (nếu có) "
    "chỉ được lưu để Văn phòng liên hệ khi cần, không bao giờ được công khai, đưa vào báo cáo hay dữ liệu mở."
)


def _submissions(council: Council) -> list:
    from plenary.models import Submission, SubmissionKind

    return list(
        Submission.objects.filter(session__council=council, kind=SubmissionKind.DRAFT_RESOLUTION)
        .only("id", "title")
        .order_by("-pk")[:200]
    )


@login_required
def consultation_list(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    rows = list(selectors.consultation_list(council=council)[:200])
    for row in rows:
        row.phase_label = services.PHASE_LABELS[services.phase(row)]
    return render(
        request,
        "consultation/list.html",
        {"rows": rows, "can_edit": has_perm(request.user, council, EDIT), "council": council},
    )


@login_required
def create(request: HttpRequest) -> HttpResponse:
    council = require(request, EDIT)
    submissions = _submissions(council)
    form = ConsultationForm(request.POST or None, council=council, submissions=submissions)

    def action(d: dict) -> Consultation:
        submission = next((s for s in submissions if s.pk == d["submission"]), None)
        return services.consultation_create(
            council=council,
            title=d["title"],
            summary=d["summary"],
            opens_on=d["opens_on"],
            closes_on=d["closes_on"],
            submission=submission,
            text=d["text"],
            user=request.user,
        )

    consultation = run_form(request, form, action, "Đã tạo đợt lấy ý kiến dự thảo.")
    if consultation is not NOT_DONE:
        return redirect("consultation:detail", pk=consultation.pk)
    return render(request, "consultation/form.html", {"form": form, "title": "Lấy ý kiến dự thảo mới"})


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    consultation = selectors.consultation_get(council=council, pk=pk)
    if refused := refuse_closed(request, council, "consultation:detail", pk):
        return refused
    initial = {f: getattr(consultation, f) for f in ("title", "summary", "opens_on", "closes_on")}
    form = ConsultationEditForm(request.POST or None, initial=initial)
    done = run_form(
        request,
        form,
        lambda d: services.consultation_update(consultation=consultation, user=request.user, **d),
        "Đã lưu.",
    )
    if done is not NOT_DONE:
        return redirect("consultation:detail", pk=pk)
    return render(request, "consultation/form.html", {"form": form, "title": "Sửa đợt lấy ý kiến", "back": pk})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW)
    consultation = selectors.consultation_get(council=council, pk=pk)
    # A ceased council's consultation is read-only (`registry.services.council_accepts`): no step offered.
    can_edit = has_perm(request.user, council, EDIT) and council.open_on(dates.today())
    versions = selectors.versions(consultation)
    groups = selectors.opinions_by_article(consultation, approved_only=False)
    for group in groups:
        initial = {"article": group.number}
        if group.response is not None:
            initial.update(kind=group.response.kind, text=group.response.text)
        group.form = ResponseForm(initial=initial, auto_id=f"r{group.number}_%s") if can_edit else None
    return render(
        request,
        "consultation/detail.html",
        {
            "c": consultation,
            "phase": services.phase(consultation),
            "phase_label": services.PHASE_LABELS[services.phase(consultation)],
            "versions": versions,
            "groups": groups,
            "pending": selectors.pending_comments(consultation),
            "invitations": list(consultation.invitations.select_related("body", "obligation").order_by("body__name")),
            "can_edit": can_edit,
            "invite_form": InviteForm(council=council) if can_edit else None,
            "report_form": ReportForm() if can_edit else None,
            "moderate_form": ModerateForm(),
        },
    )


def _diff_context(versions: list, request: HttpRequest) -> dict:
    """The versions compared (?tu=&den=, by default the last two) and their article-level differences."""
    if len(versions) < 2:
        return {"diff": None}
    by_number = {v.number: v for v in versions}

    def pick(name: str, default: int) -> int:
        try:
            value = int(request.GET.get(name, default))
        except ValueError:
            return default
        return value if value in by_number else default

    new = pick("den", versions[-1].number)
    old = pick("tu", new - 1 if new - 1 in by_number else versions[0].number)
    diff = drafting.compare(list(by_number[old].articles.all()), list(by_number[new].articles.all()))
    return {"diff": diff, "diff_old": old, "diff_new": new}


@login_required
def versions(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW)
    consultation = selectors.consultation_get(council=council, pk=pk)
    rows = selectors.versions(consultation)
    return render(
        request, "consultation/versions.html", {"c": consultation, "versions": rows, **_diff_context(rows, request)}
    )


@login_required
def version_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    consultation = selectors.consultation_get(council=council, pk=pk)
    if refused := refuse_closed(request, council, "consultation:detail", pk):
        return refused
    form = VersionForm(request.POST or None, request.FILES or None)

    def action(d: dict) -> object:
        if d.get("file"):
            upload = d["file"]
            return services.version_add_docx(
                consultation=consultation,
                content=upload.read(),
                file_name=upload.name,
                note=d["note"],
                user=request.user,
            )
        return services.version_add(consultation=consultation, text=d["text"], note=d["note"], user=request.user)

    version = run_form(request, form, action, "Đã thêm phiên bản dự thảo.")
    if version is not NOT_DONE:
        return redirect("consultation:detail", pk=pk)
    return render(request, "consultation/form.html", {"form": form, "title": "Thêm phiên bản dự thảo", "back": pk})


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    consultation = selectors.consultation_get(council=council, pk=pk)
    run_action(
        request,
        lambda: services.consultation_publish(consultation=consultation, user=request.user),
        "Đã đăng tải dự thảo để lấy ý kiến.",
        refused="Chưa thể đăng tải: ",
    )
    return redirect("consultation:detail", pk=pk)


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    consultation = selectors.consultation_get(council=council, pk=pk)
    run_action(
        request,
        lambda: services.consultation_close(consultation=consultation, user=request.user),
        "Đã kết thúc lấy ý kiến.",
    )
    return redirect("consultation:detail", pk=pk)


@login_required
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    consultation = selectors.consultation_get(council=council, pk=pk)
    form = InviteForm(request.POST, council=council)
    if not form.is_valid():
        flash_errors(request, _form_error(form))
        return redirect("consultation:detail", pk=pk)
    run_action(
        request,
        lambda: services.invitation_add(
            consultation=consultation, bodies=form.cleaned_data["bodies"], user=request.user
        ),
        "Đã gửi lấy ý kiến các cơ quan; mỗi cơ quan có việc phải góp ý trước ngày kết thúc.",
    )
    return redirect("consultation:detail", pk=pk)


def _form_error(form: object) -> Exception:
    from django.core.exceptions import ValidationError

    return ValidationError([m for errors in form.errors.values() for m in errors])


@login_required
@require_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    opinion = selectors.opinion_get(council=council, pk=pk)
    form = ModerateForm(request.POST)
    if not form.is_valid():
        flash_errors(request, _form_error(form))
    else:
        approve = form.cleaned_data["decision"] == "dang"
        run_action(
            request,
            lambda: services.opinion_moderate(
                opinion=opinion, approve=approve, reason=form.cleaned_data["reason"], user=request.user
            ),
            "Đã đăng góp ý." if approve else "Đã ghi nhận không đăng góp ý.",
        )
    return redirect("consultation:detail", pk=opinion.consultation_id)


@login_required
@require_POST
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    consultation = selectors.consultation_get(council=council, pk=pk)
    form = ResponseForm(request.POST)
    if not form.is_valid():
        flash_errors(request, _form_error(form))
    else:
        run_action(
            request,
            lambda: services.response_set(consultation=consultation, user=request.user, **form.cleaned_data),
            "Đã lưu tiếp thu, giải trình.",
        )
    return redirect("consultation:detail", pk=pk)


@login_required
@require_POST
def report(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    consultation = selectors.consultation_get(council=council, pk=pk)
    form = ReportForm(request.POST)
    if not form.is_valid():
        flash_errors(request, _form_error(form))
        return redirect("consultation:detail", pk=pk)
    document = run_action(
        request,
        lambda: services.report_draft(consultation=consultation, user=request.user, **form.cleaned_data),
        "Đã lập dự thảo báo cáo tổng hợp; xem trước và ban hành như các văn bản khác.",
    )
    if document is NOT_DONE:
        return redirect("consultation:detail", pk=pk)
    return redirect("documents:document_detail", pk=document.pk)


# The invited body's screens.


@login_required
def body_list(request: HttpRequest) -> HttpResponse:
    invitations = list(selectors.invited_consultations(request.user, getattr(request, "council", None))[:200])
    for invitation in invitations:
        invitation.phase_label = services.PHASE_LABELS[services.phase(invitation.consultation)]
    return render(request, "consultation/body_list.html", {"invitations": invitations})


def _body_page(
    request: HttpRequest, invitation: Invitation, form: BodyOpinionForm | None, status: int = 200
) -> HttpResponse:
    consultation = invitation.consultation
    version = services.latest_version(consultation)
    articles = list(version.articles.all()) if version else []
    mine = list(consultation.opinions.filter(body=invitation.body).defer("name", "contact").order_by("article", "pk"))
    is_open = services.phase(consultation) == "dang_mo"
    if form is None and is_open:
        form = BodyOpinionForm(articles=articles)
    return render(
        request,
        "consultation/body_detail.html",
        {
            "c": consultation,
            "invitation": invitation,
            "articles": articles,
            "mine": mine,
            "form": form if is_open else None,
            "phase_label": services.PHASE_LABELS[services.phase(consultation)],
        },
        status=status,
    )


@login_required
def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The invited body's page. The follow-up screens link every consultation obligation here: the office,
    which is not invited, is sent on to its own page of the consultation."""
    council = getattr(request, "council", None)
    try:
        invitation = selectors.invitation_for(request.user, council, pk)
    except Http404:
        if council is not None and has_perm(request.user, council, VIEW):
            return redirect("consultation:detail", pk=selectors.consultation_get(council=council, pk=pk).pk)
        raise
    return _body_page(request, invitation, None)


@login_required
@require_POST
def body_submit(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = selectors.invitation_for(request.user, getattr(request, "council", None), pk)
    version = services.latest_version(invitation.consultation)
    form = BodyOpinionForm(request.POST, articles=list(version.articles.all()) if version else [])

    def action(d: dict) -> object:
        items = [services.OpinionIn(article, text) for article, text in form.items()]
        return services.body_opinions_submit(
            consultation=invitation.consultation,
            body=invitation.body,
            items=items,
            agreed=d["agreed"],
            user=request.user,
        )

    done = run_form(request, form, action, "Đã gửi ý kiến góp ý của cơ quan.")
    if done is not NOT_DONE:
        return redirect("consultation:body_detail", pk=pk)
    return _body_page(request, invitation, form, status=400)


# Public pages: no login, published consultations only, approved comments only, no personal data.


def public_list(request: HttpRequest, council_id: int) -> HttpResponse:
    council = public_council_get(council_id)
    rows = list(selectors.public_list(council=council)[:200])
    open_rows, closed_rows = [], []
    for row in rows:
        current = services.phase(row)
        row.phase_label = services.PHASE_LABELS[current]
        (closed_rows if current == "da_dong" else open_rows).append(row)
    return render(
        request,
        "consultation/public_list.html",
        {
            "council": council,
            "open_rows": open_rows,
            "closed_rows": closed_rows,
            "title": f"Lấy ý kiến dự thảo — {council}",
            "description": f"Các dự thảo nghị quyết của {council} đang và đã lấy ý kiến nhân dân.",
        },
    )


def _public_page(
    request: HttpRequest,
    consultation: Consultation,
    form: CommentForm | None = None,
    status: int = 200,
    refusal: str = "",
) -> HttpResponse:
    rows = selectors.versions(consultation)
    current = rows[-1] if rows else None
    articles = list(current.articles.all()) if current else []
    comments = selectors.public_comments(consultation)
    by_article: dict[int, list] = {}
    for comment in comments:
        by_article.setdefault(comment.article, []).append(comment)
    headings = {a.number: a.heading for a in articles}
    is_open = services.phase(consultation) == "dang_mo"
    if form is None and is_open:
        form = CommentForm(articles=articles)
    return render(
        request,
        "consultation/public_detail.html",
        {
            "c": consultation,
            "council": consultation.council,
            "current": current,
            "articles": articles,
            "comment_groups": [
                (headings.get(n, f"Điều {n}") if n else "Góp ý chung về dự thảo", by_article[n])
                for n in sorted(by_article)
            ],
            "versions": rows,
            "form": form if is_open else None,
            "phase_label": services.PHASE_LABELS[services.phase(consultation)],
            "notice": PRIVACY_NOTICE,
            "refusal": refusal,
            "title": f"{consultation.title} — {consultation.council}",
            "description": f"Dự thảo {consultation.title}: toàn văn theo từng điều, những thay đổi và góp ý "
            "của nhân dân.",
            **_diff_context(rows, request),
        },
        status=status,
    )


def _done(consultation: Consultation) -> dict:
    return {"c": consultation, "council": consultation.council, "title": f"Đã nhận góp ý — {consultation.title}"}


def public_detail(request: HttpRequest, council_id: int, pk: int) -> HttpResponse:
    return _public_page(request, selectors.public_get(council_id=council_id, pk=pk))


@require_POST
def comment(request: HttpRequest, council_id: int, pk: int) -> HttpResponse:
    consultation = selectors.public_get(council_id=council_id, pk=pk)
    version = services.latest_version(consultation)
    form = CommentForm(request.POST, articles=list(version.articles.all()) if version else [])
    if request.POST.get("website"):
        # A robot filled the hidden field: answered as if accepted, nothing saved.
        return render(request, "consultation/comment_done.html", _done(consultation), status=200)
    current = services.phase(consultation)
    if current != "dang_mo":
        refusal = services.CLOSED if current == "da_dong" else services.NOT_OPEN
        return _public_page(request, consultation, status=400, refusal=refusal)
    if not ratelimit.allow(request):
        return render(
            request,
            "consultation/too_many.html",
            {
                "c": consultation,
                "council": consultation.council,
                "message": ratelimit.TOO_MANY,
                "title": "Quá nhiều góp ý",
            },
            status=429,
        )
    done = run_form(
        request,
        form,
        lambda d: services.public_comment(
            consultation=consultation, text=d["text"], article=d["article"], name=d["name"], contact=d["contact"]
        ),
        "Đã nhận góp ý. Nội dung sẽ được đăng sau khi Văn phòng kiểm duyệt.",
    )
    if done is NOT_DONE:
        return _public_page(request, consultation, form if form.is_bound else None, status=400)
    return render(request, "consultation/comment_done.html", _done(consultation))
