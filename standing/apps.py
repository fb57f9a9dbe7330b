from django.apps import AppConfig


class StandingConfig(AppConfig):
    name = "standing"
    verbose_name = "Thường trực HĐND"

    def ready(self) -> None:
        from django.urls import reverse

        from documents.sources import register_source_kind
        from followup.kinds import register_kind, register_source_link
        from registry.access import register_permissions
        from registry.context_processors import NAVIGATION
        from registry.demo import LATE_SEEDERS, SEEDERS
        from standing.access import ROLE_PERMISSIONS, VIEW
        from standing.demo import seed, seed_programmes
        from standing.models import Conference, Meeting, OpinionRequest
        from standing.programme_links import register_programme_link
        from standing.services import CONCLUSION_TASK, WRITTEN_OPINION_REQUEST, conclusion_tasks_assign, reply_issued
        from standing.wording import conference_document_body, meeting_document_body, reply_document_body

        for role, perms in ROLE_PERMISSIONS.items():
            register_permissions(role, perms)
        register_kind(CONCLUSION_TASK, "Nhiệm vụ theo kết luận của Thường trực")
        register_kind(WRITTEN_OPINION_REQUEST, "Đề nghị Thường trực cho ý kiến bằng văn bản")
        register_source_link("standing.meeting", "standing:meeting_detail", "Xem phiên họp Thường trực", perms=(VIEW,))
        register_source_kind(
            Meeting,
            label="Phiên họp Thường trực",
            url=lambda m: reverse("standing:meeting_detail", args=[m.pk]),
            # The notice, issued from any screen, assigns its tasks at once (idempotent).
            on_issue=lambda meeting, document, user: (
                conclusion_tasks_assign(record=meeting, user=user) if document.pk == meeting.notice_id else None
            ),
            compose=meeting_document_body,
            perms=(VIEW,),
        )
        register_source_kind(
            Conference,
            label="Hội nghị của Thường trực",
            url=lambda c: reverse("standing:conference_detail", args=[c.pk]),
            on_issue=lambda conference, document, user: (
                conclusion_tasks_assign(record=conference, user=user) if document.pk == conference.document_id else None
            ),
            compose=conference_document_body,
            perms=(VIEW,),
        )
        register_source_kind(
            OpinionRequest,
            label="Đề nghị cho ý kiến bằng văn bản",
            url=lambda r: reverse("standing:opinion_detail", args=[r.pk]),
            on_issue=reply_issued,
            compose=reply_document_body,
            perms=(VIEW,),
        )
        register_programme_link(
            Meeting, name="Phiên họp Thường trực", date_field="held_on", url_name="standing:meeting_detail"
        )
        register_programme_link(
            Conference, name="Hội nghị", date_field="held_on", url_name="standing:conference_detail"
        )
        entry = ("Thường trực", "standing:meeting_list", VIEW)
        if entry not in NAVIGATION:
            NAVIGATION.append(entry)
        if seed not in SEEDERS:
            SEEDERS.append(seed)
        # The programmes link to sessions and supervision rounds, whose apps seed after this one.
        if seed_programmes not in LATE_SEEDERS:
            LATE_SEEDERS.append(seed_programmes)
