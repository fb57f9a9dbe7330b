"""The annual report's notes are Word footnotes, each after the figure it explains (seed 000, section I.2):
one for the written opinions, one per conducting body of the supervision rounds."""

import datetime
import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from docx import Document as Docx
from docx.oxml.ns import qn

from documents.checker import assert_nd30
from documents.services import document_render_docx
from registry.demo import demo_council, seed
from reports import figures as figures_mod
from reports import services
from reports.figures import Figure, Figures
from reports.texts import DEFAULTS, render

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _figures(**values: object) -> Figures:
    items = {k: Figure(k, k, v) for k, v in values.items()}
    return Figures(council=None, year=2024, items=items, footnotes={"written_opinions": "Về phương án tăng thu."})


def test_each_body_gets_its_note_after_its_own_clause() -> None:
    figures = _figures(written_opinions=6, unit="thị xã")
    figures.items["supervision_text"] = Figure(
        "supervision_text",
        "Giám sát",
        "",
        parts=[
            ("Thường trực HĐND thị xã tổ chức 01 đợt giám sát và 01 đợt khảo sát", "Về quản lý đất đai."),
            ("Ban Kinh tế - Xã hội HĐND thị xã tổ chức 02 đợt giám sát", "Về công tác quản lý trật tự đô thị."),
            ("Ban Pháp chế HĐND thị xã tổ chức 02 đợt giám sát", "Về công tác xét xử các vụ án dân sự."),
        ],
    )
    notes: list[str] = []
    text = render(DEFAULTS["I.2.b"] + "\n" + DEFAULTS["I.2.c"], figures, notes).text
    assert "06 nội dung do UBND thị xã trình xin ý kiến[^1]." in text
    assert (
        "Trong năm, Thường trực HĐND thị xã tổ chức 01 đợt giám sát và 01 đợt khảo sát[^2]; Ban Kinh tế - Xã hội HĐND "
        "thị xã tổ chức 02 đợt giám sát[^3]; Ban Pháp chế HĐND thị xã tổ chức 02 đợt giám sát[^4]. Qua giám sát"
    ) in text
    assert notes[1:] == [
        "Về quản lý đất đai.",
        "Về công tác quản lý trật tự đô thị.",
        "Về công tác xét xử các vụ án dân sự.",
    ]
    # Last year's prose, with the old tokens that put every mark at the end of the sentence.
    old = "trong năm, {{supervision_text}}{{fn:supervision_1}}{{fn:supervision_2}}{{fn:supervision_3}}."
    assert render(old, figures, []).text.endswith("02 đợt giám sát[^3].")


def test_zero_figures_are_worded_not_00() -> None:
    figures = _figures(recommendations=3, recommendations_done=0, recommendations_overdue=0, unit="thị xã")
    text = render(DEFAULTS["I.2.d"], figures, []).text
    assert "00" not in text
    assert "theo dõi, đôn đốc việc thực hiện 03 kiến nghị sau giám sát, trong đó chưa có kiến nghị nào được " in text
    assert "chưa có kiến nghị nào quá hạn." in text
    figures = _figures(sessions=2, regular_sessions=2, thematic_sessions=0, resolutions=4, unit="thị xã", year="2024")
    text = render(DEFAULTS["I.2.a"], figures, []).text
    assert "(trong đó 02 kỳ họp thường lệ và chưa có kỳ họp chuyên đề nào)" in text


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.django_db
def test_the_issued_report_of_the_demo_has_word_footnotes_after_their_figures() -> None:
    seed()
    council = demo_council()
    report = services.report_get_or_create(council=council, year=2024)
    services.report_rate(
        report=report, ratings={k: "tot" for k in ("I.1", "I.2", "I.3", "I.4")}, classification="hoan_thanh_tot"
    )
    report = services.report_issue(report=report, user=None, on=datetime.date(2025, 1, 10))
    assert "Ghi chú" not in report.document.body
    docx = document_render_docx(report.document)
    assert_nd30(docx)
    package = zipfile.ZipFile(io.BytesIO(docx))
    footnotes = package.read("word/footnotes.xml").decode()
    texts = re.findall(r'<w:footnote w:id="(\d+)">.*?<w:t xml:space="preserve"> (.*?)</w:t>', footnotes)
    figures = figures_mod.compute(council=council, year=2024)
    bodies = figures.items["supervision_text"].parts
    assert len(bodies) == 3  # Thường trực, Ban Kinh tế - Xã hội, Ban Pháp chế
    assert [t for _, t in texts] == [figures.footnotes["written_opinions"], *[note for _, note in bodies]]
    assert len(figures.footnotes["written_opinions"].split("; ")) == 6
    # Each reference sits right after its figure, in the paragraph's text order.
    doc = Docx(io.BytesIO(docx))
    marked = []
    for paragraph in doc.paragraphs:
        before = ""
        for child in paragraph._p.iter(f"{W}t", f"{W}footnoteReference"):
            if child.tag == f"{W}t":
                before += child.text or ""
            else:
                marked.append((before, child.get(qn("w:id"))))
    assert marked[0][0].endswith("06 nội dung do UBND thị xã trình xin ý kiến")
    clauses = [before for before, _ in marked[1:]]
    assert clauses[0].endswith("Thường trực HĐND thị xã tổ chức 01 đợt giám sát và 01 đợt khảo sát")
    assert clauses[1].endswith("Ban Kinh tế - Xã hội HĐND thị xã tổ chức 02 đợt giám sát")
    assert clauses[2].endswith("Ban Pháp chế HĐND thị xã tổ chức 02 đợt giám sát")
    if _soffice() is None:
        return
    # LibreOffice opens the file and reads four footnotes; the PDF is made.
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "bao-cao.docx"
        source.write_bytes(docx)
        for target in ("odt", "pdf"):
            subprocess.run(
                [
                    _soffice(),
                    f"-env:UserInstallation=file://{tmp}/profile",
                    "--headless",
                    "--convert-to",
                    target,
                    "--outdir",
                    tmp,
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=180,
            )
        content = zipfile.ZipFile(Path(tmp) / "bao-cao.odt").read("content.xml").decode()
        assert content.count('text:note-class="footnote"') == 4
        assert (Path(tmp) / "bao-cao.pdf").stat().st_size > 10_000
