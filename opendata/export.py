"""The bulk export of open data: a ZIP per council and for the whole country, with every public record as
CSV (flat tables, one row per record or per membership) and as JSON (the API's objects), a README in
Vietnamese and CSVW metadata (csv-metadata.json) describing every column.

Rows are read in chunks and written as they come into files of a temporary directory, which are then
zipped and stored through Django's default storage (STORAGE_BACKEND): no table is ever held in memory.
Run nightly by cron (`manage.py opendata_export --all`) or as a background task (`opendata.tasks`).
"""

import contextlib
import csv
import datetime
import io
import itertools
import json
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files import File
from django.db.models import QuerySet
from django.utils import timezone

from hdnd.dates import format_date
from opendata import records, selectors
from opendata.models import BulkExport
from registry.models import Council
from registry.selectors import public_council_q

CHUNK = 500
KEEP = 7  # exports kept per council (and for the country): a week of nightly runs


@dataclass(frozen=True)
class Column:
    name: str
    title: str
    datatype: str
    get: Callable[[dict], object]


def col(name: str, title: str, datatype: str = "string", key: str | None = None) -> Column:
    key = key or name
    return Column(name, title, datatype, lambda record: record.get(key))


@dataclass(frozen=True)
class Table:
    """A CSV table: its columns, and how one record gives its rows (one, or one per nested item)."""

    file: str
    title: str
    columns: list[Column]
    rows: Callable[[dict], Iterable[dict]] = lambda record: [record]


@dataclass(frozen=True)
class Entity:
    name: str
    title: str
    rows: Callable[[int | None], QuerySet]
    shape: Callable[[list, str], list[dict]]
    tables: list[Table] = field(default_factory=list)


def _each(shape: Callable[[object, str], dict]) -> Callable[[list, str], list[dict]]:
    return lambda rows, base: [shape(row, base) for row in rows]


def _nested(key: str, parent: str) -> Callable[[dict], Iterable[dict]]:
    return lambda record: [{**item, parent: record["id"]} for item in record[key]]


def _count(option: str) -> Callable[[dict], object]:
    return lambda record: next(c["value"] for c in record["counts"] if c["option"] == option)


