"""The data migration reception 0004_classification_backfill, run with the migration executor on cases
entered before classifications were dated: each gets its classification of the day as in effect from the
day its letter was received, so the statistics of past periods keep counting it."""

import datetime

import pytest

from hdnd.testing import migrate_to, migrate_to_latest
from reception import selectors, services
from reception.models import Case, Category, Classification, Field, Handling, Ineligible
from reception.services import CaseIn, SenderIn

BEFORE = [("reception", "0003_classification")]
AFTER = [("reception", "0004_classification_backfill")]
D = datetime.date


@pytest.mark.django_db(transaction=True)
def test_existing_cases_get_their_classification_from_the_day_received(world) -> None:
    office = world.users["office"]
    first = services.letter_receive(
        council=world.council,
        received_on=D(2025, 3, 3),
        cases=[
            CaseIn(Category.COMPLAINT, "Khiếu nại về bồi thường đất", Field.LAND),
            CaseIn(Category.REFLECTION, "Phản ánh đèn đường hỏng", Field.ADMIN_OTHER),
        ],
        senders=[SenderIn("Nguyễn Văn Khiếu")],
        user=office,
    )
    complaint, reflection = first.cases.order_by("position")
    services.case_classify(case=complaint, user=office, eligible=True, effective_on=D(2025, 3, 5))
    services.case_forward(
        case=complaint, body=world.agency, user=office, signer_title="P", signer_name="T", issued_on=D(2025, 3, 6)
    )
    services.case_classify(
        case=reflection,
        user=office,
        eligible=False,
        ineligible_reason=Ineligible.NO_NEW_FACTS,
        handling=Handling.FILED,
        effective_on=D(2025, 4, 1),
    )
    anonymous = services.letter_receive(
        council=world.council,
        received_on=D(2025, 8, 8),
        cases=[CaseIn(Category.DENUNCIATION, "Tố cáo xây dựng trái phép")],
        anonymous=True,
        user=office,
    ).cases.get()
    kept = Classification.objects.filter(case=reflection).count()
    try:
        old = migrate_to(BEFORE)  # the backfill undone (it removes nothing)
        # The shape before the dated rows: the cases' own columns, and no classification but one case's
        # (entered after the new code ran: the migration leaves it alone).
        old.get_model("reception", "Classification").objects.exclude(case_id=reflection.pk).delete()
        migrate_to(AFTER)
    finally:
        migrate_to_latest()
    rows = {
        case_id: list(Classification.objects.filter(case_id=case_id).order_by("effective_on", "pk"))
        for case_id in (complaint.pk, reflection.pk, anonymous.pk)
    }
    (row,) = rows[complaint.pk]
    assert (row.effective_on, row.category, row.field) == (D(2025, 3, 3), Category.COMPLAINT, Field.LAND)
    assert (row.eligible, row.handling, row.competent_body_id) == (True, Handling.FORWARDED, world.agency.pk)
    (row,) = rows[anonymous.pk]
    assert (row.effective_on, row.category, row.eligible, row.ineligible_reason) == (
        D(2025, 8, 8),
        Category.ANONYMOUS_INFO,
        False,
        Ineligible.ANONYMOUS,
    )
    assert len(rows[reflection.pk]) == kept  # already dated: not touched
    assert Classification.objects.count() == Case.objects.count() + kept - 1
    stats = selectors.statistics(council=world.council, year=2025)
    assert (stats.cases, stats.eligible, stats.ineligible, stats.forwarded) == (3, 1, 2, 1)
