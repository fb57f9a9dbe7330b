"""Registry benchmarks at national scale: prints time, peak memory and SQL queries per call."""

import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hdnd.settings")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def measure(label: str, fn: object) -> object:
    connection.queries_log.clear()
    tracemalloc.start()
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as ctx:
        result = fn()
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label:<55} {elapsed * 1000:>9.1f} ms {peak / 1e6:>8.1f} MB {len(ctx.captured_queries):>5} truy vấn")
    return result


def main() -> None:
    call_command("migrate", verbosity=0)
    measure("load_units (34 tỉnh + 3.321 xã)", lambda: call_command("load_units", verbosity=0))
    from registry.demo import seed

    town, _ = measure("seed_demo", seed)
    from registry import services
    from registry.models import Term

    term = Term.objects.filter(council=town).first()
    people = [services.person_create(council=town, full_name=f"Đại biểu thử {i}") for i in range(2000)]
    for person in people:
        services.delegate_create(term=term, person=person, elected_on=term.starts_on)
    client = Client()
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="admin"))
    for url in [
        "/dang-ky/dai-bieu/",
        "/dang-ky/co-quan/",
        "/dang-ky/hoi-dong/",
        "/dang-ky/hoi-dong/?q=pho",
        f"/api/v1/councils/{town.pk}/delegates",
        "/api/v1/councils?q=quang",
    ]:
        client.get(url)  # warm-up: template compilation and caches are not what is measured
        measure(f"GET {url}", lambda url=url: client.get(url))


if __name__ == "__main__":
    main()