ENTITIES = [
    Entity(
        "bodies",
        "Hội đồng nhân dân",
        lambda council_id: selectors.public_councils(council_id=council_id),
        _each(records.body),
        [
            Table(
                "bodies.csv",
                "Hội đồng nhân dân đang hoạt động",
                [
                    col("id", "Địa chỉ"),
                    col("name", "Tên Hội đồng"),
                    col("shortName", "Tên ngắn"),
                    col("classification", "Cấp"),
                    col("unitType", "Loại đơn vị hành chính"),
                    col("unitCode", "Mã đơn vị hành chính"),
                    col("parent", "HĐND cấp trên"),
                    col("web", "Trang dữ liệu mở"),
                ],
            )
        ],
    ),
    Entity(
        "organizations",
        "Cơ quan của Hội đồng",
        lambda council_id: selectors.public_organizations(council_id=council_id),
        _each(records.organization),
        [
            Table(
                "organizations.csv",
                "Thường trực HĐND, các Ban, Tổ đại biểu",
                [
                    col("id", "Địa chỉ"),
                    col("body", "Hội đồng"),
                    col("name", "Tên cơ quan"),
                    col("shortName", "Tên ngắn"),
                    col("organizationType", "Loại cơ quan"),
                    col("classification", "Mã loại cơ quan"),
                    col("subOrganizationOf", "Cơ quan cấp trên"),
                ],
            )
        ],
    ),
    Entity(
        "persons",
        "Đại biểu",
        lambda council_id: selectors.public_people(council_id=council_id),
        _each(records.person),
        [
            Table(
                "persons.csv",
                "Đại biểu HĐND (họ tên theo Popolo)",
                [
                    col("id", "Địa chỉ"),
                    col("body", "Hội đồng"),
                    col("name", "Họ và tên"),
                    col("family_name", "Họ"),
                    col("additional_name", "Tên đệm"),
                    col("given_name", "Tên"),
                    col("gender", "Giới tính"),
                ],
            ),
            Table(
                "memberships.csv",
                "Chức danh của đại biểu trong các cơ quan (Popolo membership)",
                [
                    col("person", "Đại biểu"),
                    col("organization_id", "Mã cơ quan", "integer"),
                    col("organization", "Cơ quan"),
                    col("role", "Chức danh"),
                    col("start_date", "Từ ngày", "date"),
                    col("end_date", "Đến ngày", "date"),
                ],
                _nested("memberships", "person"),
            ),
            Table(
                "person_terms.csv",
                "Các nhiệm kỳ làm đại biểu",
                [
                    col("person", "Đại biểu"),
                    col("term", "Nhiệm kỳ"),
                    col("constituency", "Đơn vị bầu cử"),
                    col("group_id", "Mã tổ đại biểu", "integer"),
                    col("status", "Tình trạng"),
                    col("start_date", "Ngày trúng cử", "date"),
                    col("end_date", "Ngày cuối làm đại biểu", "date"),
                ],
                _nested("terms", "person"),
            ),
        ],
    ),
    Entity(
        "meetings",
        "Kỳ họp và phiên họp Thường trực",
        lambda council_id: selectors.public_meeting_keys(council_id=council_id),
        records.meetings,
        [
            Table(
                "meetings.csv",
                "Kỳ họp công khai và phiên họp Thường trực đã công khai thông báo kết luận",
                [
                    col("id", "Địa chỉ"),
                    col("body", "Hội đồng"),
                    col("meetingType", "Loại"),
                    col("name", "Tên"),
                    col("meetingState", "Trạng thái"),
                    col("start", "Ngày bắt đầu", "date"),
                    col("end", "Ngày kết thúc", "date"),
                    col("location", "Địa điểm"),
                    col("web", "Trang công khai"),
                ],
            )
        ],
    ),
    Entity(
        "agenda_items",
        "Nội dung chương trình kỳ họp",
        lambda council_id: selectors.public_agenda_items(council_id=council_id),
        _each(records.agenda_item),
        [
            Table(
                "agenda_items.csv",
                "Nội dung chương trình các kỳ họp công khai",
                [
                    col("id", "Địa chỉ"),
                    col("meeting", "Kỳ họp"),
                    col("number", "Thứ tự", "integer"),
                    col("name", "Nội dung"),
                    col("kind", "Loại nội dung"),
                ],
            )
        ],
    ),
    Entity(
        "papers",
        "Văn bản công khai",
        lambda council_id: selectors.public_papers(council_id=council_id),
        records.papers,
        [
            Table(
                "papers.csv",
                "Văn bản đã công khai",
                [
                    col("id", "Địa chỉ"),
                    col("body", "Hội đồng"),
                    col("reference", "Số, ký hiệu"),
                    col("date", "Ngày ban hành", "date"),
                    col("paperType", "Loại văn bản"),
                    col("normative", "Văn bản quy phạm pháp luật", "boolean"),
                    col("name", "Trích yếu nội dung"),
                    col("publisher", "Cơ quan ban hành"),
                    col("published", "Thời điểm công khai", "dateTime"),
                    col("passedOn", "Ngày thông qua", "date"),
                    col("effectiveOn", "Ngày có hiệu lực", "date"),
                    col("voteEvent", "Kết quả biểu quyết"),
                    Column("accessUrl", "Tải văn bản (DOCX)", "anyURI", lambda r: r["mainFile"]["accessUrl"]),
                    Column("pdfUrl", "Tải văn bản (PDF)", "anyURI", lambda r: r["mainFile"]["pdfUrl"]),
                ],
            )
        ],
    ),
    Entity(
        "files",
        "Tài liệu kỳ họp công khai",
        lambda council_id: selectors.public_files(council_id=council_id),
        _each(records.file),
        [
            Table(
                "files.csv",
                "Tài liệu kỳ họp đã đăng công khai",
                [
                    col("id", "Địa chỉ"),
                    col("meeting", "Kỳ họp"),
                    col("name", "Tên tài liệu"),
                    col("fileName", "Tên tệp"),
                    col("date", "Ngày gửi đại biểu", "date"),
                    col("accessUrl", "Tải tài liệu", "anyURI"),
                    col("paper", "Văn bản công khai tương ứng"),
                ],
            )
        ],
    ),
    Entity(
        "vote_events",
        "Kết quả biểu quyết",
        lambda council_id: selectors.public_votes(council_id=council_id),
        _each(records.vote_event),
        [
            Table(
                "vote_events.csv",
                "Kết quả biểu quyết tại các kỳ họp công khai (Popolo vote_event)",
                [
                    col("id", "Địa chỉ"),
                    col("body", "Hội đồng"),
                    col("meeting", "Kỳ họp"),
                    col("motion", "Nội dung biểu quyết"),
                    col("start_date", "Ngày biểu quyết", "date"),
                    col("result", "Kết quả"),
                    Column("yes", "Tán thành", "integer", _count("yes")),
                    Column("no", "Không tán thành", "integer", _count("no")),
                    Column("abstain", "Không biểu quyết", "integer", _count("abstain")),
                    col("in_office", "Tổng số đại biểu đương nhiệm", "integer"),
                    col("threshold_percent", "Tỷ lệ tán thành theo quy định (%)", "integer"),
                    col("paper", "Nghị quyết công khai tương ứng"),
                ],
            )
        ],
    ),
]


