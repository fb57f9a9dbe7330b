"""Public records for the open-data tests, made through the services as the screens make them."""

import datetime

from documents import services as documents
from documents.models import DocType, Document
from documents.tests.factories import issued, published
from plenary import services as plenary
from plenary.models import ItemKind, Session
from plenary.tests.factories import committee, make_session, make_submission, set_due_days, ubnd
from registry import services as registry
from registry.models import BodyKind, Council, MemberRole, Term
from registry.tests.factories import BodyFactory, PersonFactory

D = datetime.date


def public_council(rows: int, *, term: Term) -> Session:
    """A council with `rows` of each public record: delegates (in a committee), agenda items, posted session
    documents, published documents, votes with their published resolutions. Returns the session."""
    council = term.council
    set_due_days(council)
    group = BodyFactory(council=council, kind=BodyKind.DELEGATE_GROUP, name=f"Tổ đại biểu {council.pk}")
    ban = committee(council)
    for n in range(rows):
        person = PersonFactory(council=council, full_name=f"Trần Thị Công Khai {n}", email=f"bimat{n}@example.vn")
        registry.delegate_create(term=term, person=person, elected_on=D(2021, 5, 23), group=group)
        registry.membership_create(person=person, body=ban, role=MemberRole.MEMBER, starts_on=D(2021, 7, 1))
    session = make_session(council, term)
    agency = ubnd(council)
    for n in range(rows):
        plenary.agenda_item_add(session=session, kind=ItemKind.REPORT, title=f"Báo cáo số {n}")
        document = published(council, subject=f"Thông báo công khai số {n}")
        plenary.session_document_add(session=session, title=f"Tài liệu {n}", document=document, public=True)
        submission = make_submission(session, agency, title=f"Tờ trình nghị quyết {n}")
        plenary.vote_record(submission=submission, voted_on=D(2024, 12, 18), yes=rows, no=0, abstain=0, user=None)
        resolution = plenary.resolution_issue(
            submission=submission,
            subject=f"Nghị quyết số {n}",
            text="Nội dung nghị quyết",
            issued_on=D(2024, 12, 19),
            signer_name="Nguyễn Văn Ký",
            user=None,
        )
        plenary.resolution_publish(resolution=resolution, user=None)
    return session


def unpublished(council: Council) -> Document:
    """An issued document not yet published."""
    return issued(council, doc_type=DocType.THONG_BAO, subject="Thông báo chưa công khai")


def publish(document: Document) -> Document:
    return documents.document_publish(document=document, user=None)


def withdraw(document: Document) -> Document:
    return documents.document_withdraw(document=document, user=None, reason="Ban hành nhầm, thu hồi")
