"""Screens of citizen reception and letters: the register, a letter's page with its contents, forwarding,
the protected identities, receptions, and the statistics with their drill-down."""

import datetime
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from hdnd import dates
from hdnd.dates import format_date
from hdnd.forms import YEAR_MAX, YEAR_MIN
from hdnd.history import history_rows
from hdnd.views import NOT_DONE, refuse_closed, run_form
from reception import notices, refusals, schedule, selectors, services, wording
from reception.access import EDIT, GRANT, MASKED_TEXT, PERSONAL, PROTECTED_TEXT, VIEW, identity_visible
from reception.forms import (
    EMPTY,
    ClassifyForm,
    ForwardForm,
    FromPetitionForm,
    GrantForm,
    LetterForm,
    NoticeForm,
    PeriodForm,
    RefusalForm,
    RosterForm,
    RoundLinkForm,
    ScanForm,
    SessionForm,
    SignerForm,
    SlotChangeForm,
    SplitForm,
    StatsForm,
    TaskForm,
    ToldForm,
)
from reception.imports import letters_sheet
from reception.models import Case, CaseGrant, Category, ChaseLetter, Field, Handling, Letter, Roster, Slot
from registry.access import has_perm, require
from registry.models import Body, Council
from registry.security import client_address
from registry.selectors import public_council_get

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILTER_KEYS = ("category", "field", "handling", "eligible", "duplicates", "forwarded", "answered", "chased", "q")


def _year(request: HttpRequest, council: object) -> int:
    try:
        year = int(request.GET.get("year") or 0)
    except ValueError:
        year = 0
    return year if YEAR_MIN <= year <= YEAR_MAX else selectors.latest_year(council)


def _can_edit(request: HttpRequest, council: Council) -> bool:
    """Whether the page offers the office's steps: never once the council has ceased, its records kept
    read-only for history (`registry.services.council_accepts`, which the services ask as well)."""
    return has_perm(request.user, council, EDIT) and council.open_on(dates.today())


def _filters(request: HttpRequest, year: int) -> selectors.LetterFilter:
    values = {key: request.GET.get(key, "")[:200] for key in FILTER_KEYS}
    try:
        body = int(request.GET.get("body") or 0) or None
    except ValueError:
        body = None
    days = {}
    # A figure of the statistics or the reports opens its period's letters (yyyy-mm-dd), progress read at
    # the period's end (as_of).
    for key in ("date_from", "date_to", "as_of"):
        try:
            days[key] = datetime.date.fromisoformat(request.GET.get(key, "")[:10]) if request.GET.get(key) else None
        except ValueError:
            days[key] = None
    return selectors.LetterFilter(year=year, body=body, **values, **days)


def _senders(request: HttpRequest, letter: Letter, granted: set[int]) -> tuple[list[dict], str]:
    """The senders as the user may see them, and the note that says why some are hidden."""
    if letter.anonymous:
        return [], "Đơn nặc danh."
    if identity_visible(request.user, letter, granted=granted):
        rows = [
            {
                "name": s.full_name,
                "relation": s.get_relation_display(),
                "address": s.address,
                "phone": s.phone,
                "id_number": s.id_number,
            }
            for s in letter.senders.all()
        ]
        return rows, ""
    if any(c.protected for c in letter.cases.all()):
        return [], f"{PROTECTED_TEXT} (Luật Tố cáo 25/2018, Điều 9 và 47): chỉ người được giao xem."
    return [], f"{MASKED_TEXT} (Nghị định 13/2023/NĐ-CP)."


