"""`manage.py backup` and `manage.py restore` (issue 12, item 10).

The round trip builds a populated database through the factories and services of several apps, with
uploaded files, backs it up, restores it in another process into a different, empty database and
another MEDIA_ROOT, and compares every table (row count and a hash of its rows) and every file byte
for byte. On SQLite the source is the suite's in-memory database and the target a new file; on
PostgreSQL the target is a scratch database created and dropped here.
"""

import hashlib
import io
import json
import os
import secrets
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from documents import services as document_services
from documents.tests.factories import issued
from followup import services as followup_services
from followup.tests.factories import make_obligation
from hdnd.testing import postgres_only
from registry.models import Council
from registry.tests.factories import PersonFactory

# Committed data: pg_dump reads through its own connection, and SQLite's backup needs no open transaction.
pytestmark = pytest.mark.django_db(transaction=True)

BASE_DIR = Path(django_settings.BASE_DIR)
PDF = b"%PDF-1.4\n% bi\xean b\xe1n k\xfd s\xe1\xbb\x91\n" + bytes(range(256)) * 40


@pytest.fixture
def media_root(tmp_path: Path, settings: object) -> Path:
    """Uploads go into a MEDIA_ROOT of the test's own."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


def populate(world: object) -> None:
    """Rows in registry, documents (with attachments), follow-up (with evidence files), history and auth."""
    for n in range(5):
        PersonFactory(council=world.council, full_name=f"Trần Thị Thử {n}")
    for n in range(3):
        document = issued(world.council, subject=f"Kết luận phiên họp số {n}", recipients=[world.agency])
        document_services.attachment_add(
            document=document,
            file=SimpleUploadedFile(f"ban-ky-so-{n}.pdf", PDF + bytes([n])),
            user=world.users["office"],
        )
    for n in range(3):
        obligation = make_obligation(council=world.council, owner=world.agency, title=f"Báo cáo việc {n}")
        followup_services.obligation_report(
            obligation=obligation,
            user=world.users["agency"],
            text="Đã thực hiện xong.",
            done=True,
            files=[SimpleUploadedFile(f"minh-chung-{n}.docx", b"PK\x03\x04" + os.urandom(2000))],
        )


def table_digest(cursor: object, tables: list[str], quote: object) -> dict[str, tuple[int, str]]:
    """Per table: the row count and a SHA-256 of its rows, sorted so the order rows come in does not matter."""
    digest = {}
    for table in tables:
        cursor.execute(f"SELECT * FROM {quote(table)}")
        rows = sorted(repr(tuple(row)) for row in cursor.fetchall())
        digest[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return digest


def media_digest(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def run_restore(archive: Path, database_url: str, media: Path) -> subprocess.CompletedProcess:
    """`manage.py restore` in its own process, as an administrator would run it on the new server."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hdnd.settings_test",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media),
    }
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def source_tables() -> list[str]:
    with connection.cursor() as cursor:
        return sorted(t for t in connection.introspection.table_names(cursor) if not t.startswith("sqlite_"))


def assert_round_trip(source: dict, target: dict, media: Path, restored_media: Path) -> None:
    assert sorted(target) == sorted(source)
    differing = [table for table in source if source[table] != target[table]]
    assert differing == []
    files = media_digest(media)
    assert media_digest(restored_media) == files
    rows = sum(count for count, _ in source.values())
    filled = sum(1 for count, _ in source.values() if count)
    # The figures of the round trip, for the report (visible with `pytest -s`).
    print(f"\nKhứ hồi sao lưu: {len(source)} bảng ({filled} có dữ liệu), {rows} dòng, {len(files)} tệp khớp.")
    assert rows > 100 and filled > 20 and len(files) == 6


