"""Every consultation route of /api/v1/: its query count stays fixed as rows grow, who may call it
(anonymous 401, a role without the right 403, another council's user 404), and hostile or malformed input
gets a 4xx with a Vietnamese message, never a 500, and changes nothing."""

import datetime

import pytest
from django.test import Client

from consultation import services
from consultation.models import Consultation, DraftVersion, Opinion, Response
from consultation.tests.conftest import DRAFT, make
from hdnd import dates
from hdnd.testing import assert_constant_queries

# The office's routes: (method, path after /api/v1/councils/{council}/, JSON body). `{c}` is an open
# consultation, `{o}` a pending public comment on it.
OFFICE_READS = [
    ("get", "consultations", None),
    ("get", "consultations/{c}", None),
    ("get", "consultations/{c}/changes", None),
]
OFFICE_WRITES = [
    ("post", "consultations", {"title": "Dự thảo mới", "opens_on": "2030-01-01", "closes_on": "2030-03-01"}),
    ("put", "consultations/{c}", {"title": "Tên mới", "opens_on": "2030-01-01", "closes_on": "2030-03-01"}),
    ("post", "consultations/{c}/versions", {"text": DRAFT}),
    ("post", "consultations/{c}/publish", None),
    ("post", "consultations/{c}/close", None),
    ("post", "consultations/{c}/invitations", {"body_ids": ["{agency}"]}),
    ("post", "consultation-opinions/{o}/moderate", {"approve": True}),
    ("post", "consultations/{c}/responses", {"article": 1, "kind": "tiep_thu", "text": "Tiếp thu."}),
    ("post", "consultations/{c}/report", {"signer_title": "Chủ tịch", "signer_name": "Nguyễn Văn A"}),
]


def _fill(value: object, names: dict) -> object:
    if isinstance(value, str):
        return int(names[value[1:-1]]) if value.startswith("{") and value[1:-1] in names else value.format(**names)
    if isinstance(value, list):
        return [_fill(v, names) for v in value]
    if isinstance(value, dict):
        return {k: _fill(v, names) for k, v in value.items()}
    return value


def _call(client: Client, method: str, path: str, payload: object, council: int) -> object:
    url = f"/api/v1/councils/{council}/{path}"
    if payload is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, payload, content_type="application/json")


def _state() -> tuple:
    """What a refused call must leave as it was."""
    return (
        list(Consultation.objects.order_by("pk").values_list("title", "opens_on", "published_on", "closed_on")),
        DraftVersion.objects.count(),
        list(Opinion.objects.order_by("pk").values_list("status", flat=True)),
        Response.objects.count(),
        sum(c.invitations.count() for c in Consultation.objects.all()),
    )


@pytest.fixture
def names(world: object, open_consultation: Consultation) -> dict:
    comment = services.public_comment(consultation=open_consultation, article=1, text="Góp ý chờ duyệt")
    return {"c": open_consultation.pk, "o": comment.pk, "agency": world.agency.pk}


def _vietnamese(response: object) -> str:
    detail = response.json()["detail"]
    assert any(ord(ch) > 127 for ch in detail), detail
    return detail


# Permissions.


@pytest.mark.parametrize(("method", "path", "payload"), OFFICE_READS + OFFICE_WRITES)
@pytest.mark.parametrize(("key", "status"), [(None, 401), ("delegate", 403), ("agency", 403), ("outsider", 404)])
def test_office_routes_refuse_who_has_no_right(
    world: object, names: dict, as_user: object, method: str, path: str, payload: object, key: str, status: int
) -> None:
    before = _state()
    response = _call(as_user(key), method, path.format(**names), _fill(payload, names), world.council.pk)
    assert response.status_code == status, response.content[:300]
    _vietnamese(response)
    assert _state() == before


