"""`make bench`: the benchmark of issue 17, printed beside its goals.

Builds the national dataset (bench/national.py, `--scale`, 1.0 = national) in the database of
`DATABASE_URL` (PostgreSQL for real figures; a fresh SQLite file when unset), starts the production
server (gunicorn, hdnd/gunicorn.conf.py, pooled connections on PostgreSQL), times every key page over
HTTP (p50/p95 of `--requests` requests, each paired with a `/healthz` request, the floor, in the same
run), counts each page's SQL queries, and measures in their own processes the peak RSS and time of an
export, of duplicate suggestions and of an import. One table, with pass/fail against the goals.
Figures only: no test asserts a timing (bench/README.md keeps the last table).
"""

import argparse
import http.cookiejar
import os
import platform
import re
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PASSWORD = "Bench-mat-khau-17!"


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hdnd.settings")
    import django

    django.setup()


# --- measurements run in a process of their own (peak RSS is the process's) -------------------------------


def child_export(rows: int) -> str:
    from hdnd.excel import rows_of  # noqa: F401  (the export streams through it)
    from petitions.excel import petitions_workbook
    from petitions.models import Petition
    from petitions.selectors import _PAGE_RELATIONS, _origins

    qs = Petition.objects.select_related("round", *_PAGE_RELATIONS).prefetch_related(_origins()).order_by("pk")[:rows]
    start = time.perf_counter()
    content = petitions_workbook(qs, personal=False)
    return f"{rows} {time.perf_counter() - start:.2f} {len(content)}"


def child_duplicates(n_round: int, n_open: int) -> str:
    from django.db import transaction

    from bench.national import duplicate_round
    from hdnd.text import fold
    from petitions import selectors
    from petitions.duplicates import stored_keys
    from petitions.models import Petition

    contact_round = duplicate_round(n_round, n_open)
    times = []
    for _ in range(2):  # the first run parses every stored key; a worker's later runs reuse what it parsed
        start = time.perf_counter()
        groups = selectors.duplicate_suggestions(contact_round=contact_round)
        times.append(time.perf_counter() - start)
    # One petition of the round edited (rolled back after): the set is matched again, the other texts' keys
    # reused: what a worker's later call costs when something changed.
    with transaction.atomic():
        edited = Petition.objects.filter(round=contact_round).order_by("pk").first()
        text = f"{edited.text} gấp"
        Petition.objects.filter(pk=edited.pk).update(text=text, text_folded=fold(text), match_keys=stored_keys(text))
        start = time.perf_counter()
        selectors.duplicate_suggestions(contact_round=contact_round)
        times.append(time.perf_counter() - start)
        transaction.set_rollback(True)
    return f"{times[0]:.2f} {times[1]:.2f} {times[2]:.2f} {len(groups)}"


def child_import(rows: int, n_round: int, n_open: int) -> str:
    import io

    from openpyxl import Workbook

    from bench.national import duplicate_round, petition_text
    from hdnd.imports import preview
    from petitions.imports import PETITIONS

    contact_round = duplicate_round(n_round, n_open)
    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Nội dung kiến nghị", "Xã, phường", "Lĩnh vực", "Cấp thẩm quyền", "Cơ quan giải quyết"])
    import random

    rnd = random.Random(3)
    for i in range(rows):
        ws.append([i + 1, petition_text(rnd, i), contact_round.council.unit_name, "", "Thị xã", ""])
    buffer = io.BytesIO()
    wb.save(buffer)
    start = time.perf_counter()
    result = preview(PETITIONS, contact_round, buffer.getvalue(), "kien-nghi.xlsx")
    return f"{rows} {time.perf_counter() - start:.2f} {len(result.rows)}"


