"""The production server: gunicorn with several workers answers, serves the static files itself, and pools
PostgreSQL connections (DB_POOL=1) when the suite runs on PostgreSQL."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, bytes, dict]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read(), dict(response.headers)


@pytest.fixture
def server(transactional_db: None, tmp_path: Path) -> Iterator[str]:
    """gunicorn with two workers on the test database (SQLite: a migrated file of its own)."""
    port = _free_port()
    env = {
        **os.environ,
        "BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "WEB_ACCESS_LOG": "/dev/null",
        "DEBUG": "0",
        "SECRET_KEY": "kiem-thu-may-chu-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    if connection.vendor == "postgresql":
        settings = connection.settings_dict
        env["DATABASE_URL"] = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
        env["DB_POOL"] = "1"
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    python = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*python, "collectstatic", "--noinput", "-v", "0"], check=True, env=env, cwd=ROOT)
    process = subprocess.Popen(
        [str(GUNICORN), "-c", str(ROOT / "hdnd" / "gunicorn.conf.py"), "hdnd.wsgi"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                _get(base + "/healthz")
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(process.stderr.read().decode())
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_gunicorn_answers_and_serves_static_files(server: str) -> None:
    statuses = [_get(server + "/healthz")[0] for _ in range(6)]
    assert statuses == [200] * 6
    status, body, headers = _get(server + "/static/hdnd/app.css")
    assert status == 200 and body
    assert headers["Content-Type"].startswith("text/css")


@pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres") is False, reason="PostgreSQL only")
def test_pooled_connections_answer_on_postgresql(server: str) -> None:
    status, body, _ = _get(server + "/healthz")
    assert status == 200 and b'"database": "ok"' in body