def _chunks(rows: QuerySet) -> Iterator[list]:
    iterator = rows.iterator(chunk_size=CHUNK)
    while batch := list(itertools.islice(iterator, CHUNK)):
        yield batch


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def _write_entity(entity: Entity, council_id: int | None, folder: Path) -> int:
    """Write the entity's JSON (an array, one object a line) and its CSV tables; returns the record count."""
    count = 0
    with contextlib.ExitStack() as stack:
        writers = {
            table.file: csv.writer(stack.enter_context(open(folder / table.file, "w", encoding="utf-8", newline="")))
            for table in entity.tables
        }
        for table in entity.tables:
            writers[table.file].writerow([c.name for c in table.columns])
        out = stack.enter_context(open(folder / f"{entity.name}.json", "w", encoding="utf-8"))
        out.write("[")
        for batch in _chunks(entity.rows(council_id)):
            for record in entity.shape(batch, ""):
                out.write(("," if count else "") + "\n" + json.dumps(record, ensure_ascii=False))
                count += 1
                for table in entity.tables:
                    for row in table.rows(record):
                        writers[table.file].writerow([_cell(c.get(row)) for c in table.columns])
        out.write("\n]\n")
    return count


def csvw_metadata(*, scope: str, created: datetime.datetime) -> dict:
    """The CSVW description (W3C, csv-metadata.json) of every table and column of the export."""
    return {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "vi"}],
        "dc:title": f"Dữ liệu mở Hội đồng nhân dân — {scope}",
        "dc:license": {"@id": records.LICENSE},
        "dc:modified": {"@value": created.isoformat(), "@type": "xsd:dateTime"},
        "tables": [
            {
                "url": table.file,
                "dc:title": table.title,
                "dialect": {"encoding": "utf-8", "header": True, "delimiter": ","},
                "tableSchema": {
                    "columns": [
                        {"name": c.name, "titles": c.title, "datatype": c.datatype, "required": False}
                        for c in table.columns
                    ],
                    **({"primaryKey": "id"} if table.columns[0].name == "id" else {}),
                },
            }
            for entity in ENTITIES
            for table in entity.tables
        ],
    }


