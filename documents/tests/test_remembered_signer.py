"""The signer and recipients of the last document of a type are offered for the next one (issue 18)."""

import pytest
from django.urls import reverse

from documents.models import DocType
from documents.selectors import last_signer
from documents.tests.factories import draft

pytestmark = pytest.mark.django_db


def test_new_document_starts_from_the_last_signer_of_its_type(world, as_user) -> None:
    assert last_signer(council=world.council, doc_type=DocType.CONG_VAN) == {}
    draft(world.council, doc_type=DocType.CONG_VAN, signer_title="Phó Chủ tịch", signer_name="Nguyễn Thị Kiều")
    draft(world.council, doc_type=DocType.THONG_BAO, signer_title="Chánh Văn phòng", signer_name="Nguyễn Viết Thanh")
    remembered = last_signer(council=world.council, doc_type=DocType.CONG_VAN)
    assert remembered["signer_name"] == "Nguyễn Thị Kiều" and remembered["recipient_lines"] == "TT Thị ủy\nUBND thị xã"
    form = as_user("office").get(f"{reverse('documents:document_create')}?loai={DocType.CONG_VAN}").content.decode()
    assert 'value="Nguyễn Thị Kiều"' in form and 'value="Phó Chủ tịch"' in form
    other = as_user("office").get(f"{reverse('documents:document_create')}?loai={DocType.THONG_BAO}").content.decode()
    assert 'value="Nguyễn Viết Thanh"' in other
    # Another council's documents are never offered.
    assert last_signer(council=world.other_council, doc_type=DocType.CONG_VAN) == {}