@pytest.mark.parametrize(("method", "path", "payload"), OFFICE_WRITES)
@pytest.mark.parametrize("key", ["standing", "committee"])
def test_readers_of_the_office_do_not_write(
    world: object, names: dict, as_user: object, method: str, path: str, payload: object, key: str
) -> None:
    before = _state()
    response = _call(as_user(key), method, path.format(**names), _fill(payload, names), world.council.pk)
    assert response.status_code == 403
    assert _vietnamese(response) and _state() == before


@pytest.mark.parametrize(("method", "path", "payload"), [op for op in OFFICE_READS + OFFICE_WRITES if "{" in op[1]])
def test_another_councils_office_gets_404_on_this_councils_records(
    world: object, names: dict, as_user: object, method: str, path: str, payload: object
) -> None:
    """The outsider is office chief of the other council: through its own council's address our records
    do not exist for it."""
    before = _state()
    response = _call(as_user("outsider"), method, path.format(**names), _fill(payload, names), world.other_council.pk)
    assert response.status_code == 404
    assert _vietnamese(response) and _state() == before


def test_the_docx_version_route_refuses_who_has_no_right(world: object, names: dict, as_user: object) -> None:
    url = f"/api/v1/councils/{world.council.pk}/consultations/{names['c']}/versions/docx"
    for key, status in [(None, 401), ("delegate", 403), ("standing", 403), ("agency", 403), ("outsider", 404)]:
        response = as_user(key).post(url, {"file": _docx_upload(), "note": "x"})
        assert response.status_code == status, (key, response.content[:300])
        _vietnamese(response)
    other = f"/api/v1/councils/{world.other_council.pk}/consultations/{names['c']}/versions/docx"
    assert as_user("outsider").post(other, {"file": _docx_upload()}).status_code == 404
    assert DraftVersion.objects.count() == 1


def _docx_upload() -> object:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("du-thao.docx", b"PK\x03\x04 not really a document")


def test_the_invited_bodys_routes_refuse_the_others(world: object, names: dict, as_user: object) -> None:
    council = world.council.pk
    services.invitation_add(consultation=Consultation.objects.get(pk=names["c"]), bodies=[world.agency], user=None)
    assert as_user(None).get(f"/api/v1/councils/{council}/consultation-invitations").status_code == 401
    assert as_user("outsider").get(f"/api/v1/councils/{council}/consultation-invitations").status_code == 404
    # A member of the council without a body sees no invitation at all, not the agency's.
    assert as_user("delegate").get(f"/api/v1/councils/{council}/consultation-invitations").json() == []
    url = f"/api/v1/councils/{council}/consultations/{names['c']}/body-opinions"
    for key, status in [(None, 401), ("delegate", 404), ("office", 404), ("outsider", 404)]:
        response = as_user(key).post(url, {"agreed": True}, content_type="application/json")
        assert response.status_code == status, key
        _vietnamese(response)
    other = f"/api/v1/councils/{world.other_council.pk}/consultations/{names['c']}/body-opinions"
    assert as_user("agency").post(other, {"agreed": True}, content_type="application/json").status_code == 404
    assert not Opinion.objects.filter(origin="co_quan").exists()


def test_the_public_routes_show_only_published_drafts_of_their_own_council(
    world: object, names: dict, as_user: object
) -> None:
    draft = make(world, publish=False, title="Dự thảo chưa đăng tải")
    public = as_user(None)
    listed = public.get(f"/api/v1/public/councils/{world.council.pk}/consultations").json()
    assert [row["id"] for row in listed] == [names["c"]]
    for council, pk in [(world.council.pk, draft.pk), (world.other_council.pk, names["c"])]:
        base = f"/api/v1/public/councils/{council}/consultations/{pk}"
        assert public.get(base).status_code == 404
        response = public.post(base + "/comments", {"text": "Góp ý"}, content_type="application/json")
        assert response.status_code == 404 and _vietnamese(response)
    assert Opinion.objects.count() == 1
    # A logged-in office user reads the public routes as the public does: no pending comment, no name.
    body = as_user("office").get(f"/api/v1/public/councils/{world.council.pk}/consultations/{names['c']}").json()
    assert body["comments"] == []


