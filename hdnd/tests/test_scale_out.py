"""Scale-out (issue 17, item 5): two app servers and two task workers against one PostgreSQL. A login
made on one server is valid on the other (sessions live in the database), and every task is run exactly
once though two workers poll the same queue."""

import http.cookiejar
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django_tasks_db.models import DBTaskResult

from hdnd.tests.scale_tasks import note_run
from hdnd.tests.test_production_server import GUNICORN, ROOT, _free_port
from registry import services
from registry.models import Role
from registry.tests.factories import UserFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="one shared PostgreSQL database")
PASSWORD = "Hai-may-chu-17!"


def _start(command: list[str], env: dict) -> subprocess.Popen:
    return subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _wait_up(base: str, process: subprocess.Popen) -> None:
    for _ in range(600):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=5).read()
            return
        except OSError:
            if process.poll() is not None:
                pytest.fail(process.stderr.read().decode())
            time.sleep(0.1)
    pytest.fail("server did not start")


@pytest.fixture
def cluster(transactional_db: None, tmp_path: Path) -> Iterator[tuple[str, str]]:
    settings = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}",
        "DB_POOL": "1",
        "WEB_CONCURRENCY": "1",
        "WEB_ACCESS_LOG": "/dev/null",
        "DEBUG": "0",
        "SECRET_KEY": "hai-may-chu-cung-khoa-" + "x" * 40,  # the servers of one deployment share the key
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "HDND_REQUIRE_2FA": "0",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    ports = [_free_port(), _free_port()]
    servers = [
        _start(
            [str(GUNICORN), "-c", str(ROOT / "hdnd" / "gunicorn.conf.py"), "hdnd.wsgi"],
            {**env, "BIND": f"127.0.0.1:{p}"},
        )
        for p in ports
    ]
    worker = [sys.executable, str(ROOT / "manage.py"), "db_worker", "--interval", "0.2", "--no-startup-delay"]
    workers = [_start([*worker, "--worker-id", f"may-{n}"], env) for n in (1, 2)]
    try:
        bases = [f"http://127.0.0.1:{p}" for p in ports]
        for base, process in zip(bases, servers, strict=True):
            _wait_up(base, process)
        yield bases[0], bases[1]
    finally:
        for process in servers + workers:
            process.terminate()
        for process in servers + workers:
            process.wait(timeout=30)


def test_login_on_one_server_works_on_the_other_and_each_task_runs_once(cluster, world, tmp_path: Path) -> None:
    first, second = cluster
    user = UserFactory(username="hai_may_chu")
    # The servers run the production settings: a hash of their own hasher (the tests' is a fast one).
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, "sel-hai-may-chu", iterations=1000)
    user.save()
    services.role_grant(user=user, council=world.council, role=Role.OFFICE_CHIEF)

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(first + "/dang-nhap/", timeout=30).read()
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    data = urllib.parse.urlencode({"username": user.username, "password": PASSWORD, "csrfmiddlewaretoken": token})
    request = urllib.request.Request(first + "/dang-nhap/", data=data.encode(), headers={"Referer": first + "/"})
    assert "/dang-nhap/" not in opener.open(request, timeout=30).url
    # The other server knows the session: a page for logged-in users answers, no redirect to the login.
    with opener.open(second + "/kien-nghi/danh-sach/", timeout=30) as response:
        assert response.status == 200 and "/dang-nhap/" not in response.url
        assert "Danh sách kiến nghị cử tri" in response.read().decode()

    log = tmp_path / "runs.txt"
    results = [note_run.enqueue(str(log), f"viec-{i}") for i in range(12)]
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if DBTaskResult.objects.filter(id__in=[r.id for r in results], status="SUCCESSFUL").count() == 12:
            break
        time.sleep(0.3)
    runs = log.read_text(encoding="utf-8").split()
    assert sorted(runs) == sorted(f"viec-{i}" for i in range(12))  # each once, none twice
    assert DBTaskResult.objects.filter(id__in=[r.id for r in results], status="SUCCESSFUL").count() == 12
