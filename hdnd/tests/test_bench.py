"""`make bench` keeps working: the whole benchmark (load, production server, timed pages, query counts,
export, duplicate suggestions, import) on a tiny dataset. No timing is asserted: only that it runs and
prints its tables with every page answering 200."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the bench's server and children share the test database"
)


def test_bench_runs_on_a_tiny_dataset(transactional_db: None) -> None:
    settings = connection.settings_dict
    url = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    result = subprocess.run(
        [sys.executable, "bench/run.py", "--tiny", "--no-migrate", "--scale", "0.0001", "--requests", "1"],
        env={**os.environ, "DATABASE_URL": url, "WEB_CONCURRENCY": "1"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ") and " ms |" in line]
    assert len(rows) == 15, result.stdout
    assert all(row.split(" | ")[1] == "200" for row in rows), result.stdout
    assert "duplicate suggestions, round of" in result.stdout
    assert "export of 1,000 petitions" in result.stdout