def _peak_rss_kb() -> int:
    """This process's own peak RSS (VmHWM): ru_maxrss would carry the parent's peak across fork and exec."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _child(kind: str, *args: object) -> tuple[list[str], float]:
    """Run a measurement in a new process; (its printed figures, its own peak RSS in MB)."""
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, *map(str, args)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    *figures, peak_kb = out.stdout.split("\n")[-2].split()
    return figures, int(peak_kb) / 1024


# --- the HTTP side --------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """A logged-in HTTP client with its own cookies (session and CSRF)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> tuple[int, float, bytes]:
        start = time.perf_counter()
        try:
            with self.opener.open(self.base + path, timeout=120) as response:
                body, status = response.read(), response.status
        except urllib.error.HTTPError as error:
            body, status = error.read(), error.code
        return status, time.perf_counter() - start, body

    def login(self, username: str) -> None:
        _, _, page = self.get("/dang-nhap/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        data = urllib.parse.urlencode({"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token})
        request = urllib.request.Request(
            self.base + "/dang-nhap/", data=data.encode(), headers={"Referer": self.base + "/dang-nhap/"}
        )
        with self.opener.open(request, timeout=60) as response:
            assert "/dang-nhap/" not in response.url, "login failed"


def _pages(city_id: int, commune_id: int, year: int) -> list[tuple[str, str]]:
    return [
        ("home", "/"),
        ("dashboard", "/bao-cao/"),
        ("contact rounds list", "/kien-nghi/"),
        ("petition list", "/kien-nghi/danh-sach/"),
        ("petition list filtered by commune", f"/kien-nghi/danh-sach/?xa={commune_id}"),
        ('petition search "duong"', "/kien-nghi/danh-sach/?q=duong"),
        ('petition search "đường"', "/kien-nghi/danh-sach/?q=" + urllib.parse.quote("đường")),
        ("documents register", "/van-ban/"),
        ('documents search "duong"', "/van-ban/?q=duong"),
        ("public document search, all councils", "/van-ban/cong-khai/?q=duong"),
        ("follow-up (obligations)", "/theo-doi/"),
        ("follow-up overdue", "/theo-doi/?trang_thai=qua_han"),
        ("annual report", f"/bao-cao/kiem-diem/{year}/"),
        ("delegates", "/dang-ky/dai-bieu/"),
        ("API petition list", f"/api/v1/councils/{city_id}/petitions"),
    ]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def _server(env: dict, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", str(ROOT / "hdnd" / "gunicorn.conf.py"), "hdnd.wsgi"],
        env={**env, "BIND": f"127.0.0.1:{port}"},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    for _ in range(600):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5).read()
            return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit(process.stderr.read().decode()) from None
            time.sleep(0.1)
    raise SystemExit("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=0.05, help="1.0 = national (2,000,000 petitions)")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--export-rows", type=int, default=None, help="default: 1,000,000 × scale")
    parser.add_argument("--tiny", action="store_true", help="four councils, not the 3,355 units (the bench's test)")
    parser.add_argument("--no-migrate", action="store_true", help="the database is already migrated")
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    if args.child:
        _setup()
        kind, *rest = args.child
        figures = {"export": child_export, "duplicates": child_duplicates, "import": child_import}[kind](
            *map(int, rest)
        )
        print(figures, _peak_rss_kb())
        return
    os.environ.setdefault("DEBUG", "1")
    _setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench import national
    from registry import services as registry_services
    from registry.models import Council, Role

    started = time.perf_counter()
    if not args.no_migrate:
        call_command("migrate", verbosity=0)
    if national.built():
        print("Dataset already loaded: reused.")
    else:
        print(f"Loading the dataset at scale {args.scale} ...")
        national.build(args.scale, tiny=args.tiny)
    if not national.work_built():
        print(f"Loading the councils' work (obligations, delegates, meetings, sessions) at scale {args.scale} ...")
        national.build_work(args.scale)
    load_seconds = time.perf_counter() - started
    city = national.hcm()
    commune = Council.objects.filter(parent=city).order_by("pk").first() or city
    user, made = get_user_model().objects.get_or_create(username="bench_office")
    if made:
        user.set_password(PASSWORD)
        user.save()
        registry_services.role_grant(user=user, council=city, role=Role.OFFICE_CHIEF)
    pages = _pages(city.pk, commune.pk, 2025)

    # Query counts, in this process (the same database, the same views).
    client = Client()
    client.force_login(user)
    queries = {}
    for name, path in pages:
        client.get(path)
        with CaptureQueriesContext(connection) as ctx:
            status = client.get(path).status_code
        queries[name] = (len(ctx.captured_queries), status)
    connection.close()

    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "HDND_REQUIRE_2FA": "0",
        "WEB_ACCESS_LOG": "/dev/null",
        "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "2"),
        # No collectstatic: the pages are timed, not their static files (WhiteNoise's compressed storage
        # needs no manifest to render them).
        "STATIC_ROOT": tempfile.mkdtemp(),
    }
    if os.environ["DATABASE_URL"].startswith("postgres"):
        env["DB_POOL"] = "1"
    port = _free_port()
    server = _server(env, port)
    timings = {}
    try:
        browser = Browser(f"http://127.0.0.1:{port}")
        browser.login(user.username)
        for name, path in pages:
            for _ in range(min(2, args.requests)):  # warm-up: each worker's first request compiles templates
                browser.get(path)
            page, floor = [], []
            for _ in range(args.requests):
                floor.append(browser.get("/healthz")[1])
                status, seconds, _ = browser.get(path)
                page.append(seconds)
            timings[name] = (status, page, floor)
    finally:
        server.terminate()
        server.wait(timeout=30)

    export_rows = args.export_rows or max(int(1_000_000 * args.scale), 1000)
    import_rows = 10_000 if args.scale >= 0.01 else 200
    # The duplicate case at the size (6,000 against 22,000) whatever the scale, but for --tiny.
    n_round = max(int(national.DUP_ROUND * args.scale), 50) if args.tiny else national.DUP_ROUND
    n_open = max(int(national.DUP_OPEN * args.scale), 100) if args.tiny else national.DUP_OPEN
    national.duplicate_round(n_round, n_open)
    connection.close()
    (n_import, import_s, _), import_rss = _child("import", import_rows, n_round, n_open)
    (dup_first, dup_again, dup_edited, groups), dup_rss = _child("duplicates", n_round, n_open)
    (n_export, export_s, size), export_rss = _child("export", export_rows)

    _print_table(args, load_seconds, pages, queries, timings)
    print()
    print("| measurement | figure | goal | result |")
    print("| --- | --- | --- | --- |")
    print(
        f"| duplicate suggestions, round of {n_round:,} against {n_open:,} open | first {dup_first} s, "
        f"again {dup_again} s, after one edit {dup_edited} s ({groups} groups), peak RSS {dup_rss:.0f} MB | ≤ 2 s | "
        f"{'pass' if float(dup_first) <= 2 else 'FAIL'} |"
    )
    print(
        f"| import of {int(n_import):,} Excel rows (read and check) | {import_s} s, peak RSS {import_rss:.0f} MB "
        f"| < 10 s | {'pass' if float(import_s) < 10 else 'FAIL'} |"
    )
    print(
        f"| export of {int(n_export):,} petitions (.xlsx, streamed) | {export_s} s, {int(size) / 1e6:.1f} MB file, "
        f"peak RSS {export_rss:.0f} MB | < 200 MB RSS (1,000,000 rows) | {'pass' if export_rss < 200 else 'FAIL'} |"
    )


def _print_table(args: argparse.Namespace, load_seconds: float, pages: list, queries: dict, timings: dict) -> None:
    from django.db import connection

    from petitions.models import Petition

    print()
    print(
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} · {platform.node()} · {os.cpu_count()} cores · "
        f"{connection.vendor} · scale {args.scale} ({Petition.objects.count():,} petitions) · "
        f"load/reuse {load_seconds:.0f} s · {args.requests} requests per page"
    )
    print()
    print("| page (TP HCM) | status | queries | p50 | p95 | floor p50 | × floor (p95) | goal: p95 ≤ 100 ms and ≤ 3× |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, _path in pages:
        status, page, floor = timings[name]
        p50, p95, f50 = statistics.median(page), _percentile(page, 0.95), statistics.median(floor)
        ratio = p95 / f50 if f50 else 0
        ok = p95 <= 0.100 and ratio <= 3
        print(
            f"| {name} | {status} | {queries[name][0]} | {p50 * 1000:.0f} ms | {p95 * 1000:.0f} ms | "
            f"{f50 * 1000:.1f} ms | {ratio:.1f}× | {'pass' if ok else 'FAIL'} |"
        )


if __name__ == "__main__":
    main()
