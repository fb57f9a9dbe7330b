"""Petitions and contact places through the shared importer: .xls/.ods/.csv files, the export and template
round-trip (already there), the JSON API (upload → preview with every error → mapping → confirm once),
and the time of a 10,000-row preview (printed, not asserted)."""

import io
import shutil
import subprocess
import time
import unicodedata
from pathlib import Path

import pytest
from openpyxl import Workbook

from hdnd.imports import preview
from petitions import services
from petitions.imports import PETITIONS, PLACES
from petitions.models import ContactPlace, Petition
from petitions.tests.test_import import GOOD, HEADER, xlsx


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def convert(content: bytes, to: str, tmp_path: Path) -> bytes:
    """The same sheet saved by LibreOffice as .xls or .ods."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) không có trên máy")
    source = tmp_path / "kien-nghi.xlsx"
    source.write_bytes(content)
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            to,
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    converted = tmp_path / f"kien-nghi.{to}"
    if not converted.exists():  # LibreOffice without Calc (libreoffice-calc-nogui) cannot open a sheet
        pytest.skip("LibreOffice Calc không có trên máy")
    return converted.read_bytes()


MESSY = [
    ["TỔNG HỢP Ý KIẾN, KIẾN NGHỊ CỬ TRI"],
    ["STT", "Nội dung ý kiến, kiến nghị", "Địa phương", "Cấp giải quyết", "Ghi chú"],
    [1, unicodedata.normalize("NFD", "Đề nghị  nạo vét kênh mương "), "  phổ thuận", "Xã", ""],
    [None, None, None, None, None],
    [2, "Đề nghị sửa chữa cầu Trà Câu", "Phổ Chu", "Tỉnh", ""],
]


@pytest.mark.django_db
@pytest.mark.parametrize("to", ["xls", "ods"])
def test_xls_and_ods_files_read_like_xlsx(town, tmp_path, to) -> None:
    content = convert(xlsx(MESSY[1:], MESSY[0]), to, tmp_path)
    result = preview(PETITIONS, town.round, content, f"kien-nghi.{to}")
    assert result.blank_rows == [4]
    assert result.rows[0].item.text == "Đề nghị nạo vét kênh mương"
    assert result.rows[0].matches == [("Xã, phường", "phổ thuận", "Phổ Thuận")]
    [error] = result.errors
    assert str(error).startswith("Trang “Kiến nghị”, dòng 5, cột C (“Địa phương”): không có xã, phường “Phổ Chu”")
    assert "gần giống: Phổ Châu" in str(error)


TONES = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text: str) -> bytes:
    """As Vietnamese Windows saves text: a base letter (with its circumflex, breve or horn) then the tone mark."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
            out += (base + "".join(c for c in parts if c in TONES)).encode("cp1258")
    return out


@pytest.mark.django_db
def test_csv_in_utf8_with_bom_and_windows_1258(town) -> None:
    text = "STT;Nội dung ý kiến, kiến nghị;Xã, phường;Cấp\n1;Đề nghị làm đường;Phổ An;Xã\n"
    for content in (text.encode("utf-8-sig"), text.encode("utf-8"), windows_1258(text)):
        result = preview(PETITIONS, town.round, content, "kien-nghi.csv")
        assert result.ok, result.message or [str(e) for e in result.errors]
        assert result.rows[0].item.text == "Đề nghị làm đường" and result.rows[0].item.unit == town.units["Phổ An"]


@pytest.mark.django_db
def test_export_imports_back_as_already_there_and_template_is_read(town) -> None:
    result = preview(PETITIONS, town.round, xlsx(GOOD), "a.xlsx")
    services.petitions_bulk_create(contact_round=town.round, items=[r.item for r in result.rows])
    again = preview(PETITIONS, town.round, PETITIONS.export(town.round), "xuat.xlsx")
    assert again.errors == [] and len(again.rows) == 3
    assert all(r.already for r in again.rows), [(r.number, r.item.text) for r in again.rows]
    assert preview(PETITIONS, town.round, PETITIONS.template(town.round), "mau.xlsx").ok


@pytest.mark.django_db
def test_contact_places_import_and_round_trip(town, as_user) -> None:
    commune = town.units["Phổ An"]
    wb = Workbook()
    ws = wb.active
    for row in (["Thôn, tổ dân phố", "Loại"], ["An Ba", "thôn"], ["  Tổ dân phố 3", "Tổ dân phố"], ["Vĩnh An", "làng"]):
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    result = preview(PLACES, commune, buffer.getvalue(), "thon.xlsx")
    assert [str(e) for e in result.errors] == ["Trang “Sheet”, dòng 4, cột B (“Loại”): không có loại địa bàn “làng”"]
    ws.delete_rows(4)
    buffer = io.BytesIO()
    wb.save(buffer)
    result = preview(PLACES, commune, buffer.getvalue(), "thon.xlsx")
    assert result.ok
    PLACES.save(commune, result.new_items(), None)
    assert sorted(ContactPlace.objects.filter(council=commune).values_list("name", "kind")) == [
        ("An Ba", "thon"),
        ("Tổ dân phố 3", "to_dan_pho"),
    ]
    again = preview(PLACES, commune, PLACES.export(commune), "xuat.xlsx")
    assert again.ok and all(r.already for r in again.rows)


