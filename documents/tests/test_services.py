"""The document services: what issuing needs, what freezes, what is kept."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from documents import selectors, services, wording
from documents.models import Authority, Direction, DocType, Document, State
from documents.sources import register_source_kind, source_info
from documents.tests.factories import draft, incoming, issued, published
from registry.access import VIEW_REGISTRY
from registry.models import Body

D = datetime.date


@pytest.mark.django_db
def test_issue_refused_with_everything_missing_and_nothing_changed(world) -> None:
    document = services.document_create(council=world.council, doc_type=DocType.THONG_BAO)
    with pytest.raises(ValidationError) as exc:
        services.document_issue(document=document, user=world.users["office"])
    fields = set(exc.value.error_dict)
    assert {"subject", "body", "signer_title", "signer_name", "recipient_lines"} <= fields
    assert "Thiếu nơi nhận." in " ".join(exc.value.messages)
    document.refresh_from_db()
    assert document.state == State.DRAFT and document.number is None
    assert not Document.objects.filter(number__isnull=False).exists()
    # Nothing was taken: the next complete document still gets number 1.
    assert issued(world.council).number == 1


@pytest.mark.django_db
def test_authority_needs_its_collective(world) -> None:
    document = draft(world.council, signer_authority=Authority.TM, signer_collective="")
    with pytest.raises(ValidationError) as exc:
        services.document_issue(document=document, user=None)
    assert "signer_collective" in exc.value.error_dict


@pytest.mark.django_db
def test_issued_document_is_frozen(world) -> None:
    document = issued(world.council)
    with pytest.raises(ValidationError, match="đã ban hành"):
        services.document_update(document=document, subject="Sửa sau khi ban hành")
    document.refresh_from_db()
    assert document.subject == "Kết luận của Thường trực HĐND tại phiên họp"
    with pytest.raises(ValidationError):
        services.document_issue(document=document, user=None)


@pytest.mark.django_db
def test_draft_update_normalises_and_refolds(world) -> None:
    document = draft(world.council)
    services.document_update(
        document=document,
        subject="  Báo cáo   công tác\u0301 ",
        body="Dòng một  \n\nDòng   hai",
        recipient_bodies=[world.agency],
    )
    document.refresh_from_db()
    assert document.subject == "Báo cáo công tác\u0301".replace("c\u0301", "ć")
    assert document.body == "Dòng một\n\nDòng hai"
    assert list(document.recipient_bodies.all()) == [world.agency]
    assert document.subject_folded.startswith("bao cao cong tac")


@pytest.mark.django_db
def test_publish_and_withdraw_keep_the_number(world) -> None:
    document = issued(world.council)
    with pytest.raises(ValidationError):
        services.document_withdraw(document=document, user=None, reason="  ")
    document = services.document_publish(document=document, user=None)
    assert document.state == State.PUBLISHED and document.published_at is not None
    document = services.document_withdraw(document=document, user=None, reason="Sai sót về nơi nhận")
    assert document.state == State.WITHDRAWN and document.number == 1
    with pytest.raises(ValidationError):
        services.document_publish(document=document, user=None)
    # The withdrawn number is never given again.
    assert issued(world.council).number == 2


@pytest.mark.django_db
def test_only_issued_can_be_published(world) -> None:
    with pytest.raises(ValidationError, match="đã ban hành"):
        services.document_publish(document=draft(world.council), user=None)


@pytest.mark.django_db
def test_normative_only_for_resolutions_and_decisions(world) -> None:
    with pytest.raises(ValidationError) as exc:
        draft(world.council, doc_type=DocType.THONG_BAO, normative=True)
    assert "normative" in exc.value.error_dict


@pytest.mark.django_db
def test_recipients_always_end_with_archive(world) -> None:
    document = draft(world.council, recipients=[world.agency], recipient_lines="- TT Thị ủy;\nĐại biểu HĐND")
    assert wording.recipient_list(document) == ["- Phòng TC-KH;", "- TT Thị ủy;", "- Đại biểu HĐND;", "- Lưu: VT."]
    own_archive = draft(world.council, recipient_lines="UBND\nLưu: VT, VP")
    assert wording.recipient_list(own_archive)[-1] == "- Lưu: VT, VP."


@pytest.mark.django_db
def test_recipients_of_another_council_refused(world) -> None:
    foreign = Body.objects.create(council=world.other_council, kind="co_quan", name="Cơ quan khác", short_name="CQK")
    with pytest.raises(ValidationError):
        draft(world.council, recipients=[foreign])
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_incoming_takes_arrival_numbers_per_year(world) -> None:
    first = incoming(world.council, sender=world.agency)
    second = incoming(world.council, received_on=D(2025, 4, 1))
    next_year = incoming(world.council, received_on=D(2026, 1, 2), external_date=D(2025, 12, 30))
    assert (first.number, second.number, next_year.number) == (1, 2, 1)
    assert first.direction == Direction.INCOMING and first.state == State.RECEIVED
    assert first.sender == "Phòng Tài chính - Kế hoạch" and second.sender == "UBND thị xã"
    with pytest.raises(ValidationError) as exc:
        incoming(world.council, external_date=D(2025, 3, 20))
    assert "external_date" in exc.value.error_dict


@pytest.mark.django_db
def test_search_is_diacritics_insensitive(world, django_user_model) -> None:
    issued(world.council, subject="Kết luận phiên họp tháng Giêng", on=D(2025, 1, 20))
    issued(world.council, subject="Báo cáo giám sát", doc_type=DocType.BAO_CAO, on=D(2025, 6, 1))
    user = world.users["office"]

    def find(**kw: object) -> list[str]:
        return [d.subject for d in selectors.document_list(user=user, council=world.council, **kw)]

    assert find(search="ket luan phien hop") == ["Kết luận phiên họp tháng Giêng"]
    assert find(search="01/bc-hdnd") == ["Báo cáo giám sát"]
    assert find(doc_type=DocType.BAO_CAO) == ["Báo cáo giám sát"]
    assert find(date_from=D(2025, 5, 1)) == ["Báo cáo giám sát"]
    assert find(date_to=D(2025, 5, 1)) == ["Kết luận phiên họp tháng Giêng"]


@pytest.mark.django_db
def test_history_recorded(world) -> None:
    document = draft(world.council)
    services.document_issue(document=document, user=None)
    services.document_publish(document=document, user=None)
    states = list(document.history.order_by("history_date").values_list("state", flat=True))
    assert states == [State.DRAFT, State.ISSUED, State.PUBLISHED]


@pytest.mark.django_db
def test_source_link_without_importing_the_workflow(world) -> None:
    register_source_kind(Body, label="Cơ quan nguồn (thử)", url=lambda b: f"/co-quan/{b.pk}/", perms=(VIEW_REGISTRY,))
    document = draft(world.council, source=world.group)
    assert document.source == world.group
    office, agency = world.users["office"], world.users["agency"]
    assert source_info(document, user=office, council=world.council) == (
        "Cơ quan nguồn (thử)",
        "Tổ đại biểu số 1",
        f"/co-quan/{world.group.pk}/",
    )
    # The registry's pages are not an agency user's: its source is named without a link.
    assert source_info(document, user=agency, council=world.council) == (
        "Cơ quan nguồn (thử)",
        "Tổ đại biểu số 1",
        None,
    )
    assert list(selectors.documents_for_source(source=world.group)) == [document]
    foreign = Body.objects.create(council=world.other_council, kind="co_quan", name="Khác", short_name="K")
    with pytest.raises(ValidationError):
        draft(world.council, source=foreign)


@pytest.mark.django_db
def test_attachment(world, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    document = issued(world.council)
    attachment = services.attachment_add(
        document=document, file=SimpleUploadedFile("ban-ky.pdf", b"%PDF-1.4"), user=world.users["office"]
    )
    assert attachment.name == "ban-ky.pdf" and attachment.file.read() == b"%PDF-1.4"


@pytest.mark.django_db
def test_default_issuer_created_once(world) -> None:
    a = services.issuer_default(council=world.council)
    b = services.issuer_default(council=world.council)
    assert a == b and a.symbol == "HĐND" and a.letter_symbol == "HĐND-VP"
    assert published(world.council).issuer == a


@pytest.mark.django_db
def test_a_ceased_council_issues_nothing_after_its_last_day(world) -> None:
    """A council merged away in 2025 is read-only for history: its 2024 report drafted and left unissued
    stays a draft, issued neither today nor backdated before it ceased (its successor issues what follows);
    while it still acts, it issues nothing dated after its last day."""
    council = world.council
    late = draft(council)  # drafted while it acted: a ceased council drafts nothing (test_ceased_council.py)
    council.active, council.ceased_on = False, datetime.date(2025, 7, 1)
    council.save(update_fields=["active", "ceased_on"])
    with pytest.raises(ValidationError) as refused:
        services.document_issue(document=late, user=None, issued_on=datetime.date(2026, 12, 3))
    assert "đã chấm dứt hoạt động từ ngày 01/07/2025" in str(refused.value)
    late.refresh_from_db()
    assert late.number is None and late.state == "du_thao"
    with pytest.raises(ValidationError, match="kể cả ghi lùi về ngày 30/06/2025 trở về trước"):
        services.document_issue(document=late, user=None, issued_on=datetime.date(2025, 6, 30))
    late.refresh_from_db()
    assert late.number is None and late.state == "du_thao"
