"""The delegate's home, section "Tài liệu kỳ họp chưa đọc": says nothing was sent when nothing was, and
that all was read only once documents for the coming session were sent and opened."""

import datetime

import pytest
from django.urls import reverse

from plenary import services
from plenary.tests.factories import make_delegates, make_session, make_submission, set_due_days
from registry.models import Role

D = datetime.date
NONE_SENT = "Chưa có tài liệu nào được gửi cho kỳ họp sắp tới."
ALL_READ = "Bạn đã đọc hết tài liệu được gửi."


@pytest.mark.django_db
def test_home_says_no_document_was_sent_until_one_is(world, as_user, monkeypatch) -> None:
    monkeypatch.setattr("plenary.home.today", lambda: D(2024, 12, 5))  # before the session's opening
    set_due_days(world.council)
    delegate = make_delegates(world.term, 1)[0]
    grant = world.users["delegate"].grants.get(council=world.council, role=Role.DELEGATE)
    grant.person = delegate.person
    grant.save()
    client = as_user("delegate")
    html = client.get(reverse("home")).content.decode()
    assert NONE_SENT in html and ALL_READ not in html

    session = make_session(world.council, world.term)
    doc = services.session_document_add(
        session=session, title="Tờ trình dự toán", submission=make_submission(session, world.agency)
    )
    services.session_documents_send(session=session, sent_on=D(2024, 12, 1), user=None)
    html = client.get(reverse("home")).content.decode()
    assert "Tờ trình dự toán" in html and NONE_SENT not in html and ALL_READ not in html
    client.get(reverse("plenary:document_open", args=[doc.pk]))
    html = client.get(reverse("home")).content.decode()
    assert ALL_READ in html and NONE_SENT not in html
