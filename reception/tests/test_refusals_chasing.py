"""The refusal notice (Mẫu 01/TCD) within its limit, chasing letters for late cases, the scanned letter's
upload, and the link of a case to a supervision round."""

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.checker import assert_nd30
from documents.services import document_issue, document_render_docx
from followup.models import State
from followup.services import obligation_report
from reception import refusals, selectors, services
from reception.models import Category, ChaseLetter, Field, Letter, RefusalGround
from reception.services import CaseIn, SenderIn
from registry.models import BodyKind
from registry.tests.factories import BodyFactory

BEFORE = datetime.date(2026, 6, 29)  # a Monday, before NĐ 154/2026
AFTER = datetime.date(2026, 7, 6)  # a Monday, under NĐ 154/2026
NAME, ADDRESS = "Lê Văn Tố", "Tổ 3, phường Nguyễn Nghiêm"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def standing(world):
    return BodyFactory(council=world.council, kind=BodyKind.STANDING_COMMITTEE, name="Thường trực HĐND")


def receive(world, *, on=AFTER, category=Category.RECOMMENDATION, protected=False, summary="Kiến nghị làm đường"):
    return services.letter_receive(
        council=world.council,
        received_on=on,
        cases=[CaseIn(category, summary, Field.ADMIN_OTHER, protected=protected)],
        senders=[SenderIn(NAME, ADDRESS, "0912000111")],
        user=world.users["office"],
    )


def _docx_text(document) -> str:
    with zipfile.ZipFile(io.BytesIO(document_render_docx(document))) as z:
        return z.read("word/document.xml").decode()


def refuse(world, letter, on=AFTER):
    return refusals.refusal_notice_draft(
        letter=letter,
        ground=RefusalGround.ANSWERED,
        established_on=on,
        earlier="Công văn số 12/UBND ngày 02/03/2026 của UBND phường",
        signer_title="Phó Chủ tịch",
        signer_name="Trần B",
        user=world.users["office"],
    )


def test_refusal_notice_owed_within_03_working_days_and_closed_on_issue(world, standing):
    letter = receive(world)
    refusal = refuse(world, letter)
    obligation = refusal.obligation
    # Monday 06/07/2026 + 03 working days = Thursday 09/07/2026 (Nghị định 154/2026/NĐ-CP, Điều 4 khoản 3).
    assert obligation.due_on == datetime.date(2026, 7, 9)
    assert "154/2026" in obligation.due_citation and obligation.owner == standing
    document = refusal.document
    assert document.subject == "Về việc từ chối tiếp công dân" and "Nghị định 154/2026" in document.body
    assert "Công văn số 12/UBND" in document.body and NAME in document.body
    document_issue(document=document, user=world.users["office"], issued_on=datetime.date(2026, 7, 8))
    obligation.refresh_from_db()
    assert obligation.state == State.REPORTED_DONE and obligation.reported_on == datetime.date(2026, 7, 8)
    assert_nd30(document_render_docx(document))  # the ND30 header and layout of an issued notice


def test_refusal_refused_before_the_decree_and_for_bad_input(world, standing):
    letter = receive(world, on=BEFORE)
    with pytest.raises(ValidationError) as exc:
        refuse(world, letter, on=BEFORE)  # the Mẫu 01/TCD limit is NĐ 154/2026's, in force from 01/07/2026
    assert "established_on" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        refusals.refusal_notice_draft(
            letter=letter,
            ground="khac",
            established_on=BEFORE - datetime.timedelta(days=3),
            earlier=" ",
            signer_title="",
            signer_name="",
            user=None,
        )
    assert {"ground", "established_on", "earlier", "signer_name"} <= set(exc.value.message_dict)
    assert not letter.refusals.exists()


def test_refusal_never_names_a_protected_denouncer(world, standing):
    letter = receive(world, category=Category.DENUNCIATION, protected=True, summary="Tố cáo cán bộ nhận tiền")
    document = refuse(world, letter).document
    text = _docx_text(document) + document.body + document.recipient_lines
    assert NAME not in text and ADDRESS not in text


def _late(world, summary, body):
    letter = receive(world, category=Category.COMPLAINT, summary=summary)
    case = letter.cases.get()
    services.case_classify(case=case, user=world.users["office"], eligible=True)
    services.case_forward(
        case=case,
        body=body,
        user=world.users["office"],
        signer_title="Phó Chủ tịch",
        signer_name="Trần B",
        issued_on=AFTER,
    )
    case.refresh_from_db()
    return case


