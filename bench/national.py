"""The national dataset of issue 17, bulk-loaded: 3,355 councils (the real units), and at `scale` 1.0
2,000,000 petitions and 1,000,000 documents, of which Thành phố Hồ Chí Minh holds 100,000 petitions and
60,000 documents; a council of its own holds the duplicate-suggestion case (a round of 6,000 against
22,000 open petitions, at full size whatever the scale). The councils' work (`build_work`): 400,000
obligations (TP HCM 20,000, half of them the answers its petitions were forwarded for), 85,790
delegates, the standing committees' meetings and the sessions. Rows go in with bulk_create in large
batches (no per-row service, no history: this is a load, as a migration of old data would be).
"""

import datetime
import random
from collections.abc import Iterator

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from documents.models import Direction, DocType, Document, State
from followup.models import Obligation
from followup.models import State as ObligationState
from hdnd import dates
from hdnd.text import fold
from petitions.duplicates import stored_keys
from petitions.management.commands.bench_petitions import ACTIONS, OBJECTS, REASONS, VILLAGES
from petitions.models import ContactRound, Level, Period, Petition
from petitions.services import OBLIGATION_KIND as PETITION_KIND
from plenary.models import Session, SessionKind, SessionState
from registry import services as registry_services
from registry.models import (
    Body,
    BodyKind,
    Council,
    CouncilLevel,
    Delegate,
    MemberRole,
    Membership,
    Person,
    Term,
    UnitType,
)
from standing.models import Meeting
from standing.services import CONCLUSION_TASK

BATCH = 5000
PETITIONS, DOCUMENTS = 2_000_000, 1_000_000
HCM_PETITIONS, HCM_DOCUMENTS = 100_000, 60_000
DUP_ROUND, DUP_OPEN = 6_000, 22_000
MARKER = "Đo Hiệu Năng Quốc Gia"
# The councils' work at scale 1.0. TP HCM's figures are the issue's (obligations) or its real yearly
# ones (96 delegates, a meeting of its standing committee every fortnight, four sessions a year: small,
# so loaded whole at any scale); the other councils share the national totals, scaled.
OBLIGATIONS, HCM_OBLIGATIONS = 400_000, 20_000
DELEGATES, HCM_DELEGATES = 85_790, 96
MEETINGS_A_YEAR, SESSIONS_A_YEAR = 24, 4
WORK_YEARS = (2025, 2026)
WORK_MARKER = "Đo Hiệu Năng: việc, phiên họp, kỳ họp"
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Quốc", "Ngọc", "Hữu", "Thu"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hùng", "Lan", "Long", "Mai", "Nam", "Phúc", "Tâm"]
AGENCIES = ["Sở Xây dựng", "Sở Giao thông vận tải", "Sở Tài nguyên và Môi trường", "Sở Y tế", "Sở Giáo dục và Đào tạo"]
TASKS = ["Báo cáo kết quả", "Trả lời kiến nghị về", "Rà soát, đề xuất", "Hoàn thiện hồ sơ", "Kiểm tra, xử lý"]


def petition_text(rnd: random.Random, i: int) -> str:
    reason = rnd.choice(REASONS)
    place = f"thôn {rnd.choice(VILLAGES)}"
    return f"Đề nghị {rnd.choice(ACTIONS)} {rnd.choice(OBJECTS)} số {i} tại {place}{', ' + reason if reason else ''}"


def _batches(rows: Iterator, model: type) -> int:
    n, batch = 0, []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            model.objects.bulk_create(batch)
            n, batch = n + len(batch), []
    if batch:
        model.objects.bulk_create(batch)
        n += len(batch)
    return n


def hcm() -> Council:
    return Council.objects.get(level=CouncilLevel.PROVINCE, unit_name="Hồ Chí Minh")


def built() -> bool:
    return Council.objects.filter(unit_name=MARKER).exists()


def work_built() -> bool:
    """The councils' work is loaded (a dataset loaded before `build_work` existed gets it on reuse)."""
    return Body.objects.filter(name=WORK_MARKER).exists()


