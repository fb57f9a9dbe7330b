"""Screens of voter contacts and petitions: rounds, meetings with fast entry, import, duplicates,
forwarding, answers, reports, and the public pages (no login, no personal data)."""

from petitions.views._common import PAGE_SIZE
from petitions.views.answers import (
    report_counts,
    round_answer_report,
    round_answers_by_unit,
    round_answers_notice,
    round_forward,
)
from petitions.views.contacts import (
    field_list,
    meeting_create,
    meeting_delete,
    meeting_detail,
    meeting_edit,
    place_edit,
    place_list,
    round_create,
    round_detail,
    round_list,
    round_publish,
)
from petitions.views.imports import (
    import_template,
    round_import,
)
from petitions.views.petitions import (
    EXPORT_LIMIT,
    petition_accept,
    petition_answer,
    petition_detail,
    petition_edit,
    petition_export,
    petition_export_download,
    petition_export_start,
    petition_export_status,
    petition_list,
    petition_merge,
    petition_split,
    round_duplicates,
)
from petitions.views.public import (
    public_round_detail,
    public_round_list,
)

__all__ = [
    "EXPORT_LIMIT",
    "PAGE_SIZE",
    "field_list",
    "import_template",
    "meeting_create",
    "meeting_delete",
    "meeting_detail",
    "meeting_edit",
    "petition_accept",
    "petition_answer",
    "petition_detail",
    "petition_edit",
    "petition_export",
    "petition_export_download",
    "petition_export_start",
    "petition_export_status",
    "petition_list",
    "petition_merge",
    "petition_split",
    "place_edit",
    "place_list",
    "public_round_detail",
    "public_round_list",
    "report_counts",
    "round_answer_report",
    "round_answers_by_unit",
    "round_answers_notice",
    "round_create",
    "round_detail",
    "round_duplicates",
    "round_forward",
    "round_import",
    "round_list",
    "round_publish",
]