def test_chasing_letters_one_per_late_body_without_senders(world, as_user):
    a1 = _late(world, "Khiếu nại thu hồi đất thửa 12", world.agency)
    a2 = _late(world, "Khiếu nại bồi thường thửa 13", world.agency)
    b1 = _late(world, "Khiếu nại cấp giấy chứng nhận", world.other_agency)
    done = _late(world, "Khiếu nại đã có kết quả", world.other_agency)
    obligation_report(obligation=done.obligation, user=None, text="Đã giải quyết", done=True, on=AFTER)
    on = datetime.date(2026, 8, 3)
    made = refusals.chase_letters_make(
        council=world.council, signer_title="Phó Chủ tịch", signer_name="Trần B", user=None, on=on
    )
    assert {c.body_id: {x.pk for x in c.cases.all()} for c in made} == {
        world.agency.pk: {a1.pk, a2.pk},
        world.other_agency.pk: {b1.pk},
    }
    first = next(c for c in made if c.body_id == world.agency.pk).document
    assert f"Đơn số {a1.letter.code}" in first.body and "đã quá" in first.body
    assert "Thông tư 05/2021/TT-TTCP, Điều 14 khoản 2" in first.body
    assert NAME not in first.body and NAME not in _docx_text(first)
    assert list(first.recipient_bodies.all()) == [world.agency]
    assert_nd30(document_render_docx(first))
    with pytest.raises(ValidationError, match="Không có đơn thư nào quá hạn"):  # the same day: nothing new
        refusals.chase_letters_make(council=world.council, signer_title="P", signer_name="T", user=None, on=on)
    assert selectors.statistics(council=world.council, year=2026, today=on).chased == 3
    listed = as_user("office").get("/don-thu/?year=2026&chased=1").content.decode()
    assert f">{a1.letter.code}<" in listed and f">{done.letter.code}<" not in listed
    page = as_user("office").get("/don-thu/don-doc/")
    assert page.status_code == 200 and a1.letter.code in page.content.decode()
    api = as_user("office").get(f"/api/v1/councils/{world.council.pk}/letter-chases")
    assert api.status_code == 200 and len(api.json()["items"]) == 2
    assert ChaseLetter.objects.filter(council=world.council).count() == 2


