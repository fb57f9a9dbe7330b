"""The figures of a council's year, each computed once from the records and named by a key.

The report's prose refers to figures by token (`{{sessions}}`), so a figure appears in one place and
the report cannot say 29 resolutions in one paragraph and 22 in another (seed 000 does).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode

from hdnd import dates
from hdnd.dates import format_date
from petitions.models import LEVEL_RANK, Level
from petitions.selectors import level_phrase, petition_counts
from plenary.models import Attendance, Presence, Question, Speech
from plenary.selectors import lateness_report, plenary_counts
from reception.selectors import progress_day as reception_progress_day
from reception.selectors import statistics_by_day as reception_statistics_by_day
from registry import levels
from registry.models import Council, Delegate
from registry.selectors import term_current
from standing.selectors import standing_counts
from supervision.models import RoundMember
from supervision.selectors import supervision_counts

# The petitions' competence level that is the council's own, by the council's level.
OWN_LEVEL = {"tinh": Level.PROVINCE, "huyen": Level.DISTRICT, "xa": Level.COMMUNE}
ACCEPTED_LABEL = "Kiến nghị cử tri có câu trả lời được Văn phòng chấp nhận"


@dataclass
class Record:
    text: str
    url: str = ""
    day: datetime.date | None = None
    weight: int = 1  # how much the record counts in its figure (a round counts its petitions)


@dataclass
class Figure:
    key: str
    label: str
    value: int | str
    records: list[Record] = field(default_factory=list)
    # A figure written as clauses, each followed by its own footnote (one per conducting body):
    # [(clause, note), ...]; `value` is the clauses joined, for the screens.
    parts: list[tuple[str, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Counts below ten with a leading zero, as the council's documents write them ("06 kỳ họp");
        zero is "0" (the prose words it, see `reports.texts.render`), never "00". For documents only:
        screens write `number`."""
        if isinstance(self.value, int):
            return f"{self.value:02d}" if self.value else "0"
        return str(self.value)

    @property
    def number(self) -> str:
        """The figure as screens write it ("2", as the home page does): the leading zero is the documents'
        style (Nghị định 30/2020/NĐ-CP), not the screens'."""
        return str(self.value)


@dataclass
class Figures:
    council: Council
    year: int
    items: dict[str, Figure]
    footnotes: dict[str, str]

    def __getitem__(self, key: str) -> Figure:
        return self.items[key]

    @property
    def empty(self) -> bool:
        """No record of the year at all: the report says so instead of printing zeros."""
        keys = ["sessions", "meetings", "written_opinions", "supervision_rounds", "surveys", "petitions"]
        return all(self.items[k].value == 0 for k in keys)

    def values(self) -> dict[str, str]:
        return {k: f.text for k, f in self.items.items()}


def _url(name: str, pk: int) -> str:
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return ""


def _add(items: dict[str, Figure], key: str, label: str, value: int | str, records: list[Record] | None = None) -> None:
    items[key] = Figure(key, label, value, records or [])


