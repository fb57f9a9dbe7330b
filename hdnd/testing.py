"""Test helpers shared by every app."""

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(fetch: Callable[[], object]) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as ctx:
        result = fetch()
    return len(ctx.captured_queries), result


def assert_constant_queries(fetch: Callable[[], object], grow: Callable[[], None], assert_num_queries: object) -> None:
    """`fetch` runs the same number of queries before and after `grow` adds rows.

    The second run goes through pytest-django's `django_assert_num_queries`, which prints every
    statement when the count is off.
    """
    baseline, _ = count_queries(fetch)
    grow()
    with assert_num_queries(baseline):
        fetch()