def _rounds(councils: list[Council], years: tuple[int, ...]) -> dict[int, list[ContactRound]]:
    rows = [
        ContactRound(council=c, year=y, period=p, label=f"{p} {y}")
        for c in councils
        for y in years
        for p in (Period.MID_YEAR, Period.YEAR_END)
    ]
    ContactRound.objects.bulk_create(rows, batch_size=BATCH)
    out: dict[int, list[ContactRound]] = {}
    for r in ContactRound.objects.filter(council__in=councils).order_by("year", "-period"):
        out.setdefault(r.council_id, []).append(r)
    return out


def _tiny_units() -> None:
    """TP HCM and three of its wards only: the bench's own test, where loading 3,355 units is the cost."""
    city = registry_services.council_create(
        level=CouncilLevel.PROVINCE, unit_type=UnitType.THANH_PHO_TW, unit_name="Hồ Chí Minh", unit_code="79"
    )
    for i, name in enumerate(["Sài Gòn", "Tân Định", "Bến Thành"]):
        registry_services.council_create(
            level=CouncilLevel.COMMUNE, unit_type=UnitType.PHUONG, unit_name=name, unit_code=f"2673{i}", parent=city
        )


def build(scale: float, log: object = print, *, tiny: bool = False) -> dict[str, int]:
    """Load the dataset at `scale` (1.0 = national) into the current database; returns what was made.
    `tiny`: four councils instead of the 3,355 real units (to keep the bench's own test quick)."""
    rnd = random.Random(17)
    if tiny:
        _tiny_units()
    else:
        call_command("load_units", verbosity=0)
    city = hcm()
    councils = list(Council.objects.filter(historical=False).order_by("pk"))
    communes = [c for c in councils if c.parent_id == city.pk] or [city]
    log(f"  {len(councils)} councils; {len(communes)} communes and wards of TP HCM")
    with transaction.atomic():
        rounds = _rounds(councils, (2024, 2025))
        n_hcm = int(HCM_PETITIONS * scale)
        n_rest = max(int(PETITIONS * scale) - n_hcm, 0)
        others = [c for c in councils if c.pk != city.pk]

        def petitions() -> Iterator[Petition]:
            for i in range(n_hcm):
                text = petition_text(rnd, i)
                yield Petition(
                    council=city,
                    round=rounds[city.pk][i % 4],
                    unit=communes[i % len(communes)],
                    text=text,
                    text_folded=fold(text),
                    match_keys=stored_keys(text),
                    level=Level.PROVINCE,
                )
            for i in range(n_rest):
                council = others[i % len(others)]
                text = petition_text(rnd, i)
                yield Petition(
                    council=council,
                    round=rounds[council.pk][i % 4],
                    unit=council,
                    text=text,
                    text_folded=fold(text),
                    match_keys=stored_keys(text),
                    level=Level.COMMUNE,
                )

        made = {"councils": len(councils), "petitions": _batches(petitions(), Petition)}
        log(f"  {made['petitions']} petitions")
        now = timezone.now()
        n_doc_hcm = int(HCM_DOCUMENTS * scale)
        n_doc_rest = max(int(DOCUMENTS * scale) - n_doc_hcm, 0)

        def documents() -> Iterator[Document]:
            counters: dict[int, int] = {}
            for i in range(n_doc_hcm + n_doc_rest):
                council = city if i < n_doc_hcm else others[i % len(others)]
                number = counters[council.pk] = counters.get(council.pk, 0) + 1
                subject = f"Về việc {rnd.choice(ACTIONS)} {rnd.choice(OBJECTS)} đường số {i}"
                yield Document(
                    council=council,
                    direction=Direction.OUTGOING,
                    doc_type=DocType.THONG_BAO,
                    series="tb",
                    year=2025,
                    number=number,
                    number_symbol=f"{number}/TB-HĐND",
                    number_folded=fold(f"{number}/TB-HĐND"),
                    subject=subject,
                    subject_folded=fold(subject),
                    state=State.PUBLISHED,
                    published_at=now,
                    issued_on=datetime.date(2025, 1, 1) + datetime.timedelta(days=i % 300),
                )

        made["documents"] = _batches(documents(), Document)
        log(f"  {made['documents']} documents")
        # The marker of a loaded dataset (the duplicate-suggestion case has a council of its own).
        registry_services.council_create(
            level=CouncilLevel.DISTRICT, unit_type=UnitType.THI_XA, unit_name=MARKER, unit_code="B9998", historical=True
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE petitions_petition")
            cursor.execute("VACUUM ANALYZE documents_document")
            cursor.execute("ANALYZE")
    return made


def duplicate_round(n_round: int = DUP_ROUND, n_open: int = DUP_OPEN) -> ContactRound:
    """The round of the duplicate-suggestion case (`n_round` petitions against `n_open` open ones of an
    earlier round, in a council of its own), loaded on first use: at full size whatever the scale, since
    it is only 28,000 rows."""
    name = f"Đo Trùng Lặp {n_round} {n_open}"
    found = ContactRound.objects.filter(council__unit_name=name, period=Period.YEAR_END).first()
    if found:
        return found
    rnd = random.Random(6)
    with transaction.atomic():
        dup = registry_services.council_create(
            level=CouncilLevel.DISTRICT,
            unit_type=UnitType.THI_XA,
            unit_name=name,
            unit_code=f"B{Council.objects.filter(unit_name__startswith='Đo Trùng Lặp').count():04}",
            historical=True,
        )
        dup_rounds = _rounds([dup], (2025,))[dup.pk]

        def dup_petitions() -> Iterator[Petition]:
            text = ""
            for i in range(n_open + n_round):
                current = i >= n_open
                # One in ten says again what the previous one said, in capitals and with "Cử tri" first.
                text = f"Cử tri {text.upper()}" if i % 10 == 1 else petition_text(rnd, i)
                yield Petition(
                    council=dup,
                    round=dup_rounds[1 if current else 0],
                    unit=dup,
                    text=text,
                    text_folded=fold(text),
                    match_keys=stored_keys(text),
                    level=Level.DISTRICT,
                )

        _batches(dup_petitions(), Petition)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE petitions_petition")  # and the trigram indexes' pending lists merged
    return dup_rounds[1]


def _spread(total: int, councils: list[Council]) -> Iterator[tuple[int, Council]]:
    """`total` rows over the councils in turn: (the row's number within its council, the council)."""
    seen: dict[int, int] = {}
    for i in range(total):
        council = councils[i % len(councils)]
        seen[council.pk] = seen.get(council.pk, -1) + 1
        yield seen[council.pk], council


def _person(rnd: random.Random, council: Council, position: str = "") -> Person:
    name = f"{rnd.choice(SURNAMES)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}"
    return Person(council=council, full_name=name, name_folded=fold(name), position=position)


# The states an owed obligation is loaded in (assigned twice as often as the others).
OPEN_STATES_LOADED = (
    ObligationState.ASSIGNED,
    ObligationState.ASSIGNED,
    ObligationState.IN_PROGRESS,
    ObligationState.RETURNED,
)


def _obligation(
    rnd: random.Random, council: Council, owner: Body, i: int, on: datetime.date, source: tuple | None = None
) -> Obligation:
    """One obligation of the last two years, in the states the follow-up pages meet: half accepted, a tenth
    reported and waiting (a third of those late), three in ten still owed (most past their deadline)."""
    source_date = datetime.date(WORK_YEARS[0], 1, 1) + datetime.timedelta(days=rnd.randrange(700))
    due_on = source_date + datetime.timedelta(days=rnd.choice((15, 30, 45, 60, 90)))
    roll = rnd.random()
    if roll < 0.5:
        state, late = ObligationState.ACCEPTED, rnd.random() < 0.15
    elif roll < 0.6:
        state, late = ObligationState.REPORTED_DONE, rnd.random() < 0.35
    elif roll < 0.9:
        state, late = rnd.choice(OPEN_STATES_LOADED), False
    else:
        state, late = ObligationState.CANCELLED, False
    reported_on = None
    if state in (ObligationState.ACCEPTED, ObligationState.REPORTED_DONE):
        shift = rnd.randint(1, 40) if late else -rnd.randint(0, 10)
        reported_on = max(source_date, min(on, due_on + datetime.timedelta(days=shift)))
    title = f"{rnd.choice(TASKS)} {rnd.choice(OBJECTS)} số {i} tại thôn {rnd.choice(VILLAGES)}"
    kind, source_type, source_id, label = source or (CONCLUSION_TASK, None, None, "Kết luận phiên họp Thường trực")
    return Obligation(
        council=council,
        owner=owner,
        title=title,
        title_folded=fold(title),
        kind=kind,
        source_type=source_type,
        source_id=source_id,
        source_label=label,
        source_date=source_date,
        due_on=due_on,
        state=state,
        reported_on=reported_on,
        closed_at=timezone.now() if state in (ObligationState.ACCEPTED, ObligationState.CANCELLED) else None,
    )


def build_work(scale: float, log: object = print) -> dict[str, int]:
    """Load the councils' work at `scale` into a loaded dataset (see the module's docstring): per council a
    term, its standing committee and chair, its People's Committee and agencies; then delegates, meetings,
    sessions and obligations. TP HCM's petitions get the obligations of their answers (so their states and
    the annual report's answered figures come from real rows)."""
    rnd = random.Random(20)
    on = dates.today()
    city = hcm()
    councils = list(Council.objects.filter(historical=False).order_by("pk"))
    others = [c for c in councils if c.pk != city.pk] or [city]
    with transaction.atomic():
        Term.objects.bulk_create(
            [
                Term(council=c, name="2021-2026", starts_on=datetime.date(2021, 6, 1), delegates_elected=96)
                for c in councils
            ],
            batch_size=BATCH,
        )
        terms = {t.council_id: t for t in Term.objects.filter(council__in=councils, name="2021-2026")}
        bodies = []
        for c in councils:
            agencies = AGENCIES if c.pk == city.pk else AGENCIES[:2]
            for kind, name in [
                (BodyKind.STANDING_COMMITTEE, "Thường trực HĐND"),
                (BodyKind.PEOPLES_COMMITTEE, "Ủy ban nhân dân"),
                *((BodyKind.AGENCY, a) for a in agencies),
            ]:
                bodies.append(Body(council=c, kind=kind, name=name, short_name=name, name_folded=fold(name)))
        Body.objects.bulk_create(bodies, batch_size=BATCH)
        standing, owners = {}, {}
        for body in Body.objects.filter(council__in=councils).order_by("pk"):
            if body.kind == BodyKind.STANDING_COMMITTEE:
                standing[body.council_id] = body
            else:
                owners.setdefault(body.council_id, []).append(body)
        chairs = [_person(rnd, c, "Chủ tịch HĐND") for c in councils]
        Person.objects.bulk_create(chairs, batch_size=BATCH)
        Membership.objects.bulk_create(
            [
                Membership(
                    person=p, body=standing[p.council_id], role=MemberRole.CHAIR, starts_on=datetime.date(2021, 6, 1)
                )
                for p in chairs
            ],
            batch_size=BATCH,
        )
        council_of = {body.pk: council_id for council_id, body in standing.items()}
        chair_of = {council_of[m.body_id]: m for m in Membership.objects.filter(body__in=standing.values())}
        log(f"  {len(terms)} terms, {len(bodies)} bodies")

        n_rest = max(int(DELEGATES * scale) - HCM_DELEGATES, 0)
        people = [(c, _person(rnd, c)) for c in [city] * HCM_DELEGATES + [c for _, c in _spread(n_rest, others)]]
        Person.objects.bulk_create([p for _, p in people], batch_size=BATCH)
        made = {
            "delegates": len(
                Delegate.objects.bulk_create(
                    [
                        Delegate(
                            term=terms[c.pk],
                            person=p,
                            constituency="Đơn vị bầu cử số 1",
                            elected_on=datetime.date(2021, 5, 23),
                        )
                        for c, p in people
                    ],
                    batch_size=BATCH,
                )
            )
        }

        def meetings() -> Iterator[Meeting]:
            per_council = MEETINGS_A_YEAR * len(WORK_YEARS)
            n_rest = int(per_council * len(others) * scale)
            for i, council in [*((i, city) for i in range(per_council)), *_spread(n_rest, others)]:
                held_on = datetime.date(WORK_YEARS[0], 1, 10) + datetime.timedelta(days=(i % per_council) * 15)
                purpose = f"cho ý kiến về nội dung trình kỳ họp, phiên họp số {i + 1}"
                yield Meeting(
                    council=council,
                    held_on=held_on,
                    place="Phòng họp số 1",
                    purpose=purpose,
                    purpose_folded=fold(purpose),
                    chair=chair_of[council.pk],
                )

        made["meetings"] = _batches(meetings(), Meeting)

        def sessions() -> Iterator[Session]:
            kinds = (SessionKind.THEMATIC, SessionKind.REGULAR_MID, SessionKind.THEMATIC, SessionKind.REGULAR_END)
            per_council = SESSIONS_A_YEAR * len(WORK_YEARS)
            n_rest = int(per_council * len(others) * scale)
            for i, council in [*((i, city) for i in range(per_council)), *_spread(n_rest, others)]:
                year, quarter = WORK_YEARS[(i // 4) % len(WORK_YEARS)], i % 4
                opens_on = datetime.date(year, 3 * quarter + 3, 10)
                yield Session(
                    council=council,
                    term=terms[council.pk],
                    number=i + 1,
                    kind=kinds[quarter],
                    created_on=opens_on - datetime.timedelta(days=30),
                    opens_on=opens_on,
                    closes_on=opens_on + datetime.timedelta(days=2),
                    opened_on=opens_on if opens_on <= on else None,
                    closed_on=opens_on + datetime.timedelta(days=2) if opens_on < on else None,
                    state=SessionState.CLOSED if opens_on < on else SessionState.PLANNED,
                )

        made["sessions"] = _batches(sessions(), Session)

        n_hcm = int(HCM_OBLIGATIONS * scale)
        # Half of TP HCM's obligations answer one of its petitions each (the first ones loaded).
        petition_type = ContentType.objects.get_for_model(Petition)
        answered = list(Petition.objects.filter(council=city).order_by("pk").values_list("pk", flat=True)[: n_hcm // 2])

        def obligations() -> Iterator[Obligation]:
            for i in range(n_hcm):
                source = None
                if i < len(answered):
                    source = (PETITION_KIND, petition_type, answered[i], "Kiến nghị cử tri")
                yield _obligation(rnd, city, owners[city.pk][i % len(owners[city.pk])], i, on, source)
            for i, council in _spread(max(int(OBLIGATIONS * scale) - n_hcm, 0), others):
                yield _obligation(rnd, council, owners[council.pk][i % len(owners[council.pk])], i, on)

        made["obligations"] = _batches(obligations(), Obligation)
        with connection.cursor() as cursor:
            # The petitions point to their obligations (and the body that owes the answer), as forwarding does.
            cursor.execute(
                "UPDATE petitions_petition p SET obligation_id = o.id, body_id = o.owner_id "
                "FROM followup_obligation o WHERE o.source_type_id = %s AND o.source_id = p.id AND o.council_id = %s",
                [petition_type.pk, city.pk],
            )
        Body.objects.create(
            council=Council.objects.get(unit_name=MARKER), kind=BodyKind.OTHER, name=WORK_MARKER, short_name="Đo"
        )
    log("  " + ", ".join(f"{n} {what}" for what, n in made.items()))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in ("followup_obligation", "petitions_petition", "standing_meeting", "plenary_session"):
                cursor.execute(f"VACUUM ANALYZE {table}")
            cursor.execute("ANALYZE")
    return made