def compute(*, council: Council, year: int, on: datetime.date | None = None) -> Figures:
    """Every figure of section I.2 of the annual report (and the activity report) for `council` and `year`.

    Each workflow app computes its own counts (plenary_counts, standing_counts, supervision_counts,
    petition_counts, lateness_report); this function only names them. A fixed number of queries.
    """
    # The day the figures stand on: 31/12 of a past year, today (the council's day) in the current one, so
    # lateness counts up to today, as on the session page and the home page, and not to a day to come; a
    # ceased council's day is at most its last day (followup.selectors.overdue_on).
    on = on or min(datetime.date(year, 12, 31), dates.today(), council.last_day or dates.today())
    items: dict[str, Figure] = {}
    footnotes: dict[str, str] = {}

    plenary = plenary_counts(council=council, year=year)
    sessions = [
        Record(
            f"Kỳ họp thứ {s.number} ({s.get_kind_display().lower()})", _url("plenary:session_detail", s.pk), s.opens_on
        )
        for s in plenary["session_records"]
    ]
    _add(items, "sessions", "Kỳ họp HĐND", plenary["sessions"], sessions)
    _add(
        items,
        "regular_sessions",
        "Kỳ họp thường lệ",
        plenary["regular_sessions"],
        [r for r, s in zip(sessions, plenary["session_records"], strict=True) if s.kind in ("giua_nam", "cuoi_nam")],
    )
    _add(
        items,
        "thematic_sessions",
        "Kỳ họp chuyên đề",
        plenary["thematic_sessions"],
        [r for r, s in zip(sessions, plenary["session_records"], strict=True) if s.kind == "chuyen_de"],
    )
    _add(
        items,
        "extraordinary_sessions",
        "Kỳ họp bất thường",
        plenary["extraordinary_sessions"],
        [r for r, s in zip(sessions, plenary["session_records"], strict=True) if s.kind == "bat_thuong"],
    )
    _add(
        items,
        "resolutions",
        "Nghị quyết được thông qua",
        plenary["resolutions_passed"],
        [
            Record(
                f"{r.document.number_symbol or 'Chưa ban hành'} — {r.document.subject}",
                _url("documents:document_detail", r.document_id),
                r.passed_on,
            )
            for r in plenary["resolution_records"]
        ],
    )

    standing = standing_counts(council=council, year=year, on=on)
    _add(
        items,
        "meetings",
        "Phiên họp Thường trực",
        standing["meetings_held"],
        [
            Record(f"Phiên họp ngày {format_date(m.held_on)}", _url("standing:meeting_detail", m.pk), m.held_on)
            for m in standing["meetings"]
        ],
    )
    _add(
        items,
        "written_opinions",
        "Nội dung cho ý kiến bằng văn bản",
        standing["written_opinions"],
        [Record(r.subject, _url("standing:opinion_detail", r.pk), r.received_on) for r in standing["opinion_requests"]],
    )
    footnotes["written_opinions"] = _footnote(standing["opinion_subjects"])
    _add(
        items,
        "conferences",
        "Hội nghị liên tịch, trực báo",
        standing["conferences_held"],
        [Record(str(c), "", getattr(c, "held_on", None)) for c in standing["conferences"]],
    )

    supervision = supervision_counts(council=council, year=year, on=on)
    rounds = [r for b in supervision.bodies for r in b.supervisions]
    surveys = [r for b in supervision.bodies for r in b.surveys]
    _add(
        items,
        "supervision_rounds",
        "Đợt giám sát chuyên đề",
        len(rounds),
        [
            Record(f"{r.body.short_name}: {r.subject}", _url("supervision:round_detail", r.pk), r.set_up_on)
            for r in rounds
        ],
    )
    _add(
        items,
        "surveys",
        "Đợt khảo sát",
        len(surveys),
        [
            Record(f"{r.body.short_name}: {r.subject}", _url("supervision:round_detail", r.pk), r.set_up_on)
            for r in surveys
        ],
    )
    clauses = [(supervision_clause(b, council.unit_word), b.footnote) for b in supervision.bodies]
    items["supervision_text"] = Figure(
        "supervision_text",
        "Giám sát chuyên đề theo cơ quan",
        # A year without rounds is worded, as the counts are ("chưa có … nào"), not left blank.
        "; ".join(c for c, _ in clauses) or "chưa có đợt giám sát chuyên đề nào",
        [Record(b.text) for b in supervision.bodies],
        clauses,
    )
    for index, body_rounds in enumerate(supervision.bodies, start=1):
        footnotes[f"supervision_{index}"] = body_rounds.footnote
    recs = supervision.recommendations
    _add(
        items,
        "recommendations",
        "Kiến nghị sau giám sát được theo dõi",
        recs.total,
        [Record(f"{r.text[:120]} — {status}", "", r.made_on) for r, status in recs.rows],
    )
    _add(items, "recommendations_done", "Kiến nghị sau giám sát đã thực hiện", recs.done)
    _add(items, "recommendations_overdue", "Kiến nghị sau giám sát quá hạn", recs.overdue)

    rounds_counts = petition_counts(council=council, year=year)
    units = sorted({u for rc in rounds_counts for u in rc.units})
    # A commune council meets voters in its villages and residential groups, not in communes.
    places = levels.contact_place_word(council).capitalize()
    _add(items, "contact_units", f"{places} tổ chức tiếp xúc cử tri", len(units), [Record(u) for u in units])
    _add(
        items,
        "petitions",
        "Kiến nghị cử tri",
        sum(rc.total for rc in rounds_counts),
        [Record(rc.round.short_label, _url("petitions:round_detail", rc.round.pk)) for rc in rounds_counts],
    )
    # Read from the petitions' obligations: an answer reported on any screen counts, a returned one does not.
    # "Answered" is `petitions.models.answered_q` (answered, being resolved, explained), as the forwarding
    # table, the answers read to voters and the public portal count it.
    _add(
        items,
        "petitions_answered",
        "Kiến nghị cử tri đã được trả lời",
        sum(rc.answered for rc in rounds_counts),
    )
    # Who accepts is the office (DOMAIN.md: "the office … forwards them to the competent body and tracks
    # answers"; the standing committee reports on the answers to the session): the accept step is the
    # office's (petitions.EDIT, followup.MANAGE), so the figure names the office, not the standing committee.
    _add(
        items,
        "petitions_accepted",
        ACCEPTED_LABEL,
        sum(rc.accepted for rc in rounds_counts),
    )
    own = OWN_LEVEL.get(council.level, "")
    for key, period in (("mid", "giữa năm"), ("end", "cuối năm")):
        # Every round and level has its figure, zero when nothing was recorded, so prose can name it.
        for level, phrase in (
            ("tinh", "cấp tỉnh"),
            ("own", council.unit_word),
            ("trung_uong", "Trung ương"),
            ("xa", "cấp xã"),
        ):
            _add(items, f"petitions_{key}_{level}", f"Kiến nghị {period} {year} thuộc thẩm quyền của {phrase}", 0)
        _add(
            items,
            f"petitions_{key}_sentence",
            f"Kiến nghị {period} {year}",
            f"Không tổ chức tiếp xúc cử tri {period} {year}.",
        )
    for rc in rounds_counts:
        key = "mid" if rc.round.period == "giua_nam" else "end"
        url = _url("petitions:round_detail", rc.round.pk)
        day = rc.round.reference_day
        for level in rc.by_level:
            label = f"Kiến nghị {rc.round.short_label} thuộc thẩm quyền của {level_phrase(council, level)}"
            name = "own" if level == own else level
            records = [Record(rc.round.short_label, url, day, rc.level(level))]
            _add(items, f"petitions_{key}_{name}", label, rc.level(level), records)
        _add(
            items,
            f"petitions_{key}_sentence",
            f"Kiến nghị {rc.round.short_label}",
            rc.sentence(),
            [Record(rc.round.short_label, url, day)],
        )

    lateness = lateness_report(council=council, year=year, on=on)
    late = [sub for row in lateness.sessions for sub in row.late]
    _add(
        items,
        "late_submissions",
        "Hồ sơ trình kỳ họp chậm",
        len(late),
        [
            Record(
                f"Kỳ họp thứ {s.session.number}: {s.title} ({s.agency.short_name}, chậm {s.late_days} ngày)",
                _url("plenary:submission_detail", s.pk),
            )
            for s in late
        ],
    )
    _add(items, "late_sentence", "Kỳ họp có nội dung chuẩn bị chậm", lateness.sentence)

    _reception_figures(items, council=council, year=year, on=on)

    silent = silent_delegates(council=council, on=on)
    _add(
        items,
        "silent_delegates",
        "Đại biểu chưa phát biểu lần nào trong nhiệm kỳ",
        len(silent),
        [Record(d.person.full_name, _url("registry:delegate_detail", d.pk)) for d in silent],
    )
    _add(items, "year", "Năm", str(year))
    _add(items, "unit", "Đơn vị", council.unit_word)
    # Words that follow the council's level (a commune has no councils below, a province none above).
    _add(items, "contact_word", "Nơi tiếp xúc cử tri", levels.contact_place_word(council))
    _add(items, "upper_relation", "Quan hệ với cấp trên", levels.upper_relation(council))
    _add(items, "lower_supervision", "Giám sát thường xuyên", levels.lower_supervision(council))
    return Figures(council=council, year=year, items=items, footnotes={k: v for k, v in footnotes.items() if v})


