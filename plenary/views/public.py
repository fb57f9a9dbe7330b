"""What the public sees of a council's sessions (no login)."""

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render

from documents import services as documents_services
from plenary import selectors
from plenary.views._common import PAGE_SIZE
from registry.selectors import public_council_get


def public_index(request: HttpRequest, council_id: int) -> HttpResponse:
    council = public_council_get(council_id)
    sessions = list(selectors.public_sessions(council_id=council.pk)[:PAGE_SIZE])
    return render(request, "plenary/public_index.html", {"council": council, "sessions": sessions})


def public_session(request: HttpRequest, council_id: int, pk: int) -> HttpResponse:
    session, docs = selectors.public_session_get(council_id=council_id, pk=pk)
    return render(request, "plenary/public_session.html", {"session": session, "docs": docs})


def public_file(request: HttpRequest, pk: int) -> HttpResponse:
    doc = selectors.public_document_get(pk=pk)
    if doc.file:
        return FileResponse(doc.file.open("rb"), as_attachment=True, filename=doc.file_name)
    content = documents_services.document_render_docx(doc.document)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f'attachment; filename="tai-lieu-{doc.pk}.docx"'
    return response
