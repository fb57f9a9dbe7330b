"""Numbering per Nghị định 30/2020/NĐ-CP: per issuer, series and year; taken only when issuing."""

import datetime
import threading

import pytest
from django.db import connection, connections

from documents import numbering, services
from documents.models import DocType, Document, NumberingSeries
from documents.tests.factories import draft, issued

D = datetime.date


@pytest.mark.django_db
def test_series_per_type_and_leading_zero(world) -> None:
    first = issued(world.council, on=D(2025, 3, 1))
    second = issued(world.council, on=D(2025, 3, 2))
    report = issued(world.council, doc_type=DocType.BAO_CAO, on=D(2025, 3, 2))
    assert (first.number, first.number_symbol) == (1, "01/TB-HĐND")
    assert second.number_symbol == "02/TB-HĐND"
    assert report.number_symbol == "01/BC-HĐND"


@pytest.mark.django_db
def test_numbers_restart_each_year(world) -> None:
    issued(world.council, on=D(2024, 12, 31))
    issued(world.council, on=D(2024, 12, 31))
    new_year = issued(world.council, on=D(2025, 1, 1))
    assert new_year.number_symbol == "01/TB-HĐND"
    assert new_year.year == 2025


@pytest.mark.django_db
def test_normative_resolution_carries_the_year_in_its_own_series(world) -> None:
    plain = issued(world.council, doc_type=DocType.NGHI_QUYET, on=D(2025, 7, 10))
    normative = issued(world.council, doc_type=DocType.NGHI_QUYET, normative=True, on=D(2025, 7, 10))
    assert plain.number_symbol == "01/NQ-HĐND"
    assert normative.number_symbol == "01/2025/NQ-HĐND"


@pytest.mark.django_db
def test_letter_has_no_type_abbreviation(world) -> None:
    letter = issued(world.council, doc_type=DocType.CONG_VAN, on=D(2025, 5, 5))
    assert letter.number_symbol == "01/HĐND-VP"


@pytest.mark.django_db
def test_council_setting_overrides_series(world) -> None:
    # A council that numbers every resolution in one series, normative or not.
    NumberingSeries.objects.create(
        council=world.council,
        doc_type=DocType.NGHI_QUYET,
        normative=True,
        series="NQ",
        pattern="{so}/{nam}/{loai}-{ky_hieu}",
    )
    issued(world.council, doc_type=DocType.NGHI_QUYET, on=D(2025, 7, 10))
    normative = issued(world.council, doc_type=DocType.NGHI_QUYET, normative=True, on=D(2025, 7, 10))
    assert normative.number_symbol == "02/2025/NQ-HĐND"


@pytest.mark.django_db
def test_numbers_are_per_issuer_and_council(world) -> None:
    committee = services.issuer_create(council=world.council, name="Ban Pháp chế", parent_name="HĐND xã", symbol="BPC")
    issued(world.council, on=D(2025, 3, 1))
    own = issued(world.council, issuer=committee, on=D(2025, 3, 1))
    other = issued(world.other_council, on=D(2025, 3, 1))
    assert own.number_symbol == "01/TB-BPC"
    assert other.number_symbol == "01/TB-HĐND"


@pytest.mark.django_db
def test_a_draft_has_no_number(world) -> None:
    document = draft(world.council)
    assert document.number is None and document.number_symbol == ""


@pytest.mark.django_db
def test_pattern_validation() -> None:
    assert numbering.validate_pattern("{so}/{loai}-{ky_hieu}") is None
    assert "{so}" in numbering.validate_pattern("{loai}-{ky_hieu}")
    assert numbering.validate_pattern("{so}/{khong_co}") is not None


def test_nd30_dates() -> None:
    assert numbering.nd30_date("Đức Phổ", D(2022, 1, 12)) == "Đức Phổ, ngày 12 tháng 01 năm 2022"
    assert numbering.nd30_date("Đức Phổ", D(2022, 2, 5)) == "Đức Phổ, ngày 05 tháng 02 năm 2022"
    assert numbering.nd30_date("Đức Phổ", D(2022, 3, 5)) == "Đức Phổ, ngày 05 tháng 3 năm 2022"
    assert numbering.nd30_date("Đức Phổ", D(2022, 12, 25)) == "Đức Phổ, ngày 25 tháng 12 năm 2022"


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_issuers_get_one_to_fifty(world) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("Chỉ PostgreSQL khóa dòng (select_for_update) đúng như khi chạy thật.")
    drafts = [draft(world.council).pk for _ in range(50)]
    barrier = threading.Barrier(10)
    errors: list[BaseException] = []

    def worker(ids: list[int]) -> None:
        try:
            barrier.wait()
            for pk in ids:
                services.document_issue(document=Document.objects.get(pk=pk), user=None, issued_on=D(2025, 6, 1))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(drafts[i::10],)) for i in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    numbers = sorted(Document.objects.filter(pk__in=drafts).values_list("number", flat=True))
    assert numbers == list(range(1, 51))
