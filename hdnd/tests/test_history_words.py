"""Histories in words (issue 18, item 4): times as hh:mm, coded values as their labels, no template tokens."""

from datetime import time

import pytest
from django.db import models

from hdnd.history import _display, _words


def test_time_is_shown_as_hours_and_minutes() -> None:
    field = models.TimeField("giờ bắt đầu")
    field.attname = "start"
    field.name = "start"

    class Record:
        start = time(8, 0)

    field.model = type("M", (), {"_meta": type("Meta", (), {"label": "x.M"})})
    assert _display(Record(), field) == "08:00"


def test_template_tokens_and_dicts_are_worded() -> None:
    assert _words("Thường trực HĐND {{unit}} họp") == "Thường trực HĐND … họp"
    assert _words({"I.1": "a", "I.2": "b"}) == "2 mục"
    assert _words(["a", "b"]) == "a, b"


def test_obligation_kind_and_rule_key_are_labelled() -> None:
    from followup.models import Obligation
    from registry.models import LegalSetting

    kind = Obligation._meta.get_field("kind")
    key = LegalSetting._meta.get_field("key")
    assert _display(type("R", (), {"kind": "forwarded_petition"})(), kind) == "Trả lời kiến nghị cử tri"
    assert (
        _display(type("R", (), {"key": "petition_answer_days"})(), key) == "Thời hạn cơ quan trả lời kiến nghị cử tri"
    )


def test_obligation_deadline_rule_and_unit_are_labelled() -> None:
    """A follow-up task's history reads the rule and unit its deadline was computed with as words, not
    "petition_answer_days" and "ngay"."""
    from followup.models import Obligation

    rule = Obligation._meta.get_field("due_rule")
    unit = Obligation._meta.get_field("due_unit")
    assert (
        _display(type("R", (), {"due_rule": "petition_answer_days"})(), rule)
        == "Thời hạn cơ quan trả lời kiến nghị cử tri"
    )
    assert _display(type("R", (), {"due_unit": "ngay"})(), unit) == "ngày"
    assert _display(type("R", (), {"due_unit": "ngay_lam_viec"})(), unit) == "ngày làm việc"


def test_blank_choice_is_vietnamese() -> None:
    from registry.models import LegalSetting

    field = models.CharField("x", max_length=3, choices=[("a", "A")], blank=True)
    field.set_attributes_from_name("x")
    assert LegalSetting is not None
    assert str(field.formfield().choices[0][1]) == "— Chọn —"


@pytest.mark.django_db
def test_a_generic_link_is_its_records_kind_and_name(world) -> None:
    """A generic link reads as the kind of record ("Cơ quan, tổ chức", not Django's "app | model") and the
    record's name, not its bare id."""
    from followup.tests.factories import make_obligation
    from hdnd.history import history_rows

    office = world.users["office"]
    office.first_name = "Trần Thị Mỹ"
    office.save(update_fields=["first_name"])
    obligation = make_obligation(council=world.council, owner=world.agency, source=world.group, user=office)
    row = history_rows(obligation)[0]
    shown = dict((label, new) for label, _, new in row.fields)
    assert row.who == "Trần Thị Mỹ"
    assert shown["Loại hồ sơ nguồn"] == "Cơ quan, tổ chức"
    assert shown["Hồ sơ nguồn"] == str(world.group)
    assert "Mã hồ sơ nguồn" not in shown and all("|" not in v for v in shown.values())
