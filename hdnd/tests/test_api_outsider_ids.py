"""Issue 13 item 7 in the API: an id of another council's record in any payload is a 404 naming the field.

Two councils each enter their year through the API (`build_year`); then every write operation of the
document whose body takes an id is sent, for each such field, with the smallest documented body, the
path and the other id fields naming the first council's records, and that one field naming the second
council's record of the same kind. The answer must be 404 with the field named (never a 400 "of another
council", which would confirm the record exists), and nothing may be written.
"""

import re
from collections.abc import Iterator

import pytest

from hdnd.tests.test_api_schema import _document, _minimal, _resolve
from hdnd.tests.test_api_whole_year import YEAR, Api, build_year

# Fields whose ids are not record lookups, or whose rows are answered together: each with its reason.
NOT_A_LOOKUP = {
    ("/api/v1/councils", "parent_id"): "an administrator's route: every council is in an administrator's scope",
    ("/api/v1/councils/{council_id}/petition-exports", "round_id"): "a filter of the list (matches no row)",
    ("/api/v1/councils/{council_id}/petition-exports", "field_id"): "a filter of the list (matches no row)",
    ("/api/v1/councils/{council_id}/petition-exports", "unit_id"): "a filter of the list (matches no row)",
    ("/api/v1/councils/{council_id}/petition-exports", "body_id"): "a filter of the list (matches no row)",
}
# Bulk routes answer every row's error at once (issue 14 item 2): an outsider's id is a 400 naming the row.
BULK = {
    "/api/v1/councils/{council_id}/sessions/{session_id}/attendance",
    "/api/v1/councils/{council_id}/sessions/{session_id}/resolutions",
    "/api/v1/councils/{council_id}/petition-rounds/{round_id}/petitions",
}

# The record of a council a payload field names, by the field's name (path-specific ones first).
FIELD_KIND = {
    "parent_id": "body",
    "linked_council_id": "council",
    "person_id": "person",
    "addressee_id": "person",
    "owner_person_id": "person",
    "handler_person_id": "person",
    "forwarded_by_id": "person",
    "receiver_ids": "person",
    "term_id": "term",
    "group_id": "group",
    "delegate_id": "delegate",
    "delegate_ids": "delegate",
    "chair_id": "chair",
    "section_id": "section",
    "document_id": "document",
    "decision_id": "document",
    "minutes_id": "document",
    "resolution_id": "document",
    "reply_id": "document",
    "committee_id": "economy",
    "next_session_id": "session",
    "submission_id": "submission",
    "contact_place_id": "place",
    "meeting_id": "petition_meeting",
    "origin_petition_id": "petition",
    "ids": "petition",
    "issuer_id": "issuer",
    "item_id": "plenary_item",
    "reception_id": "reception",
    "user_id": "user",
    "unit_id": "council",
    "field_id": "petition_field",
    **dict.fromkeys(
        (
            "body_id",
            "agency_id",
            "owner_id",
            "addressee_body_id",
            "competent_body_id",
            "sender_body_id",
            "co_organiser_id",
            "from_body_id",
            "body_ids",
            "participant_ids",
            "recipient_body_ids",
            "supervised_ids",
        ),
        "body",
    ),
}
SECTION_PARENT = "/standing/meetings/{meeting_id}/sections"


def _kind(path: str, field: str) -> str:
    if field == "parent_id" and path.endswith(SECTION_PARENT):
        return "section"
    if field == "item_id" and "/supervision/" in path:
        return "programme_item"
    if field == "round_id":
        return "supervision_round" if path.endswith("/supervision-round") else "petition_round"
    return FIELD_KIND[field]  # a new id field needs its kind here (a KeyError says which)


def _path_value(path: str, name: str, own: dict) -> object:
    if name == "meeting_id":
        return own["petition_meeting"] if "/petition-meetings/" in path else own["meeting"]
    if name == "round_id":
        return own["supervision_round"] if "/supervision/" in path else own["petition_round"]
    if name == "programme_id":
        return own["supervision_programme"] if "/supervision/" in path else own["standing_programme"]
    if name == "session_id":
        return own["reception"] if "/receptions/" in path else own["session"]
    if name == "item_id":
        return own["agenda"]
    if name == "petition_id" and not path.endswith("/answer"):
        return own["new_petition"]
    return own[{"pk": "paragraph", "request_id": "opinion", "body_id": "ubnd"}.get(name, name.removesuffix("_id"))]


def _id_fields(schema: dict, components: dict) -> Iterator[tuple[str, bool, bool]]:
    """(field, required, is a list) of the body's top-level id fields."""
    schema = _resolve(schema, components)
    required = set(schema.get("required", []))
    for name, prop in schema.get("properties", {}).items():
        if name.endswith(("_id", "_ids")) or name == "ids":
            prop = _resolve(prop, components)
            options = [_resolve(o, components) for o in prop.get("anyOf", [prop])]
            yield name, name in required, any(o.get("type") == "array" for o in options)


