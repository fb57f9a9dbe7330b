"""A town council with something published in every section of its portal, built through the services.

`grow(site, n)` adds rows until each list holds n of them, so a test can count the queries of a page
at 3 rows and again at 30. Petitioners carry a distinctive name, address and phone that no public page
may show.
"""

import datetime
from dataclasses import dataclass, field

import pytest
from django.core.cache import cache

from documents.tests.factories import published
from petitions import services as petitions
from petitions.tests.conftest import Town, make_petition, town  # noqa: F401
from plenary import services as plenary
from plenary.models import SessionState
from plenary.tests.factories import make_delegates, make_session, make_submission, set_due_days
from reception import schedule
from reception.models import RosterRule
from registry.models import BodyKind, Delegate, MemberRole, Person
from registry.selectors import delegates_in_office
from registry.services import membership_create, setting_set
from registry.tests.factories import BodyFactory, CouncilFactory, PersonFactory
from supervision import services as supervision

D = datetime.date
PETITIONER = "Trịnh Thị Riêngtư"
PETITIONER_PHONE = "0912345678"
PETITIONER_ADDRESS = "Số 9 hẻm Bímật"
UNITS = ["Phổ An", "Phổ Châu", "Phổ Quang"]


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


@dataclass
class Site:
    town: Town
    committee: object
    receiver: Person
    delegates: list[Delegate] = field(default_factory=list)
    sessions: list = field(default_factory=list)
    resolutions: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    rounds: list = field(default_factory=list)
    petitions: list = field(default_factory=list)
    councils: list = field(default_factory=list)
    slot_months: int = 0

    @property
    def council(self):
        return self.town.council


def _resolution(site: Site, session, i: int):
    submission = make_submission(session, site.town.world.agency, title=f"Tờ trình về đường giao thông nông thôn {i}")
    in_office = delegates_in_office(council=site.council, on=session.opens_on).count()
    plenary.vote_record(submission=submission, voted_on=session.opens_on, yes=in_office, no=0, abstain=0, user=None)
    resolution = plenary.resolution_issue(
        submission=submission,
        subject=f"Về việc đầu tư đường giao thông nông thôn số {i}",
        text="Điều 1. Thông qua.",
        issued_on=session.opens_on,
        signer_name="Nguyễn Văn A",
        user=None,
    )
    return plenary.resolution_publish(resolution=resolution, user=None)


def grow(site: Site, n: int) -> Site:
    """Add rows until each list of the portal holds `n`: delegates, sessions (one resolution each),
    published documents, published supervision rounds (one recommendation each), petitions of the
    published round (answered, each with a petitioner), reception days (months), active councils."""
    town_ = site.town
    council = town_.council
    for i in range(len(site.delegates), n):
        site.delegates.append(
            Delegate.objects.create(
                term=town_.world.term,
                person=PersonFactory(
                    council=council,
                    full_name=f"Lê Văn Đường {i}",
                    position="Bí thư Đảng ủy",
                    email=f"daibieu{i}@riengtu.vn",
                ),
                elected_on=D(2021, 5, 23),
                constituency=f"Đơn vị bầu cử số {i}",
                group=town_.world.group,
            )
        )
    for i in range(len(site.sessions), n):
        session = make_session(
            council,
            town_.world.term,
            number=i + 1,
            opens_on=D(2024, 1, 10) + datetime.timedelta(days=7 * i),
            created_on=D(2024, 1, 1),
        )
        plenary.agenda_item_add(session=session, kind="to_trinh", title=f"Tờ trình số {i} về đường giao thông")
        session = plenary.session_update(session=session, state=SessionState.CLOSED)
        site.sessions.append(session)
        site.resolutions.append(_resolution(site, session, i))
    for i in range(len(site.documents), n):
        site.documents.append(published(council, subject=f"Thông báo kết luận về đường điện số {i}"))
    for i in range(len(site.rounds), n):
        r = supervision.round_create(
            council=council,
            body=site.committee,
            kind="giam_sat",
            subject=f"việc sửa chữa đường huyện số {i}",
            supervised=[town_.bodies["Phòng QLĐT"]],
            supervised_label="Phòng Quản lý đô thị thị xã",
            set_up_on=D(2024, 5, 6),
            starts_on=D(2024, 6, 3),
            ends_on=D(2024, 6, 7),
        )
        supervision.recommendation_add(
            round=r, body=town_.bodies["Phòng QLĐT"], text="Sửa chữa mặt đường", due_on=D(2024, 9, 30)
        )
        site.rounds.append(supervision.round_publish(round=r, published=True))
    for i in range(len(site.petitions), n):
        p = make_petition(town_, f"Đề nghị nâng cấp đường liên thôn số {i}", unit=UNITS[i % len(UNITS)])
        petitions.petitioner_add(petition=p, full_name=PETITIONER, address=PETITIONER_ADDRESS, phone=PETITIONER_PHONE)
        site.petitions.append(p)
    petitions.round_publish(contact_round=town_.round, published=True, user=None)
    for i in range(len(site.councils), n):
        site.councils.append(CouncilFactory(unit_name=f"Thử Đường {i}", parent=council))
    return site


def answer_all(site: Site) -> None:
    """Forward the round's petitions and have the body answer each (feed and answers on the page)."""
    waiting = [p for p in site.petitions if p.obligation_id is None]
    if waiting:
        petitions.petitions_forward(
            contact_round=site.town.round,
            body=waiting[0].body,
            user=None,
            signer_title="Phó Chủ tịch",
            signer_name="Nguyễn Thị Kiều",
            issued_on=D(2024, 6, 20),
        )
    for p in site.petitions:
        p.refresh_from_db()
        if not p.answer_text:
            petitions.record_answer(
                petition=p,
                user=None,
                text=f"Đã bố trí vốn làm đường năm 2025 cho kiến nghị {p.pk}.",
                state="da_tra_loi",
            )


def publish_slots(site: Site, months: int) -> None:
    """Published reception days until there are `months` of them, one a month from January 2027 (the
    schedule is generated at most 24 months at a time)."""
    while site.slot_months < months:
        first = site.slot_months
        last = min(months, first + 24) - 1
        start = D(2027 + first // 12, first % 12 + 1, 1)
        end = D(2027 + last // 12, last % 12 + 1, 28)
        schedule.schedule_generate(council=site.council, start=start, end=end, user=None)
        schedule.schedule_publish(council=site.council, start=start, end=end, user=None)
        site.slot_months = last + 1


@pytest.fixture
def site(town) -> Site:  # noqa: F811
    council = town.council
    set_due_days(council)
    setting_set(council=council, key=schedule.REPORT_RULE, value=5)
    make_delegates(town.world.term, 10)
    committee = BodyFactory(
        council=council, kind=BodyKind.COMMITTEE, name="Ban Kinh tế - Xã hội HĐND thị xã", short_name="Ban KT-XH"
    )
    receiver = PersonFactory(council=council, full_name="Phạm Văn Tiếp", position="Chủ tịch HĐND thị xã")
    standing = BodyFactory(
        council=council, kind=BodyKind.STANDING_COMMITTEE, name="Thường trực HĐND thị xã", short_name="Thường trực"
    )
    membership_create(person=receiver, body=standing, role=MemberRole.CHAIR, starts_on=D(2021, 6, 25))
    schedule.roster_set(
        council=council,
        rule=RosterRule.DAY_OF_MONTH,
        day=5,
        place="Trụ sở tiếp công dân thị xã",
        decision="Quy chế, Điều 12",
        receivers=[receiver],
        user=None,
    )
    return Site(town=town, committee=committee, receiver=receiver)