@pytest.mark.django_db
def test_api_upload_preview_mapping_confirm(town, as_user) -> None:
    client = as_user("office")
    base = f"/api/v1/councils/{town.council.pk}/imports"
    bad = io.BytesIO(xlsx([GOOD[0], [2, "Đề nghị", "Phổ Xa Lạ", "", "Xã", "", "", "", "", ""]]))
    bad.name = "kien-nghi.xlsx"
    response = client.post(f"{base}/kien-nghi/{town.round.pk}", {"file": bad})
    assert response.status_code == 201
    data = response.json()
    assert not data["ok"] and data["key"] == ""
    error = data["errors"][0]
    assert error | {"message": "", "text": ""} == {
        "sheet": "Kiến nghị",
        "row": 3,
        "column": "C",
        "header": "Xã, phường",
        "message": "",
        "text": "",
    }
    assert error["message"].startswith("không có xã, phường “Phổ Xa Lạ” trong địa bàn; gần giống: Phổ An")
    refused = client.post(
        f"/api/v1/councils/{town.council.pk}/import-uploads/{data['upload_id']}/confirm",
        {"key": "x"},
        content_type="application/json",
    )
    assert refused.status_code == 400 and Petition.objects.count() == 0
    good = io.BytesIO(xlsx(GOOD, ["TT", "Việc cử tri nêu", *HEADER[2:]]))
    good.name = "kien-nghi.xlsx"
    data = client.post(f"{base}/kien-nghi/{town.round.pk}", {"file": good}).json()
    assert "Thiếu cột bắt buộc: Nội dung kiến nghị" in data["message"]
    url = f"/api/v1/councils/{town.council.pk}/import-uploads/{data['upload_id']}"
    columns = {c["index"]: c["field"] for c in data["columns"]} | {1: "text"}
    data = client.put(f"{url}/mapping", {"columns": columns}, content_type="application/json").json()
    assert data["ok"] and data["new"] == 3 and data["rows"][1]["matched"] == {"Lĩnh vực": "Giao thông"}
    done = client.post(f"{url}/confirm", {"key": data["key"]}, content_type="application/json")
    assert done.status_code == 201 and done.json() == {"imported": 3}
    again = client.post(f"{url}/confirm", {"key": data["key"]}, content_type="application/json")
    assert again.status_code == 400 and Petition.objects.count() == 3
    assert as_user("outsider").get(url).status_code == 404
    assert as_user("delegate").get(url).status_code == 403


@pytest.mark.django_db
def test_ten_thousand_rows_preview_time_is_printed(town) -> None:
    units = list(town.units)
    rows = [
        [n, f"Đề nghị sửa chữa đường thôn số {n} đoạn {n % 97}", units[n % len(units)], "Xã"] for n in range(10_000)
    ]
    content = xlsx(rows, ["STT", "Nội dung kiến nghị", "Xã, phường", "Cấp"])
    started = time.perf_counter()
    result = preview(PETITIONS, town.round, content, "lon.xlsx")
    elapsed = time.perf_counter() - started
    print(f"\nXem trước 10.000 dòng: {elapsed:.2f} giây")
    assert result.ok and len(result.rows) == 10_000 and sum(r.already for r in result.rows) == 0


@pytest.mark.django_db
def test_json_bulk_route_and_excel_clean_the_same_way(town, as_user) -> None:
    typed = unicodedata.normalize("NFD", "  Đề nghị   sửa cầu\nthôn An Ba ")
    name = unicodedata.normalize("NFD", " Lê  Văn Ba ")
    client = as_user("office")
    url = f"/api/v1/councils/{town.council.pk}/petition-rounds/{town.round.pk}/petitions"
    item = {"text": typed, "unit_id": town.units["Phổ An"].pk, "level": "xa", "people": [{"full_name": name}]}
    assert client.post(url, {"items": [item]}, content_type="application/json").status_code == 201
    from_json = Petition.objects.get()
    result = preview(PETITIONS, town.round, xlsx([[1, typed, "Phổ An", "", "Xã", "", "", name]]), "a.xlsx")
    assert result.rows[0].already  # the same text, once cleaned, is the row the JSON route saved
    services.petitions_bulk_create(contact_round=town.round, items=result.new_items(include_existing=True))
    from_excel = Petition.objects.exclude(pk=from_json.pk).get()
    assert (from_json.text, from_excel.text) == ("Đề nghị sửa cầu\nthôn An Ba",) * 2
    assert from_json.people.get().full_name == from_excel.people.get().full_name == "Lê Văn Ba"
