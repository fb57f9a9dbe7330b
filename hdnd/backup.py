"""Backup and restore of the whole system: the database and every uploaded file, in one checked archive.

The archive is a plain, uncompressed `.tar` (the PostgreSQL dump is already compressed; a tar can be
listed and checked with standard tools) holding:

- `manifest.json`: when and from what it was made, the database engine, the applied migrations, and
  the size and SHA-256 of every other member;
- `database.dump` (PostgreSQL, `pg_dump --format=custom`) or `database.sqlite3` (SQLite, a consistent
  copy through SQLite's online backup API);
- `media/<path>`: every file under MEDIA_ROOT, at its path relative to MEDIA_ROOT.

`restore_archive` checks every member against the manifest before it touches anything.
"""

import contextlib
import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
PG_MEMBER = "database.dump"
SQLITE_MEMBER = "database.sqlite3"
MEDIA_PREFIX = "media/"
# Tables `migrate` fills by itself: rows there do not mean the database holds anyone's data.
MIGRATE_TABLES = {"django_migrations", "django_content_type", "auth_permission"}
ENGINE_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}


def engine_of(alias: str = "default") -> str:
    """`postgresql` or `sqlite`; any other engine is refused (there is no tool to dump it here)."""
    vendor = connections[alias].vendor
    if vendor not in ENGINE_NAMES:
        raise CommandError(f"Không hỗ trợ sao lưu cơ sở dữ liệu loại {vendor}: chỉ PostgreSQL và SQLite.")
    return vendor


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _version() -> tuple[str, str]:
    """The hdnd version (pyproject) and the git commit of the code, each "" when not known."""
    version = ""
    try:
        from importlib.metadata import version as package_version

        version = package_version("hdnd")
    except Exception:  # not installed as a package: read pyproject.toml
        pyproject = Path(settings.BASE_DIR) / "pyproject.toml"
        if pyproject.exists():
            import tomllib

            version = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {}).get("version", "")
    commit = ""
    # No git on the server: the version is enough.
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=10
        ).stdout.strip()
    return version, commit


def _pg_env_args(settings_dict: dict) -> tuple[dict, list[str]]:
    """The environment and connection arguments of pg_dump/pg_restore for a Django database."""
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    args = []
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    args += ["--dbname", str(settings_dict["NAME"])]
    return env, args


def _run(command: list[str], env: dict, what: str) -> None:
    tool = shutil.which(command[0])
    if tool is None:
        raise CommandError(f"Không tìm thấy chương trình {command[0]} trên máy chủ (cài gói postgresql-client).")
    result = subprocess.run([tool, *command[1:]], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise CommandError(f"{what} không thành công: {result.stderr.strip()}")


def _dump_database(alias: str, engine: str, target: Path) -> None:
    connection = connections[alias]
    if engine == "postgresql":
        env, args = _pg_env_args(connection.settings_dict)
        _run(["pg_dump", "--format=custom", "--no-password", "--file", str(target), *args], env, "Sao lưu PostgreSQL")
        return
    if connection.in_atomic_block:
        # SQLite's backup would wait forever for the write lock this very connection holds.
        raise CommandError("Không sao lưu SQLite được trong một giao dịch đang mở.")
    # SQLite's backup API copies a consistent snapshot even while the server writes; going through
    # Django's own connection also covers the in-memory database of the test suite.
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()


def _media_files(media_root: Path) -> Iterator[tuple[Path, str]]:
    """Every regular file under MEDIA_ROOT with its archive name, in a stable order."""
    if not media_root.is_dir():
        return
    for path in sorted(media_root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path, MEDIA_PREFIX + path.relative_to(media_root).as_posix()


def default_output() -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.BASE_DIR) / "backups" / f"hdnd-{stamp}.tar"


def create_archive(output: Path, *, alias: str = "default") -> dict:
    """Write the archive to `output` (made complete in a temporary file, then moved into place).

    Returns the manifest written into it.
    """
    engine = engine_of(alias)
    output.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="hdnd-backup-", dir=output.parent) as work:
        dump = Path(work) / (PG_MEMBER if engine == "postgresql" else SQLITE_MEMBER)
        _dump_database(alias, engine, dump)
        members: list[tuple[Path, str]] = [(dump, dump.name), *_media_files(media_root)]
        version, commit = _version()
        migrations = MigrationRecorder(connections[alias]).applied_migrations()
        manifest = {
            "format": FORMAT,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "hdnd_version": version,
            "git_commit": commit,
            "database_engine": engine,
            "migrations": sorted([app, name] for app, name in migrations),
            "files": [{"path": name, "size": path.stat().st_size, "sha256": sha256_of(path)} for path, name in members],
        }
        manifest_path = Path(work) / MANIFEST
        manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        partial = Path(work) / "archive.tar"
        with tarfile.open(partial, "w") as tar:
            tar.add(manifest_path, arcname=MANIFEST)
            for path, name in members:
                tar.add(path, arcname=name)
        os.chmod(partial, 0o600)  # the archive holds citizens' personal data
        os.replace(partial, output)
    return manifest


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name not in {"", "."}