@login_required
def letter_list(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    year = _year(request, council)
    filters = _filters(request, year)
    letters = selectors.letter_list(council=council, filters=filters)
    page = Paginator(letters, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "reception/letter_list.html",
        {
            "page": page,
            "year": year,
            "query": query.urlencode(),
            "get": request.GET,
            "filters": filters,
            "categories": Category.choices,
            "fields": Field.choices,
            "handlings": Handling.choices,
            "can_edit": has_perm(request.user, council, EDIT),
        },
    )


@login_required
def letter_create(request: HttpRequest) -> HttpResponse:
    council = require(request, EDIT)
    form = LetterForm(request.POST or None, council=council)
    letter = run_form(
        request,
        form,
        lambda d: services.letter_receive(council=council, user=request.user, **form.service_args()),
        "Đã vào sổ đơn thư.",
    )
    if letter is not NOT_DONE:
        return redirect("reception:letter_detail", pk=letter.pk)
    return render(request, "reception/form.html", {"form": form, "title": "Vào sổ đơn thư"})


@login_required
def letter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW)
    letter = selectors.letter_get(council=council, pk=pk)
    granted = selectors.granted_cases(request.user, council)
    senders, hidden = _senders(request, letter, granted)
    if senders:
        services.log_identity_access(
            user=request.user, letters=[letter], action="view", address=client_address(request)
        )
    can_edit = _can_edit(request, council)
    can_grant = has_perm(request.user, council, GRANT)
    cases = list(letter.cases.all())
    for case in cases:  # each classification in effect from its day, in words (prefetched with the cases)
        case.classification_lines = [wording.classification_line(row) for row in case.classifications.all()]
    _case_forms(council, cases, edit=can_edit, grant=can_grant)
    return render(
        request,
        "reception/letter_detail.html",
        {
            "letter": letter,
            "cases": cases,
            "senders": senders,
            "hidden": hidden,
            "can_edit": can_edit,
            "can_grant": can_grant and any(c.protected for c in cases),
            "can_scan": bool(letter.scan) and bool(senders),
            "grants": CaseGrant.objects.filter(case__letter=letter).select_related("user", "case", "granted_by"),
            "refusals": letter.refusals.select_related("document", "obligation").order_by("pk"),
            "can_upload": can_edit and (letter.anonymous or bool(senders)),
            "history": history_rows(letter),
        },
    )


def _case_forms(council: Council, cases: list[Case], *, edit: bool, grant: bool) -> None:
    """Each case's forms, with ids of their own and the pickers' choices read once for the page (a fixed
    number of queries whatever the number of contents)."""
    if not cases or not (edit or grant):
        return
    bodies = [("", EMPTY), *Body.objects.filter(council=council).order_by("name").values_list("pk", "name")]
    users = []
    rounds = []
    if edit:
        rounds = [
            ("", "— Không gắn —"),
            *RoundLinkForm(council=council).fields["round"].queryset.values_list("pk", "subject"),
        ]
    if grant:
        users = [("", EMPTY), *GrantForm(council=council).fields["user"].queryset.values_list("pk", "username")]
    for case in cases:
        auto_id = f"id_c{case.pk}_%s"
        if edit:
            initial = {"category": case.category, "field": case.field, "handling": case.handling}
            initial |= {
                "eligible": {True: "1", False: "0"}.get(case.eligible, ""),
                "competent_body": case.competent_body_id,
            }
            initial["ineligible_reason"] = case.ineligible_reason
            case.classify_form = ClassifyForm(council=council, auto_id=auto_id, initial=initial)
            case.classify_form.fields["competent_body"].widget.choices = bodies
            case.forward_form = ForwardForm(council=council, auto_id=auto_id, initial={"body": case.competent_body_id})
            case.forward_form.fields["body"].widget.choices = bodies
            case.split_form = SplitForm(auto_id=auto_id)
            case.told_form = ToldForm(auto_id=auto_id)
            case.round_form = RoundLinkForm(
                council=council, auto_id=auto_id, initial={"round": case.supervision_round_id}
            )
            case.round_form.fields["round"].widget.choices = rounds
        if grant and case.protected:
            case.grant_form = GrantForm(council=council, auto_id=auto_id)
            case.grant_form.fields["user"].widget.choices = users


def _case_action(request: HttpRequest, pk: int, perm: str = EDIT) -> tuple[object, Case]:
    council = require(request, perm)
    return council, selectors.case_get(council=council, pk=pk)


def _back(case: Case) -> HttpResponse:
    return redirect("reception:letter_detail", pk=case.letter_id)


def _refused(request: HttpRequest, case: Case, form: object, title: str) -> HttpResponse:
    return render(request, "reception/form.html", {"form": form, "title": title, "back": case.letter_id}, status=400)


