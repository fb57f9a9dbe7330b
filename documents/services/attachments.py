"""Files attached to documents (the signed scan comes after issuing)."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from documents.models import Attachment, Document
from hdnd.saving import validated_save
from hdnd.text import clean
from registry.services import council_accepts

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


@transaction.atomic
def attachment_add(*, document: Document, file: UploadedFile, user: AbstractBaseUser | None) -> Attachment:
    """Attach a file; an issued document still takes attachments (the signed scan comes after issuing), not
    once its council has ceased (`council_accepts`)."""
    council_accepts(document.council, None, field="file")
    if file.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"file": "Tệp quá lớn (tối đa 20 MB)."})
    name = clean(file.name)[:200] or "tep-dinh-kem"
    return validated_save(Attachment(document=document, file=file, name=name, uploaded_by=user))
