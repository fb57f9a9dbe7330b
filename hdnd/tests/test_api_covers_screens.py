"""Issue 14 item 3: everything a user can do on a screen, an authorised client can do through the API.

The test walks every view of the URLconf that accepts a POST (reads `request.POST`/`request.FILES`, runs a
form, or is a class-based view) and fails when no API operation stands beside it: the operation whose
`url_name` is the view's name (optionally prefixed with its app, or `petition_` for the petitions app), or
the one named in API_FOR_VIEW. Screens with no API counterpart need a reason in NO_API.
"""

import inspect
from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver

from hdnd.api import api

# Screen → API operation where the names differ.
API_FOR_VIEW = {
    "registry:council_edit": "council_update",
    "registry:body_edit": "body_update",
    "registry:setting_edit": "setting_set",
    "registry:calendar_day_add": "calendar_add",
    "registry:user_grant": "grant_create",
    "registry:role_revoke": "grant_delete",
    "registry:account": "token_create",
    "documents:document_edit": "document_update",
    "documents:issuer_edit": "issuer_update",
    "documents:series_edit": "series_set",
    "standing:meeting_edit": "standing_meeting_update",
    "standing:paragraph_delete": "standing_part_delete",
    "standing:part_edit": "standing_agenda_update",
    "standing:conference_edit": "standing_conference_update",
    "plenary:session_edit": "plenary_session_update",
    "plenary:document_add": "plenary_session_document_add",
    "plenary:convening_link": "plenary_convening",
    "plenary:convening_generate": "plenary_convening",
    "supervision:round_edit": "supervision_round_update",
    "supervision:programme_edit": "supervision_programme_update",
    "petitions:meeting_detail": "petition_bulk_create",
    "petitions:meeting_edit": "petition_meeting_update",
    "petitions:place_list": "petition_place_create",
    "petitions:place_edit": "petition_place_update",
    "petitions:field_list": "petition_field_create",
    "petitions:petition_edit": "petition_update",
    "petitions:round_forward": "petition_forward",
    "petitions:round_answer_report": "petition_answer_report",
    "petitions:round_answers_notice": "petition_answers_notice",
    "reports:activity_report": "activity_report_create",
    "reports:annual_report_edit": "annual_report_update",
    "reception:case_classify": "letter_case_classify",
    "reception:case_forward": "letter_case_forward",
    "reception:case_grant": "letter_grant",
    "reception:case_split": "letter_case_split",
    "reception:case_told": "letter_case_told",
    "reception:case_round": "letter_case_round",
    "reception:chase_make": "letter_chase_make",
    "reception:grant_revoke": "letter_grant_revoke",
    "reception:roster_edit": "roster_set",
    "reception:session_create": "reception_create",
    "reception:session_notice": "reception_notice",
    "reception:session_task_add": "reception_task_add",
    "reception:from_petition": "letter_from_petition",
    "imports:start": "import_upload",
    "imports:upload": "import_upload",
    "imports:confirm": "import_confirm",
    "imports:cancel": "import_cancel",
}

WEBAUTHN = "the WebAuthn ceremony runs between the browser and its authenticator"
# Screens that belong to an interactive session, not to a client holding a token.
NO_API = {
    ":login": "signing in opens a browser session; the API authenticates each call with a personal token",
    ":logout": "ends the browser session; a client revokes its token (POST /tokens/{id}/revoke)",
    ":password_change": "a person's password is typed by that person on the screen, never sent by a client",
    ":password_change_done": "the confirmation page of the password change",
    "registry:council_switch": "chooses the council of the browser session; API paths name the council",
    "registry:otp_setup": "the second factor of an interactive sign-in (tokens are the API's credential)",
    "registry:otp_verify": "the second factor of an interactive sign-in (tokens are the API's credential)",
    "registry:passkey_remove": "a passkey is a second factor of an interactive sign-in (tokens: the API's credential)",
    "otp_webauthn:credential-registration-begin": WEBAUTHN,
    "otp_webauthn:credential-registration-complete": WEBAUTHN,
    "otp_webauthn:credential-authentication-begin": WEBAUTHN,
    "otp_webauthn:credential-authentication-complete": WEBAUTHN,
    "otp_webauthn:js-i18n-catalog": "the passkey script's messages (a read, not a write)",
}

# Screen actions still without an operation: none (issue 14 item 3). Kept as a set so that a gap, if one is
# ever allowed, is named here with its reason in NO_API.
NOT_YET: set[str] = set()

WRITE_MARKS = ("request.POST", "require_POST", "request.FILES", "run_form(", 'method == "POST"')


def _views(resolver: URLResolver | None = None, namespace: str = "") -> Iterator[tuple[str, object]]:
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if str(entry.pattern).startswith(("api/", "quan-tri/")):
                continue
            yield from _views(entry, entry.namespace or namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}:{entry.name}", entry.callback


def _writes(callback: object) -> bool:
    if hasattr(callback, "view_class"):
        return True
    try:
        source = inspect.getsource(inspect.unwrap(callback))
    except (OSError, TypeError):
        return True
    return any(mark in source for mark in WRITE_MARKS)


def _operations() -> set[str]:
    return {
        operation.url_name
        for _prefix, router in api._routers
        for path_view in router.path_operations.values()
        for operation in path_view.operations
        if operation.url_name
    }


def test_every_write_screen_has_an_api_operation_beside_it() -> None:
    operations = _operations()
    writes = {name for name, callback in _views() if _writes(callback)}
    assert len(writes) > 100
    missing = []
    for name in sorted(writes - set(NO_API) - NOT_YET):
        app, view = name.split(":")
        candidates = {view, f"{app}_{view}", f"petition_{view}", API_FOR_VIEW.get(name, "")}
        if not candidates & operations:
            missing.append(name)
    assert missing == [], f"write screens with no API operation: {missing}"
    # The lists name real screens and real operations, so they cannot rot unnoticed.
    assert set(API_FOR_VIEW) | set(NO_API) | NOT_YET <= writes
    assert set(API_FOR_VIEW.values()) <= operations