def _extras(own: dict) -> None:
    """Records the year does not make, made through the API too: the path parents of the remaining routes."""
    office, cid = own["office"], own["cid"]
    own["body"] = own["ubnd"]
    own["document"] = office.post(
        "incoming_create",
        {
            "doc_type": "cong_van",
            "subject": "Công văn đến",
            "received_on": f"{YEAR}-03-02",
            "sender_name": "UBND huyện",
        },
        council_id=cid,
    )["id"]
    own["issuer"] = office.post(
        "issuer_create",
        {"name": "Ban Kinh tế - Ngân sách", "symbol": "BKTNS", "letter_symbol": "BKTNS"},
        council_id=cid,
    )["id"]
    own["conference"] = office.post(
        "standing_conference_create",
        {"kind": "lien_tich", "held_on": f"{YEAR}-04-02", "place": "Hội trường", "subject": "Chuẩn bị kỳ họp"},
        council_id=cid,
    )["id"]
    own["standing_programme"] = office.post(
        "standing_programme_create", {"year": YEAR, "owner": "thuong_truc"}, council_id=cid
    )["id"]
    own["supervision_programme"] = office.post(
        "supervision_programme_create", {"kind": "hdnd", "year": YEAR + 1, "body_id": own["standing"]}, council_id=cid
    )["id"]
    own["submission"] = office.post(
        "plenary_submission_create",
        {"kind": "bao_cao", "title": "Báo cáo công tác", "agency_id": own["ubnd"]},
        council_id=cid,
        session_id=own["session"],
    )["id"]
    own["question"] = office.post(
        "plenary_question_create",
        {
            "delegate_id": own["delegate"],
            "addressee_id": own["person"],
            "addressee_body_id": own["ubnd"],
            "content": "Tiến độ sửa đường?",
            "asked_on": f"{YEAR}-12-16",
        },
        council_id=cid,
        session_id=own["session"],
    )["id"]
    own["reception"] = office.post(
        "reception_create",
        {"held_on": f"{YEAR}-05-15", "content": "Tiếp công dân định kỳ", "receiver_ids": [own["person"]]},
        council_id=cid,
    )["id"]
    own["programme_item"] = office.post(
        "supervision_item_add",
        {"subject": "Đầu tư công", "body_id": own["standing"]},
        council_id=cid,
        programme_id=own["supervision_programme"],
    )["id"]
    letter = office.post(
        "letter_create",
        {
            "received_on": f"{YEAR}-03-03",
            "cases": [{"category": "kien_nghi", "summary": "Đề nghị sửa cống thoát nước."}],
            "senders": [{"full_name": "Nguyễn Văn Dân"}],
        },
        council_id=cid,
    )
    own["case"] = letter["cases"][0]["id"]
    office.call(
        "PUT",
        "roster_set",
        {
            "rule": "ngay_co_dinh",
            "day": 15,
            "place": "Trụ sở",
            "decision": "Quyết định 01",
            "receiver_ids": [own["person"]],
        },
        council_id=cid,
    )
    slots = office.post("schedule_generate", {"start": f"{YEAR}-02-01", "end": f"{YEAR}-03-31"}, council_id=cid)
    own["slot"] = slots[0]["id"]
    # Petitions still received (not forwarded): the ones an edit or a merge may take.
    received = office.post(
        "petition_bulk_create",
        {
            "items": [
                {"text": f"Cử tri đề nghị lắp đèn đường {i}.", "contact_place_id": own["place"], "level": "xa"}
                for i in (1, 2)
            ]
        },
        council_id=cid,
        round_id=own["petition_round"],
    )
    own["new_petition"] = received[0]["id"]
    own["petition_field"] = office.post("petition_field_create", {"name": "Hạ tầng nông thôn"}, council_id=cid)["id"]
    # A consultation on a draft, after the council sets its minimum period (the law gives none).
    office.call(
        "PUT", "setting_set", {"value": 20, "decision": "Quy chế làm việc"}, council_id=cid, key="consultation_min_days"
    )
    own["consultation"] = office.post(
        "consultation_create",
        {"title": "Dự thảo nghị quyết", "opens_on": f"{YEAR}-06-01", "closes_on": f"{YEAR}-06-30"},
        council_id=cid,
    )["id"]


@pytest.mark.django_db
def test_an_outsiders_id_in_any_payload_is_a_404_naming_the_field() -> None:
    own = build_year()
    _extras(own)
    other = build_year(admin=own["admin"], suffix="2")
    _extras(other)
    components = _document()["components"]["schemas"]
    tried, wrong = 0, []
    for path, item in _document()["paths"].items():
        for method, operation in item.items():
            schema = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            if method not in {"post", "put", "patch"} or schema is None or path in BULK:
                continue
            fields = list(_id_fields(schema, components))
            for field, _required, many in fields:
                if (path, field) in NOT_A_LOOKUP:
                    continue
                body = _minimal(schema, components)
                for name, required, is_list in fields:
                    body.pop(name, None)
                    if required and name != field:
                        value = own[_kind(path, name)]
                        body[name] = [value] if is_list else value
                foreign = other[_kind(path, field)]
                body[field] = [foreign] if many else foreign
                if field == "ids":  # a merge takes two or more: one of the council's, one not
                    body[field] = [own["new_petition"], foreign]
                if field == "reply_id":
                    body["reply_type"] = "documents.document"
                names = re.findall(r"\{(\w+)\}", path)
                kwargs = {n: own["cid"] if n == "council_id" else _path_value(path, n, own) for n in names}
                url = path.format(**kwargs)
                client = own["admin"] if path.endswith("/users") else own["office"]  # users: administrators only
                response = client.client.generic(method.upper(), url, Api.encode(body), content_type="application/json")
                tried += 1
                named = response.status_code == 404 and field in response.json().get("detail", "")
                if not named:
                    wrong.append((method.upper(), path, field, response.status_code, response.content[:200]))
    assert tried > 60
    assert wrong == [], "\n".join(map(str, wrong))


def test_the_lists_of_exceptions_name_real_fields() -> None:
    components = _document()["components"]["schemas"]
    paths = _document()["paths"]
    for path, field in NOT_A_LOOKUP:
        schemas = [
            o["requestBody"]["content"]["application/json"]["schema"]
            for o in paths[path].values()
            if "requestBody" in o
        ]
        assert any(field == f for s in schemas for f, _r, _m in _id_fields(s, components)), (path, field)
    assert set(paths) >= BULK
