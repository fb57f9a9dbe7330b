"""The national dataset of issue 17, bulk-loaded: 3,355 councils (the real units), and at `scale` 1.0
2,000,000 petitions and 1,000,000 documents, of which Thành phố Hồ Chí Minh holds 100,000 petitions and
60,000 documents; a council of its own holds the duplicate-suggestion case (a round of 6,000 against
22,000 open petitions, at full size whatever the scale). Rows go in with bulk_create in large batches
(no per-row service, no history: this is a load, as a migration of old data would be).
"""

import datetime
import random
from collections.abc import Iterator

from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from documents.models import Direction, DocType, Document, State
from hdnd.text import fold
from petitions.duplicates import stored_keys
from petitions.management.commands.bench_petitions import ACTIONS, OBJECTS, REASONS, VILLAGES
from petitions.models import ContactRound, Level, Period, Petition
from registry import services as registry_services
from registry.models import Council, CouncilLevel, UnitType

BATCH = 5000
PETITIONS, DOCUMENTS = 2_000_000, 1_000_000
HCM_PETITIONS, HCM_DOCUMENTS = 100_000, 60_000
DUP_ROUND, DUP_OPEN = 6_000, 22_000
MARKER = "Đo Hiệu Năng Quốc Gia"


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