def test_the_public_list_of_a_council_never_activated_is_404(world: object, as_user: object) -> None:
    type(world.other_council).objects.filter(pk=world.other_council.pk).update(active=False, ceased_on=None)
    response = as_user(None).get(f"/api/v1/public/councils/{world.other_council.pk}/consultations")
    assert response.status_code == 404 and _vietnamese(response)


# Bad input.

MALFORMED = [
    ("not json{", "Không đọc được nội dung yêu cầu"),
    ("[]", "Dữ liệu không hợp lệ"),
    ('{"title": 5, "opens_on": "31/12/2030", "closes_on": null}', "Dữ liệu không hợp lệ"),
    ('{"bogus": "\\u0000"}', "chứa ký tự điều khiển không được phép"),
]
BAD_FIELDS = [
    ("post", "consultations", {"title": "", "opens_on": "2030-02-30", "closes_on": "x"}),
    ("put", "consultations/{c}", {"title": "x" * 501, "opens_on": "2030-01-01", "closes_on": "2030-03-01"}),
    ("post", "consultations/{c}/versions", {"text": ""}),
    ("post", "consultations/{c}/invitations", {"body_ids": []}),
    ("post", "consultations/{c}/invitations", {"body_ids": ["một"]}),
    ("post", "consultation-opinions/{o}/moderate", {"approve": "có lẽ"}),
    ("post", "consultations/{c}/responses", {"article": -1, "kind": "tiep_thu", "text": "x"}),
    ("post", "consultations/{c}/responses", {"article": 10**30, "kind": "tiep_thu", "text": "x"}),
    ("post", "consultations/{c}/report", {"signer_title": "", "signer_name": ""}),
    ("post", "consultations/{c}/body-opinions", {"items": [{"article": "Điều 1", "text": "x"}]}),
    ("post", "consultations/{c}/body-opinions", {"items": "x", "agreed": "không"}),
]


@pytest.mark.parametrize(("method", "path", "payload"), BAD_FIELDS)
def test_fields_of_the_wrong_type_or_size_get_a_vietnamese_422(
    world: object, names: dict, as_user: object, method: str, path: str, payload: dict
) -> None:
    before = _state()
    client = as_user("agency" if "body-opinions" in path else "office")
    response = _call(client, method, path.format(**names), payload, world.council.pk)
    # A number past the database's range is refused before validation, with the field named (400).
    assert response.status_code in {400, 422}, response.content[:300]
    detail = _vietnamese(response)
    if response.status_code == 400:
        assert "«article»" in detail
    else:
        assert detail.startswith("Dữ liệu không hợp lệ — ")
    assert _state() == before


@pytest.mark.parametrize(("raw", "message"), MALFORMED)
@pytest.mark.parametrize(
    "path",
    [
        "consultations",
        "consultations/{c}/versions",
        "consultations/{c}/invitations",
        "consultation-opinions/{o}/moderate",
        "consultations/{c}/responses",
        "consultations/{c}/report",
        "consultations/{c}/body-opinions",
    ],
)
def test_malformed_bodies_get_a_vietnamese_4xx(
    world: object, names: dict, as_user: object, path: str, raw: str, message: str
) -> None:
    before = _state()
    client = as_user("agency" if "body-opinions" in path else "office")
    url = f"/api/v1/councils/{world.council.pk}/{path.format(**names)}"
    response = client.post(url, raw, content_type="application/json")
    assert response.status_code in {400, 422}, response.content[:300]
    assert message in _vietnamese(response)
    assert _state() == before


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "consultations/{big}"),
        ("get", "consultations/{big}/changes"),
        ("put", "consultations/{big}"),
        ("post", "consultations/{big}/publish"),
        ("post", "consultations/{big}/close"),
        ("post", "consultation-opinions/{big}/moderate"),
        ("get", "consultations/abc"),
        ("get", "consultations/{c}/changes?tu=abc"),
        ("get", "consultations/{c}/changes?den=99999999999999999999999"),
    ],
)
def test_hostile_ids_get_a_vietnamese_4xx(world: object, names: dict, as_user: object, method: str, path: str) -> None:
    payload = {"title": "x", "opens_on": "2030-01-01", "closes_on": "2030-03-01", "approve": True}
    url = f"/api/v1/councils/{world.council.pk}/{path.format(big=10**20, **names)}"
    client = as_user("office")
    response = client.get(url) if method == "get" else getattr(client, method)(url, payload, "application/json")
    assert 400 <= response.status_code < 500, response.content[:300]
    _vietnamese(response)


