"""Test helpers shared by every app."""

import json
import os
import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext


def post_json(client: Client, url: str, data: object) -> HttpResponse:
    """POST `data` to an API route as a JSON body, as a client does."""
    return client.post(url, json.dumps(data), content_type="application/json")


def count_queries(fetch: Callable[[], object]) -> tuple[int, object]:
    """Run `fetch` and return (number of SQL statements it ran, its result)."""
    with CaptureQueriesContext(connection) as ctx:
        result = fetch()
    return len(ctx.captured_queries), result


def _responses(result: object) -> list[object]:
    """The HTTP responses in what a fetch returned (one response or a tuple/list of them)."""
    if isinstance(result, list | tuple):
        return list(result)
    return [result]


def _check_status(result: object, status: int, when: str) -> None:
    for response in _responses(result):
        code = getattr(response, "status_code", None)
        assert code == status, (
            f"{when}: {getattr(response, 'request', {}).get('PATH_INFO', '?')} gave {code}, not {status}"
        )


def _text(response: object) -> str:
    """The page's text; a JSON body re-dumped without \\u escapes, so Vietnamese texts can be looked for."""
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode()


def _text_count(result: object, row_text: str) -> int:
    return sum(_text(response).count(row_text) for response in _responses(result))


def _statements(ctx: CaptureQueriesContext) -> str:
    return "\n".join(f"{n}. {q['sql']}" for n, q in enumerate(ctx.captured_queries, start=1))


def assert_constant_queries(
    fetch: Callable[[], object],
    grow: Callable[[], None],
    assert_num_queries: object = None,
    *,
    status: int = 200,
    row_text: str | None = None,
    rows: int | None = None,
    expected: int | None = None,
) -> tuple[object, object]:
    """`fetch` answers `status` and runs the same number of queries before and after `grow` adds rows.

    `fetch` returns a response (or a tuple of responses); each must answer `status` before and after,
    so a test can no longer pass on a 403 or a redirect to the login page. With `row_text` (a text the
    page shows once per row) the helper checks the rows `grow` added are on the page: the text appears
    more often after `grow` than before — exactly `rows` more when `rows` is given. With `expected` the
    count itself is pinned; callers name each query in a comment (`# 1 session, 2 user, 3 council, ...`).
    When a count is off, every SQL statement of that run is printed in the failure (as Zulip's
    assert_database_query_count does). `assert_num_queries` is accepted for older callers and unused.
    Returns what `fetch` returned before and after `grow`, for checks of the caller's own.
    """
    with CaptureQueriesContext(connection) as before_ctx:
        before = fetch()
    _check_status(before, status, "before grow")
    baseline = len(before_ctx.captured_queries)
    if expected is not None:
        assert baseline == expected, f"{baseline} queries, expected {expected}:\n{_statements(before_ctx)}"
    grow()
    with CaptureQueriesContext(connection) as after_ctx:
        after = fetch()
    _check_status(after, status, "after grow")
    grown = len(after_ctx.captured_queries)
    assert grown == baseline, (
        f"{grown} queries after grow, {baseline} before.\nBefore:\n{_statements(before_ctx)}\n"
        f"After:\n{_statements(after_ctx)}"
    )
    if row_text is not None:
        seen_before, seen_after = _text_count(before, row_text), _text_count(after, row_text)
        if rows is None:
            assert seen_after > seen_before, f"{row_text!r}: {seen_before} before grow, {seen_after} after"
        else:
            assert seen_after - seen_before == rows, (
                f"{row_text!r}: {seen_before} before grow, {seen_after} after, expected {rows} more"
            )
    return before, after


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


def migrate_to(targets: list[tuple[str, str]]):
    """Migrate the test database to `targets` (forwards or backwards) and return the apps of that state,
    for data-migration tests; `migrate_to_latest()` brings it back.

    Data-migration tests run on PostgreSQL, the production database (CI's second run): going back and forth
    costs Django a minute of re-rendering the project's model states whatever the database, so the SQLite run
    skips them, as the PostgreSQL run skips the screens' tour. HDND_MIGRATION_TESTS_ON_SQLITE=1 runs them
    on SQLite too."""
    if connection.vendor == "sqlite" and os.environ.get("HDND_MIGRATION_TESTS_ON_SQLITE") != "1":
        pytest.skip(
            "Kiểm thử chuyển dữ liệu chạy ở lượt PostgreSQL; "
            "đặt HDND_MIGRATION_TESTS_ON_SQLITE=1 để chạy cả trên SQLite."
        )
    return _migrate(targets)


def _migrate(targets: list[tuple[str, str]]):
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_latest() -> None:
    """Bring the test database back to the latest migration of every app."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    if executor.migration_plan(leaves):  # nothing to do when the test was skipped before going back
        _migrate(leaves)
