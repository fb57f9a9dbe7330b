"""The shared plumbing in hdnd/: validated_save, format_date, dates.today, run_form and run_action."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import CharField, Form
from django.test import RequestFactory
from django.utils import timezone

from hdnd import dates
from hdnd.dates import format_date
from hdnd.saving import validated_save
from hdnd.views import NOT_DONE, run_action, run_form
from registry.models import Body, BodyKind


def _request(method: str = "post", data: dict | None = None) -> object:
    request = getattr(RequestFactory(), method)("/", data or {})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _messages(request: object) -> list[str]:
    return [str(m) for m in get_messages(request)]


@pytest.mark.django_db
def test_validated_save_records_the_acting_user_and_refuses_invalid_rows(world) -> None:
    office = world.users["office"]
    body = validated_save(
        Body(council=world.council, kind=BodyKind.AGENCY, name="Phòng Y tế", short_name="Phòng Y tế"), office
    )
    assert body.pk is not None and body.history.first().history_user == office
    with pytest.raises(ValidationError):  # full_clean runs: a body needs a name
        validated_save(Body(council=world.council, kind=BodyKind.AGENCY, name="", short_name="X"), office)
    body.name = "Phòng Y tế thị xã"
    validated_save(body, office, update_fields=["name"])
    body.refresh_from_db()
    assert body.name == "Phòng Y tế thị xã" and body.history.count() == 2


def test_format_date_is_dd_mm_yyyy() -> None:
    assert format_date(datetime.date(2025, 7, 1)) == "01/07/2025"


def test_today_is_the_day_in_the_councils_time_zone(settings) -> None:
    # 17:30 UTC on 31/12 is already 01/01 in Asia/Ho_Chi_Minh (UTC+7): the council's day is the new year.
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    instant = datetime.datetime(2024, 12, 31, 17, 30, tzinfo=datetime.UTC)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(timezone, "now", lambda: instant)
        assert dates.today() == datetime.date(2025, 1, 1)


class _NameForm(Form):
    name = CharField()


@pytest.mark.django_db
def test_run_form_runs_the_action_in_one_transaction_and_puts_a_refusal_on_the_form(world) -> None:
    def action(data: dict) -> None:
        Body.objects.create(council=world.council, kind=BodyKind.AGENCY, name=data["name"])
        raise ValidationError({"name": "Tên đã có."})  # refused after a first write: nothing stays

    form = _NameForm({"name": "Phòng Nội vụ 2"})
    request = _request(data={"name": "Phòng Nội vụ 2"})
    assert run_form(request, form, action, "Đã lưu.") is NOT_DONE
    assert form.errors["name"] == ["Tên đã có."]
    assert not Body.objects.filter(name="Phòng Nội vụ 2").exists()
    assert _messages(request) == []

    form = _NameForm({"name": "Phòng Nội vụ 3"})
    made = run_form(request, form, lambda d: Body.objects.create(council=world.council, name=d["name"]), "Đã lưu.")
    assert made.name == "Phòng Nội vụ 3" and _messages(request) == ["Đã lưu."]
    assert run_form(_request("get"), _NameForm(), lambda d: 1 / 0, "x") is NOT_DONE  # GET writes nothing


@pytest.mark.django_db
def test_run_action_flashes_success_or_refusal_and_lets_a_permission_refusal_through(world) -> None:
    request = _request()
    assert run_action(request, lambda: 7, "Đã xong.") == 7

    def refuse() -> None:
        raise ValidationError(["Chưa đủ điều kiện.", "Thiếu người ký."])

    assert run_action(request, refuse, "Đã xong.") is NOT_DONE
    assert run_action(request, refuse, "Đã xong.", refused="Chưa thể ban hành: ") is NOT_DONE
    assert _messages(request) == [
        "Đã xong.",
        "Chưa đủ điều kiện.",
        "Thiếu người ký.",
        "Chưa thể ban hành: Chưa đủ điều kiện. Thiếu người ký.",
    ]

    def forbidden() -> None:
        raise PermissionDenied("Không được phép.")

    with pytest.raises(PermissionDenied):  # the view answers 403, not a flashed 400-like refusal
        run_action(request, forbidden, "Đã xong.")