def petition_chart(figures: Figures) -> list[Figure]:
    """The petition figures the dashboard draws: answered, accepted, then for each round every competence
    level once, highest first, the council's own under its own word. A ward's council (level "xa") reads
    "thuộc thẩm quyền của phường" and never also "cấp xã": since 01/07/2025 xã, phường and đặc khu are one
    level (Luật 72/2025/QH15), the same petitions. The prose keeps its zero tokens (`petitions_mid_xa`)."""
    own = OWN_LEVEL.get(figures.council.level, "")
    chart = [figures["petitions_answered"], figures["petitions_accepted"]]
    for key in ("mid", "end"):
        for level in sorted(Level.values, key=lambda v: LEVEL_RANK[Level(v)]):
            figure = figures.items.get(f"petitions_{key}_{'own' if level == own else level}")
            if figure is not None:
                chart.append(figure)
    return chart


def _reception_figures(items: dict[str, Figure], *, council: Council, year: int, on: datetime.date) -> None:
    """Section I.3's figures of citizen reception and letters, read from reception's own statistics (a
    duplicate letter counted once): one dated record per day of receipt, so that a report of part of the
    year (`until`) counts only its period; progress (forwarded, answered, waiting) as it stood at the end of
    `on`, the report's last day. Each record opens the register filtered to that day's letters with the
    same conditions, read on the same day, so its list shows the very contents the record counts."""
    days = reception_statistics_by_day(council=council, year=year, on=on)
    as_of = reception_progress_day(on).isoformat()
    letters = reverse("reception:letter_list")
    sessions = reverse("reception:session_list")

    def add(key: str, label: str, daily: str, url: str, **query: str) -> None:
        records = []
        for day, count in days[daily]:
            dated = {"date_from": day.isoformat(), "date_to": day.isoformat(), "as_of": as_of} if url == letters else {}
            link = f"{url}?{urlencode({'year': year, **dated, **query})}"
            records.append(Record(f"{label} ngày {format_date(day)}", link, day, weight=count))
        _add(items, key, label, sum(r.weight for r in records), records)

    add("receptions", "Buổi tiếp công dân", "sessions", sessions)
    add("citizens_received", "Lượt công dân được tiếp", "citizens", sessions)
    add("letters", "Đơn thư tiếp nhận (đơn trùng tính một lần)", "letters", letters, duplicates="0")
    add("letters_duplicates", "Đơn thư trùng nội dung", "duplicates", letters, duplicates="1")
    add("letters_eligible", "Nội dung đơn đủ điều kiện xử lý", "eligible", letters, eligible="1", duplicates="0")
    add(
        "letters_ineligible",
        "Nội dung đơn không đủ điều kiện xử lý",
        "ineligible",
        letters,
        eligible="0",
        duplicates="0",
    )
    add(
        "letters_forwarded",
        "Nội dung đơn chuyển cơ quan có thẩm quyền",
        "forwarded",
        letters,
        forwarded="1",
        duplicates="0",
    )
    add("letters_answered", "Nội dung đơn đã có kết quả trả lời", "answered", letters, answered="da", duplicates="0")
    add(
        "letters_answered_late",
        "Nội dung đơn trả lời trễ hạn",
        "answered_late",
        letters,
        answered="tre_han",
        duplicates="0",
    )
    add(
        "letters_waiting",
        "Nội dung đơn chưa có kết quả trả lời",
        "waiting",
        letters,
        answered="chua",
        duplicates="0",
    )