def test_round_trip_sqlite(world: object, media_root: Path, tmp_path: Path) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("Khứ hồi SQLite; PostgreSQL có bài riêng.")
    populate(world)
    archive = tmp_path / "sao-luu.tar"
    call_command("backup", str(archive), stdout=io.StringIO())
    target_file = tmp_path / "khoi-phuc.sqlite3"
    restored_media = tmp_path / "media-khoi-phuc"
    result = run_restore(archive, f"sqlite:///{target_file}", restored_media)
    assert result.returncode == 0, result.stderr
    assert "Đã khôi phục" in result.stdout

    tables = source_tables()
    with connection.cursor() as cursor:
        source = table_digest(cursor, tables, connection.ops.quote_name)
    # The same converters as Django's connection (registered on the sqlite3 module), so values compare alike.
    target_connection = sqlite3.connect(target_file, detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
    try:
        names = [r[0] for r in target_connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        target = table_digest(
            target_connection.cursor(),
            sorted(n for n in names if not n.startswith("sqlite_")),
            connection.ops.quote_name,
        )
    finally:
        target_connection.close()
    assert_round_trip(source, target, media_root, restored_media)


def test_round_trip_postgres(world: object, media_root: Path, tmp_path: Path) -> None:
    postgres_only()
    import psycopg

    populate(world)
    archive = tmp_path / "sao-luu.tar"
    call_command("backup", str(archive), stdout=io.StringIO())

    params = connection.settings_dict
    conninfo = {
        "host": params["HOST"] or None,
        "port": params["PORT"] or None,
        "user": params["USER"] or None,
        "password": params["PASSWORD"] or None,
    }
    scratch = f"hdnd_restore_{secrets.token_hex(4)}"
    with psycopg.connect(dbname="postgres", autocommit=True, **conninfo) as admin:
        admin.execute(f'CREATE DATABASE "{scratch}"')
    try:
        auth = f"{params['USER']}:{params['PASSWORD']}@" if params["PASSWORD"] else f"{params['USER']}@"
        url = f"postgres://{auth}{params['HOST'] or 'localhost'}:{params['PORT'] or 5432}/{scratch}"
        restored_media = tmp_path / "media-khoi-phuc"
        result = run_restore(archive, url, restored_media)
        assert result.returncode == 0, result.stderr

        tables = source_tables()
        # Plain psycopg connections on both sides, so Django's loaders do not colour one side only.
        with (
            psycopg.connect(dbname=params["NAME"], **conninfo) as src,
            psycopg.connect(dbname=scratch, **conninfo) as dst,
        ):
            source = table_digest(src.cursor(), tables, connection.ops.quote_name)
            names = [
                r[0] for r in dst.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
            ]
            target = table_digest(dst.cursor(), sorted(names), connection.ops.quote_name)
        assert_round_trip(source, target, media_root, restored_media)
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **conninfo) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


# Refusals: nothing is touched --------------------------------------------------------------------------


def rewrite(archive: Path, change: object, rename: dict[str, str] | None = None) -> None:
    """Rewrite the archive member by member; `change(name, data)` returns new bytes, or None to drop it."""
    with tarfile.open(archive) as tar:
        members = [(m.name, tar.extractfile(m).read()) for m in tar.getmembers()]
    with tarfile.open(archive, "w") as tar:
        for name, data in members:
            data = change(name, data)
            if data is None:
                continue
            info = tarfile.TarInfo((rename or {}).get(name, name))
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


@pytest.fixture
def backed_up(world: object, media_root: Path, tmp_path: Path) -> Path:
    """An archive of a database with an uploaded file; afterwards the live data moves on (one more council)."""
    document = issued(world.council)
    document_services.attachment_add(document=document, file=SimpleUploadedFile("ban-ky.pdf", PDF), user=None)
    archive = tmp_path / "sao-luu.tar"
    call_command("backup", str(archive), stdout=io.StringIO())
    Council.objects.filter(pk=world.other_council.pk).update(unit_name="Đổi sau khi sao lưu")
    (media_root / "moi-sau-sao-luu.txt").write_bytes(b"tep moi")
    return archive


def assert_untouched(world: object, media_root: Path, before: dict[str, bytes]) -> None:
    assert Council.objects.get(pk=world.other_council.pk).unit_name == "Đổi sau khi sao lưu"
    assert media_digest(media_root) == before


def test_manifest_lists_every_member_with_its_checksum(backed_up: Path) -> None:
    with tarfile.open(backed_up) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
        names = sorted(m.name for m in tar.getmembers())
        for item in manifest["files"]:
            data = tar.extractfile(item["path"]).read()
            assert (len(data), hashlib.sha256(data).hexdigest()) == (item["size"], item["sha256"])
    assert names == sorted(["manifest.json", *(item["path"] for item in manifest["files"])])
    assert manifest["database_engine"] == connection.vendor
    assert ["registry", "0001_initial"] in manifest["migrations"]
    assert manifest["hdnd_version"] == "0.1.0" and manifest["created_at"]
    assert any(item["path"].startswith("media/van-ban/") for item in manifest["files"])


def test_tampered_byte_is_refused_before_anything_changes(backed_up: Path, world: object, media_root: Path) -> None:
    def flip_one_byte(name: str, data: bytes) -> bytes:
        if name.startswith("media/van-ban/"):
            return data[:10] + bytes([data[10] ^ 1]) + data[11:]
        return data

    rewrite(backed_up, flip_one_byte)
    before = media_digest(media_root)
    with pytest.raises(CommandError, match=r"đã bị thay đổi.*SHA-256"):
        call_command("restore", str(backed_up), "--force", stdout=io.StringIO())
    assert_untouched(world, media_root, before)


def test_incomplete_archive_is_refused(backed_up: Path, world: object, media_root: Path) -> None:
    rewrite(backed_up, lambda name, data: None if name.startswith("media/") else data)
    before = media_digest(media_root)
    with pytest.raises(CommandError, match="không đầy đủ, thiếu 1 thành phần"):
        call_command("restore", str(backed_up), "--force", stdout=io.StringIO())
    assert_untouched(world, media_root, before)


def test_truncated_archive_is_refused(backed_up: Path, world: object, media_root: Path) -> None:
    backed_up.write_bytes(backed_up.read_bytes()[:3000])
    before = media_digest(media_root)
    with pytest.raises(CommandError, match="không đầy đủ"):
        call_command("restore", str(backed_up), "--force", stdout=io.StringIO())
    assert_untouched(world, media_root, before)


def test_archive_of_another_engine_is_refused(backed_up: Path, world: object, media_root: Path) -> None:
    other = {"sqlite": "postgresql", "postgresql": "sqlite"}[connection.vendor]

    def other_engine(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["database_engine"] = other
        dump = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
        for item in manifest["files"]:
            if item["path"] == dump[connection.vendor]:
                item["path"] = dump[other]
        return json.dumps(manifest).encode()

    # The dump member is renamed too, so that only the engine differs from a genuine archive.
    rewrite(backed_up, other_engine, rename={"database.sqlite3": "database.dump", "database.dump": "database.sqlite3"})
    before = media_digest(media_root)
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    with pytest.raises(CommandError, match=f"tạo từ cơ sở dữ liệu {names[other]}.*không thể khôi phục sang loại khác"):
        call_command("restore", str(backed_up), "--force", stdout=io.StringIO())
    assert_untouched(world, media_root, before)


def test_database_with_data_is_not_overwritten_without_force(backed_up: Path, world: object, media_root: Path) -> None:
    before = media_digest(media_root)
    with pytest.raises(CommandError, match=r"đã có dữ liệu.*--force"):
        call_command("restore", str(backed_up), stdout=io.StringIO())
    assert_untouched(world, media_root, before)
