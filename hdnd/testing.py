"""Test helpers shared by every app."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections
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


def at_once(*works: Callable[[], object]) -> list[object]:
    """Run the callables in threads released together (each thread has its own database connection).

    Returns each one's result, or the exception it raised, in the order given. Real concurrency needs
    PostgreSQL: SQLite's in-memory test database is one shared cache that fails instead of waiting.
    """
    barrier = threading.Barrier(len(works))
    outcomes: list[object] = [None] * len(works)

    def run(index: int, work: Callable[[], object]) -> None:
        try:
            barrier.wait()
            outcomes[index] = work()
        except BaseException as exc:  # handed back to the test to assert on
            outcomes[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(works)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def postgres_only() -> None:
    """Skip a concurrency test outside PostgreSQL (see `at_once`)."""
    if connection.vendor != "postgresql":
        pytest.skip("Chỉ PostgreSQL khóa dòng (select_for_update) đúng như khi chạy thật.")
