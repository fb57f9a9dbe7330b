"""A supervision programme's page as a new user read it (issue 18): the proposals' milestone, taken as done
once its day has passed, shows no "—" beside "Đã thực hiện" (its day is not known: nothing is shown); the
related session is named and linked when plenary has it; item subjects start with a capital letter on the
page while the stored text stays as typed."""

import datetime
import re

import pytest

from plenary.tests.factories import make_session
from supervision import services
from supervision.models import ProgrammeItem, ProgrammeKind

D = datetime.date


@pytest.mark.django_db
def test_programme_page_names_its_session_and_shows_no_empty_done_day(world, setup, as_user) -> None:
    programme = services.programme_create(
        council=setup.council, kind=ProgrammeKind.COUNCIL, year=2026, body=setup.standing, session_on=D(2025, 7, 15)
    )
    services.item_add(programme=programme, subject="việc thực hiện chính sách hỗ trợ nhà ở", body=setup.committee)
    office = as_user("office")
    url = f"/giam-sat/chuong-trinh/{programme.pk}/"

    page = office.get(url).content.decode()
    assert "Kỳ họp ngày 15/07/2025" in page  # no session recorded yet: the day, said as a session's
    proposals = re.search(r'<tr id="moc-proposals">(.*?)</tr>', page, re.S)[1]
    cells = re.findall(r"<td>(.*?)</td>", proposals, re.S)
    assert cells[-1].startswith("Đã thực hiện") and cells[-2] == ""  # done, day unknown: nothing shown
    assert "<td>Việc thực hiện chính sách hỗ trợ nhà ở</td>" in page
    assert ProgrammeItem.objects.get(programme=programme).subject.startswith("việc")

    session = make_session(world.council, world.term, number=9, opens_on=D(2025, 7, 15), created_on=D(2025, 6, 1))
    page = office.get(url).content.decode()
    assert f'<a href="/ky-hop/{session.pk}/">Kỳ họp thứ 9, ngày 15/07/2025</a>' in page
