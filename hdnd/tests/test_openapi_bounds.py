"""The published OpenAPI schema states the bounds of every year and page parameter (issue 12.4).

The input boundary refuses a year outside YEAR_MIN–YEAR_MAX and ninja a page out of range; a client (or
schemathesis) reading the schema must see the same bounds, so every such parameter declares them.
"""

import pytest
from django.test import Client
from ninja.conf import settings as ninja_settings

from hdnd.forms import YEAR_MAX, YEAR_MIN
from hdnd.params import PAGE_MAX

BOUNDED = {"year": (YEAR_MIN, YEAR_MAX), "page": (1, PAGE_MAX), "page_size": (1, None)}


def _schema_bounds(schema: dict) -> tuple[int | None, int | None]:
    """(minimum, maximum) of an integer parameter, also when it is optional (anyOf integer/null)."""
    for option in [schema, *schema.get("anyOf", [])]:
        if option.get("type") == "integer":
            return option.get("minimum"), option.get("maximum")
    return None, None


@pytest.fixture(scope="module")
def parameters(django_db_blocker: object) -> list[tuple[str, str, dict]]:
    with django_db_blocker.unblock():
        schema = Client().get("/api/v1/openapi.json").json()
    return [
        (f"{method.upper()} {path}", parameter["name"], parameter["schema"])
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        for parameter in operation.get("parameters", [])
        if parameter["name"] in BOUNDED
    ]


def test_every_year_and_page_parameter_declares_its_bounds(parameters: list) -> None:
    years = [p for p in parameters if p[1] == "year"]
    pages = [p for p in parameters if p[1] == "page"]
    # Years in paths (reports) and queries (lists, counts); pages on every paginated list.
    assert len(years) >= 15 and len(pages) >= 15, (len(years), len(pages))
    unbounded = []
    for route, name, schema in parameters:
        low, high = BOUNDED[name]
        high = high or ninja_settings.PAGINATION_MAX_PER_PAGE_SIZE
        if _schema_bounds(schema) != (low, high):
            unbounded.append((route, name, _schema_bounds(schema)))
    assert not unbounded, unbounded


@pytest.mark.django_db
def test_a_year_out_of_the_declared_bounds_is_refused_in_path_and_query(world: object, as_user: object) -> None:
    client = as_user("office")
    council = world.council.pk
    for url in (
        f"/api/v1/councils/{council}/dashboard/{YEAR_MAX + 1}",
        f"/api/v1/councils/{council}/standing/meetings?year=0",
    ):
        response = client.get(url)
        assert response.status_code in {400, 422}, (url, response.status_code)
        assert "year" in response.json()["detail"] or "Năm không hợp lệ" in response.json()["detail"], response.json()
    too_far = client.get(f"/api/v1/councils/{council}/standing/meetings?page={PAGE_MAX + 1}")
    assert too_far.status_code == 422 and "Dữ liệu không hợp lệ" in too_far.json()["detail"]
    assert client.get(f"/api/v1/councils/{council}/standing/meetings?page={PAGE_MAX}").status_code == 200
