"""The bulk export: a ZIP per council and for the country with CSV, JSON, README and CSVW metadata, written
through the default storage; the command and the task; the public page listing the downloads."""

import csv
import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.template.defaultfilters import filesizeformat
from django.test import Client
from django.utils import timezone, translation

from opendata import export, tasks
from opendata.models import BulkExport
from opendata.tests.builders import public_council, publish, unpublished, withdraw
from registry.tests.factories import CouncilFactory, TermFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.django_db
def test_the_export_holds_every_table_described_column_by_column(world) -> None:
    public_council(3, term=world.term)
    row = export.export_build(council=world.council)
    files = export.read_back(row)
    assert row.size == row.file.size > 0 and row.rows["papers"] == 6 and row.rows["persons"] == 3
    readme = files["README.txt"]
    assert "CC BY 4.0" in readme and "opendata_export --all" in readme and "Ngày xuất: " in readme
    metadata = json.loads(files["csv-metadata.json"])
    assert metadata["dc:license"]["@id"].startswith("https://creativecommons.org/licenses/by/4.0")
    described = {table["url"]: table["tableSchema"]["columns"] for table in metadata["tables"]}
    csv_files = {name for name in files if name.endswith(".csv")}
    assert set(described) == csv_files
    for name in csv_files:
        header = next(csv.reader(io.StringIO(files[name])))
        assert header == [c["name"] for c in described[name]], name
        assert all(c["titles"] and c["datatype"] for c in described[name])
    papers = json.loads(files["papers.json"])
    assert len(papers) == 6 and papers[0]["id"].startswith("/api/v1/open/papers/")
    assert len(list(csv.DictReader(io.StringIO(files["memberships.csv"])))) == 3
    votes = list(csv.DictReader(io.StringIO(files["vote_events.csv"])))
    assert [v["yes"] for v in votes] == ["3", "3", "3"]


@pytest.mark.django_db
def test_publishing_and_withdrawing_changes_the_next_export(world) -> None:
    document = unpublished(world.council)

    def references() -> list[str]:
        files = export.read_back(export.export_build(council=None))
        return [row["reference"] for row in csv.DictReader(io.StringIO(files["papers.csv"]))]

    assert references() == []
    publish(document)
    assert references() == [document.number_symbol]
    withdraw(document)
    assert references() == []


@pytest.mark.django_db
def test_the_command_and_the_task_write_the_country_and_each_active_council(world) -> None:
    CouncilFactory(active=False)
    active = set(type(world.council).objects.filter(active=True).values_list("pk", flat=True))
    call_command("opendata_export", "--all", stdout=io.StringIO())
    assert set(BulkExport.objects.exclude(council=None).values_list("council_id", flat=True)) == active
    assert BulkExport.objects.filter(council=None).count() == 1
    call_command("opendata_export", "--council", str(world.council.pk), stdout=io.StringIO())
    assert BulkExport.objects.filter(council=world.council).count() == 2
    assert tasks.export_council.call(world.council.pk) > 0
    assert tasks.export_all.call() == len(active) + 1


@pytest.mark.django_db
def test_an_inactive_or_unknown_council_is_refused_by_the_command(world) -> None:
    from django.core.management.base import CommandError

    ceased = CouncilFactory(active=False)
    with pytest.raises(CommandError, match="đang hoạt động"):
        call_command("opendata_export", "--council", str(ceased.pk), stdout=io.StringIO())
    with pytest.raises(CommandError, match="Không có Hội đồng"):
        call_command("opendata_export", "--council", "999999", stdout=io.StringIO())
    assert not BulkExport.objects.exists()


@pytest.mark.django_db
def test_older_exports_beyond_a_week_are_removed(world) -> None:
    for _ in range(export.KEEP + 2):
        export.export_build(council=world.council)
    assert BulkExport.objects.filter(council=world.council).count() == export.KEEP


@pytest.mark.django_db
def test_the_public_page_lists_downloads_with_dates_sizes_and_the_licence(world) -> None:
    export.export_all()
    html = Client().get("/du-lieu-mo/").content.decode()
    national = BulkExport.objects.get(council=None)
    day = timezone.localtime(national.created_at).strftime("%d/%m/%Y")
    assert f"/du-lieu-mo/tai-ve/{national.pk}.zip" in html and day in html
    assert "CC BY 4.0" in html and "/api/v1/docs" in html
    with translation.override("vi"):
        assert filesizeformat(national.size) in html
    page = Client().get(f"/du-lieu-mo/{world.council.pk}/")
    assert page.status_code == 200 and str(world.council) in page.content.decode()
    listed = Client().get("/api/v1/open/exports").json()
    assert listed[0]["council_id"] is None and listed[0]["url"].endswith(f"/du-lieu-mo/tai-ve/{national.pk}.zip")
    assert {row["council_id"] for row in listed[1:]} == {world.council.pk, world.other_council.pk}
    download = Client().get(f"/du-lieu-mo/tai-ve/{national.pk}.zip")
    assert download.status_code == 200 and b"".join(download.streaming_content)[:2] == b"PK"


@pytest.mark.django_db
def test_a_ceased_council_keeps_its_files_and_a_deactivated_unit_does_not(world) -> None:
    """A council that ceased stays public as an archive (`registry.selectors.public_council_q`); a unit
    switched off without ceasing is not a council of this installation any more: 404."""
    ceased = CouncilFactory(active=True)
    row = export.export_build(council=ceased)
    type(ceased).objects.filter(pk=ceased.pk).update(active=False, ceased_on=datetime.date(2025, 7, 1))
    assert Client().get(f"/du-lieu-mo/{ceased.pk}/").status_code == 200
    assert Client().get(f"/du-lieu-mo/tai-ve/{row.pk}.zip").status_code == 200
    off = CouncilFactory(active=True)
    row = export.export_build(council=off)
    type(off).objects.filter(pk=off.pk).update(active=False)
    assert Client().get(f"/du-lieu-mo/{off.pk}/").status_code == 404
    assert Client().get(f"/du-lieu-mo/tai-ve/{row.pk}.zip").status_code == 404
    assert Client().get("/du-lieu-mo/tai-ve/999999.zip").status_code == 404


@pytest.mark.django_db
def test_the_page_runs_the_same_queries_for_3_and_30_exports(world, django_assert_num_queries) -> None:
    def councils(n: int) -> None:
        for _ in range(n):
            export.export_build(council=TermFactory(council=CouncilFactory()).council)

    councils(3)
    # latest ids per council, their rows with their councils (the session/user reads of base.html: none,
    # the visitor is anonymous)
    with django_assert_num_queries(2):
        assert Client().get("/du-lieu-mo/").status_code == 200
    councils(27)
    with django_assert_num_queries(2):
        assert Client().get("/du-lieu-mo/").status_code == 200
