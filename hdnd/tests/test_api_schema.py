"""The published OpenAPI document is the truth a client is written from (issue 14, item 1).

- every schema component has one name: two schema classes of the apps may not share a class name, since
  the document keeps only one of them and a client would be told the other's fields;
- the document validates as OpenAPI 3.1;
- every operation accepts the smallest body its documented schema allows: the body built from the
  document alone (required fields, their bounds, enum values) never meets a 422;
- and refuses the same body with one field more (422 naming the field in Vietnamese, issue 14 item 2).
"""

import datetime
import functools
import inspect
import json
import re
from collections import defaultdict
from collections.abc import Iterator

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pydantic import BaseModel

from hdnd import dates
from hdnd.api import api
from registry import services as registry_services

APPS = (
    "registry",
    "documents",
    "followup",
    "standing",
    "plenary",
    "supervision",
    "petitions",
    "reception",
    "consultation",
    "reports",
    "hdnd",
    "opendata",
)


def _subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


@functools.cache
def _document() -> dict:
    return api.get_openapi_schema()


def test_no_two_schema_classes_share_a_name() -> None:
    import hdnd.urls  # noqa: F401  (imports every router and so every schema module)

    by_name = defaultdict(set)
    for cls in _subclasses(BaseModel):
        if cls.__module__.split(".")[0] in APPS:
            by_name[cls.__name__].add(f"{cls.__module__}.{cls.__qualname__}")
    shared = {name: sorted(places) for name, places in by_name.items() if len(places) > 1}
    assert shared == {}, f"schema names defined twice (the document keeps one): {shared}"


def test_every_operation_documents_its_own_schemas() -> None:
    """Each body model of an operation is the one the document's component of that name describes."""
    components = _document()["components"]["schemas"]
    for router_path, router in api._routers:  # noqa: B007
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in operation.models:
                    for name, field in model.model_fields.items():
                        annotation = field.annotation
                        if inspect.isclass(annotation) and issubclass(annotation, BaseModel):
                            documented = components.get(annotation.__name__)
                            assert documented is not None, (operation.view_func.__name__, name)
                            assert set(documented.get("properties", {})) == set(annotation.model_fields), (
                                operation.view_func.__name__,
                                annotation.__name__,
                            )


def test_the_document_validates_as_openapi_3_1() -> None:
    from openapi_spec_validator import OpenAPIV31SpecValidator

    document = json.loads(json.dumps(_document()))
    assert document["openapi"].startswith("3.1")
    errors = [error.message for error in OpenAPIV31SpecValidator(document).iter_errors()]
    assert errors == []


def _resolve(schema: dict, components: dict) -> dict:
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return _resolve(schema["allOf"][0], components)
    return schema


def _minimal(schema: dict, components: dict, name: str = "") -> object:
    """The smallest value the documented schema allows, built from the document alone."""
    schema = _resolve(schema, components)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            options = [s for s in schema[key] if _resolve(s, components).get("type") != "null"]
            return _minimal(options[0], components, name) if options else None
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        properties = schema.get("properties", {})
        return {key: _minimal(properties[key], components, key) for key in schema.get("required", [])}
    if kind == "array":
        if _resolve(schema.get("items", {}), components).get("format") == "binary":
            # An empty list of files cannot be told from no field in a multipart body: send one.
            return [_minimal(schema["items"], components, name)]
        return [_minimal(schema.get("items", {}), components, name) for _ in range(schema.get("minItems", 0))]
    if kind == "integer":
        return max(schema.get("minimum", 1), min(1, schema.get("maximum", 1)))
    if kind == "number":
        return max(schema.get("minimum", 1), min(1, schema.get("maximum", 1)))
    if kind == "boolean":
        return False
    if kind == "string":
        if schema.get("format") == "date":
            return dates.today().isoformat()
        if schema.get("format") == "date-time":
            return datetime.datetime.now(datetime.UTC).isoformat()
        if schema.get("format") == "binary":
            return SimpleUploadedFile("tep.txt", b"noi dung", content_type="text/plain")
        text = "Nội dung thử"
        text = (text * 10)[: max(schema.get("minLength", 1), min(len(text), schema.get("maxLength", len(text))))]
        return text
    return None


