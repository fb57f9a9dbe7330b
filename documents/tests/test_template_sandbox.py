"""Templates are code written by office staff: they render in Jinja's sandbox, and users' text is data."""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document as open_docx

from documents import services
from documents.checker import assert_nd30
from documents.models import DocumentTemplate
from documents.rendering import SAMPLE, RenderError, render_docx
from documents.tests.factories import issued
from documents.tests.test_templates import _edited


def _payload(marker: Path) -> str:
    """The payload found in the audit, writing a file instead of printing `id` so its effect is visible."""
    return "{{ cycler.__init__.__globals__.os.popen('touch " + str(marker) + "').read() }}"


PAYLOADS = [
    "{{ subject.__class__.__mro__[1].__subclasses__() }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ lipsum.__globals__['os'] }}",
    "{{ extra.__class__.__init__.__globals__ }}",
    "{{ subject|attr('__class__') }}",
    "{{ range(10**9)|length }}",
    "{{ 'x' * 1000000000 }}",
    "{{ 9**9**9 }}",
    "{{ subject.format.__globals__ }}",
]


@pytest.mark.django_db
def test_rce_payload_uploaded_through_the_screen_runs_nothing(world, as_user, tmp_path) -> None:
    marker = tmp_path / "pwned"
    shipped = services.template_for(council=world.council, doc_type="thong_bao")
    content = _edited(shipped, "{{ subject }}", _payload(marker))
    response = as_user("office").post(
        reverse("documents:template_upload", args=["thong_bao"]), {"file": SimpleUploadedFile("mau.docx", content)}
    )
    assert response.status_code == 200
    assert "mẫu bị từ chối" in response.content.decode().lower()
    assert not marker.exists()
    assert not DocumentTemplate.objects.exists()


@pytest.mark.django_db
def test_rce_payload_uploaded_through_the_api_runs_nothing(world, as_user, tmp_path) -> None:
    marker = tmp_path / "pwned"
    shipped = services.template_for(council=world.council, doc_type="nghi_quyet")
    content = _edited(shipped, "{{ subject }}", _payload(marker))
    response = as_user("office_chief").post(
        f"/api/v1/councils/{world.council.pk}/document-templates/nghi_quyet",
        {"file": SimpleUploadedFile("nq.docx", content)},
    )
    assert response.status_code == 400
    assert "Mẫu bị từ chối" in response.json()["detail"]
    assert not marker.exists()
    assert not DocumentTemplate.objects.exists()


@pytest.mark.django_db
def test_a_template_stored_before_the_sandbox_cannot_run_when_a_document_is_rendered(world, tmp_path) -> None:
    marker = tmp_path / "pwned"
    shipped = services.template_for(council=world.council, doc_type="thong_bao")
    # Written straight to the table, as an upload accepted by an earlier version would be.
    DocumentTemplate.objects.create(
        council=world.council, doc_type="thong_bao", content=_edited(shipped, "{{ subject }}", _payload(marker))
    )
    with pytest.raises(Exception, match="Mẫu bị từ chối"):
        services.document_render_docx(issued(world.council, doc_type="thong_bao"))
    assert not marker.exists()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_escape_is_refused(payload: str) -> None:
    shipped = services.shipped_template("thong_bao")
    with pytest.raises(RenderError):
        render_docx(_edited(shipped, "{{ subject }}", payload), SAMPLE)


def test_users_text_with_template_marks_renders_as_written() -> None:
    subject = "Về việc {{ cycler.__init__.__globals__ }} và {% if %} 100% {#"
    data = SAMPLE.__class__(**{**SAMPLE.__dict__, "subject": subject, "signer_name": "Nguyễn {{ Văn }}"})
    rendered = render_docx(services.shipped_template("thong_bao"), data)
    text = "\n".join(p.text for p in open_docx(io.BytesIO(rendered)).paragraphs)
    assert subject in text
    assert (
        "Nguyễn {{ Văn }}"
        in "\n".join(p.text for t in open_docx(io.BytesIO(rendered)).tables for c in t._cells for p in c.paragraphs)
        + text
    )
    assert_nd30(rendered)


@pytest.mark.django_db
def test_a_document_whose_subject_holds_braces_can_be_produced(world) -> None:
    document = issued(world.council)
    document.subject = "Trả lời {{ kiến nghị }} số 5"
    document.save()
    rendered = services.document_render_docx(document)
    assert "Trả lời {{ kiến nghị }} số 5" in "\n".join(p.text for p in open_docx(io.BytesIO(rendered)).paragraphs)
