"""Councils' own DOCX templates: checked against ND30 on upload, reset to the shipped one."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from documents.checker import check_nd30
from documents.docx_build import SHIPPED
from documents.models import DocType, DocumentTemplate
from documents.rendering import SAMPLE, RenderError, render_docx, shipped_template
from hdnd.text import clean
from registry.models import Council
from registry.services import council_accepts

MAX_TEMPLATE_BYTES = 5 * 1024 * 1024


def template_for(*, council: Council, doc_type: str) -> bytes:
    """The template a document of this type uses: the council's own, else the shipped one."""
    own = {t.doc_type: t for t in DocumentTemplate.objects.filter(council=council, doc_type__in=[doc_type, ""])}
    if doc_type in own:
        return bytes(own[doc_type].content)
    if doc_type not in SHIPPED and "" in own:
        return bytes(own[""].content)
    return shipped_template(doc_type)


def template_validate(content: bytes) -> None:
    """Refuse a template that is not a DOCX, does not render, or renders outside the ND30 format."""
    if len(content) > MAX_TEMPLATE_BYTES:
        raise ValidationError({"file": "Tệp mẫu quá lớn (tối đa 5 MB)."})
    try:
        rendered = render_docx(content, SAMPLE)
    except RenderError as exc:
        raise ValidationError({"file": str(exc)}) from exc
    problems = check_nd30(rendered)
    if problems:
        raise ValidationError({"file": "Văn bản tạo từ mẫu chưa đúng thể thức: " + " ".join(problems)})


@transaction.atomic
def template_upload(
    *, council: Council, doc_type: str, content: bytes, filename: str, user: AbstractBaseUser | None
) -> DocumentTemplate:
    """Store a council's template for a type ('' = generic) after rendering it with a sample document."""
    council_accepts(council, None, field="file")  # a ceased council's templates stay as they were
    if doc_type and doc_type not in DocType.values:
        raise ValidationError({"doc_type": "Loại văn bản không hợp lệ."})
    template_validate(content)
    template, _ = DocumentTemplate.objects.get_or_create(
        council=council, doc_type=doc_type, defaults={"content": content, "filename": filename, "uploaded_by": user}
    )
    template.content, template.filename, template.uploaded_by = content, clean(filename)[:200], user
    template.save()
    return template


@transaction.atomic
def template_reset(*, council: Council, doc_type: str) -> None:
    """Go back to the shipped template for a type."""
    council_accepts(council, None, field="file")  # a ceased council's templates stay as they were
    for template in DocumentTemplate.objects.filter(council=council, doc_type=doc_type):
        template.delete()
