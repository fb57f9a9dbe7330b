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


def _letter(world, i: int, *, contents: int = 1, relatives: int = 0, protected: bool = False):
    return services.letter_receive(
        council=world.council,
        received_on=DAY,
        cases=[
            CaseIn(Category.DENUNCIATION, f"Tố cáo số {i}.{n} về cán bộ {n}", protected=protected)
            for n in range(contents)
        ],
        senders=[
            SenderIn(f"Người gửi {i}"),
            *(SenderIn(f"Người thân {i}.{n}", relation="con") for n in range(relatives)),
        ],
        user=None,
    )


def test_one_letter_in_the_api_with_its_contents_and_senders(world, as_user):
    """The letter's route as the granted user (senders shown and logged): a letter of 30 contents and 30
    people named costs what a letter of 3 does."""
    chief = world.users["office_chief"]
    shown = {"pk": 0}

    def make(contents: int, relatives: int) -> None:
        letter = _letter(world, contents, contents=contents, relatives=relatives, protected=True)
        for case in letter.cases.all():
            services.grant_create(case=case, grantee=chief, reason="Xác minh", user=chief)
        shown["pk"] = letter.pk

    make(3, 2)
    client = as_user("office_chief")
    url = f"/api/v1/councils/{world.council.pk}/letters/"
    client.get(url + str(shown["pk"]))  # the personal-data log's content type, cached once per process
    before, after = assert_constant_queries(lambda: client.get(url + str(shown["pk"])), lambda: make(30, 29))
    assert len(before.json()["cases"]) == 3 and len(after.json()["cases"]) == 30
    assert len(after.json()["senders"]) == 30


def test_statistics_api_and_a_figures_list_of_a_period(world, as_user):
    """The statistics of a period and the list behind its "waiting" figure, read at the period's end."""

    def forwarded(n: int, start: int) -> None:
        for i in range(start, start + n):
            case = _letter(world, i).cases.get()
            services.case_classify(case=case, user=None, eligible=True)
            services.case_forward(
                case=case, body=world.agency, user=None, signer_title="P", signer_name="T", issued_on=DAY
            )

    forwarded(3, 0)
    client = as_user("office")
    base = f"/api/v1/councils/{world.council.pk}"
    period = {"date_from": "2026-07-01", "date_to": "2026-07-31"}
    listed = {**period, "as_of": "2026-07-31", "answered": "chua", "duplicates": "0", "year": "2026"}
    before, after = assert_constant_queries(
        lambda: (client.get(f"{base}/letter-statistics", period), client.get(f"{base}/letters", listed)),
        lambda: forwarded(27, 3),
    )
    assert before[0].json()["waiting"] == 3 and after[0].json()["waiting"] == 30
    assert after[1].json()["count"] == 30


def test_roster_api_whatever_the_number_of_receivers(world, as_user):
    def roster(n: int, start: int) -> None:
        schedule.roster_set(
            council=world.council,
            rule=RosterRule.DAY_OF_MONTH,
            day=10,
            place="Trụ sở tiếp công dân",
            decision="Quy chế, Điều 12",
            receivers=_receivers(world, n, start),
            minimum_per_year=1,
            user=None,
        )

    roster(3, 0)
    client = as_user("office")
    before, after = assert_constant_queries(
        lambda: client.get(f"/api/v1/councils/{world.council.pk}/reception-roster"), lambda: roster(30, 3)
    )
    assert len(after.content) > len(before.content)
