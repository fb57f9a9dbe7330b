"""Screens: the permission matrix, fixed query counts, bad input, personal data, public pages."""

import datetime
import logging

import pytest

from hdnd.testing import assert_constant_queries
from petitions import services
from petitions.models import ContactMeeting, ContactRound, Level, Petition, PetitionState, state_q
from petitions.tests.conftest import make_petition

EDITORS = {"admin", "office_chief", "office"}
VIEWERS = EDITORS | {"standing", "committee", "delegate"}
ROLES = ["admin", "office_chief", "office", "standing", "committee", "delegate", "agency", "outsider"]


@pytest.fixture
def scene(town):
    """A round with a meeting, a petition forwarded to the agency user's body, and an aggregate."""
    meeting = services.meeting_create(
        contact_round=town.round,
        unit=town.units["Phổ An"],
        held_on=datetime.date(2024, 6, 3),
        place="Hội trường UBND xã Phổ An",
        form="truc_tiep",
    )
    forwarded = make_petition(
        town,
        "Đề nghị cấp vốn sửa đường thôn An Ba",
        body=town.world.agency,
        meeting=meeting,
        people=[("Nguyễn Văn Bình", "Thôn An Ba", "0905123456")],
    )
    services.petitions_forward(
        contact_round=town.round,
        body=town.world.agency,
        user=None,
        signer_title="Phó Chủ tịch",
        signer_name="Nguyễn Thị Kiều",
    )
    forwarded.refresh_from_db()
    a = make_petition(town, "Đề nghị xử lý ô nhiễm mùi hôi", "Phổ Quang")
    b = make_petition(town, "Đề nghị xử lý ô nhiễm mùi hôi", "Phổ Vinh")
    aggregate = services.petition_merge(petitions=[a, b], user=None)
    c = make_petition(town, "Đề nghị trồng cây xanh", "Phổ Minh")
    d = make_petition(town, "Đề nghị trồng cây xanh", "Phổ Ninh")
    return {"round": town.round, "meeting": meeting, "forwarded": forwarded, "aggregate": aggregate, "pair": (c, d)}


def _matrix(scene) -> list[tuple[str, str, str, dict | None]]:
    r, m, f, agg = scene["round"].pk, scene["meeting"].pk, scene["forwarded"].pk, scene["aggregate"].pk
    c, d = scene["pair"]
    # (method, url, who may, post data); who: "view", "edit", "answer" (viewers + agency), "public"
    return [
        ("get", "/kien-nghi/", "view", None),
        ("get", "/kien-nghi/dot/them/", "edit", None),
        ("get", f"/kien-nghi/dot/{r}/", "view", None),
        ("get", f"/kien-nghi/dot/{r}/hoi-nghi/them/", "edit", None),
        ("get", f"/nhap-tep/kien-nghi/{r}/", "edit", None),
        ("get", f"/nhap-tep/kien-nghi/{r}/xuat.xlsx", "edit", None),
        ("get", f"/kien-nghi/dot/{r}/trung-lap/", "edit", None),
        ("get", f"/kien-nghi/dot/{r}/chuyen/", "edit", None),
        ("get", f"/kien-nghi/dot/{r}/tra-loi-theo-xa/", "view", None),
        ("get", f"/kien-nghi/hoi-nghi/{m}/", "view", None),
        ("get", "/kien-nghi/danh-sach/", "answer", None),
        ("get", "/kien-nghi/danh-sach/excel/", "answer", None),
        ("get", "/kien-nghi/mau-nhap-excel.xlsx", "edit", None),
        ("get", "/kien-nghi/bao-cao/?nam=2024", "view", None),
        ("get", f"/kien-nghi/{f}/", "answer", None),
        ("get", f"/kien-nghi/{f}/sua/", "edit", None),
        ("get", "/kien-nghi/cong-khai/", "public", None),
        ("get", "/kien-nghi/linh-vuc/", "view", None),
        ("post", "/kien-nghi/linh-vuc/", "edit", {"name": "Thủy lợi"}),
        ("post", f"/kien-nghi/{f}/tra-loi/", "answer", {"state": "da_tra_loi", "text": "Đã bố trí vốn."}),
        ("post", f"/kien-nghi/{f}/chap-nhan/", "edit", {}),
        ("post", f"/kien-nghi/{agg}/tach/", "edit", {}),
        ("post", "/kien-nghi/gop/", "edit", {"ids": [c.pk, d.pk]}),
        ("post", f"/kien-nghi/dot/{r}/bao-cao-tra-loi/", "edit", {}),
        ("post", f"/kien-nghi/dot/{r}/cong-khai/", "edit", {}),
        ("get", f"/kien-nghi/cong-khai/dot/{r}/", "public", None),
    ]


