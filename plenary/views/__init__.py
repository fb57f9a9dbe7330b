"""The session screens: thin views over `plenary.services` and `plenary.selectors`."""

from plenary.views._common import (
    PAGE_SIZE,
)
from plenary.views.documents import (
    document_add,
    document_file,
    document_open,
    document_public,
    documents_send,
    my_documents,
    not_opened,
)
from plenary.views.public import (
    public_file,
    public_index,
    public_session,
)
from plenary.views.questioning import (
    commitment_create,
    question_answer,
    question_create,
)
from plenary.views.sessions import (
    agenda_add,
    convening_generate,
    convening_link,
    lateness_report,
    minutes_generate,
    session_create,
    session_detail,
    session_edit,
    session_list,
)
from plenary.views.sittings import (
    attendance,
    group_discussion_add,
    group_discussion_detail,
    speech_add,
)
from plenary.views.submissions import (
    agency_submissions,
    resolution_issue,
    resolution_publish,
    submission_create,
    submission_detail,
    submission_receive,
    submission_resubmit,
    submission_return,
    verification_assign,
    verification_explain,
    verification_report,
    vote_record,
)

__all__ = [
    "PAGE_SIZE",
    "agency_submissions",
    "agenda_add",
    "attendance",
    "commitment_create",
    "convening_generate",
    "convening_link",
    "document_add",
    "document_file",
    "document_open",
    "document_public",
    "documents_send",
    "group_discussion_add",
    "group_discussion_detail",
    "lateness_report",
    "minutes_generate",
    "my_documents",
    "not_opened",
    "public_file",
    "public_index",
    "public_session",
    "question_answer",
    "question_create",
    "resolution_issue",
    "resolution_publish",
    "session_create",
    "session_detail",
    "session_edit",
    "session_list",
    "speech_add",
    "submission_create",
    "submission_detail",
    "submission_receive",
    "submission_resubmit",
    "submission_return",
    "verification_assign",
    "verification_explain",
    "verification_report",
    "vote_record",
]
