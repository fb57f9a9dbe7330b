"""Every write of voter contacts and petitions. Each validates, saves in one transaction, leaves history.

round_create, place_create, place_update, meeting_create, meeting_update, meeting_delete,
field_defaults_ensure, field_create, petition_create, petitions_bulk_create,
petition_update, petitioner_add, petition_merge, petition_split, petitions_forward, petition_answer,
petition_accept, round_publish, answer_report_create, answers_notice_create.

Modules: contacts (rounds, places, meetings, fields), petitions (recording, merging, splitting), answers
(forwarding, answers, reports), access_log; _common holds the shared save. Wording is in petitions.wording,
reads in petitions.selectors (re-exported here for old callers).
"""

from petitions.selectors import (
    child_units,
    contact_places,
    is_upper_level,
    upper_body,
)
from petitions.services._common import (
    ANSWER_RULE,
    OBLIGATION_KIND,
)
from petitions.services.access_log import (
    ACCESS_KINDS,
    log_personal_access,
    personal_log,
)
from petitions.services.actions import allowed_actions, answer_accepted
from petitions.services.answers import (
    answer_report_create,
    answers_notice_create,
    petition_accept,
    petition_answer,
    petition_reported,
    petitions_forward,
    record_answer,
)
from petitions.services.contacts import (
    field_create,
    field_defaults_ensure,
    meeting_create,
    meeting_delete,
    meeting_update,
    place_create,
    place_update,
    round_create,
    round_publish,
)
from petitions.services.petitions import (
    PetitionData,
    level_default,
    levels_allowed,
    petition_create,
    petition_errors,
    petition_merge,
    petition_split,
    petition_update,
    petitioner_add,
    petitions_bulk_create,
)
from petitions.wording import (
    attribution,
    personal_label,
    petition_summary,
    round_label,
)

__all__ = [
    "ACCESS_KINDS",
    "ANSWER_RULE",
    "OBLIGATION_KIND",
    "PetitionData",
    "allowed_actions",
    "answer_accepted",
    "answer_report_create",
    "answers_notice_create",
    "attribution",
    "child_units",
    "contact_places",
    "field_create",
    "field_defaults_ensure",
    "is_upper_level",
    "level_default",
    "levels_allowed",
    "log_personal_access",
    "meeting_create",
    "meeting_delete",
    "meeting_update",
    "personal_label",
    "personal_log",
    "petition_accept",
    "petition_answer",
    "petition_create",
    "petition_errors",
    "petition_merge",
    "petition_reported",
    "petition_split",
    "petition_summary",
    "petition_update",
    "petitioner_add",
    "petitions_bulk_create",
    "petitions_forward",
    "place_create",
    "place_update",
    "record_answer",
    "round_create",
    "round_label",
    "round_publish",
    "upper_body",
]