ROUND_FREE = {
    "/kien-nghi/",
    "/kien-nghi/dot/them/",
    "/kien-nghi/danh-sach/",
    "/kien-nghi/danh-sach/excel/",
    "/kien-nghi/mau-nhap-excel.xlsx",
    "/kien-nghi/bao-cao/?nam=2024",
    "/kien-nghi/gop/",
    "/kien-nghi/linh-vuc/",
}


def _expected(role: str | None, who: str, method: str, url: str) -> set[int]:
    ok = {302} if method == "post" else {200}
    if who == "public":
        return {200}
    if role is None:
        return {302}
    if role == "outsider":
        # Another council's user: its own (empty) lists; any record of this council is not found.
        if url in ROUND_FREE:
            return {200} if method == "get" else {302, 404}
        return {404}
    allowed = {"view": VIEWERS, "edit": EDITORS, "answer": VIEWERS | {"agency"}}[who]
    if who == "answer" and method == "post":
        allowed = EDITORS | {"agency"}
    return ok if role in allowed else {403}


@pytest.mark.django_db
@pytest.mark.parametrize("role", [None, *ROLES])
def test_permission_matrix(scene, as_user, role) -> None:
    client = as_user(role)
    for method, url, who, data in _matrix(scene):
        if who == "public" and "/dot/" in url:
            ContactRound.objects.filter(pk=scene["round"].pk).update(published=True)
        response = client.get(url) if method == "get" else client.post(url, data)
        expected = _expected(role, who, method, url)
        assert response.status_code in expected, (role, method, url, response.status_code)
        if role is None and who != "public":
            assert response["Location"].startswith("/dang-nhap/")


@pytest.mark.django_db
def test_agency_sees_only_its_own_petitions(scene, as_user) -> None:
    client = as_user("agency")
    response = client.get("/kien-nghi/danh-sach/")
    assert [p.pk for p in response.context["page"]] == [scene["forwarded"].pk]
    assert client.get(f"/kien-nghi/{scene['aggregate'].pk}/").status_code == 404
    assert (
        client.post(f"/kien-nghi/{scene['aggregate'].pk}/tra-loi/", {"state": "da_tra_loi", "text": "x"}).status_code
        == 404
    )


@pytest.mark.django_db
def test_personal_data_masked_for_roles_without_the_right_and_logged_for_the_office(scene, as_user, caplog) -> None:
    url = f"/kien-nghi/{scene['forwarded'].pk}/"
    with caplog.at_level(logging.INFO, logger="hdnd.personal_data"):
        page = as_user("office").get(url).content.decode()
    assert "Nguyễn Văn Bình" in page and "0905123456" in page
    assert [
        r
        for r in caplog.records
        if r.name == "hdnd.personal_data" and f"petitions={scene['forwarded'].pk}" in r.getMessage()
    ]
    caplog.clear()
    for role in ("delegate", "standing", "agency"):
        with caplog.at_level(logging.INFO, logger="hdnd.personal_data"):
            page = as_user(role).get(url).content.decode()
        assert "Nguyễn Văn Bình" not in page and "0905123456" not in page and "Thôn An Ba" not in page
        assert "N. V. B." in page
        assert not [r for r in caplog.records if r.name == "hdnd.personal_data"]
    export = as_user("delegate").get("/kien-nghi/danh-sach/excel/").content
    assert b"0905123456" not in export


@pytest.mark.django_db
def test_public_pages_never_show_personal_data_and_search_without_diacritics(scene, client, town) -> None:
    services.petition_answer(
        petition=scene["forwarded"],
        user=town.world.users["office"],
        text="Đã bố trí vốn sửa đường giao thông năm 2025.",
        state=PetitionState.ANSWERED,
    )
    url = f"/kien-nghi/cong-khai/dot/{scene['round'].pk}/"
    assert client.get(url).status_code == 404  # not published yet
    services.round_publish(contact_round=scene["round"], published=True, user=None)
    page = client.get(url).content.decode()
    assert "Đã bố trí vốn sửa đường giao thông năm 2025." in page
    assert "Nguyễn Văn Bình" not in page and "0905123456" not in page and "N. V. B." not in page
    found = client.get(url, {"q": "duong giao thong"}).content.decode()
    assert "Đề nghị cấp vốn sửa đường thôn An Ba" in found and "mùi hôi" not in found
    assert "Cử tri các phường Phổ Quang, Phổ Vinh kiến nghị" in page