def test_changes_with_unknown_version_numbers_fall_back_to_the_last_two(
    world: object, names: dict, as_user: object
) -> None:
    c = Consultation.objects.get(pk=names["c"])
    services.version_add(consultation=c, text=DRAFT.replace("100.000", "150.000"), note="", user=None)
    base = f"/api/v1/councils/{world.council.pk}/consultations/{c.pk}/changes"
    asked = as_user("office").get(base + "?tu=-7&den=9999").json()
    assert asked == as_user("office").get(base).json()
    assert [row["number"] for row in asked if row["change"] != "same"] == [3]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/public/councils/{big}/consultations",
        "/api/v1/public/councils/{council}/consultations/{big}",
        "/api/v1/public/councils/abc/consultations",
        "/api/v1/public/councils/{council}/consultations/{c}?tu=abc",
    ],
)
def test_hostile_public_addresses_get_a_vietnamese_4xx(world: object, names: dict, as_user: object, path: str) -> None:
    url = path.format(big=10**20, council=world.council.pk, **names)
    response = as_user(None).get(url)
    assert 400 <= response.status_code < 500, response.content[:300]
    _vietnamese(response)


@pytest.mark.parametrize(
    "payload",
    [
        "not json{",
        {"text": ""},
        {"text": "x" * 5_001},
        {"text": "Góp ý", "article": -1},
        {"text": "Góp ý", "article": "một"},
        {"text": "Góp ý", "name": "x" * 201},
        {"text": ["Góp ý"]},
    ],
)
def test_hostile_public_comments_get_a_vietnamese_4xx(
    world: object, names: dict, as_user: object, payload: object
) -> None:
    url = f"/api/v1/public/councils/{world.council.pk}/consultations/{names['c']}/comments"
    response = as_user(None).post(url, payload, content_type="application/json")
    assert response.status_code in {400, 422}, response.content[:300]
    _vietnamese(response)
    assert Opinion.objects.count() == 1


def test_a_file_that_is_not_word_gets_a_vietnamese_400(world: object, names: dict, as_user: object) -> None:
    url = f"/api/v1/councils/{world.council.pk}/consultations/{names['c']}/versions/docx"
    response = as_user("office").post(url, {"file": _docx_upload()})
    assert response.status_code == 400 and _vietnamese(response)
    response = as_user("office").post(url, {"note": "không có tệp"})
    assert response.status_code == 422 and _vietnamese(response)
    assert DraftVersion.objects.count() == 1


# Query counts.


def _comments(c: Consultation, n: int, *, approve: bool = True) -> list[Opinion]:
    rows = []
    for i in range(n):
        opinion = services.public_comment(consultation=c, article=1 + i % 3, text=f"Góp ý số {i} về dự thảo")
        if approve:
            opinion = services.opinion_moderate(opinion=opinion, approve=True, user=None)
        rows.append(opinion)
    return rows


def _consultations(world: object, n: int, start: int) -> list[Consultation]:
    rows = []
    for i in range(start, start + n):
        c = make(world, title=f"Dự thảo số {i}")
        _comments(c, 2)
        services.invitation_add(consultation=c, bodies=[world.agency], user=None)
        rows.append(c)
    return rows


