"""A verification reads its progress from its committee's obligation (issue 13): whichever screen or route
moves the obligation — the follow-up engine's, as the committee or the office — the submission's page, the
session's page and the session's API say the same; the committee's report on its task is the
verification's report (its text, and the Báo cáo thẩm tra of the register it links through the API). The
data migration leaves the report day with the obligation and copies it back when going back."""

import datetime

import pytest

from documents import services as documents
from documents.models import Authority, DocType
from followup.models import Obligation, State
from hdnd.testing import migrate_to, migrate_to_latest
from plenary import services
from plenary.models import Verification
from plenary.tests.factories import committee, make_session, make_submission, set_due_days
from registry import services as registry_services
from registry.models import Role
from registry.tests.factories import UserFactory

D = datetime.date


@pytest.fixture
def verification(world) -> Verification:
    set_due_days(world.council, 20)
    session = make_session(world.council, world.term, number=22, opens_on=D(2024, 12, 18), created_on=D(2024, 11, 1))
    submission = make_submission(session, world.agency)
    ban = committee(world.council)
    member = UserFactory(username="ban-ktxh")
    registry_services.role_grant(user=member, council=world.council, role=Role.AGENCY_USER, body=ban)
    world.users["ban-ktxh"] = member
    return services.verification_assign(submission=submission, committee=ban, assigned_on=D(2024, 11, 20), user=None)


def shown(world, verification: Verification, as_user) -> dict:
    """What every screen says about the verification, read afresh."""
    office = as_user("office")
    page = office.get(f"/ky-hop/ho-so/{verification.submission_id}/").content.decode()
    report = page[page.index('id="bao-cao-tham-tra"') :]
    report = report[: report.index("</dd>")]
    progress = page[page.index("Hạn báo cáo thẩm tra") :]
    progress = progress[: progress.index("</dd>")]
    session_page = office.get(f"/ky-hop/{verification.submission.session_id}/").content.decode()
    row = session_page[session_page.index(verification.submission.title) :]
    row = row[: row.index("</tr>")]
    api = office.get(f"/api/v1/councils/{world.council.pk}/sessions/{verification.submission.session_id}")
    assert api.status_code == 200, api.content
    [out] = api.json()["submissions"]
    fresh = Verification.objects.select_related("obligation").get(pk=verification.pk)
    return {
        "fresh": fresh,
        "report": report,
        "progress": progress,
        "row": row,
        "offers_report": f"/ky-hop/ho-so/{verification.submission_id}/bao-cao-tham-tra/" in page,
        "api": out["verification"],
    }


def _report_document(world, verification: Verification) -> object:
    """The committee's Báo cáo thẩm tra, issued in the register (as a committee does outside the session's
    screens) and then linked to its task through the API."""
    document = documents.document_create(
        council=world.council,
        doc_type=DocType.BAO_CAO,
        subject="Thẩm tra tờ trình về dự toán ngân sách",
        body="Ban Kinh tế - Xã hội đã thẩm tra.",
        signer_authority=Authority.TM,
        signer_collective=verification.committee.name,
        signer_title="Trưởng ban",
        signer_name="Trần Văn Hùng",
        recipient_lines="- Thường trực HĐND;",
        issued_on=D(2024, 12, 9),
        user=None,
    )
    return documents.document_issue(document=document, user=None, issued_on=D(2024, 12, 9))


