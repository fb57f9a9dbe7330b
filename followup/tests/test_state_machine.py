"""The state machine: every allowed transition, every refused one, and nothing changed on refusal."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from followup import services
from followup.models import Action, Obligation, ObligationUpdate, State
from followup.tests.factories import make_in_state, make_obligation

ALLOWED = {
    State.ASSIGNED: {Action.START, Action.PROGRESS, Action.DONE, Action.CANCEL},
    State.IN_PROGRESS: {Action.PROGRESS, Action.DONE, Action.CANCEL},
    State.RETURNED: {Action.PROGRESS, Action.DONE, Action.CANCEL},
    State.REPORTED_DONE: {Action.ACCEPT, Action.RETURN, Action.CANCEL},
    State.ACCEPTED: set(),
    State.CANCELLED: set(),
}
TARGET = {
    Action.START: State.IN_PROGRESS,
    Action.PROGRESS: State.IN_PROGRESS,
    Action.DONE: State.REPORTED_DONE,
    Action.ACCEPT: State.ACCEPTED,
    Action.RETURN: State.RETURNED,
    Action.CANCEL: State.CANCELLED,
}


def _run(action: str, obligation: Obligation, user: object) -> Obligation:
    if action == Action.START:
        return services.obligation_start(obligation=obligation, user=user)
    if action in (Action.PROGRESS, Action.DONE):
        return services.obligation_report(obligation=obligation, user=user, text="Báo cáo", done=action == Action.DONE)
    if action == Action.ACCEPT:
        return services.obligation_accept(obligation=obligation, user=user)
    if action == Action.RETURN:
        return services.obligation_return(obligation=obligation, user=user, reason="Thiếu số liệu")
    return services.obligation_cancel(obligation=obligation, user=user, reason="Không còn cần thiết")


@pytest.mark.parametrize("state", list(State))
@pytest.mark.parametrize(
    "action", [a for a in Action if a not in (Action.CREATE, Action.EXTEND, Action.RECOMPUTE, Action.BRING_FORWARD)]
)  # extending, recomputing and bringing forward the deadline keep the state
@pytest.mark.django_db
def test_every_transition(world, state: State, action: Action) -> None:
    obligation = make_in_state(make_obligation(council=world.council, owner=world.agency), state)
    before_updates = ObligationUpdate.objects.filter(obligation=obligation).count()
    before_history = obligation.history.count()
    user = world.users["office"]
    if action in ALLOWED[state]:
        _run(action, obligation, user)
        obligation.refresh_from_db()
        assert obligation.state == TARGET[action]
        last = obligation.updates.order_by("-pk").first()
        assert (last.action, last.from_state, last.to_state, last.user) == (action, state, TARGET[action], user)
        assert obligation.history.count() == before_history + 1
    else:
        with pytest.raises(ValidationError) as exc:
            _run(action, obligation, user)
        assert "Không thể" in exc.value.messages[0]
        assert State(state).label in exc.value.messages[0]
        obligation.refresh_from_db()
        assert obligation.state == state
        assert ObligationUpdate.objects.filter(obligation=obligation).count() == before_updates
        assert obligation.history.count() == before_history


@pytest.mark.django_db
def test_done_dates_report_and_return_clears_it(world) -> None:
    obligation = make_obligation(council=world.council, owner=world.agency)
    services.obligation_report(obligation=obligation, user=None, text="Xong", done=True, on=datetime.date(2024, 2, 5))
    obligation.refresh_from_db()
    assert obligation.reported_on == datetime.date(2024, 2, 5)
    services.obligation_return(obligation=obligation, user=None, reason="Chưa đạt")
    obligation.refresh_from_db()
    assert obligation.reported_on is None and obligation.state == State.RETURNED
    services.obligation_report(obligation=obligation, user=None, text="Đã bổ sung", done=True)
    services.obligation_accept(obligation=obligation, user=None)
    obligation.refresh_from_db()
    assert obligation.state == State.ACCEPTED and obligation.closed_at is not None
    assert [u.action for u in obligation.updates.all()] == [
        Action.CREATE,
        Action.DONE,
        Action.RETURN,
        Action.DONE,
        Action.ACCEPT,
    ]


@pytest.mark.django_db
def test_return_and_cancel_need_a_reason(world) -> None:
    obligation = make_in_state(make_obligation(council=world.council, owner=world.agency), State.REPORTED_DONE)
    with pytest.raises(ValidationError) as exc:
        services.obligation_return(obligation=obligation, user=None, reason="   ")
    assert exc.value.message_dict == {"reason": ["Vui lòng nêu lý do trả lại."]}
    with pytest.raises(ValidationError) as exc:
        services.obligation_cancel(obligation=obligation, user=None, reason="")
    assert exc.value.message_dict == {"reason": ["Vui lòng nêu lý do hủy."]}
    obligation.refresh_from_db()
    assert obligation.state == State.REPORTED_DONE


@pytest.mark.django_db
def test_report_needs_text(world) -> None:
    obligation = make_obligation(council=world.council, owner=world.agency)
    with pytest.raises(ValidationError) as exc:
        services.obligation_report(obligation=obligation, user=None, text=" \n ", done=True)
    assert exc.value.message_dict == {"text": ["Vui lòng nhập nội dung báo cáo."]}
    obligation.refresh_from_db()
    assert obligation.state == State.ASSIGNED
    assert obligation.updates.count() == 1