def readme(*, scope: str, created: datetime.datetime, counts: dict[str, int]) -> str:
    """The README.txt of an export, in Vietnamese."""
    local = timezone.localtime(created)
    lines = [
        f"DỮ LIỆU MỞ HỘI ĐỒNG NHÂN DÂN — {scope.upper()}",
        f"Ngày xuất: {format_date(local.date())} lúc {local:%H:%M}",
        "",
        f"Giấy phép: {records.LICENSE_NAME} — {records.LICENSE}",
        "Được tự do sao chép, phân phối, chỉnh sửa và dùng cho mọi mục đích, kể cả thương mại, với điều kiện",
        "ghi rõ nguồn: “Hội đồng nhân dân — Hệ thống quản lý hoạt động HĐND”.",
        "",
        "Chỉ gồm thông tin đã công khai của các Hội đồng đang hoạt động: Hội đồng, cơ quan (Thường trực, các",
        "Ban, Tổ đại biểu), đại biểu (họ tên, giới tính, nhiệm kỳ, chức danh), kỳ họp và chương trình, phiên",
        "họp Thường trực đã công khai thông báo kết luận, văn bản đã công khai, tài liệu kỳ họp công khai và",
        "kết quả biểu quyết như đã công bố. Không có thông tin cá nhân của cử tri, người gửi đơn, người góp ý.",
        "",
        "Nội dung tệp (mỗi loại có bản JSON giống câu trả lời của API và bản CSV, mã hoá UTF-8):",
    ]
    for entity in ENTITIES:
        files = ", ".join([f"{entity.name}.json", *(t.file for t in entity.tables)])
        lines.append(f"  - {entity.title}: {counts.get(entity.name, 0)} bản ghi — {files}")
    lines += [
        "  - csv-metadata.json: mô tả từng cột của các bảng CSV theo chuẩn CSVW (W3C), tên cột và kiểu dữ liệu.",
        "",
        "Địa chỉ (cột id và các liên kết) là đường dẫn tương đối: ghép với địa chỉ trang web đã công bố tệp này",
        "để được địa chỉ của bản ghi trong API dữ liệu mở (/api/v1/open/, khuôn OParl 1.1, tài liệu tại",
        "/api/v1/docs). Ngày theo định dạng yyyy-mm-dd (ISO 8601).",
        "",
        "Lịch cập nhật: dữ liệu được xuất lại hằng đêm, ví dụ bằng cron:",
        "  30 1 * * *  python manage.py opendata_export --all",
        "hoặc bằng tác vụ nền opendata.tasks.export_all (django-tasks-db).",
        "",
    ]
    return "\n".join(lines)


def _scope(council: Council | None) -> str:
    return str(council) if council else "Cả nước"


def export_build(*, council: Council | None) -> BulkExport:
    """Write the export of one council (None: every public council) and record it; older exports of the
    same scope beyond the last KEEP are removed with their files."""
    if council is not None and not (council.active or council.ceased_on):
        from django.core.exceptions import ValidationError

        raise ValidationError("Chỉ xuất dữ liệu mở của Hội đồng đang hoạt động hoặc đã chấm dứt hoạt động.")
    created = timezone.now()
    scope = _scope(council)
    council_id = council.pk if council else None
    with tempfile.TemporaryDirectory(prefix="du-lieu-mo-") as tmp:
        folder = Path(tmp)
        counts = {entity.name: _write_entity(entity, council_id, folder) for entity in ENTITIES}
        archive = folder / "export.zip"
        with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("README.txt", readme(scope=scope, created=created, counts=counts))
            metadata = json.dumps(csvw_metadata(scope=scope, created=created), ensure_ascii=False, indent=2)
            zf.writestr("csv-metadata.json", metadata)
            for entity in ENTITIES:
                zf.write(folder / f"{entity.name}.json", f"{entity.name}.json")
                for table in entity.tables:
                    zf.write(folder / table.file, table.file)
        export = BulkExport(council=council, size=os.path.getsize(archive), rows=counts)
        name = f"du-lieu-mo-{council_id or 'ca-nuoc'}-{timezone.localtime(created):%Y%m%d-%H%M%S}.zip"
        with open(archive, "rb") as handle:
            export.file.save(name, File(handle), save=False)
        export.full_clean()
        export.save()
    _prune(council_id)
    return export


def _prune(council_id: int | None) -> None:
    old = BulkExport.objects.filter(council_id=council_id).order_by("-created_at", "-pk")[KEEP:]
    for row in list(old):
        row.file.delete(save=False)
        row.delete()


def export_all() -> list[BulkExport]:
    """The country's export, then each public council's."""
    done = [export_build(council=None)]
    for council in Council.objects.filter(public_council_q()).order_by("pk"):
        done.append(export_build(council=council))
    return done


def read_back(export: BulkExport) -> dict[str, str]:
    """The files of an export as text (for the tests and the privacy scan)."""
    with export.file.open("rb") as handle, zipfile.ZipFile(io.BytesIO(handle.read())) as zf:
        return {name: zf.read(name).decode("utf-8") for name in zf.namelist()}