@pytest.mark.django_db
def test_fast_entry_with_htmx_keeps_the_classification_and_reports_errors(scene, as_user, town) -> None:
    client = as_user("office")
    url = f"/kien-nghi/hoi-nghi/{scene['meeting'].pk}/"
    data = {
        "text": "Đề nghị sửa cầu tràn",
        "level": Level.DISTRICT,
        "field": town.fields["Giao thông"].pk,
        "body": town.bodies["Phòng QLĐT"].pk,
        "voters": 2,
    }
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "Đã ghi kiến nghị số" in page and 'hx-swap-oob="beforeend:#entered"' in page
    assert response.context["form"].initial["level"] == Level.DISTRICT
    created = Petition.objects.get(text="Đề nghị sửa cầu tràn")
    assert created.meeting == scene["meeting"] and created.unit == town.units["Phổ An"] and created.voters == 2
    before = Petition.objects.count()
    page = client.post(url, {**data, "text": "   ", "voters": 0}, HTTP_HX_REQUEST="true").content.decode()
    assert "Nội dung kiến nghị: Vui lòng nhập nội dung kiến nghị." in page
    assert "Số cử tri: Số cử tri phải từ 1 trở lên." in page
    assert Petition.objects.count() == before


@pytest.mark.django_db
def test_bad_input_on_every_form_names_the_field_and_saves_nothing(scene, as_user, town) -> None:
    client = as_user("office")
    r = scene["round"].pk
    rounds, meetings = ContactRound.objects.count(), ContactMeeting.objects.count()
    page = client.post("/kien-nghi/dot/them/", {"period": "giua_nam", "timing": "truoc"}).content.decode()
    assert "Vui lòng nhập năm." in page
    page = client.post("/kien-nghi/dot/them/", {"year": 2024, "period": "giua_nam", "timing": "truoc"}).content.decode()
    assert "Hội đồng đã có đợt tiếp xúc cử tri này." in page
    assert ContactRound.objects.count() == rounds
    page = client.post(
        f"/kien-nghi/dot/{r}/hoi-nghi/them/",
        {"unit": town.units["Phổ Châu"].pk, "held_on": "2024-06-04", "form": "truc_tiep"},
    ).content.decode()
    assert "Vui lòng nhập địa điểm." in page
    assert ContactMeeting.objects.count() == meetings
    page = client.post(f"/kien-nghi/{scene['pair'][0].pk}/sua/", {"text": "Sửa", "level": "sao_hoa"}).content.decode()
    assert "Cấp thẩm quyền không hợp lệ." in page
    page = client.post(
        f"/kien-nghi/dot/{r}/chuyen/",
        {"body": town.bodies["Phòng QLĐT"].pk, "issued_on": "2024-06-24", "signer_name": "Kiều"},
    ).content.decode()
    assert "Vui lòng nhập chức vụ người ký." in page
    response = client.post(
        f"/kien-nghi/{scene['forwarded'].pk}/tra-loi/", {"state": "da_tra_loi", "text": ""}, follow=True
    )
    assert "Vui lòng nhập nội dung trả lời." in response.content.decode()
    scene["forwarded"].refresh_from_db()
    assert scene["forwarded"].answer_text == ""
    response = client.post("/kien-nghi/gop/", {"ids": [scene["pair"][0].pk]}, follow=True)
    assert "Chọn ít nhất hai kiến nghị để gộp." in response.content.decode()


@pytest.mark.django_db
def test_forward_screen_issues_the_letter_and_missing_setting_is_explained(scene, as_user, town) -> None:
    from registry.models import LegalSetting

    client = as_user("office")
    data = {
        "body": town.bodies["Phòng QLĐT"].pk,
        "issued_on": "2024-06-24",
        "signer_authority": "TM.",
        "signer_title": "Phó Chủ tịch",
        "signer_name": "Nguyễn Thị Kiều",
    }
    LegalSetting.objects.filter(council=town.council).delete()
    page = client.post(f"/kien-nghi/dot/{scene['round'].pk}/chuyen/", data).content.decode()
    assert "Thời hạn cơ quan trả lời kiến nghị cử tri" in page
    from registry.services import setting_set

    setting_set(council=town.council, key="petition_answer_days", value=30)
    response = client.post(f"/kien-nghi/dot/{scene['round'].pk}/chuyen/", data)
    assert response.status_code == 302
    forwarded = Petition.objects.filter(body=town.bodies["Phòng QLĐT"]).filter(state_q(PetitionState.FORWARDED))
    assert forwarded.count() == 3


