"""The background exports' API routes (hdnd.exports.add_routes), as the published schema describes them: for
each list, its start, its progress and its file, the file documented as an .xlsx download and its refusal
(409 until the export is done) as JSON with a `detail`, so that a client generated from the schema reads both."""

import pytest

from hdnd.api import api
from hdnd.excel import XLSX


@pytest.mark.parametrize("name", ["obligation", "petition"])
def test_the_schema_describes_the_three_routes_and_the_file(name: str) -> None:
    paths = api.get_openapi_schema()["paths"]
    base = f"/api/v1/councils/{{council_id}}/{name}-exports"
    assert set(paths[base]) == {"post"} and set(paths[f"{base}/{{export_id}}"]) == {"get"}
    assert paths[base]["post"]["operationId"] == f"{name}_export_start"
    download = paths[f"{base}/{{export_id}}/file"]["get"]
    assert download["operationId"] == f"{name}_export_download" and download["summary"].startswith("Tải tệp Excel")
    responses = download["responses"]
    assert responses[200]["content"] == {XLSX: {"schema": {"type": "string", "format": "binary"}}}
    assert responses[409]["content"]["application/json"]["schema"]["required"] == ["detail"]
