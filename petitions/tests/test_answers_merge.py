"""An answer changed after it was reported done goes through the follow-up engine again; a new petition
joins an earlier one already forwarded."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from documents.checker import assert_nd30
from documents.models import DocType, Document
from documents.services import document_render_docx
from followup.models import Action
from followup.models import State as ObligationState
from petitions import selectors, services, wording
from petitions.models import Level, Period, Petition, Petitioner, PetitionState
from petitions.tests.conftest import make_petition


def forward(town, body=None) -> None:
    services.petitions_forward(
        contact_round=town.round,
        body=body or town.world.agency,
        user=None,
        signer_title="Phó Chủ tịch",
        signer_name="Nguyễn Thị Kiều",
        issued_on=datetime.date(2024, 6, 20),
    )


# Changing an answer ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_changed_answer_is_reported_again_not_left_stale(town) -> None:
    agency_user = town.world.users["agency"]
    p = make_petition(town, "Đề nghị sửa đường thôn An Ba", body=town.world.agency)
    forward(town)
    p.refresh_from_db()
    services.petition_answer(petition=p, user=agency_user, text="Đã bố trí vốn năm 2025.", state="da_tra_loi")
    p.obligation.refresh_from_db()
    assert p.obligation.state == ObligationState.REPORTED_DONE
    # The body finds the money is not there after all: the answer becomes "being resolved".
    services.petition_answer(petition=p, user=agency_user, text="Đang rà soát nguồn vốn.", state="dang_giai_quyet")
    p.refresh_from_db()
    p.obligation.refresh_from_db()
    assert p.state == PetitionState.RESOLVING and p.answer_text == "Đang rà soát nguồn vốn."
    assert p.obligation.state == ObligationState.IN_PROGRESS and p.obligation.reported_on is None
    steps = list(p.obligation.updates.order_by("pk").values_list("action", "text"))
    assert steps[-3:] == [
        (Action.DONE, "Đã bố trí vốn năm 2025."),
        (Action.RETURN, "Cơ quan có thẩm quyền sửa nội dung trả lời đã báo cáo; báo cáo lại theo nội dung mới."),
        (Action.PROGRESS, "Đang rà soát nguồn vốn."),
    ]
    with pytest.raises(ValidationError, match="Chỉ chấp nhận được câu trả lời đã gửi"):
        services.petition_accept(petition=p, user=None)
    # Answered again, then amended once more while reported done: the office checks the latest text.
    services.petition_answer(petition=p, user=agency_user, text="Đã bố trí vốn năm 2026.", state="da_tra_loi")
    services.petition_answer(
        petition=p, user=agency_user, text="Đã bố trí vốn năm 2026, thi công quý II.", state="da_tra_loi"
    )
    p.obligation.refresh_from_db()
    assert p.obligation.state == ObligationState.REPORTED_DONE
    assert p.obligation.updates.order_by("-pk").first().text == "Đã bố trí vốn năm 2026, thi công quý II."
    count = p.obligation.updates.count()
    services.petition_answer(
        petition=p, user=agency_user, text="Đã bố trí vốn năm 2026, thi công quý II.", state="da_tra_loi"
    )
    assert p.obligation.updates.count() == count  # the same answer twice changes nothing
    services.petition_accept(petition=p, user=town.world.users["office"])
    with pytest.raises(ValidationError, match="Văn phòng đã chấp nhận câu trả lời, không thể sửa"):
        services.petition_answer(petition=p, user=agency_user, text="Khác", state="da_tra_loi")


# Merging into a forwarded petition -------------------------------------------------------------


@pytest.fixture
def later(town):
    """The year-end round of the same year, where voters raise the same thing again."""
    return services.round_create(
        council=town.council, year=2024, period=Period.YEAR_END, starts_on=datetime.date(2024, 11, 4)
    )


@pytest.mark.django_db
def test_new_petition_joins_a_forwarded_single_petition(town, later) -> None:
    earlier = make_petition(
        town, "Đề nghị sửa đường ĐT 624", body=town.world.agency, voters=3, people=[("Lê Văn A", "", "")]
    )
    forward(town)
    earlier.refresh_from_db()
    obligation, letter = earlier.obligation, earlier.forward_document
    new = make_petition(town, "Đề nghị sửa chữa đường ĐT 624", "Phổ Châu", contact_round=later, voters=2)
    with pytest.raises(ValidationError, match="giữ nguyên nội dung"):
        services.petition_merge(petitions=[new, earlier], user=None, text="Nội dung khác")
    joined = services.petition_merge(petitions=[new, earlier], user=town.world.users["office"])
    assert joined.pk == earlier.pk and joined.is_aggregate and joined.unit is None
    joined.refresh_from_db()
    assert joined.obligation == obligation and joined.forward_document == letter
    assert joined.state == PetitionState.FORWARDED and joined.voters == 5 and joined.round == town.round
    origins = list(joined.origins.order_by("pk"))
    assert [(o.unit.unit_name, o.voters, o.round_id) for o in origins] == [
        ("Phổ Châu", 2, later.pk),
        ("Phổ An", 3, town.round.pk),
    ]
    assert Petitioner.objects.get().petition == origins[1]
    shown = selectors.petition_get(user=town.world.users["admin"], council=town.council, pk=joined.pk)
    assert wording.attribution(shown) == "Cử tri các xã Phổ An, Phổ Châu"
    (mid, end) = selectors.petition_counts(council=town.council, year=2024)
    assert mid.total == 1 and end.total == 0  # counted once, in the round that forwarded it
    obligation.refresh_from_db()
    assert obligation.state == ObligationState.ASSIGNED and obligation.owner == town.world.agency
    with pytest.raises(ValidationError, match="đã chuyển cơ quan có thẩm quyền, không thể tách"):
        services.petition_split(petition=joined, user=None)


@pytest.mark.django_db
def test_new_petitions_join_a_forwarded_aggregate(town, later) -> None:
    a = make_petition(town, "Đề nghị xử lý mùi hôi", "Phổ Quang", body=town.world.agency)
    b = make_petition(town, "Đề nghị xử lý mùi hôi", "Phổ Vinh", body=town.world.agency)
    aggregate = services.petition_merge(petitions=[a, b], user=None)
    forward(town)
    c = make_petition(town, "Đề nghị xử lý mùi hôi bãi rác", "Phổ Minh", contact_round=later)
    d = make_petition(town, "Đề nghị xử lý mùi hôi bãi rác", "Phổ Ninh", contact_round=later)
    new_aggregate = services.petition_merge(petitions=[c, d], user=None)
    joined = services.petition_merge(petitions=[aggregate, new_aggregate], user=None)
    assert joined.pk == aggregate.pk and joined.voters == 4
    assert sorted(joined.origins.values_list("unit__unit_name", flat=True)) == [
        "Phổ Minh",
        "Phổ Ninh",
        "Phổ Quang",
        "Phổ Vinh",
    ]
    assert not Petition.objects.filter(pk=new_aggregate.pk).exists()


@pytest.mark.django_db
def test_merge_with_forwarded_refusals(town, later) -> None:
    x = make_petition(town, "Đề nghị nạo vét kênh", body=town.world.agency)
    y = make_petition(town, "Đề nghị nạo vét kênh N6", "Phổ Châu", body=town.bodies["Phòng Kinh tế"])
    forward(town)
    forward(town, town.bodies["Phòng Kinh tế"])
    new = make_petition(town, "Đề nghị nạo vét kênh", "Phổ Cường", contact_round=later)
    with pytest.raises(ValidationError, match="hai kiến nghị đã chuyển không thể gộp với nhau"):
        services.petition_merge(petitions=[x, y, new], user=None)
    x.refresh_from_db()
    services.record_answer(petition=x, user=None, text="Đã nạo vét xong.", state="da_tra_loi")
    with pytest.raises(ValidationError, match="đã được trả lời, không thể gộp thêm"):
        services.petition_merge(petitions=[x, new], user=None)
    new.refresh_from_db()
    assert new.merged_into is None and new.state == PetitionState.RECEIVED
    assert Petition.objects.filter(is_aggregate=True).count() == 0


@pytest.mark.django_db
def test_merge_screen_joins_a_forwarded_petition(town, later, as_user) -> None:
    earlier = make_petition(town, "Đề nghị lắp đèn đường", body=town.world.agency, level=Level.DISTRICT)
    forward(town)
    new = make_petition(town, "Đề nghị lắp đèn đường", "Phổ Châu", contact_round=later)
    response = as_user("office").post("/kien-nghi/gop/", {"ids": [earlier.pk, new.pk]})
    assert response.status_code == 302 and response["Location"] == f"/kien-nghi/{earlier.pk}/"
    new.refresh_from_db()
    assert new.merged_into_id == earlier.pk


# The answers per commune as a notice -----------------------------------------------------------


@pytest.mark.django_db
def test_answers_notice_is_an_nd30_document_per_commune(town, as_user) -> None:
    url = f"/kien-nghi/dot/{town.round.pk}/tra-loi-theo-xa/van-ban/"
    api = f"/api/v1/councils/{town.council.pk}/petition-rounds/{town.round.pk}/answers-by-unit/notice"
    response = as_user("office").post(url, follow=True)
    assert "Đợt chưa có kiến nghị nào được trả lời để thông báo đến cử tri." in response.content.decode()
    assert Document.objects.count() == 0
    a = make_petition(town, "Đề nghị xử lý mùi hôi", "Phổ Quang", body=town.world.agency)
    b = make_petition(town, "Đề nghị xử lý mùi hôi", "Phổ Vinh", body=town.world.agency)
    aggregate = services.petition_merge(petitions=[a, b], user=None)
    make_petition(town, "Đề nghị sửa trường", "Phổ An", body=town.world.agency)
    forward(town)
    aggregate.refresh_from_db()
    services.record_answer(petition=aggregate, user=None, text="Đã di dời bãi rác.", state="da_tra_loi")
    document = services.answers_notice_create(
        contact_round=town.round,
        user=None,
        signer_title="Phó Chủ tịch",
        signer_name="Nguyễn Thị Kiều",
        issued_on=datetime.date(2024, 7, 10),
    )
    assert document.doc_type == DocType.THONG_BAO and document.source == town.round
    assert "# 1. Phường Phổ Quang" in document.body and "# 2. Phường Phổ Vinh" in document.body
    assert "Phòng Tài chính - Kế hoạch trả lời (đã trả lời): Đã di dời bãi rác." in document.body
    assert "Đề nghị sửa trường" not in document.body  # not answered yet
    assert_nd30(document_render_docx(document))
    for role, status in [(None, 302), ("delegate", 403), ("agency", 403), ("outsider", 404), ("office", 302)]:
        assert as_user(role).post(url).status_code == status, role
    for role, status in [(None, 401), ("delegate", 403), ("outsider", 404), ("office", 201)]:
        assert as_user(role).post(api, {}, content_type="application/json").status_code == status, role
    assert Document.objects.filter(doc_type=DocType.THONG_BAO).count() == 3
