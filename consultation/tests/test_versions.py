"""Versions are kept and numbered; a draft splits into its articles from a pasted text or a DOCX; the public
page and the API show what changed between versions, article by article."""

import io
from types import SimpleNamespace

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from consultation import drafting, services
from consultation.models import DraftVersion
from consultation.tests.conftest import DRAFT


def test_split_keeps_the_preamble_and_each_article() -> None:
    articles = drafting.split_articles(DRAFT)
    assert [(a.number, a.heading) for a in articles] == [
        (0, "Phần mở đầu"),
        (1, "Điều 1. Phạm vi điều chỉnh"),
        (2, "Điều 2. Đối tượng áp dụng"),
        (3, "Điều 3. Mức hỗ trợ"),
    ]
    assert articles[3].text == "Mức hỗ trợ 100.000 đồng/người/ngày."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Vui lòng nhập toàn văn dự thảo."),
        ("Chỉ có một đoạn văn, không có điều nào.", "Không tìm thấy điều nào"),
        ("Điều 1. A\nx\nĐiều 1. B\ny", "Số điều bị lặp: Điều 1."),
    ],
)
def test_a_text_without_proper_articles_is_refused(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as exc:
        drafting.split_articles(text)
    assert message in " ".join(exc.value.messages)


def _docx(lines: list[str]) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_versions_are_numbered_kept_and_compared(world: object, open_consultation: object, as_user: object) -> None:
    c = open_consultation
    office = as_user("office")
    second = DRAFT.replace("100.000 đồng", "150.000 đồng").replace(
        "Điều 2. Đối tượng áp dụng\nCán bộ, công chức tiếp công dân tại trụ sở.\n", ""
    )
    content = _docx([*second.splitlines(), "Điều 4. Hiệu lực", "Có hiệu lực từ ngày ký."])
    response = office.post(
        f"/y-kien-du-thao/du-thao/{c.pk}/phien-ban/them/",
        {"file": SimpleUploadedFile("du-thao-2.docx", content), "note": "Sau góp ý"},
    )
    assert response.status_code == 302
    versions = list(DraftVersion.objects.filter(consultation=c).order_by("number"))
    assert [(v.number, v.file_name) for v in versions] == [(1, ""), (2, "du-thao-2.docx")]
    assert list(versions[0].articles.values_list("number", flat=True)) == [0, 1, 2, 3]  # version 1 unchanged
    assert list(versions[1].articles.values_list("number", flat=True)) == [0, 1, 3, 4]

    page = as_user(None).get(f"/y-kien-du-thao/{world.council.pk}/{c.pk}/").content.decode()
    assert "Những thay đổi từ phiên bản 1 đến phiên bản 2" in page
    assert "<del>100.000</del><ins>150.000</ins>" in page
    assert "Điều mới" in page and "Đã bỏ" in page

    changes = as_user(None).get(f"/api/v1/public/councils/{world.council.pk}/consultations/{c.pk}").json()["changes"]
    by_number = {d["number"]: d for d in changes}
    assert by_number[2]["change"] == "removed" and by_number[4]["change"] == "added"
    assert by_number[1]["change"] == "same"
    assert {"kind": "ins", "text": "150.000"} in by_number[3]["pieces"]


def test_a_file_that_is_not_a_word_document_is_refused(
    world: object, open_consultation: object, as_user: object
) -> None:
    response = as_user("office").post(
        f"/y-kien-du-thao/du-thao/{open_consultation.pk}/phien-ban/them/",
        {"file": SimpleUploadedFile("du-thao.docx", b"khong phai docx")},
    )
    assert response.status_code == 200
    assert "Tệp không phải văn bản Word (.docx) đọc được." in response.content.decode()
    assert DraftVersion.objects.filter(consultation=open_consultation).count() == 1
    with pytest.raises(ValidationError, match="Chỉ nhận tệp Word"):
        services.version_add_docx(consultation=open_consultation, content=b"x", file_name="a.pdf", user=None)


def test_the_api_adds_a_version_from_text_and_from_docx(
    world: object, open_consultation: object, as_user: object
) -> None:
    office = as_user("office")
    base = f"/api/v1/councils/{world.council.pk}/consultations/{open_consultation.pk}"
    response = office.post(
        base + "/versions", {"text": DRAFT + "\nĐiều 4. Hiệu lực\nTừ ngày ký."}, content_type="application/json"
    )
    assert response.status_code == 201 and response.json()["number"] == 2
    response = office.post(base + "/versions/docx", {"file": SimpleUploadedFile("v3.docx", _docx(DRAFT.splitlines()))})
    assert response.status_code == 201 and response.json()["number"] == 3
    response = office.post(
        base + "/versions/docx", {"file": SimpleUploadedFile("v4.docx", _docx(["Không có điều nào"]))}
    )
    assert response.status_code == 400 and "Không tìm thấy điều nào" in response.json()["detail"]
    diff = office.get(base + "/changes?tu=2&den=3").json()
    assert {d["number"]: d["change"] for d in diff}[4] == "removed"


def test_article_count_leaves_out_the_preamble() -> None:
    from consultation.models import Article, DraftVersion

    articles = [Article(number=0, heading="Phần mở đầu"), Article(number=1), Article(number=2)]
    # The property reads `articles.all()` (prefetched on the pages): a stand-in holds them without a database.
    version = SimpleNamespace(articles=SimpleNamespace(all=lambda: articles))
    assert DraftVersion.article_count.fget(version) == 2


def test_report_counts_word_zeros() -> None:
    from consultation.wording import _article_counts, _overall_counts

    assert _overall_counts(0, 2, 0, 0) == (
        "Chưa có cơ quan nào trong 02 cơ quan được lấy ý kiến gửi góp ý; "
        "chưa có ý kiến nào của tổ chức, cá nhân được đăng tải."
    )
    assert _overall_counts(1, 2, 1, 3).startswith("Có 01/02 cơ quan được lấy ý kiến gửi góp ý với 01 ý kiến;")
    assert _article_counts(1, 0, 1) == "Có 01 ý kiến, đều của tổ chức, cá nhân."
    assert _article_counts(2, 1, 1) == "Có 02 ý kiến (01 của cơ quan, 01 của tổ chức, cá nhân)."
    assert "00" not in _article_counts(1, 1, 0)
