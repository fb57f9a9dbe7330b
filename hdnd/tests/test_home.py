"""The home page per role answers "what do I have to do now" (issue 18), in a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse

from conftest import verify_second_factor
from documents.tests.factories import draft
from followup.selectors import today
from followup.tests.factories import make_in_state, make_obligation
from hdnd.home import SECTION_ROWS
from hdnd.testing import assert_constant_queries
from plenary import services as plenary_services
from plenary.tests.factories import make_session
from registry import services as registry_services
from registry.models import Role
from registry.tests.factories import DelegateFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def _home(client):
    """The home page, fetched once first: the first request after the second factor also saves the session."""
    client.get(reverse("home"))
    return lambda: client.get(reverse("home"))


def _late(world, owner, n: int, title: str = "Việc trễ") -> None:
    on = today()
    for i in range(n):
        make_obligation(
            council=world.council, owner=owner, title=f"{title} {i}", source_date=on - 40 * DAY, due_on=on - 5 * DAY
        )


def _due_this_week(world, owner, n: int) -> None:
    on = today()
    for i in range(n):
        make_obligation(
            council=world.council, owner=owner, title=f"Việc trong tuần {i}", source_date=on, due_on=on + 3 * DAY
        )


def test_office_home_lists_late_and_due_this_week(world, as_user) -> None:
    _late(world, world.agency, 2)
    _due_this_week(world, world.agency, 2)
    far = make_obligation(
        council=world.council, owner=world.agency, title="Việc còn xa", source_date=today(), due_on=today() + 60 * DAY
    )
    client = as_user("office")

    def grow() -> None:
        _late(world, world.other_agency, 10, "Việc trễ khác")
        _due_this_week(world, world.other_agency, 10)

    before, after = assert_constant_queries(_home(client), grow)
    text = before.content.decode()
    assert "Việc quá hạn" in text and "Việc đến hạn trong 7 ngày tới" in text
    assert "Việc trễ 0" in text and "quá hạn 5 ngày" in text and "Việc trong tuần 0" in text
    assert far.title not in text
    after_text = after.content.decode()
    # Twelve late obligations: the first rows and a link to all of them in the filtered list.
    assert after_text.count("quá hạn 5 ngày") == SECTION_ROWS
    assert "Xem tất cả 12" in after_text and "trang_thai=qua_han" in after_text


def test_agency_home_shows_its_own_new_and_late_obligations_only(world, as_user) -> None:
    _late(world, world.agency, 1, "Trễ của phòng")
    new = make_obligation(
        council=world.council,
        owner=world.agency,
        title="Mới giao cho phòng",
        source_date=today(),
        due_on=today() + 9 * DAY,
    )
    started = make_obligation(
        council=world.council, owner=world.agency, title="Đang làm", source_date=today(), due_on=today() + 9 * DAY
    )
    make_in_state(started, "dang_thuc_hien")
    _late(world, world.other_agency, 1, "Trễ của phòng khác")
    client = as_user("agency")

    before, _ = assert_constant_queries(_home(client), lambda: _late(world, world.agency, 5, "Thêm trễ"))
    text = before.content.decode()
    assert "Việc quá hạn của cơ quan" in text and "Trễ của phòng 0" in text
    assert "Việc mới giao, việc bị trả lại" in text and new.title in text
    assert reverse("followup:obligation_detail", args=[new.pk]) in text
    assert "Đang làm" not in text and "Trễ của phòng khác" not in text


def _delegate_user(world):
    delegate = DelegateFactory(term=world.term, elected_on=datetime.date(2021, 5, 23))
    user = UserFactory(username="daibieu-that")
    registry_services.role_grant(user=user, council=world.council, role=Role.DELEGATE, person=delegate.person)
    return delegate, user


def test_delegate_home_shows_next_session_and_pending_questions(world, client) -> None:
    delegate, user = _delegate_user(world)
    client.force_login(user)
    verify_second_factor(client, user)
    session = make_session(world.council, world.term, opens_on=today() + 10 * DAY, created_on=today())
    official = PersonFactory(council=world.council, full_name="Trần Văn Giám Đốc")

    def ask(n: int) -> None:
        for i in range(n):
            plenary_services.question_create(
                session=session,
                delegate=delegate,
                addressee=official,
                addressee_body=world.agency,
                content=f"Câu hỏi số {i} về tiến độ",
                asked_on=today(),
                user=None,
            )

    ask(1)
    before, after = assert_constant_queries(_home(client), lambda: ask(12))
    text = before.content.decode()
    assert "Kỳ họp sắp tới" in text and "Kỳ họp thứ 21" in text
    assert (today() + 10 * DAY).strftime("%d/%m/%Y") in text
    assert "Chất vấn của bạn chưa được trả lời" in text and "Câu hỏi số 0" in text
    assert after.content.decode().count("Trần Văn Giám Đốc ngày") == SECTION_ROWS
    assert "Văn bản chờ bạn ký" not in text  # a delegate named on no draft signs nothing


def test_chair_home_lists_the_drafts_waiting_for_their_signature(world, client) -> None:
    chair = PersonFactory(council=world.council, full_name="Nguyễn Thị Chủ Tọa")
    user = UserFactory(username="chutoa")
    registry_services.role_grant(user=user, council=world.council, role=Role.STANDING_MEMBER, person=chair)
    client.force_login(user)
    verify_second_factor(client, user)
    mine = draft(
        world.council, subject="Thông báo kết luận chờ ký", signer_name=chair.full_name, signer_title="Phó Chủ tịch"
    )
    draft(world.council, subject="Văn bản người khác ký")

    def grow() -> None:
        for i in range(10):
            draft(world.council, subject=f"Dự thảo {i}", signer_name=chair.full_name)

    before, after = assert_constant_queries(_home(client), grow)
    text = before.content.decode()
    assert "Văn bản chờ bạn ký" in text and mine.subject in text and "Văn bản người khác ký" not in text
    # The draft opens for its signer although a standing member sees no other draft.
    assert client.get(reverse("documents:document_detail", args=[mine.pk])).status_code == 200
    assert "Xem tất cả 11" in after.content.decode()


def test_notification_count_in_the_top_bar(world, as_user) -> None:
    from followup.reminders import reminders_send

    _late(world, world.agency, 2)
    reminders_send(on=today())  # the follow-up engine's reminders: the office and the agency are told
    assert 'class="count">2</span>' in as_user("office").get(reverse("home")).content.decode()
    assert 'class="count">2</span>' in as_user("agency").get(reverse("home")).content.decode()
    assert 'class="count zero">0</span>' in as_user("delegate").get(reverse("home")).content.decode()
    client = as_user("office")
    client.post(reverse("followup:notification_read"))
    assert 'class="count zero">0</span>' in client.get(reverse("home")).content.decode()