@login_required
@require_POST
def case_classify(request: HttpRequest, pk: int) -> HttpResponse:
    council, case = _case_action(request, pk)
    form = ClassifyForm(request.POST, council=council)
    done = run_form(request, form, lambda d: services.case_classify(case=case, user=request.user, **d), "Đã phân loại.")
    return _back(case) if done is not NOT_DONE else _refused(request, case, form, f"Phân loại {case}")


@login_required
@require_POST
def case_forward(request: HttpRequest, pk: int) -> HttpResponse:
    council, case = _case_action(request, pk)
    form = ForwardForm(request.POST, council=council)
    done = run_form(
        request,
        form,
        lambda d: services.case_forward(case=case, user=request.user, **d),
        "Đã ban hành phiếu chuyển đơn và giao theo dõi kết quả.",
    )
    return _back(case) if done is not NOT_DONE else _refused(request, case, form, f"Chuyển {case}")


@login_required
@require_POST
def case_split(request: HttpRequest, pk: int) -> HttpResponse:
    _council, case = _case_action(request, pk)
    form = SplitForm(request.POST)
    done = run_form(
        request, form, lambda d: services.case_split(case=case, parts=form.parts(), user=request.user), "Đã tách đơn."
    )
    return _back(case) if done is not NOT_DONE else _refused(request, case, form, f"Tách {case}")


@login_required
@require_POST
def case_told(request: HttpRequest, pk: int) -> HttpResponse:
    _council, case = _case_action(request, pk)
    form = ToldForm(request.POST)
    done = run_form(
        request, form, lambda d: services.case_citizen_told(case=case, user=request.user, **d), "Đã ghi nhận."
    )
    return _back(case) if done is not NOT_DONE else _refused(request, case, form, f"Thông báo kết quả {case}")


@login_required
@require_POST
def case_grant(request: HttpRequest, pk: int) -> HttpResponse:
    council, case = _case_action(request, pk, GRANT)
    form = GrantForm(request.POST, council=council)
    done = run_form(
        request,
        form,
        lambda d: services.grant_create(case=case, grantee=d["user"], reason=d["reason"], user=request.user),
        "Đã giao quyền xem thông tin người tố cáo.",
    )
    return _back(case) if done is not NOT_DONE else _refused(request, case, form, f"Giao quyền xem {case}")


@login_required
@require_POST
def case_round(request: HttpRequest, pk: int) -> HttpResponse:
    council, case = _case_action(request, pk)
    form = RoundLinkForm(request.POST, council=council)
    done = run_form(
        request,
        form,
        lambda d: services.case_link_round(case=case, round=d["round"], user=request.user),
        "Đã gắn nội dung đơn với đợt giám sát.",
    )
    return _back(case) if done is not NOT_DONE else _refused(request, case, form, f"Giám sát {case}")


@login_required
def chase_list(request: HttpRequest) -> HttpResponse:
    """Forwarded cases past their limit, by body, and the chasing letters already made."""
    council = require(request, VIEW)
    today = timezone.localdate()
    late = refusals.late_cases(council=council, on=today)
    by_body: dict[int, dict] = {}
    for case in late:
        owner = case.obligation.owner
        by_body.setdefault(owner.pk, {"body": owner, "cases": []})["cases"].append(case)
    can_edit = _can_edit(request, council)
    return render(
        request,
        "reception/chase.html",
        {
            "groups": list(by_body.values()),
            "today": today,
            "chases": ChaseLetter.objects.filter(council=council)
            .select_related("body", "document")
            .prefetch_related("cases__letter")[:100],
            "form": SignerForm() if can_edit and late else None,
        },
    )


@login_required
@require_POST
def chase_make(request: HttpRequest) -> HttpResponse:
    council = require(request, EDIT)
    form = SignerForm(request.POST)
    done = run_form(
        request,
        form,
        lambda d: refusals.chase_letters_make(council=council, user=request.user, **d),
        "Đã lập dự thảo công văn đôn đốc cho từng cơ quan; ban hành tại sổ văn bản.",
    )
    if done is NOT_DONE:
        return render(request, "reception/form.html", {"form": form, "title": "Đôn đốc đơn thư quá hạn"}, status=400)
    return redirect("reception:chase_list")