def test_the_office_list_is_constant(world: object, min_days: None, as_user: object) -> None:
    office = as_user("office")
    _consultations(world, 3, 0)
    url = f"/api/v1/councils/{world.council.pk}/consultations"
    office.get(url)
    # 1 session, 2 user, 3 OTP device, 4 the council with the user's roles, 5 the consultations with counts
    assert_constant_queries(
        lambda: office.get(url), lambda: _consultations(world, 27, 3), row_text="Dự thảo số", rows=27
    )


def test_the_body_list_is_constant(world: object, min_days: None, as_user: object) -> None:
    agency = as_user("agency")
    _consultations(world, 3, 0)
    url = f"/api/v1/councils/{world.council.pk}/consultation-invitations"
    agency.get(url)
    assert_constant_queries(
        lambda: agency.get(url), lambda: _consultations(world, 27, 3), row_text="Dự thảo số", rows=27
    )


def test_the_public_list_is_constant(world: object, min_days: None, as_user: object) -> None:
    public = as_user(None)
    _consultations(world, 3, 0)
    url = f"/api/v1/public/councils/{world.council.pk}/consultations"
    public.get(url)
    assert_constant_queries(
        lambda: public.get(url), lambda: _consultations(world, 27, 3), row_text="Dự thảo số", rows=27
    )


def _long_draft(n: int, changed: bool = False) -> str:
    money = "150.000" if changed else "100.000"
    return "\n".join(f"Điều {i}. Nội dung {i}\nMức hỗ trợ {money} đồng cho đối tượng {i}." for i in range(1, n + 1))


def test_the_changes_are_constant(world: object, min_days: None, as_user: object) -> None:
    """Changes between two versions of 3 articles, then between two of 30 (each article changed)."""
    office = as_user("office")
    c = make(world)
    services.version_add(consultation=c, text=_long_draft(3), note="", user=None)
    services.version_add(consultation=c, text=_long_draft(3, changed=True), note="", user=None)
    url = f"/api/v1/councils/{world.council.pk}/consultations/{c.pk}/changes"
    office.get(url)

    def grow() -> None:
        services.version_add(consultation=c, text=_long_draft(30), note="", user=None)
        services.version_add(consultation=c, text=_long_draft(30, changed=True), note="", user=None)

    assert_constant_queries(lambda: office.get(url), grow, row_text='"change": ', rows=27)


def test_moderating_is_constant(world: object, min_days: None, as_user: object) -> None:
    """Moderating one comment of a consultation with 3 comments, then of one with 30."""
    office = as_user("office")
    c = make(world)
    pending = iter(_comments(c, 3, approve=False))

    def fetch() -> object:
        url = f"/api/v1/councils/{world.council.pk}/consultation-opinions/{next(pending).pk}/moderate"
        return office.post(url, {"approve": True}, content_type="application/json")

    def grow() -> None:
        nonlocal pending
        pending = iter(_comments(c, 27, approve=False))

    fetch()
    assert_constant_queries(fetch, grow)


def test_commenting_is_constant(world: object, min_days: None, as_user: object) -> None:
    public = as_user(None)
    c = make(world)
    _comments(c, 3)
    url = f"/api/v1/public/councils/{world.council.pk}/consultations/{c.pk}/comments"
    public.post(url, {"text": "Góp ý đầu"}, content_type="application/json")
    assert_constant_queries(
        lambda: public.post(url, {"text": "Góp ý thêm"}, content_type="application/json"),
        lambda: _comments(c, 27),
        status=202,
    )


def test_responding_is_constant(world: object, min_days: None, as_user: object) -> None:
    office = as_user("office")
    c = make(world)
    _comments(c, 3)
    url = f"/api/v1/councils/{world.council.pk}/consultations/{c.pk}/responses"
    article = iter([1, 2, 3])

    def fetch() -> object:
        return office.post(
            url, {"article": next(article), "kind": "tiep_thu", "text": "Tiếp thu."}, content_type="application/json"
        )

    fetch()
    assert_constant_queries(fetch, lambda: _comments(c, 27))