@pytest.mark.django_db
def test_the_follow_up_engine_moves_the_verification(world, verification, as_user) -> None:
    ob = Obligation.objects.get(pk=verification.obligation_id)
    now = shown(world, verification, as_user)
    assert now["fresh"].reported_on is None and "Chưa có" in now["report"] and now["offers_report"]
    assert "Tiến độ: Đã giao" in now["progress"] and "Đã giao (hạn 06/12/2024" in now["row"]
    assert now["api"]["progress"] == "da_giao" and now["api"]["reported_on"] is None

    # The committee reports done on its task page: the report and its day land on the verification.
    response = as_user("ban-ktxh").post(
        f"/theo-doi/{ob.pk}/bao-cao/", {"kind": "hoan_thanh", "text": "Ban đã thẩm tra, đề nghị thông qua."}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    reported_on = Obligation.objects.get(pk=ob.pk).reported_on
    day = reported_on.strftime("%d/%m/%Y")
    now = shown(world, verification, as_user)
    assert now["fresh"].reported_on == reported_on and now["fresh"].report_text == "Ban đã thẩm tra, đề nghị thông qua."
    assert day in now["report"] and "Ban đã thẩm tra, đề nghị thông qua." in now["report"]
    assert "Tiến độ: Đã báo cáo hoàn thành" in now["progress"] and not now["offers_report"]
    assert f"Đã báo cáo (đã báo cáo hoàn thành {day})" in now["row"]
    assert now["api"]["progress"] == "da_bao_cao" and now["api"]["reported_on"] == reported_on.isoformat()
    assert now["api"]["report_text"] == "Ban đã thẩm tra, đề nghị thông qua." and now["api"]["report_id"] is None

    # The office returns it through the API: owed again, on every screen, and the plenary screen offers it.
    api = f"/api/v1/councils/{world.council.pk}/obligations/{ob.pk}"
    response = as_user("office").post(f"{api}/return", {"reason": "Thiếu số liệu."}, content_type="application/json")
    assert response.status_code == 200, response.content
    now = shown(world, verification, as_user)
    assert now["fresh"].reported_on is None and "Chưa có" in now["report"] and now["offers_report"]
    assert "Tiến độ: Bị trả lại" in now["progress"] and "Bị trả lại (hạn 06/12/2024" in now["row"]
    assert now["api"]["progress"] == "tra_lai" and now["api"]["reported_on"] is None

    # Extended on the follow-up screen: the verification's deadline moves.
    response = as_user("office").post(f"/theo-doi/{ob.pk}/gia-han/", {"due_on": "12/12/2024", "reason": "Chờ số liệu."})
    assert response.status_code == 302
    now = shown(world, verification, as_user)
    assert "12/12/2024" in now["progress"] and "hạn 12/12/2024" in now["row"] and now["api"]["due_on"] == "2024-12-12"

    # The committee reports again through the API with its report document; the office accepts on the screen.
    document = _report_document(world, verification)
    response = as_user("ban-ktxh").post(
        f"{api}/report",
        {
            "text": "Ban đã thẩm tra lại.",
            "done": True,
            "reply_label": "",
            "reply_type": "documents.document",
            "reply_id": document.pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert as_user("office").post(f"/theo-doi/{ob.pk}/chap-nhan/", {"text": ""}).status_code == 302
    reported_on = Obligation.objects.get(pk=ob.pk).reported_on
    now = shown(world, verification, as_user)
    assert Obligation.objects.get(pk=ob.pk).state == State.ACCEPTED
    assert now["fresh"].report_id == document.pk and now["fresh"].reported_on == reported_on
    assert document.number_symbol in now["report"] and f"/van-ban/{document.pk}/" in now["report"]
    assert "Tiến độ: Đã hoàn thành" in now["progress"] and not now["offers_report"]
    assert f"(đã hoàn thành {reported_on.strftime('%d/%m/%Y')})" in now["row"]
    assert now["api"]["progress"] == "hoan_thanh" and now["api"]["report_id"] == document.pk
    assert now["api"]["report_text"] == "Ban đã thẩm tra lại."


@pytest.mark.django_db
def test_a_progress_report_lands_nothing_and_a_cancelled_one_owes_nothing(world, verification, as_user) -> None:
    ob = Obligation.objects.get(pk=verification.obligation_id)
    response = as_user("ban-ktxh").post(f"/theo-doi/{ob.pk}/bao-cao/", {"kind": "tien_do", "text": "Đang khảo sát."})
    assert response.status_code == 302
    now = shown(world, verification, as_user)
    assert now["fresh"].report_text == "" and now["fresh"].reported_on is None and "Chưa có" in now["report"]
    assert "Tiến độ: Đang thực hiện" in now["progress"] and now["api"]["progress"] == "dang_thuc_hien"

    response = as_user("office").post(f"/theo-doi/{ob.pk}/huy/", {"reason": "Cơ quan rút tờ trình."})
    assert response.status_code == 302
    now = shown(world, verification, as_user)
    assert "Không còn phải báo cáo" in now["report"] and "Không còn phải báo cáo" in now["row"]
    assert "Tiến độ: Đã hủy" in now["progress"] and not now["offers_report"] and now["api"]["progress"] == "da_huy"
    with pytest.raises(Exception, match="đã được hủy"):
        services.verification_report(
            verification=now["fresh"],
            conclusion="tan_thanh",
            text="Muộn.",
            reported_on=D(2024, 12, 10),
            signer_name="Trần Văn Hùng",
            user=None,
        )


@pytest.mark.django_db
def test_the_plenary_screen_report_keeps_its_text_conclusion_and_document(world, verification, as_user) -> None:
    response = as_user("office").post(
        f"/ky-hop/ho-so/{verification.submission_id}/bao-cao-tham-tra/",
        {
            "conclusion": "tan_thanh",
            "text": "Ban thống nhất với tờ trình.",
            "reported_on": "05/12/2024",
            "signer_name": "Trần Văn Hùng",
            "signer_title": "Trưởng ban",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    now = shown(world, verification, as_user)
    fresh = now["fresh"]
    assert fresh.reported_on == D(2024, 12, 5) and fresh.obligation.state == State.REPORTED_DONE
    assert fresh.conclusion == "tan_thanh" and fresh.report_text == "Ban thống nhất với tờ trình."
    update = fresh.obligation.updates.order_by("pk").last()
    assert update.reply == fresh.report  # the obligation's timeline links the document that closed it
    assert fresh.report.number_symbol in now["report"] and "05/12/2024 — Tán thành" in now["report"]
    assert "Tán thành (đã báo cáo hoàn thành 05/12/2024)" in now["row"]
    assert now["api"]["reported_on"] == "2024-12-05" and now["api"]["conclusion"] == "tan_thanh"


@pytest.mark.django_db(transaction=True)
def test_migration_leaves_the_report_day_with_the_obligation(world, verification) -> None:
    services.verification_report(
        verification=Verification.objects.select_related("obligation", "submission__session__council", "committee").get(
            pk=verification.pk
        ),
        conclusion="tan_thanh",
        text="Ban đã thẩm tra.",
        reported_on=D(2024, 12, 5),
        signer_name="Trần Văn Hùng",
        user=None,
    )
    try:
        old = migrate_to([("plenary", "0009_verification_due_on_obligation")])
        OldVerification = old.get_model("plenary", "Verification")
        assert OldVerification.objects.get(pk=verification.pk).reported_on == D(2024, 12, 5)  # going back copies it
        migrate_to([("plenary", "0010_verification_reported_on_obligation")])
    finally:
        migrate_to_latest()
    kept = Verification.objects.select_related("obligation").get(pk=verification.pk)
    assert kept.reported_on == D(2024, 12, 5) and kept.conclusion == "tan_thanh" and kept.report_id is not None
