"""Fixed query counts (3 rows, then 30) for the schedule, the reception register and a reception's page,
their API lists, and the chasing letters."""

import datetime

from hdnd.testing import assert_constant_queries
from reception import notices, refusals, schedule, services
from reception.models import Category, RosterRule, SessionKind
from reception.services import CaseIn, SenderIn
from registry.models import BodyKind, Person
from registry.services import setting_set
from registry.tests.factories import BodyFactory

D = datetime.date
DAY = D(2026, 7, 6)


def _receivers(world, n, start=0):
    return [Person.objects.create(council=world.council, full_name=f"Người tiếp {start + i:02d}") for i in range(n)]


def test_schedule_page_and_api(world, as_user):
    BodyFactory(council=world.council, kind=BodyKind.STANDING_COMMITTEE, name="Thường trực HĐND")
    setting_set(council=world.council, key=schedule.REPORT_RULE, value=5)
    people = _receivers(world, 30)
    schedule.roster_set(
        council=world.council,
        rule=RosterRule.DAY_OF_MONTH,
        day=10,
        place="Trụ sở tiếp công dân",
        decision="Quy chế, Điều 12",
        receivers=people,
        minimum_per_year=1,
        user=None,
    )
    schedule.schedule_generate(council=world.council, start=D(2027, 1, 1), end=D(2027, 3, 31), user=None)
    schedule.schedule_publish(council=world.council, start=D(2027, 1, 1), end=D(2027, 3, 31), user=None)

    def grow() -> None:
        schedule.schedule_generate(council=world.council, start=D(2027, 4, 1), end=D(2029, 3, 31), user=None)
        schedule.schedule_publish(council=world.council, start=D(2027, 4, 1), end=D(2029, 3, 31), user=None)

    client = as_user("office")
    base = f"/api/v1/councils/{world.council.pk}"
    # The page shows 2027 only: grow adds 9 days of 2027 (April..December) and the API counts the same year.
    assert_constant_queries(
        lambda: (client.get("/don-thu/lich-tiep/?year=2027"), client.get(f"{base}/reception-schedule?year=2027")),
        grow,
    )


def _session(world, i, receivers):
    return services.session_create(
        council=world.council,
        held_on=DAY,
        kind=SessionKind.PERIODIC,
        content=f"Buổi tiếp số {i}",
        receivers=receivers,
        user=None,
    )


def test_reception_register_page_and_api(world, as_user):
    people = _receivers(world, 2)
    for i in range(3):
        _session(world, i, people)
    client = as_user("office")
    base = f"/api/v1/councils/{world.council.pk}"
    assert_constant_queries(
        lambda: client.get("/don-thu/tiep-cong-dan/?year=2026"),
        lambda: [_session(world, i, people) for i in range(3, 30)],
        row_text="/don-thu/tiep-cong-dan/",
    )
    assert_constant_queries(
        lambda: client.get(f"{base}/receptions?year=2026"),
        lambda: [_session(world, i, people) for i in range(30, 57)],
        row_text='"held_on"',
        rows=27,
    )


def test_reception_page_with_its_letters_and_tasks(world, as_user):
    session = _session(world, 0, _receivers(world, 3))

    def add(n: int, start: int) -> None:
        for i in range(start, start + n):
            services.letter_receive(
                council=world.council,
                received_on=DAY,
                reception=session,
                cases=[CaseIn(Category.COMPLAINT, f"Khiếu nại tại buổi tiếp {i}")],
                senders=[SenderIn(f"Công dân {i}")],
                user=None,
            )
            notices.task_add(session=session, body=world.agency, text=f"Nhiệm vụ {i}", user=None)

    add(3, 0)
    client = as_user("office")
    assert_constant_queries(
        lambda: client.get(f"/don-thu/tiep-cong-dan/{session.pk}/"),
        lambda: add(27, 3),
        row_text="Nhiệm vụ ",
    )


def test_chasing_letters_page_and_api(world, as_user):
    def late(n: int, start: int) -> None:
        for i in range(start, start + n):
            body = BodyFactory(council=world.council, name=f"Cơ quan {i:02d}")
            letter = services.letter_receive(
                council=world.council,
                received_on=DAY,
                cases=[CaseIn(Category.COMPLAINT, f"Khiếu nại chậm {i}")],
                senders=[SenderIn(f"Công dân {i}")],
                user=None,
            )
            case = letter.cases.get()
            services.case_classify(case=case, user=None, eligible=True)
            services.case_forward(case=case, body=body, user=None, signer_title="P", signer_name="T", issued_on=DAY)

    def chase() -> None:
        refusals.chase_letters_make(council=world.council, signer_title="P", signer_name="T", user=None)

    late(3, 0)
    chase()
    client = as_user("office")
    base = f"/api/v1/councils/{world.council.pk}"
    assert_constant_queries(
        lambda: (client.get("/don-thu/don-doc/"), client.get(f"{base}/letter-chases")),
        lambda: (late(27, 3), chase()),
    )