def supervision_clause(body_rounds: object, unit: str) -> str:
    """ "Ban Kinh tế - Xã hội HĐND thị xã tổ chức 02 đợt giám sát" (seed 000, section I.2.c)."""
    counts = []
    if body_rounds.supervisions:
        counts.append(f"{len(body_rounds.supervisions):02d} đợt giám sát")
    if body_rounds.surveys:
        counts.append(f"{len(body_rounds.surveys):02d} đợt khảo sát")
    name = body_rounds.body.name
    if "HĐND" in name and unit not in name:
        name = f"{name} {unit}"
    return f"{name} tổ chức {' và '.join(counts)}"


def until(figures: Figures, end: datetime.date) -> Figures:
    """The same figures for the part of the year up to `end` (the six-month activity report).

    A count of dated records is recounted; a figure whose records all fall after `end` drops to nothing;
    the rest (undated) stays as it is.
    """
    items = {}
    for key, figure in figures.items.items():
        dated = [r for r in figure.records if r.day is not None]
        if figure.records and len(dated) == len(figure.records):
            kept = [r for r in figure.records if r.day <= end]
            if isinstance(figure.value, int) and figure.value == sum(r.weight for r in figure.records):
                figure = Figure(key, figure.label, sum(r.weight for r in kept), kept)
            elif not kept:
                figure = Figure(key, figure.label, 0 if isinstance(figure.value, int) else "—", [])
        items[key] = figure
    return Figures(council=figures.council, year=figures.year, items=items, footnotes=figures.footnotes)


