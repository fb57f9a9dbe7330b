"""Permissions of the sessions app, added to the roles of `registry.access` when the app loads."""

from registry.models import Role

VIEW = "plenary.view"  # sessions, submissions, verification, votes, resolutions of the council
EDIT = "plenary.edit"  # create sessions, record submissions, documents to delegates, attendance, speeches
ASSIGN = "plenary.assign"  # assign submissions to committees for verification (the standing committee)
VERIFY = "plenary.verify"  # record a committee's verification report
VOTE = "plenary.vote"  # record votes and issue resolutions: the office only
QUESTION = "plenary.question"  # register question slips
MY_DOCUMENTS = "plenary.my_documents"  # a delegate's own page of session documents
AGENCY = "plenary.agency"  # an agency user: the submissions of their own agency, nothing else

_OFFICE = {VIEW, EDIT, ASSIGN, VERIFY, VOTE, QUESTION}
ROLE_PERMISSIONS: dict[str, set[str]] = {
    Role.ADMIN: _OFFICE,
    Role.OFFICE_CHIEF: _OFFICE,
    Role.OFFICE_STAFF: _OFFICE,
    Role.STANDING_MEMBER: {VIEW, ASSIGN},
    Role.COMMITTEE_MEMBER: {VIEW, VERIFY},
    Role.DELEGATE: {VIEW, QUESTION, MY_DOCUMENTS},
    Role.AGENCY_USER: {AGENCY},
}
