"""Every write of the sessions app. Each validates, saves in one transaction, leaves history behind, and
creates the obligations (follow-up engine) and documents (document register) that go with it.

Modules: sessions, submissions (and verification), votes (and resolutions), questioning, sittings,
session_documents (attachments, convening decision, minutes); _common holds the shared save and checks.
Wording (the minutes' text) is in plenary.wording.
"""

from plenary.services._common import (
    COMMITMENT,
    RESOLUTION_REPORT,
    SUBMISSION_DUE,
    VERIFICATION_DUE,
    WRITTEN_ANSWER,
    council_open_on,
)
from plenary.services.actions import submission_allowed_actions
from plenary.services.questioning import (
    commitment_create,
    question_answer,
    question_create,
    question_reported,
)
from plenary.services.session_documents import (
    MAX_FILE_BYTES,
    document_open,
    documents_due_on,
    minutes_generate,
    session_convening_generate,
    session_convening_link,
    session_document_add,
    session_document_set_public,
    session_documents_send,
)
from plenary.services.sessions import (
    SESSION_FIELDS,
    agenda_item_add,
    session_create,
    session_update,
)
from plenary.services.sittings import (
    attendance_record,
    group_discussion_add,
    speech_add,
)
from plenary.services.submissions import (
    submission_create,
    submission_due_on,
    submission_receive,
    submission_resubmit,
    submission_return,
    verification_assign,
    verification_explain,
    verification_report,
    verification_reported,
)
from plenary.services.votes import (
    resolution_issue,
    resolution_publish,
    vote_record,
)
from plenary.wording import (
    minutes_text,
    term_name,
)

__all__ = [
    "COMMITMENT",
    "MAX_FILE_BYTES",
    "RESOLUTION_REPORT",
    "SESSION_FIELDS",
    "SUBMISSION_DUE",
    "VERIFICATION_DUE",
    "WRITTEN_ANSWER",
    "agenda_item_add",
    "attendance_record",
    "commitment_create",
    "council_open_on",
    "document_open",
    "documents_due_on",
    "group_discussion_add",
    "minutes_generate",
    "minutes_text",
    "question_answer",
    "question_create",
    "question_reported",
    "resolution_issue",
    "resolution_publish",
    "session_convening_generate",
    "session_convening_link",
    "session_create",
    "session_document_add",
    "session_document_set_public",
    "session_documents_send",
    "session_update",
    "speech_add",
    "submission_allowed_actions",
    "submission_create",
    "submission_due_on",
    "submission_receive",
    "submission_resubmit",
    "submission_return",
    "term_name",
    "verification_assign",
    "verification_explain",
    "verification_report",
    "verification_reported",
    "vote_record",
]
