"""The input boundary: every querystring, form field and JSON body is checked once, here, before any view.

What no view should ever see (each of these used to reach the database and answer a 500):
- control characters (NUL first: PostgreSQL refuses it in text) and lone surrogates (no encoding stores
  them); tab, line feed and carriage return stay, multi-line text needs them;
- numbers the database cannot hold (a page number of thirty digits becomes an OFFSET SQLite refuses);
- a body larger than DATA_UPLOAD_MAX_MEMORY_SIZE, and a single value longer than any field accepts.

A refusal is a Vietnamese 400 (413 for a body too large): JSON `{"detail", "errors"}` naming the field for
the API, the error page for screens. Nothing has been read or written when it is sent.
"""

import json
import re
import unicodedata
from collections.abc import Callable, Iterator

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from hdnd.forms import YEAR_MAX, YEAR_MIN

# Tab, line feed and carriage return are whitespace the text cleaners fold; every other C0/C1 control
# character, and lone surrogates, are refused.
_ALLOWED_CONTROLS = {"\t", "\n", "\r"}
# A value longer than this fits no field of the product (the longest, a conclusion, is 50 000 characters);
# per-field limits are on the models and schemas, this one keeps a hostile megabyte out of every parser.
MAX_VALUE_LENGTH = 100_000
# Page numbers, years and ids all fit far below 2^53; a larger one would overflow an OFFSET or a column.
MAX_NUMBER = 2**53
_INTEGER = re.compile(r"[+-]?\d+")
# A whole value that is an ISO date (or datetime): its year must be in range, or date arithmetic
# (a deadline counted from year 9999) overflows.
_ISO_DATE = re.compile(r"(\d{4})-\d{2}-\d{2}([T ][0-9:.+\-Z]*)?")

BAD_CHARACTER = "chứa ký tự điều khiển không được phép"
TOO_LONG = f"quá dài (tối đa {MAX_VALUE_LENGTH:,} ký tự)".replace(",", ".")
TOO_LARGE_NUMBER = "là số quá lớn"
YEAR_OUT_OF_RANGE = f"có năm ngoài khoảng {YEAR_MIN}–{YEAR_MAX}"
YEAR_PARAMETER = f"Năm không hợp lệ. Trường «{{field}}» phải là năm trong khoảng {YEAR_MIN}–{YEAR_MAX}."


def bad_character(value: str) -> bool:
    """True when `value` holds a control character other than tab/newline/CR, or a lone surrogate."""
    return any(
        (unicodedata.category(c) in {"Cc", "Cs"} and c not in _ALLOWED_CONTROLS) for c in value if not c.isprintable()
    )


def _number_too_large(value: str) -> bool:
    if len(value) <= 15 or not _INTEGER.fullmatch(value.strip()):
        return False
    return len(value.strip().lstrip("+-")) > 20 or abs(int(value)) > MAX_NUMBER


# Querystring parameters that carry a year, on screens (`nam`) and in the API (`year`): a year of 0 or
# 50 000 reaches date(year, 1, 1) and overflows.
YEAR_PARAMETERS = {"year", "nam"}


def _year_in_range(value: str) -> bool:
    value = value.strip()
    return value.isdigit() and len(value) == 4 and YEAR_MIN <= int(value) <= YEAR_MAX


def value_problem(value: object) -> str | None:
    """Why `value` (a string, or a number from JSON) is refused at the boundary, or None when it passes."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return TOO_LARGE_NUMBER if abs(value) > MAX_NUMBER else None
    if isinstance(value, float):
        return TOO_LARGE_NUMBER if not abs(value) <= MAX_NUMBER else None
    if not isinstance(value, str):
        return None
    if len(value) > MAX_VALUE_LENGTH:
        return TOO_LONG
    if bad_character(value):
        return BAD_CHARACTER
    if _number_too_large(value):
        return TOO_LARGE_NUMBER
    if (date := _ISO_DATE.fullmatch(value)) and not YEAR_MIN <= int(date.group(1)) <= YEAR_MAX:
        return YEAR_OUT_OF_RANGE
    return None


def _walk(data: object, path: str = "") -> Iterator[tuple[str, object]]:
    """Every (dotted path, leaf or key) of a decoded JSON document."""
    if isinstance(data, dict):
        for key, value in data.items():
            child = f"{path}.{key}" if path else str(key)
            yield child, key
            yield from _walk(value, child)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _walk(value, f"{path}.{index}" if path else str(index))
    else:
        yield path, data


def _pairs(querydict: object) -> Iterator[tuple[str, object]]:
    for key, values in querydict.lists():
        yield key, key
        for value in values:
            yield key, value


class InputBoundaryMiddleware:
    """Refuse hostile input before any view, form or schema reads it (see the module docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        is_api = request.path.startswith("/api/")
        try:
            problem = self._problem(request, is_api)
        except RequestDataTooBig:
            return self._refuse(request, is_api, "", "Dữ liệu gửi lên quá lớn (tối đa 2,5 MB).", status=413)
        except TooManyFieldsSent:
            return self._refuse(request, is_api, "", "Biểu mẫu có quá nhiều trường.", status=400)
        if problem is not None:
            field, message = problem
            if "{field}" in message:
                text = message.format(field=field)
            else:
                text = f"Trường «{field}» {message}." if field else message
            return self._refuse(request, is_api, field, text)
        return self.get_response(request)

    def _problem(self, request: HttpRequest, is_api: bool) -> tuple[str, str] | None:
        for field, value in _pairs(request.GET):
            if (message := value_problem(value)) is not None:
                return field, message
            if field in YEAR_PARAMETERS and value != field and value.strip() and not _year_in_range(value):
                return field, YEAR_PARAMETER
        if request.method not in {"POST", "PUT", "PATCH", "DELETE"}:
            return None
        content_type = request.content_type or ""
        if content_type in {"application/x-www-form-urlencoded", "multipart/form-data"}:
            for field, value in _pairs(request.POST):
                if (message := value_problem(value)) is not None:
                    return field, message
        elif is_api and content_type.endswith("json") and request.body:
            try:
                data = json.loads(request.body)
            except (ValueError, RecursionError):
                return None  # ninja answers malformed JSON with its own 422
            for field, value in _walk(data):
                if (message := value_problem(value)) is not None:
                    return field, message
        return None

    def _refuse(self, request: HttpRequest, is_api: bool, field: str, message: str, status: int = 400) -> HttpResponse:
        if is_api:
            return JsonResponse({"detail": message, "errors": [{"field": field, "message": message}]}, status=status)
        return render(request, "400_input.html", {"message": message}, status=status)