@pytest.mark.django_db
def test_list_and_detail_pages_run_a_fixed_number_of_queries(scene, as_user, town, django_assert_num_queries) -> None:
    client = as_user("office")
    counter = iter(range(1000))

    def grow_petitions() -> None:
        for _i in range(27):
            make_petition(
                town, f"Đề nghị việc riêng số {next(counter)} tại Phổ Hòa", "Phổ Hòa", people=[("Lê Văn A", "", "")]
            )
        x = make_petition(town, "Đề nghị nạo vét kênh Phổ Hòa số 1", "Phổ Hòa")
        y = make_petition(town, "Đề nghị nạo vét kênh Phổ Hòa số 1", "Phổ Cường")
        services.petition_merge(petitions=[x, y], user=None)

    assert_constant_queries(lambda: client.get("/kien-nghi/danh-sach/"), grow_petitions, row_text="việc riêng số")
    ContactRound.objects.update(published=True)
    assert_constant_queries(
        lambda: client.get(f"/kien-nghi/cong-khai/dot/{scene['round'].pk}/"),
        grow_petitions,
        row_text="việc riêng số",
    )
    assert_constant_queries(
        lambda: client.get(f"/kien-nghi/hoi-nghi/{scene['meeting'].pk}/"),
        lambda: [make_petition(town, f"Đề nghị tại hội nghị {i}", meeting=scene["meeting"]) for i in range(10)],
        row_text="Đề nghị tại hội nghị",
        rows=10,
    )

    def grow_meetings() -> None:
        for name in ["Phổ Châu", "Phổ Cường", "Phổ Khánh", "Phổ Nhơn", "Phổ Phong", "Phổ Thuận", "Phổ Văn"]:
            services.meeting_create(
                contact_round=town.round,
                unit=town.units[name],
                held_on=datetime.date(2024, 6, 5),
                place="Hội trường",
                form="truc_tiep",
            )

    assert_constant_queries(
        lambda: client.get(f"/kien-nghi/dot/{scene['round'].pk}/"), grow_meetings, row_text="Phổ Nhơn"
    )

    def grow_rounds() -> None:
        for year in range(2010, 2020):
            services.round_create(council=town.council, year=year, period="giua_nam")

    assert_constant_queries(lambda: client.get("/kien-nghi/"), grow_rounds, row_text="2015")
    aggregate = scene["aggregate"]

    def grow_origins() -> None:
        extra = [make_petition(town, "Đề nghị xử lý ô nhiễm mùi hôi", u) for u in ["Phổ An", "Phổ Châu", "Phổ Khánh"]]
        services.petition_merge(petitions=[Petition.objects.get(pk=aggregate.pk), *extra], user=None)

    assert_constant_queries(
        lambda: client.get(f"/kien-nghi/{Petition.objects.get(is_aggregate=True, text__contains='mùi hôi').pk}/"),
        grow_origins,
        row_text="Phổ Khánh",
    )


@pytest.mark.django_db
def test_dashboard_cards_and_filters_by_commune_and_body(scene, as_user, town) -> None:
    page = as_user("office").get("/").content.decode()
    assert "Kiến nghị cử tri chờ chuyển" in page and "Kiến nghị cử tri chờ trả lời" in page
    client = as_user("delegate")
    response = client.get("/kien-nghi/danh-sach/", {"xa": town.units["Phổ Vinh"].pk})
    assert [p.pk for p in response.context["page"]] == [scene["aggregate"].pk]
    response = client.get("/kien-nghi/danh-sach/", {"co_quan": town.world.agency.pk})
    assert [p.pk for p in response.context["page"]] == [scene["forwarded"].pk]


@pytest.mark.django_db
def test_agency_answers_on_screen_with_a_reply_document_and_office_accepts(scene, as_user, town) -> None:
    from documents.services import incoming_create
    from followup.models import State as ObligationState

    reply = incoming_create(
        council=town.council,
        doc_type="cong_van",
        subject="Trả lời kiến nghị cử tri xã Phổ An",
        received_on=datetime.date(2024, 7, 5),
        sender_body=town.world.agency,
    )
    url = f"/kien-nghi/{scene['forwarded'].pk}/"
    response = as_user("agency").post(
        f"{url}tra-loi/", {"state": "da_tra_loi", "text": "Đã bố trí vốn.", "document": reply.pk}, follow=True
    )
    assert "Đã gửi trả lời kiến nghị." in response.content.decode()
    petition = Petition.objects.select_related("obligation").get(pk=scene["forwarded"].pk)
    assert petition.answer_document == reply and petition.obligation.state == ObligationState.REPORTED_DONE
    assert petition.obligation.updates.filter(reply_id=reply.pk).exists()
    as_user("office").post(f"{url}chap-nhan/")
    petition.obligation.refresh_from_db()
    assert petition.obligation.state == ObligationState.ACCEPTED
    assert "Văn phòng đã chấp nhận kết quả" in as_user("delegate").get(url).content.decode()
