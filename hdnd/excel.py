"""Shared plumbing for every Excel export: cells made of users' text never become live formulas."""

from collections.abc import Iterable

# OWASP "CSV Injection": a cell that starts with one of these is read as a formula by Excel and
# LibreOffice (=HYPERLINK(...), +cmd|..., -2+3, @SUM(...)); tab and CR start one too after a paste.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value: object) -> object:
    """The value as it is safe to write in a cell: text starting a formula gets a leading `'`.

    We follow OWASP's recommendation (prefix the cell with a single quote) rather than only storing the
    cell as a string: openpyxl then writes a plain string cell that Excel never evaluates, and the quote
    still disarms the text if someone re-saves the sheet as CSV or retypes the cell. The user's text
    stays visible after the quote. Numbers, dates and None pass through unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def inert_row(values: Iterable[object]) -> list[object]:
    """A row for `worksheet.append`, every text cell passed through `inert`."""
    return [inert(value) for value in values]
