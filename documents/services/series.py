"""Numbering series: which counter and pattern each type of document takes its number from."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from documents import numbering
from documents.models import Direction, DocType, Document, NumberingSeries
from documents.services._common import _check_normative
from hdnd import dates
from hdnd.saving import validated_save
from hdnd.text import clean
from registry.models import Council
from registry.services import council_accepts


def _series_check(
    *, council: Council, doc_type: str, normative: bool, series: str, pattern: str, today: datetime.date
) -> None:
    """Refuse a series or pattern that would make numbers ambiguous (Nghị định 30/2020/NĐ-CP, Điều 15:
    a number is unique per issuer, series and year).

    - Moving a type to another counter in a year where it already took numbers would start again at
      01 and repeat numbers already issued: allowed only from 1 January of the next year.
    - Two different series whose numbers look the same ("01/HĐND" for a notice and for a report)
      would both give "01/HĐND".
    A new pattern on the same series is allowed: numbers go on from the same counter, and documents
    already issued keep the number and symbol stored on them.
    """
    errors: dict[str, str] = {}
    if doc_type not in DocType.values:
        raise ValidationError({"doc_type": "Loại văn bản không hợp lệ."})
    _check_normative(doc_type, normative)
    problem = numbering.validate_pattern(pattern)
    if problem:
        errors["pattern"] = problem
    if not series:
        errors["series"] = "Vui lòng nhập tên sổ (ví dụ: TB, NQ-QPPL)."
    elif len(series) > 20 or any(c in series for c in "/{} "):
        errors["series"] = "Tên sổ tối đa 20 ký tự, không có dấu cách, “/” hay dấu ngoặc nhọn."
    if errors:
        raise ValidationError(errors)
    current = numbering.series_rule(council, doc_type, normative)
    if series != current.series:
        used = Document.objects.filter(
            council=council,
            direction=Direction.OUTGOING,
            doc_type=doc_type,
            normative=normative,
            year=today.year,
            number__isnull=False,
        ).count()
        if used:
            errors["series"] = (
                f"Loại văn bản này đã được cấp {used} số trong năm {today.year} theo sổ “{current.series}”. "
                "Chuyển sang sổ khác giữa năm sẽ cấp lại từ số 01 và trùng số đã cấp; "
                "hãy giữ sổ cũ (chỉ đổi mẫu số) hoặc đổi sổ từ ngày 01/01 năm sau."
            )
    mine = numbering.format_number_symbol(
        pattern=pattern, number=1, year=today.year, doc_type=doc_type, issuer=numbering.EXAMPLE_ISSUER
    )
    for other_type, other_normative, rule in numbering.effective_rules(council):
        if (other_type, other_normative) == (doc_type, normative) or rule.series == series:
            continue
        theirs = numbering.format_number_symbol(
            pattern=rule.pattern, number=1, year=today.year, doc_type=other_type, issuer=numbering.EXAMPLE_ISSUER
        )
        if theirs == mine:
            label = DocType(other_type).label + (" (quy phạm pháp luật)" if other_normative else "")
            errors["pattern"] = (
                f"Mẫu này cho số giống hệt số của {label} (sổ “{rule.series}”), ví dụ “{mine}”: "
                "hai văn bản khác nhau sẽ mang cùng một số. Hãy thêm {loai} hoặc chọn cùng sổ."
            )
            break
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def series_set(
    *,
    council: Council,
    doc_type: str,
    normative: bool = False,
    series: str,
    pattern: str,
    today: datetime.date | None = None,
) -> NumberingSeries:
    """Set the council's series and number pattern for a type (an override of `numbering.default_rule`).

    Applies to numbers taken afterwards; issued documents keep theirs. Refused, nothing saved, when
    the pattern does not format or the change would make numbers ambiguous (see `_series_check`).
    """
    council_accepts(council, None, field="series")  # a ceased council's register stays as it was
    series, pattern = clean(series), clean(pattern)
    # One change of a council's series at a time: the checks read the other series.
    Council.objects.select_for_update().filter(pk=council.pk).first()
    _series_check(
        council=council,
        doc_type=doc_type,
        normative=normative,
        series=series,
        pattern=pattern,
        today=today or dates.today(),
    )
    row = NumberingSeries.objects.filter(council=council, doc_type=doc_type, normative=normative).first()
    if row is None:
        row = NumberingSeries(council=council, doc_type=doc_type, normative=normative)
    if (row.series, row.pattern) == (series, pattern):
        return row
    row.series, row.pattern = series, pattern
    return validated_save(row)


@transaction.atomic
def series_reset(
    *, council: Council, doc_type: str, normative: bool = False, today: datetime.date | None = None
) -> None:
    """Go back to the default series and pattern of a type, with the checks of `series_set`."""
    council_accepts(council, None, field="series")  # a ceased council's register stays as it was
    row = NumberingSeries.objects.filter(council=council, doc_type=doc_type, normative=normative).first()
    if row is None:
        return
    default = numbering.default_rule(doc_type, normative)
    Council.objects.select_for_update().filter(pk=council.pk).first()
    _series_check(
        council=council,
        doc_type=doc_type,
        normative=normative,
        series=default.series,
        pattern=default.pattern,
        today=today or dates.today(),
    )
    row.delete()