def _path(template: str, operation: dict, council_id: int) -> str:
    for parameter in operation.get("parameters", []):
        if parameter["in"] != "path":
            continue
        name = parameter["name"]
        if name == "council_id":
            value = council_id
        elif name == "year":
            value = dates.today().year
        elif parameter["schema"].get("type") == "integer":
            # No such record: the body is validated before the view, and nothing of the test's is changed
            # (POST /tokens/1/revoke would revoke the test's own token).
            value = 999_999
        else:
            value = _minimal(parameter["schema"], {}, name)
        template = template.replace("{" + name + "}", str(value))
    return template


def _write_operations() -> Iterator[tuple[str, str, dict]]:
    for path, item in _document()["paths"].items():
        for method, operation in item.items():
            if method in {"post", "put", "patch"}:
                yield path, method, operation


@pytest.fixture
def token_client(world: object) -> Client:
    _token, secret = registry_services.token_create(user=world.users["office_chief"], name="kiểm tra")
    return Client(headers={"Authorization": f"Bearer {secret}"})


def test_every_operation_accepts_its_documented_minimal_body(world: object, token_client: Client) -> None:
    components = _document()["components"]["schemas"]
    refused, kept, tried = [], [], 0
    for path, method, operation in _write_operations():
        url = _path(path, operation, world.council.pk)
        query = {
            p["name"]: _minimal(p["schema"], components, p["name"])
            for p in operation.get("parameters", [])
            if p["in"] == "query" and p.get("required")
        }
        if query:
            url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
        content = operation.get("requestBody", {}).get("content", {})
        send = getattr(token_client, method)
        if "multipart/form-data" in content:
            body = _minimal(content["multipart/form-data"]["schema"], components)
            response = send(url, body) if method == "post" else send(url, body, content_type="multipart/form-data")
        else:
            schema = content.get("application/json", {}).get("schema")
            body = _minimal(schema, components) if schema else None
            response = send(url, json.dumps(body), content_type="application/json") if schema else send(url)
        tried += 1
        if response.status_code == 422 or response.status_code >= 500:
            refused.append((method.upper(), path, body, response.status_code, response.content[:300]))
        if isinstance(body, dict) and "multipart/form-data" not in content:
            # The same body with a misspelt field: refused, naming the field, nothing dropped in silence.
            response = send(url, json.dumps({**body, "ghi_chu_sai": "x"}), content_type="application/json")
            errors = response.json().get("errors", []) if response.status_code == 422 else []
            if not any(e["field"] == "ghi_chu_sai" and "không được nhận" in e["message"] for e in errors):
                kept.append((method.upper(), path, response.status_code))
    assert tried > 80
    assert refused == [], "\n".join(map(str, refused))
    assert kept == [], "\n".join(map(str, kept))


def test_every_error_of_a_body_in_one_answer_rows_from_1(world: object, token_client: Client) -> None:
    from petitions import services as petition_services
    from petitions.models import ContactRound, Petition

    period = ContactRound._meta.get_field("period").choices[0][0]
    contact_round = petition_services.round_create(council=world.council, year=2026, period=period)
    url = f"/api/v1/councils/{world.council.pk}/petition-rounds/{contact_round.pk}/petitions"
    body = {"items": [{"text": "Đường hỏng", "level": "xa"}, {"text": 5, "level": "xa", "voters": 0, "x": 1}]}
    response = token_client.post(url, body, content_type="application/json")
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"items.2.text", "items.2.voters", "items.2.x"}
    assert not Petition.objects.filter(round=contact_round).exists()


VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)


def test_the_description_and_every_operation_read_in_vietnamese() -> None:
    """Issue 14 item 7: a client's developer reads the document in Vietnamese (ninja would otherwise make
    an English summary from the function's name, "Meeting Create")."""
    document = _document()
    assert VIETNAMESE.search(document["info"]["description"])
    english = [
        (method.upper(), path, key, operation[key])
        for path, item in document["paths"].items()
        for method, operation in item.items()
        for key in ("summary", "description")
        if operation.get(key) and not VIETNAMESE.search(operation[key])
    ]
    assert english == [], "\n".join(map(str, english))
    missing = [(m, p) for p, item in document["paths"].items() for m, o in item.items() if not o.get("summary")]
    assert missing == []


@pytest.mark.parametrize("method", ["get", "post", "delete"])
@pytest.mark.parametrize("address", ["/api/v1/ma-truy-cap", "/api/v1/khong-co", "/api/v2/councils", "/api/"])
def test_an_unknown_api_address_answers_json(
    db: None, client: Client, method: str, address: str, settings: object
) -> None:
    settings.DEBUG = True  # Django's HTML debug page is what a client met before
    response = getattr(client, method)(address)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "Không tìm thấy" in response.json()["detail"]
