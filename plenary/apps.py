from django.apps import AppConfig


class PlenaryConfig(AppConfig):
    name = "plenary"
    verbose_name = "Kỳ họp"

    def ready(self) -> None:
        from django.urls import reverse

        from documents.sources import register_source_kind
        from followup.kinds import register_kind, register_source_link
        from hdnd.history import register_value_label
        from hdnd.home import register_home_section
        from plenary import home, imports, services  # noqa: F401  (imports: registers the resolutions' import target)
        from plenary.access import AGENCY, MY_DOCUMENTS, ROLE_PERMISSIONS, VIEW
        from plenary.demo import seed
        from plenary.models import CHECKLISTS, Session, Submission, Verification
        from plenary.selectors import session_held_on
        from plenary.wording import session_document_body
        from registry.access import register_permissions
        from registry.context_processors import NAVIGATION
        from registry.demo import SEEDERS
        from standing.programme_links import register_programme_link
        from supervision.sessions import register_session_finder

        for role, perms in ROLE_PERMISSIONS.items():
            register_permissions(role, perms)
        for entry in (
            ("Kỳ họp", "plenary:session_list", VIEW),
            ("Tài liệu kỳ họp của tôi", "plenary:my_documents", MY_DOCUMENTS),
            ("Hồ sơ trình kỳ họp của cơ quan", "plenary:agency_submissions", AGENCY),
        ):
            if entry not in NAVIGATION:
                NAVIGATION.append(entry)
        register_kind(services.SUBMISSION_DUE, "Gửi hồ sơ trình kỳ họp")
        # A file's checklist keeps the codes of its parts: its history names them.
        parts = {code: label for items in CHECKLISTS.values() for code, label in reversed(items)}
        register_value_label(
            "plenary.Submission", "checklist", lambda codes: "; ".join(parts.get(c, c) for c in codes) or "—"
        )
        # The answering body's report on its task (screen or API) is the written answer: it lands on the question.
        register_kind(services.WRITTEN_ANSWER, "Trả lời chất vấn bằng văn bản", on_report=services.question_reported)
        # The committee's report on its task (screen or API) is its verification report: it lands on the
        # verification; acceptance, return, extension and cancellation are read from the obligation itself.
        register_kind(
            services.VERIFICATION_DUE, "Báo cáo thẩm tra hồ sơ trình kỳ họp", on_report=services.verification_reported
        )
        register_kind(services.COMMITMENT, "Thực hiện lời hứa sau chất vấn")
        register_kind(services.RESOLUTION_REPORT, "Báo cáo thực hiện nghị quyết")
        register_source_kind(
            Session,
            label="Kỳ họp HĐND",
            url=lambda s: reverse("plenary:session_detail", args=[s.pk]),
            compose=session_document_body,
            perms=(VIEW,),
        )
        register_source_kind(
            Submission,
            label="Hồ sơ trình kỳ họp",
            url=lambda s: reverse("plenary:submission_detail", args=[s.pk]),
            perms=(VIEW,),
        )
        register_source_kind(
            Verification,
            label="Thẩm tra hồ sơ trình",
            url=lambda v: reverse("plenary:submission_detail", args=[v.submission_id]),
            perms=(VIEW,),
        )
        register_source_link("plenary.session", "plenary:session_detail", "Xem kỳ họp", perms=(VIEW,))
        register_source_link("plenary.submission", "plenary:submission_detail", "Xem hồ sơ trình", perms=(VIEW,))
        register_home_section(home.sections)
        # What carried out an item of a work programme of standing.
        register_programme_link(Session, name="Kỳ họp", date_field="opens_on", url_name="plenary:session_detail")
        # Which session a supervision programme's session day is (its page names and links it).
        register_session_finder(session_held_on)
        if seed not in SEEDERS:
            SEEDERS.append(seed)