@login_required
@require_POST
def grant_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, GRANT)
    grant = get_object_or_404(CaseGrant.objects.select_related("case__council"), pk=pk, case__council=council)
    services.grant_revoke(grant=grant, user=request.user)
    return _back(grant.case)


@login_required
def letter_scan(request: HttpRequest, pk: int) -> FileResponse:
    """The scanned letter (handwriting identifies a denouncer): only for who may see the identity, logged."""
    council = require(request, VIEW)
    letter = selectors.letter_with_identity(council=council, pk=pk, user=request.user)
    if not letter.scan or (letter.anonymous and not has_perm(request.user, council, PERSONAL)):
        raise Http404("Không tìm thấy tệp.")
    services.log_identity_access(user=request.user, letters=[letter], action="file", address=client_address(request))
    extension = Path(letter.scan.name).suffix.lower() or ".pdf"
    return FileResponse(
        letter.scan.open("rb"), as_attachment=True, filename=f"don-{letter.number}-{letter.year}{extension}"
    )


@login_required
def letter_scan_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach the scanned letter; for a protected denouncer only a user granted the case may (the file is
    their handwriting)."""
    council = require(request, EDIT)
    letter = selectors.letter_with_identity(council=council, pk=pk, user=request.user)
    if refused := refuse_closed(request, council, "reception:letter_detail", letter.pk):
        return refused
    form = ScanForm(request.POST or None, request.FILES or None)
    done = run_form(
        request,
        form,
        lambda d: services.letter_scan_attach(letter=letter, upload=d["scan"], user=request.user),
        "Đã lưu bản quét của đơn.",
    )
    if done is not NOT_DONE:
        return redirect("reception:letter_detail", pk=letter.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "title": f"Bản quét đơn số {letter.code}", "back": letter.pk, "submit": "Tải lên"}
    return render(request, "reception/form.html", context, status=status)


@login_required
def letter_refusal(request: HttpRequest, pk: int) -> HttpResponse:
    """Draft the refusal notice (Mẫu 01/TCD) for the citizen of a letter; issued from the document's page."""
    council = require(request, EDIT)
    letter = selectors.letter_get(council=council, pk=pk)
    if refused := refuse_closed(request, council, "reception:letter_detail", letter.pk):
        return refused
    form = RefusalForm(request.POST or None)
    refusal = run_form(
        request,
        form,
        lambda d: refusals.refusal_notice_draft(letter=letter, user=request.user, **d),
        "Đã lập dự thảo thông báo từ chối tiếp công dân; ban hành tại trang văn bản trong thời hạn.",
    )
    if refusal is not NOT_DONE:
        return redirect("documents:document_detail", pk=refusal.document_id)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "title": f"Thông báo từ chối tiếp công dân — đơn số {letter.code}", "back": letter.pk}
    return render(request, "reception/form.html", context, status=status)


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    form = StatsForm(request.GET or None)
    period = form.cleaned_data if form.is_valid() else {}
    year = period.get("year") or selectors.latest_year(council)
    stats = selectors.statistics(
        council=council, year=year, date_from=period.get("date_from"), date_to=period.get("date_to")
    )
    # A chosen period titles the page with its days, not with the whole year it belongs to.
    if period.get("date_from") or period.get("date_to"):
        span = f"từ {format_date(stats.date_from)} đến {format_date(stats.date_to)}"
    else:
        span = f"năm {year}"
    return render(
        request,
        "reception/statistics.html",
        {
            "stats": stats,
            "form": form,
            "year": year,
            "title": f"Thống kê tiếp công dân, đơn thư {span}",
            "can_edit": has_perm(request.user, council, EDIT),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@login_required
def register_export(request: HttpRequest) -> HttpResponse:
    """The register of letters of a year (as filtered) as a sheet in the importer's columns, so it imports
    back (`reception.imports.letters_sheet`). Senders are shown as the screens show them: a protected
    denouncer only to the users granted the case, any sender only with the right to see them, else masked;
    every identity the file carries is logged."""
    council = require(request, VIEW)
    year = _year(request, council)
    letters = selectors.letter_list(council=council, filters=_filters(request, year))
    granted = selectors.granted_cases(request.user, council)
    shown: list[Letter] = []

    def visible(letter: Letter) -> bool:
        if letter.anonymous or not identity_visible(request.user, letter, granted=granted):
            return False
        # What the log needs of the letter, not the letter with its loaded contents: the sheet stays streamed.
        shown.append(Letter(pk=letter.pk, council=council, year=letter.year, number=letter.number))
        return True

    content = letters_sheet(
        letters=letters.iterator(chunk_size=500),
        visible=visible,
        title=f"Sổ đơn thư {year}",
        heading=f"SỔ THEO DÕI ĐƠN THƯ NĂM {year} — {council.full_title.upper()}",
    )
    services.log_identity_access(user=request.user, letters=shown, action="export", address=client_address(request))
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="so-don-thu-{year}.xlsx"'
    return response


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    year = _year(request, council)
    return render(
        request,
        "reception/session_list.html",
        {
            "sessions": list(selectors.session_list(council=council, year=year)),
            "year": year,
            "can_edit": has_perm(request.user, council, EDIT),
        },
    )


@login_required
def session_create(request: HttpRequest) -> HttpResponse:
    council = require(request, EDIT)
    form = SessionForm(request.POST or None, council=council)
    session = run_form(
        request,
        form,
        lambda d: services.session_create(council=council, user=request.user, **d),
        "Đã ghi sổ buổi tiếp công dân.",
    )
    if session is not NOT_DONE:
        return redirect("reception:session_detail", pk=session.pk)
    return render(request, "reception/form.html", {"form": form, "title": "Ghi sổ tiếp công dân"})


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, VIEW)
    session = selectors.session_get(council=council, pk=pk)
    personal = has_perm(request.user, council, PERSONAL)
    can_edit = _can_edit(request, council)
    draft = session.notice is None or session.notice.number is None
    initial = {"conclusion": session.conclusion}
    if session.notice is not None:
        initial |= {"signer_title": session.notice.signer_title, "signer_name": session.notice.signer_name}
    return render(
        request,
        "reception/session_detail.html",
        {
            "session": session,
            "letters": session.letters.prefetch_related("cases").order_by("number"),
            "tasks": session.tasks.select_related("body", "obligation").order_by("pk"),
            "representative": session.representative if personal else (MASKED_TEXT if session.representative else ""),
            "task_form": TaskForm(council=council) if can_edit and draft else None,
            "notice_form": NoticeForm(initial=initial) if can_edit and draft else None,
            "history": history_rows(session),
            "can_edit": can_edit,
        },
    )


@login_required
@require_POST
def session_task_add(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    session = selectors.session_get(council=council, pk=pk)
    form = TaskForm(request.POST, council=council)
    done = run_form(
        request, form, lambda d: notices.task_add(session=session, user=request.user, **d), "Đã thêm nhiệm vụ."
    )
    if done is NOT_DONE:
        return render(request, "reception/form.html", {"form": form, "title": f"Nhiệm vụ — {session}"}, status=400)
    return redirect("reception:session_detail", pk=session.pk)


@login_required
@require_POST
def session_notice(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    session = selectors.session_get(council=council, pk=pk)
    form = NoticeForm(request.POST)
    document = run_form(
        request,
        form,
        lambda d: notices.notice_draft(session=session, user=request.user, **d),
        "Đã lập dự thảo thông báo kết luận; ban hành tại trang văn bản.",
    )
    if document is NOT_DONE:
        return render(
            request, "reception/form.html", {"form": form, "title": f"Thông báo kết luận — {session}"}, status=400
        )
    return redirect("documents:document_detail", pk=document.pk)


# The reception schedule ---------------------------------------------------------------------------


@login_required
def roster_edit(request: HttpRequest) -> HttpResponse:
    council = require(request, EDIT)
    if refused := refuse_closed(request, council, "reception:schedule"):
        return refused
    roster = Roster.objects.filter(council=council).first()
    initial = {}
    if roster is not None:
        initial = {f: getattr(roster, f) for f in ("rule", "day", "weekday", "week", "shift", "place", "decision")}
        initial |= {"minimum_per_year": roster.minimum_per_year, "receivers": list(roster.receivers.all())}
    form = RosterForm(request.POST or None, council=council, initial=initial)
    done = run_form(
        request,
        form,
        lambda d: schedule.roster_set(council=council, user=request.user, **d),
        "Đã lưu quy định lịch tiếp công dân.",
    )
    if done is not NOT_DONE:
        return redirect("reception:schedule")
    return render(request, "reception/form.html", {"form": form, "title": "Quy định lịch tiếp công dân"})


@login_required
def schedule_page(request: HttpRequest) -> HttpResponse:
    council = require(request, VIEW)
    year = _year(request, council)
    slots = list(
        Slot.objects.filter(council=council, day__year=year).select_related("person", "obligation").order_by("day")
    )
    can_edit = _can_edit(request, council)
    return render(
        request,
        "reception/schedule.html",
        {
            "year": year,
            "slots": slots,
            "roster": Roster.objects.filter(council=council).prefetch_related("receivers").first(),
            "shortfalls": schedule.shortfalls(council=council, year=year),
            "can_edit": can_edit,
            "period_form": PeriodForm() if can_edit else None,
        },
    )


def _period_action(request: HttpRequest, action: object, success: str) -> HttpResponse:
    council = require(request, EDIT)
    form = PeriodForm(request.POST)
    done = run_form(request, form, lambda d: action(council=council, user=request.user, **d), success)
    if done is NOT_DONE:
        return render(request, "reception/form.html", {"form": form, "title": "Lịch tiếp công dân"}, status=400)
    return redirect("reception:schedule")


@login_required
@require_POST
def schedule_generate(request: HttpRequest) -> HttpResponse:
    return _period_action(request, schedule.schedule_generate, "Đã lập lịch tiếp công dân.")


@login_required
@require_POST
def schedule_publish(request: HttpRequest) -> HttpResponse:
    return _period_action(request, schedule.schedule_publish, "Đã công bố lịch tiếp công dân.")


@login_required
def slot_change(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    slot = get_object_or_404(Slot.objects.select_related("person"), pk=pk, council=council)
    if refused := refuse_closed(request, council, "reception:schedule"):
        return refused
    form = SlotChangeForm(request.POST or None, council=council)
    done = run_form(
        request, form, lambda d: schedule.slot_change(slot=slot, user=request.user, **d), "Đã thay đổi lịch tiếp."
    )
    if done is not NOT_DONE:
        return redirect("reception:schedule")
    return render(request, "reception/form.html", {"form": form, "title": f"Thay đổi lịch tiếp {slot}"})


def public_page(request: HttpRequest, council_id: int) -> HttpResponse:
    """The council's published reception schedule and its anonymous figures: no login, no personal data."""
    council = public_council_get(council_id)
    today = timezone.localdate()
    slots = selectors.public_slots(council=council, since=today - datetime.timedelta(days=31)).order_by("day")[:60]
    year = selectors.latest_year(council)
    return render(
        request,
        "reception/public.html",
        {"council": council, "slots": slots, "stats": selectors.statistics(council=council, year=year), "year": year},
    )


@login_required
def from_petitions(request: HttpRequest) -> HttpResponse:
    """Complaints and denunciations raised at voter contacts, waiting to enter the register."""
    council = require(request, EDIT)
    if refused := refuse_closed(request, council, "reception:letter_list"):
        return refused
    return render(
        request,
        "reception/from_petitions.html",
        {
            "petitions": list(selectors.petitions_waiting(council=council)[:200]),
            "form": FromPetitionForm(),
            "can_edit": True,
        },
    )


@login_required
@require_POST
def from_petition(request: HttpRequest, pk: int) -> HttpResponse:
    council = require(request, EDIT)
    petition = get_object_or_404(selectors.petitions_waiting(council=council), pk=pk)
    form = FromPetitionForm(request.POST)
    letter = run_form(
        request,
        form,
        lambda d: services.letter_from_petition(petition=petition, user=request.user, **d),
        "Đã vào sổ đơn thư từ kiến nghị tại tiếp xúc cử tri.",
    )
    if letter is NOT_DONE:
        return render(request, "reception/form.html", {"form": form, "title": "Vào sổ đơn thư"}, status=400)
    return redirect("reception:letter_detail", pk=letter.pk)