def test_scan_upload_checks_size_and_type_then_the_guarded_download(world, as_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    letter = receive(world)
    client = as_user("office")
    url = f"/don-thu/{letter.pk}/ban-quet/tai-len/"
    assert client.get(url).status_code == 200
    fake = SimpleUploadedFile("don.pdf", b"<html>not a scan</html>", content_type="application/pdf")
    response = client.post(url, {"scan": fake})
    assert response.status_code == 400 and "PDF, JPEG hoặc PNG" in response.content.decode()
    big = SimpleUploadedFile("don.pdf", PDF + b"0" * services.SCAN_MAX_BYTES, content_type="application/pdf")
    response = client.post(url, {"scan": big})
    assert response.status_code == 400 and "10 MB" in response.content.decode()
    assert not Letter.objects.get(pk=letter.pk).scan
    assert client.post(url, {"scan": SimpleUploadedFile("x.pdf", PDF)}).status_code == 302
    stored = Letter.objects.get(pk=letter.pk).scan.name
    assert stored.endswith(".pdf") and NAME.split()[0] not in stored
    download = client.get(f"/don-thu/{letter.pk}/ban-quet/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert as_user("delegate").post(url, {"scan": SimpleUploadedFile("x.pdf", PDF)}).status_code == 403
    api = client.post(
        f"/api/v1/councils/{world.council.pk}/letters/{letter.pk}/scan",
        {"scan": SimpleUploadedFile("y.png", b"GIF89a....")},
    )
    assert api.status_code == 400 and "PDF, JPEG hoặc PNG" in api.json()["detail"]
    outsider = as_user("outsider").post(
        f"/api/v1/councils/{world.council.pk}/letters/{letter.pk}/scan", {"scan": SimpleUploadedFile("x.pdf", PDF)}
    )
    assert outsider.status_code == 404


def test_protected_letter_scan_only_by_the_granted(world, as_user, settings, tmp_path, standing):
    settings.MEDIA_ROOT = tmp_path
    letter = receive(world, category=Category.DENUNCIATION, protected=True, summary="Tố cáo")
    url = f"/don-thu/{letter.pk}/ban-quet/tai-len/"
    assert as_user("office").post(url, {"scan": SimpleUploadedFile("x.pdf", PDF)}).status_code == 404
    services.grant_create(
        case=letter.cases.get(), grantee=world.users["office"], reason="Thụ lý", user=world.users["office_chief"]
    )
    assert as_user("office").post(url, {"scan": SimpleUploadedFile("x.pdf", PDF)}).status_code == 302


def test_case_linked_to_a_supervision_round_is_listed_on_its_page(world, as_user):
    from supervision.services import round_create

    committee = BodyFactory(council=world.council, kind=BodyKind.COMMITTEE, name="Ban Pháp chế")
    round = round_create(
        council=world.council,
        body=committee,
        subject="Giám sát việc giải quyết khiếu nại, tố cáo",
        supervised=[world.agency],
        set_up_on=datetime.date(2025, 5, 5),
    )
    letter = receive(world, summary="Kiến nghị được giám sát")
    case = letter.cases.get()
    client = as_user("office")
    assert client.post(f"/don-thu/noi-dung/{case.pk}/giam-sat/", {"round": round.pk}).status_code == 302
    page = client.get(f"/giam-sat/dot/{round.pk}/")
    assert page.status_code == 200
    assert "Kiến nghị được giám sát" in page.content.decode() and NAME not in page.content.decode()
    other = round_create(
        council=world.other_council,
        body=BodyFactory(council=world.other_council, kind=BodyKind.COMMITTEE),
        subject="Khác",
        supervised=[BodyFactory(council=world.other_council)],
        set_up_on=datetime.date(2025, 5, 5),
    )
    api = client.post(
        f"/api/v1/councils/{world.council.pk}/letter-cases/{case.pk}/supervision-round",
        {"round_id": other.pk},
        content_type="application/json",
    )
    assert api.status_code == 404 and "đợt giám sát" in api.json()["detail"]
    api = client.post(
        f"/api/v1/councils/{world.council.pk}/letter-cases/{case.pk}/supervision-round",
        {"round_id": None},
        content_type="application/json",
    )
    assert api.status_code == 200 and api.json()["cases"][0]["supervision_round_id"] is None


def test_refusal_and_chase_through_the_api_and_the_screens(world, as_user, standing):
    letter = receive(world)
    base = f"/api/v1/councils/{world.council.pk}"
    body = {
        "ground": "da_tra_loi",
        "established_on": "2026-07-06",
        "earlier": "Công văn số 12/UBND ngày 02/03/2026",
        "signer_title": "Phó Chủ tịch",
        "signer_name": "Trần B",
    }
    client = as_user("office")
    assert (
        as_user("outsider")
        .post(f"{base}/letters/{letter.pk}/refusal", body, content_type="application/json")
        .status_code
        == 404
    )
    assert (
        as_user("delegate")
        .post(f"{base}/letters/{letter.pk}/refusal", body, content_type="application/json")
        .status_code
        == 403
    )
    bad = client.post(f"{base}/letters/{letter.pk}/refusal", {**body, "ground": "x"}, content_type="application/json")
    assert bad.status_code == 400 and "căn cứ từ chối" in bad.json()["detail"] and not letter.refusals.exists()
    made = client.post(f"{base}/letters/{letter.pk}/refusal", body, content_type="application/json")
    assert made.status_code == 201 and made.json()["due_on"] == "2026-07-09"
    page = client.get(f"/don-thu/{letter.pk}/").content.decode()
    assert "Thông báo từ chối tiếp công dân" in page and "hạn gửi 09/07/2026" in page
    form = client.get(f"/don-thu/{letter.pk}/tu-choi-tiep/")
    assert form.status_code == 200 and "Căn cứ từ chối tiếp" in form.content.decode()
    refused = client.post(f"/don-thu/{letter.pk}/tu-choi-tiep/", {"ground": "", "established_on": "06/07/2026"})
    assert refused.status_code == 400 and letter.refusals.count() == 1
    nothing = client.post(
        f"{base}/letter-chases", {"signer_title": "P", "signer_name": "T"}, content_type="application/json"
    )
    assert nothing.status_code == 400 and "quá hạn" in nothing.json()["detail"]
