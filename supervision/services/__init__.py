"""Every write of supervision: programmes, rounds and surveys, their milestones, recommendations, regular review.

Deadlines come from `registry.calendar.compute` and the rules of the supervision law in force on the day
their counting starts (`registry.rules`). A round's milestones are obligations, which hold their due dates;
a programme's draft and adoption are obligations of the standing committee too; its proposals' day is a
date-type rule's, stored with its basis.
Recommendations, supervised bodies' reports and requests to fix a document become obligations of the
follow-up engine, which then carries reporting, acceptance and return.

Modules: rounds, milestones, recommendations, programmes, reviews; _common holds the shared save and
checks. Wording (signer, the report's text) is in supervision.wording.
"""

from supervision.services._common import (
    BODY_REPORT,
    MILESTONE,
    MULTILINE,
    PROGRAMME_MILESTONE,
    RECOMMENDATION,
    UNLAWFUL_DOCUMENT,
)
from supervision.services.actions import (
    review_allowed_actions,
    round_allowed_actions,
)
from supervision.services.milestones import (
    first_visit,
    milestone_bases,
    milestones_follow,
    report_rule,
)
from supervision.services.programmes import (
    PROGRAMME_FIELDS,
    item_add,
    programme_create,
    programme_milestone_bases,
    programme_milestones_follow,
    programme_publish,
    programme_update,
)
from supervision.services.recommendations import (
    recommendation_add,
    recommendation_report_document,
)
from supervision.services.reviews import (
    review_create,
    review_record,
)
from supervision.services.rounds import (
    ROUND_FIELDS,
    body_reports_request,
    decision_generate,
    member_add,
    member_check,
    report_record,
    round_consider,
    round_create,
    round_publish,
    round_update,
    session_add,
)
from supervision.wording import (
    recommendation_report_body,
    signer,
    supervised_text,
)

__all__ = [
    "BODY_REPORT",
    "MILESTONE",
    "MULTILINE",
    "PROGRAMME_FIELDS",
    "PROGRAMME_MILESTONE",
    "RECOMMENDATION",
    "ROUND_FIELDS",
    "UNLAWFUL_DOCUMENT",
    "body_reports_request",
    "decision_generate",
    "first_visit",
    "item_add",
    "member_add",
    "member_check",
    "milestone_bases",
    "milestones_follow",
    "programme_create",
    "programme_milestone_bases",
    "programme_milestones_follow",
    "programme_publish",
    "programme_update",
    "recommendation_add",
    "recommendation_report_body",
    "recommendation_report_document",
    "report_record",
    "report_rule",
    "review_allowed_actions",
    "review_create",
    "review_record",
    "round_allowed_actions",
    "round_consider",
    "round_create",
    "round_publish",
    "round_update",
    "session_add",
    "signer",
    "supervised_text",
]