def _grow_unpublished(c: Consultation) -> None:
    """A draft takes no comment before it is published: it grows by versions of 30 articles instead."""
    for n in range(3):
        services.version_add(consultation=c, text=_long_draft(30, changed=bool(n % 2)), note="", user=None)


@pytest.mark.parametrize("route", ["publish", "close", "version", "edit", "invite", "body"])
def test_each_write_on_a_consultation_is_constant(world: object, min_days: None, as_user: object, route: str) -> None:
    """The same write on a consultation with 3 comments, then on one with 30."""
    client = as_user("agency" if route == "body" else "office")
    today = dates.today()
    warm, small, big = (make(world, publish=route != "publish", title=f"Dự thảo {n}") for n in (0, 3, 30))
    for c in (warm, small, big):
        if route == "body":
            services.invitation_add(consultation=c, bodies=[world.agency], user=None)
    _comments(small, 3) if route != "publish" else None
    targets = iter([warm, small, big])
    base = f"/api/v1/councils/{world.council.pk}/consultations"
    call, status = {
        "publish": (lambda pk: client.post(f"{base}/{pk}/publish"), 200),
        "close": (lambda pk: client.post(f"{base}/{pk}/close"), 200),
        "version": (
            lambda pk: client.post(f"{base}/{pk}/versions", {"text": DRAFT + "\nThêm."}, "application/json"),
            201,
        ),
        "edit": (
            lambda pk: client.put(
                f"{base}/{pk}",
                {
                    "title": "Tên mới",
                    "opens_on": today.isoformat(),
                    "closes_on": (today + datetime.timedelta(days=40)).isoformat(),
                },
                "application/json",
            ),
            200,
        ),
        "invite": (
            lambda pk: client.post(
                f"{base}/{pk}/invitations", {"body_ids": [world.other_agency.pk]}, "application/json"
            ),
            201,
        ),
        "body": (lambda pk: client.post(f"{base}/{pk}/body-opinions", {"agreed": True}, "application/json"), 201),
    }[route]
    assert call(next(targets).pk).status_code == status  # the first write of the test fills caches
    assert_constant_queries(
        lambda: call(next(targets).pk),
        lambda: _grow_unpublished(big) if route == "publish" else _comments(big, 30),
        status=status,
    )


def test_creating_is_constant(world: object, min_days: None, as_user: object) -> None:
    """Creating a consultation (with its text) in a council with 3 consultations, then with 30."""
    office = as_user("office")
    today = dates.today()
    payload = {
        "title": "Dự thảo qua API",
        "opens_on": today.isoformat(),
        "closes_on": (today + datetime.timedelta(days=40)).isoformat(),
        "text": DRAFT,
    }
    url = f"/api/v1/councils/{world.council.pk}/consultations"
    _consultations(world, 3, 0)
    assert office.post(url, payload, content_type="application/json").status_code == 201
    assert_constant_queries(
        lambda: office.post(url, payload, content_type="application/json"),
        lambda: _consultations(world, 27, 3),
        status=201,
    )


def test_the_report_is_constant(world: object, min_days: None, as_user: object) -> None:
    """The synthesis report of a closed consultation with 3 comments, then of one with 30."""
    office = as_user("office")
    warm, small, big = (make(world, title=f"Dự thảo {n}") for n in (0, 3, 30))
    _comments(small, 3)
    for c in (warm, small):
        services.consultation_close(consultation=c, user=None)
    targets = iter([warm, small, big])
    signer = {"signer_title": "Chủ tịch", "signer_name": "Nguyễn Văn A"}

    def fetch() -> object:
        url = f"/api/v1/councils/{world.council.pk}/consultations/{next(targets).pk}/report"
        return office.post(url, signer, content_type="application/json")

    def grow() -> None:
        _comments(big, 30)
        services.consultation_close(consultation=big, user=None)

    assert fetch().status_code == 200  # the first write of the test fills caches
    assert_constant_queries(fetch, grow)
