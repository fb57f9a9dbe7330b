"""A method a route does not serve: 405 with a Vietnamese JSON `detail` and the Allow header (issue 14).

ninja's own answer is an empty English 405; a client written from the OpenAPI document should meet the
same JSON error shape on every route, whatever it got wrong.
"""

import re

import pytest
from django.test import Client

from hdnd.api import api
from registry import services as registry_services
from registry.tests.factories import UserFactory

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def _paths() -> dict[str, set[str]]:
    """Every path of the document, its `{params}` filled with 1, and the methods it serves."""
    paths = {}
    for path, item in api.get_openapi_schema()["paths"].items():
        paths[re.sub(r"\{[^}]+\}", "1", path)] = {m.upper() for m in item if m.upper() in METHODS}
    return paths


@pytest.mark.django_db
def test_a_wrong_method_on_every_route_answers_405_in_vietnamese_json_with_allow() -> None:
    admin = UserFactory(is_superuser=True)
    _token, key = registry_services.token_create(user=admin, name="405")
    client = Client(headers={"authorization": f"Bearer {key}"})
    paths = _paths()
    assert len(paths) > 150
    checked = 0
    for path, served in paths.items():
        wrong = next(m for m in METHODS if m not in served)
        response = client.generic(wrong, path, data="{}", content_type="application/json")
        assert response.status_code == 405, (wrong, path, response.status_code)
        assert response["Content-Type"].startswith("application/json"), path
        detail = response.json()["detail"]
        assert detail.startswith(f"Phương thức {wrong} không dùng được"), detail
        allowed = {m.strip() for m in response["Allow"].split(",")}
        assert served <= allowed, (path, allowed)
        assert wrong not in allowed
        checked += 1
    assert checked == len(paths)