def verify_archive(archive: Path, work: Path) -> dict:
    """Extract the archive into `work` and check it against its manifest; returns the manifest.

    Refuses (CommandError, in Vietnamese) an unreadable archive, a member whose size or SHA-256 differs,
    a member missing or not listed, and any name that would land outside the target.
    """
    if not archive.is_file():
        raise CommandError(f"Không tìm thấy tệp sao lưu {archive}.")
    try:
        with tarfile.open(archive, "r:") as tar:
            entries = tar.getmembers()
            names = [entry.name for entry in entries]
            if MANIFEST not in names:
                raise CommandError("Tệp sao lưu không có manifest.json: không phải bản sao lưu của hệ thống.")
            if len(set(names)) != len(names):
                raise CommandError("Tệp sao lưu có thành phần trùng tên: đã bị sửa, không khôi phục.")
            for entry in entries:
                if not entry.isfile() or not _safe_name(entry.name):
                    raise CommandError(f"Thành phần không hợp lệ trong tệp sao lưu: {entry.name}.")
            # The data filter refuses links, devices and paths outside `work` (Python's safe extraction).
            tar.extractall(work, filter="data")
    except tarfile.TarError as exc:
        raise CommandError(f"Tệp sao lưu bị hỏng hoặc không đầy đủ: {exc}.") from exc
    try:
        manifest = json.loads((work / MANIFEST).read_text(encoding="utf-8"))
        listed = {item["path"]: item for item in manifest["files"]}
        engine = manifest["database_engine"]
    except (ValueError, KeyError, TypeError) as exc:
        raise CommandError("manifest.json của tệp sao lưu không đọc được: đã bị sửa hoặc hỏng.") from exc
    present = set(names) - {MANIFEST}
    missing = sorted(set(listed) - present)
    if missing:
        raise CommandError(f"Tệp sao lưu không đầy đủ, thiếu {len(missing)} thành phần: {', '.join(missing[:5])}.")
    extra = sorted(present - set(listed))
    if extra:
        raise CommandError(f"Tệp sao lưu có thành phần không có trong manifest: {', '.join(extra[:5])}.")
    for name, item in listed.items():
        path = work / name
        if path.stat().st_size != item["size"] or sha256_of(path) != item["sha256"]:
            raise CommandError(f"Tệp sao lưu đã bị thay đổi: {name} không khớp mã kiểm tra SHA-256. Không khôi phục.")
    database_member = PG_MEMBER if engine == "postgresql" else SQLITE_MEMBER
    if engine not in ENGINE_NAMES or database_member not in listed:
        raise CommandError("Tệp sao lưu không chứa bản sao cơ sở dữ liệu.")
    return manifest


def database_has_data(alias: str = "default") -> bool:
    """Whether any table holds rows other than those `migrate` writes by itself."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        for table in tables:
            if table in MIGRATE_TABLES or table.startswith("sqlite_"):
                continue
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
            if cursor.fetchone() is not None:
                return True
    return False


def _restore_database(alias: str, engine: str, dump: Path) -> None:
    connection = connections[alias]
    settings_dict = connection.settings_dict
    if engine == "postgresql":
        env, args = _pg_env_args(settings_dict)
        connection.close()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-password",
                "--single-transaction",
                "--exit-on-error",
                *args,
                str(dump),
            ],
            env,
            "Khôi phục PostgreSQL",
        )
        return
    name = str(settings_dict["NAME"])
    if connection.is_in_memory_db() or name == ":memory:":
        # The test suite's in-memory database: copy into it through the open connection.
        connection.ensure_connection()
        source = sqlite3.connect(dump)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        return
    # Replace the file safely: a full copy beside it, synced, then an atomic rename over the old one;
    # the old write-ahead log and shared memory files would otherwise be replayed onto the new file.
    connection.close()
    target = Path(name)
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.with_name(target.name + ".khoiphuc")
    shutil.copyfile(dump, staged)
    with staged.open("rb") as handle:
        os.fsync(handle.fileno())
    for suffix in ("-wal", "-shm", "-journal"):
        Path(name + suffix).unlink(missing_ok=True)
    os.replace(staged, target)


def _restore_media(work: Path, manifest: dict) -> int:
    media_root = Path(settings.MEDIA_ROOT)
    count = 0
    for item in manifest["files"]:
        if not item["path"].startswith(MEDIA_PREFIX):
            continue
        target = media_root / item["path"][len(MEDIA_PREFIX) :]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(work / item["path"], target)
        count += 1
    return count


def restore_archive(archive: Path, *, force: bool = False, alias: str = "default") -> tuple[dict, int]:
    """Check the archive, then restore the database and the media files; returns (manifest, files restored).

    Nothing is changed unless every check passes: checksums, the engine, and an empty database
    (or `force`).
    """
    engine = engine_of(alias)
    with tempfile.TemporaryDirectory(prefix="hdnd-restore-") as work_name:
        work = Path(work_name)
        manifest = verify_archive(archive, work)
        if manifest["database_engine"] != engine:
            raise CommandError(
                f"Tệp sao lưu được tạo từ cơ sở dữ liệu {ENGINE_NAMES[manifest['database_engine']]}, còn máy chủ "
                f"này dùng {ENGINE_NAMES[engine]}: không thể khôi phục sang loại khác."
            )
        if not force and database_has_data(alias):
            raise CommandError(
                "Cơ sở dữ liệu đích đã có dữ liệu: khôi phục sẽ ghi đè toàn bộ. Kiểm tra lại cấu hình, "
                "hoặc chạy lại với --force nếu chắc chắn muốn thay thế."
            )
        dump = work / (PG_MEMBER if engine == "postgresql" else SQLITE_MEMBER)
        _restore_database(alias, engine, dump)
        files = _restore_media(work, manifest)
    return manifest, files