def _footnote(subjects: list[str]) -> str:
    if not subjects:
        return ""
    text = "; ".join(s.rstrip(".") for s in subjects)
    return text[:1].upper() + text[1:] + "."


def silent_delegates(*, council: Council, on: datetime.date) -> list[Delegate]:
    """Delegates of the current term who have not spoken once since its start (seed 000 complains of them)."""
    term = term_current(council=council, on=on)
    if term is None:
        return []
    spoken = Speech.objects.filter(session__council=council, session__term=term).values("delegate")
    return list(
        Delegate.objects.filter(term=term, elected_on__lte=on)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=on))
        .exclude(pk__in=spoken)
        .select_related("person")
        .order_by("person__name_folded")
    )


@dataclass
class DelegateActivity:
    delegate: Delegate
    present: int = 0
    excused: int = 0
    absent: int = 0
    speeches: int = 0
    questions: int = 0
    contacts: int = 0
    supervisions: int = 0


GROUP_REPORT = "group_report"


def group_reports(*, council: Council, on: datetime.date) -> dict[int, tuple[int, int]]:
    """Per delegate group: (reports owed, reports sent late or still overdue on `on`), from the follow-up
    engine, the one holder of a group report (a report the office cancelled is not owed) — seed 000: "có
    Tổ đại biểu có lúc gửi báo cáo còn chậm". One query."""
    from followup.models import Obligation, State
    from followup.selectors import ever_late_condition

    late = ever_late_condition(on)
    rows = (
        Obligation.objects.filter(council=council, kind=GROUP_REPORT)
        .exclude(state=State.CANCELLED)
        .values("owner")
        .annotate(total=Count("pk"), late=Count("pk", filter=late))
    )
    return {r["owner"]: (r["total"], r["late"]) for r in rows}


def delegate_activity(*, council: Council, term_id: int | None = None) -> list[DelegateActivity]:
    """Per delegate of a term: sitting days present and missed, speeches, questions asked, voter contacts
    and supervision rounds joined. Six queries whatever the number of delegates."""
    from petitions.models import ContactMeeting

    term = (council.terms.filter(pk=term_id).first() if term_id else None) or term_current(council=council)
    if term is None:
        return []
    delegates = list(
        Delegate.objects.filter(term=term).select_related("person", "group").order_by("person__name_folded")
    )
    rows = {d.pk: DelegateActivity(delegate=d) for d in delegates}
    for row in (
        Attendance.objects.filter(delegate__term=term)
        .values("delegate")
        .annotate(
            present=Count("pk", filter=Q(presence=Presence.PRESENT)),
            excused=Count("pk", filter=Q(presence=Presence.EXCUSED)),
            absent=Count("pk", filter=Q(presence=Presence.ABSENT)),
        )
    ):
        activity = rows.get(row["delegate"])
        if activity:
            activity.present, activity.excused, activity.absent = row["present"], row["excused"], row["absent"]
    for model, attr in ((Speech, "speeches"), (Question, "questions"), (RoundMember, "supervisions")):
        for row in model.objects.filter(delegate__term=term).values("delegate").annotate(n=Count("pk")):
            if row["delegate"] in rows:
                setattr(rows[row["delegate"]], attr, row["n"])
    through = ContactMeeting.delegates.through
    for row in through.objects.filter(delegate__term=term).values("delegate").annotate(n=Count("pk")):
        if row["delegate"] in rows:
            rows[row["delegate"]].contacts = row["n"]
    return list(rows.values())
